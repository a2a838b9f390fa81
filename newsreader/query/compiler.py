"""A tree of terms to SQL over `articles a`: full-text terms become FTS5 MATCH expressions.

Neighbouring full-text terms are merged into one MATCH (a AND b, a OR b, a NOT b), because one
FTS5 lookup that intersects its own lists is much cheaper than several joined in SQL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from newsreader.query.index_key import id_sql, key_sql
from newsreader.query.syntax import Age, And, Date, Everything, FeedIs, Flag, Has, Node, Not, Or, TagIs, Text

DATE = "coalesce(a.published, a.first_seen)"
FTS_IN = f"a.id IN (SELECT {id_sql('rowid')} FROM articles_fts WHERE articles_fts MATCH ?)"
# The same, as a check on each article a walk meets: keys come from the index in order, so the set of
# them is built by appending, where ids in date order are not (1,000,000 articles, "harbour OR starred":
# 222 ms with ids, 76 ms with keys).
FTS_CHECK = f"+{key_sql('a')} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
FEED_IN = "a.feed_id IN ("
# What a full-text term looks through when the index cannot be used (LIKE is case-insensitive for ASCII).
SCAN_TEXT = {
    "any": "(a.title || ' ' || coalesce(a.clean_authors, '') || ' ' || a.authors || ' ' || coalesce(a.body, a.content_html)"
    " || ' ' || coalesce(a.contacts, '') || ' ' || coalesce(a.credits, '') || ' ' || coalesce(a.notes, ''))",
    "title": "a.title",
    "author": "(coalesce(a.clean_authors, '') || ' ' || a.authors)",
}
_FTS_COLUMN = {"any": "", "title": "title : ", "author": "authors : "}
_NONEMPTY = "(a.{0} IS NOT NULL AND a.{0} NOT IN ('', '[]'))"


@dataclass(frozen=True, slots=True)
class Compiled:
    """SQL for a WHERE clause over `articles a`, with its arguments.

    For ranking: `match` is the full-text part every result must match (None if there is none), and
    `rest` / `rest_args` the condition left beside it.
    """

    where: str
    args: tuple[object, ...]
    match: str | None = None
    rest: str = "1"
    rest_args: tuple[object, ...] = field(default=())
    state: Literal["unread", "read", "starred"] | None = None  # a flag every result has
    # The feeds every result is in (feed: and tag: terms at the top), as SELECTs of feed ids.
    feed_sets: tuple[tuple[str, tuple[object, ...]], ...] = ()
    # Terms every result meets that an index lists (has: at the top), as conditions on `articles a`.
    listed: tuple[tuple[str, tuple[object, ...]], ...] = ()
    # Every result is dated at or after since and before until (after:, before: and age: at the top).
    since: float | None = None
    until: float | None = None
    # An OR of words and other terms, as branches the store answers one by one (_branches).
    branches: tuple[Compiled, ...] = ()

    def walking(self, *, feeds: bool = True) -> str:
        """where, with its full-text (and, with feeds, feed) terms made checks rather than the place a
        plan starts from: for a common word or a tag of many feeds, walking the date index and checking
        each article beats sorting every match."""
        where = self.where.replace(FTS_IN, FTS_CHECK)
        return where.replace(FEED_IN, "+" + FEED_IN) if feeds else where


def compile_query(
    node: Node,
    *,
    now: float | None = None,
    index: bool = True,
    unindexed: bool = False,
    enclosures: str | None = None,
) -> Compiled:
    """SQL for node. index=False matches text by scanning (for a few new articles, not yet indexed);
    unindexed=True also scans the articles the index lacks (a read-only store cannot catch it up).
    enclosures is the SQL telling whether an article has an enclosure (None: the store keeps none)."""
    c = _Compiler(time.time() if now is None else now, index, unindexed, enclosures)
    where, args = c.sql(node)
    parts = list(node.nodes) if isinstance(node, And) else [node]
    flags = [n.name for n in parts if isinstance(n, Flag)]
    state = "starred" if "starred" in flags else flags[0] if flags else None
    feed_sets = tuple(_feed_set(c, n) for n in parts if _feed_terms(n))
    since = max((b for n in parts if (b := _lower(n, c.now)) is not None), default=None)
    until = min((b for n in parts if (b := _upper(n, c.now)) is not None), default=None)
    listed = tuple((sql, tuple(a)) for sql, a in map(c.leaf, (n for n in parts if isinstance(n, Has))))
    bounds = {"state": state, "feed_sets": feed_sets, "listed": listed, "since": since, "until": until}
    if not index:
        return Compiled(where, tuple(args), **bounds)
    fts = [n for n in parts if _fts_positive(n)]
    match = (
        _fts_and(fts, [n.node for n in parts if isinstance(n, Not) and _fts(n.node) is not None])
        if fts
        else None
    )
    if match is None or unindexed:
        branches = () if unindexed else _branches(node, now=c.now, enclosures=enclosures)
        return Compiled(where, tuple(args), branches=branches, **bounds)
    rest = [
        n for n in parts if not _fts_positive(n) and not (isinstance(n, Not) and _fts(n.node) is not None)
    ]
    rest_where, rest_args = c.sql(And(tuple(rest))) if rest else ("1", [])
    return Compiled(where, tuple(args), match, rest_where, tuple(rest_args), **bounds)


def _feed_terms(node: Node) -> bool:
    """Whether node limits the feeds: feed: or tag:, or an OR of them."""
    return isinstance(node, FeedIs | TagIs) or (isinstance(node, Or) and all(map(_feed_terms, node.nodes)))


def _feed_set(c: _Compiler, node: Node) -> tuple[str, tuple[object, ...]]:
    """A SELECT of the ids of the feeds node allows, with its arguments."""
    if isinstance(node, Or):
        sets = [_feed_set(c, n) for n in node.nodes]
        return " UNION ".join(sql for sql, _ in sets), tuple(a for _, args in sets for a in args)
    sql, args = c.leaf(node)
    return sql[len(FEED_IN) : -1], tuple(args)


def _branches(node: Node, *, now: float, enclosures: str | None) -> tuple[Compiled, ...]:
    """An OR that mixes words with other terms (harbour feed:a OR ferry feed:b, harbour OR starred),
    as its branches, each compiled alone (the words together): each branch can start from its own
    index and the store merges their answers. () for anything else."""
    if not isinstance(node, Or) or _fts(node) is not None:
        return ()
    words = [n for n in node.nodes if _fts(n) is not None]
    others = [n for n in node.nodes if _fts(n) is None]
    grouped = ([Or(tuple(words))] if len(words) > 1 else words) + others
    branches = tuple(compile_query(n, now=now, enclosures=enclosures) for n in grouped)
    return branches if any(FTS_IN in b.where for b in branches) else ()


def _lower(node: Node, now: float) -> float | None:
    """The date node says every result is dated at or after (None: it says none)."""
    if isinstance(node, Date) and node.op == "after":
        return node.when
    if isinstance(node, Age) and node.op == "<":
        return now - node.seconds
    return None


def _upper(node: Node, now: float) -> float | None:
    """The date node says every result is dated before."""
    if isinstance(node, Date) and node.op == "before":
        return node.when
    if isinstance(node, Age) and node.op == ">":
        return now - node.seconds
    return None


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts(node: Node) -> str | None:
    """node as one FTS5 expression, or None if part of it is not full text."""
    if isinstance(node, Text):
        return _FTS_COLUMN[node.field] + _quote(node.value) + ("*" if node.kind == "prefix" else "")
    if isinstance(node, Or):
        parts = [_fts(n) for n in node.nodes]
        return None if None in parts else "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        pos = [n for n in node.nodes if not isinstance(n, Not)]
        neg = [n.node for n in node.nodes if isinstance(n, Not)]
        if not pos or not all(_fts_positive(n) for n in pos) or any(_fts(n) is None for n in neg):
            return None
        return _fts_and(pos, neg)
    return None


def _fts_positive(node: Node) -> bool:
    return not isinstance(node, Not) and _fts(node) is not None


def _fts_and(pos: list[Node], neg: list[Node]) -> str:
    expr = "(" + " AND ".join(_fts(n) for n in pos) + ")"  # type: ignore[misc]
    for n in neg:  # FTS5's NOT is binary: what the left side matches, less what the right does
        expr = f"({expr} NOT {_fts(n)})"
    return expr


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class _Compiler:
    def __init__(self, now: float, index: bool, unindexed: bool, enclosures: str | None) -> None:
        self.now = now
        self.index = index
        self.unindexed = unindexed
        self.enclosures = enclosures

    def sql(self, node: Node) -> tuple[str, list[object]]:
        if self.index and (expr := _fts(node)) is not None:
            return self.match(node, expr)
        if isinstance(node, Text):
            return self.scan(node)
        if isinstance(node, And | Or):
            return self.group(node)
        if isinstance(node, Not):
            inner, args = self.sql(node.node)
            return f"NOT ({inner})", args
        return self.leaf(node)

    def match(self, node: Node, expr: str) -> tuple[str, list[object]]:
        if not self.unindexed:
            return FTS_IN, [expr]
        self.index = False
        try:
            scan, args = self.sql(node)
        finally:
            self.index = True
        return f"({FTS_IN} OR (a.indexed = 0 AND {scan}))", [expr, *args]

    def group(self, node: And | Or) -> tuple[str, list[object]]:
        joiner = " AND " if isinstance(node, And) else " OR "
        parts: list[str] = []
        args: list[object] = []
        rest = list(node.nodes)
        if self.index:
            if isinstance(node, And):
                pos = [n for n in rest if _fts_positive(n)]
                neg = [n for n in rest if isinstance(n, Not) and _fts(n.node) is not None]
                if pos and len(pos) + len(neg) > 1:
                    sql, a = self.match(And(tuple(pos + neg)), _fts_and(pos, [n.node for n in neg]))  # type: ignore[union-attr]
                    parts.append(sql)
                    args += a
                    rest = [n for n in rest if n not in pos and n not in neg]
            else:
                fts = [n for n in rest if _fts(n) is not None]
                if len(fts) > 1:
                    sql, a = self.match(Or(tuple(fts)), "(" + " OR ".join(_fts(n) for n in fts) + ")")  # type: ignore[misc]
                    parts.append(sql)
                    args += a
                    rest = [n for n in rest if n not in fts]
        for n in rest:
            sql, a = self.sql(n)
            parts.append(f"({sql})")
            args += a
        return "(" + joiner.join(parts) + ")", args

    def scan(self, node: Text) -> tuple[str, list[object]]:
        return f"{SCAN_TEXT[node.field]} LIKE ? ESCAPE '\\'", [_like(node.value)]

    def leaf(self, node: Node) -> tuple[str, list[object]]:
        if isinstance(node, Everything):
            return "1", []
        if isinstance(node, Flag):
            return {"unread": "a.read = 0", "read": "a.read <> 0", "starred": "a.starred = 1"}[node.name], []
        if isinstance(node, Has):
            if node.what == "enclosure":
                return (self.enclosures or "0"), []
            return _NONEMPTY.format(node.what), []
        if isinstance(node, FeedIs):
            like = _like(node.text)
            return (
                "a.feed_id IN (SELECT id FROM feeds WHERE coalesce(user_title, '') LIKE ?1 ESCAPE '\\' "
                "OR coalesce(title, '') LIKE ?1 ESCAPE '\\' OR url LIKE ?1 ESCAPE '\\')".replace("?1", "?"),
                [like, like, like],
            )
        if isinstance(node, TagIs):
            return (
                "a.feed_id IN (SELECT f.id FROM feeds f, json_each(f.tags) t WHERE t.value = ? COLLATE NOCASE)",
                [node.name],
            )
        if isinstance(node, Age):
            return f"{DATE} {'>=' if node.op == '<' else '<'} ?", [self.now - node.seconds]
        if isinstance(node, Date):
            return f"{DATE} {'>=' if node.op == 'after' else '<'} ?", [node.when]
        raise TypeError(f"not a query term: {node!r}")
