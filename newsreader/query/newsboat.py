"""newsboat's filter language (query feeds, ignore-article) in our query language, where it has a match.

newsboat writes `attribute operator "value"` joined by and/or with parentheses: `unread = "yes"`,
`title =~ "sponsored"`, `tags # "news"`, `age < 7`. A regular expression is translated only when it is
plain text (words, no pattern characters); anything else is refused with the reason.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r'\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|(=~|!~|!=|!#|<=|>=|=|#|<|>)|([A-Za-z_][\w-]*|-?\d+))'
)
_TEXT = {"title": "title", "author": "author", "content": "any", "description": "any"}
_FEED = ("feedtitle", "rssurl", "feedurl", "feedlink")
_PLAIN = re.compile(r"[\w .,'&:/-]+")


class Untranslatable(ValueError):
    """A newsboat expression our language cannot say; str() is the reason, one line."""


def _tokens(expr: str) -> list[tuple[str, str]]:
    out, at = [], 0
    expr = expr.rstrip()
    while at < len(expr):
        m = _TOKEN.match(expr, at)
        if m is None or m.end() == at:
            raise Untranslatable(f"cannot read {expr[at : at + 20]!r}")
        at = m.end()
        kinds = ("(", ")", "str", "op", "word")
        kind = next(k for k, g in zip(kinds, m.groups(), strict=True) if g is not None)
        value = next(g for g in m.groups() if g is not None)
        out.append((kind, value.replace('\\"', '"') if kind == "str" else value))
    return out


def translate(expr: str) -> str:
    """expr (newsboat's filter language) as our query text; raises Untranslatable."""
    tokens = _tokens(expr)
    pos = 0

    def peek() -> tuple[str, str] | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        if pos >= len(tokens):
            raise Untranslatable("the expression ends too early")
        pos += 1
        return tokens[pos - 1]

    def disjunction() -> str:
        parts = [conjunction()]
        while (t := peek()) and t == ("word", "or"):
            take()
            parts.append(conjunction())
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def conjunction() -> str:
        parts = [primary()]
        while (t := peek()) and t == ("word", "and"):
            take()
            parts.append(primary())
        return " ".join(parts)

    def primary() -> str:
        if peek() == ("(", "("):
            take()
            inner = disjunction()
            if take() != (")", ")"):
                raise Untranslatable("a ( is not closed")
            return f"({inner})"
        kind, attr = take()
        op_kind, op = take()
        value_kind, value = take()
        if kind != "word" or op_kind != "op" or value_kind not in ("str", "word"):
            raise Untranslatable("expected attribute operator value")
        return _comparison(attr.lower(), op, value)

    out = disjunction()
    if pos != len(tokens):
        raise Untranslatable(f"unexpected {tokens[pos][1]!r}")
    return out


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "") + '"'


def _plain(value: str, op: str) -> str:
    if op in ("=~", "!~"):
        value = value.removeprefix("^").removesuffix("$").strip(".*") if value not in (".*", "") else value
    if not _PLAIN.fullmatch(value) or not any(c.isalnum() for c in value):
        raise Untranslatable(f"the pattern {value!r} is not plain text")
    return value


def _comparison(attr: str, op: str, value: str) -> str:
    negate = op in ("!=", "!~", "!#")
    sign = "-" if negate else ""
    if attr == "unread" and op in ("=", "!="):
        yes = value.lower() in ("yes", "true", "1")
        return "unread" if yes != negate else "read"
    if attr in _TEXT and op in ("=", "!=", "=~", "!~"):
        field = _TEXT[attr]
        text = _quoted(_plain(value, op))
        return sign + (text if field == "any" else f"{field}:{text}")
    if attr in _FEED and op in ("=", "!=", "=~", "!~"):
        return f"{sign}feed:{_quoted(_plain(value, op))}"
    if attr == "tags" and op in ("#", "!#"):
        return f"{sign}tag:{_quoted(_plain(value, '='))}"
    if attr == "age" and op in ("<", ">", "<=", ">=") and value.isdigit():
        return f"age:{op[0]}{int(value) + (1 if op == '<=' else 0)}d"
    if attr == "enclosure_url" and op in ("=", "!=") and value == "":
        return "-has:enclosure" if not negate else "has:enclosure"
    raise Untranslatable(f"{attr} {op} has no equivalent")
