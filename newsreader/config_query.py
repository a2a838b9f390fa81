"""The query settings of config.toml: [views], [[filters]] and [retention], each checked with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from newsreader.config import _Checker

FilterAction = Literal["delete", "read", "hide"]
FILTER_ACTIONS = ("delete", "read", "hide")
_DURATION = re.compile(r"\s*(\d{1,6})\s*([hdwy])\s*")
_UNITS = {"h": 3600.0, "d": 86400.0, "w": 7 * 86400.0, "y": 365 * 86400.0}
_FILTERS_HEADER = re.compile(r"^\s*\[\[\s*filters\s*\]\]")


@dataclass(frozen=True, slots=True)
class Filter:
    """A query and what to do with the new articles it matches at refresh."""

    query: str
    action: FilterAction


@dataclass(frozen=True, slots=True)
class Retention:
    """How many articles a feed keeps and for how long (None: no bound); starred ones are always kept."""

    max_articles_per_feed: int | None = None
    max_age: float | None = None  # seconds


def duration(text: str) -> float | None:
    """ "180d" as seconds (h, d, w, y), None if it is not one."""
    m = _DURATION.fullmatch(text)
    return int(m.group(1)) * _UNITS[m.group(2)] if m else None


def _query_problem(query: str) -> str | None:
    from newsreader.query import QuerySyntaxError, parse

    try:
        parse(query)
    except QuerySyntaxError as exc:
        return str(exc)
    return None


def check_views(check: _Checker, raw: dict[str, Any]) -> dict[str, str]:
    views: dict[str, str] = {}
    for name, query in raw.items():
        where = ("views", name)
        if not isinstance(query, str) or not name.strip():
            check.problem(where, '[views] each view is a name = "query"')
            continue
        problem = _query_problem(query)
        if problem:
            check.problem(where, f"[views] {name}: {problem}")
            continue
        views[name] = query
    return views


def check_filters(check: _Checker, raw: Any) -> tuple[Filter, ...]:
    # tomllib gives no positions and the key index keeps only the first table of an array: the
    # header lines of [[filters]] are found here, in order.
    headers = [n for n, line in enumerate(check.lines.text.splitlines(), 1) if _FILTERS_HEADER.match(line)]
    if not isinstance(raw, list):
        check.problem(("filters",), "filters must be [[filters]] tables, each with query and action")
        return ()
    found: list[Filter] = []
    for i, item in enumerate(raw):
        line = headers[i] if i < len(headers) else check.lines.line_of(("filters",))

        def problem(message: str, line: int | None = line) -> None:
            from newsreader.config import ConfigProblem

            check.problems.append(ConfigProblem(check.path, line, message))

        if not isinstance(item, dict):
            problem("[[filters]] each filter is a table with query and action")
            continue
        unknown = [k for k in item if k not in ("query", "action")]
        if unknown:
            problem(f"[[filters]] unknown setting {unknown[0]}")
            continue
        query, action = item.get("query"), item.get("action")
        if not isinstance(query, str) or not query.strip():
            problem('[[filters]] query must be a query ("title:sponsored")')
            continue
        if action not in FILTER_ACTIONS:
            problem(f"[[filters]] action must be one of {', '.join(FILTER_ACTIONS)}")
            continue
        if bad := _query_problem(query):
            problem(f"[[filters]] query: {bad}")
            continue
        found.append(Filter(query, action))
    return tuple(found)


def check_retention(check: _Checker, raw: dict[str, Any]) -> Retention:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = ("retention", key)
        if key == "max_articles_per_feed":
            got = check.whole(where, "[retention] max_articles_per_feed", value, 1, 10_000_000)
            if got is not None:
                values[key] = got
        elif key == "max_age":
            seconds = duration(value) if isinstance(value, str) else None
            if seconds is None or seconds <= 0:
                check.problem(where, '[retention] max_age must be a duration like "180d" (h, d, w or y)')
            else:
                values[key] = seconds
        else:
            check.unknown(where, f"[retention] {key}")
    return Retention(**values)
