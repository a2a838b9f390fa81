"""Tokens to a tree of terms: NOT (or a leading -) binds tightest, then AND (or a space), then OR."""

from __future__ import annotations

import re
from datetime import datetime

from newsreader.query.lexer import Token, tokens
from newsreader.query.syntax import (
    Age,
    And,
    Date,
    Everything,
    FeedIs,
    Flag,
    Has,
    Node,
    Not,
    Or,
    QuerySyntaxError,
    TagIs,
    Text,
)

FIELDS = ("feed", "tag", "author", "title", "has", "age", "after", "before")
FLAGS = ("unread", "read", "starred")
HAS = ("contacts", "credits", "enclosure")
_UNITS = {"h": 3600.0, "d": 86400.0, "w": 7 * 86400.0, "y": 365 * 86400.0}
_AGE = re.compile(r"([<>]?)(\d{1,6})([hdwy])")


def parse(query: str) -> Node:
    """The tree of query; raises QuerySyntaxError (one line, with the position) if it cannot be read."""
    return _Parser(query).query()


class _Parser:
    def __init__(self, query: str) -> None:
        self.text = query
        self.tokens = tokens(query)
        self.at = 0

    def fail(self, message: str, position: int) -> QuerySyntaxError:
        return QuerySyntaxError(message, position, self.text)

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def query(self) -> Node:
        if not self.tokens:
            return Everything()
        node = self.or_()
        extra = self.peek()
        if extra is not None:  # only a ) can stop the grammar early
            raise self.fail("unmatched )", extra.position)
        return node

    def or_(self) -> Node:
        nodes = [self.and_()]
        while (t := self.peek()) is not None and t.kind == "OR":
            self.at += 1
            nodes.append(self.and_(after=t))
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def and_(self, after: Token | None = None) -> Node:
        nodes = [self.unary(after)]
        while (t := self.peek()) is not None and t.kind not in ("OR", ")"):
            if t.kind == "AND":
                self.at += 1
                nodes.append(self.unary(t))
            else:
                nodes.append(self.unary(None))
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def unary(self, after: Token | None) -> Node:
        t = self.peek()
        if t is None or t.kind in ("OR", "AND", ")"):
            where = len(self.text) if t is None else t.position
            if after is not None:
                raise self.fail(f"expected a term after {after.kind}", where)
            if t is not None and t.kind == ")":
                raise self.fail("unmatched )", where)
            raise self.fail(f"expected a term before {t.kind if t else 'the end'}", where)
        if t.kind in ("NOT", "-"):
            self.at += 1
            return Not(self.unary(t))
        self.at += 1
        if t.kind == "(":
            node = self.or_()
            close = self.peek()
            if close is None or close.kind != ")":
                raise self.fail("missing ) for this (", t.position)
            self.at += 1
            return node
        if t.kind == "phrase":
            return _text(self, t.text, t.position, quoted=True)
        if t.kind == "word":
            if t.text in FLAGS:
                return Flag(t.text)  # type: ignore[arg-type]
            return _text(self, t.text, t.position, quoted=False)
        return _field(self, t)


def _text(p: _Parser, value: str, position: int, *, quoted: bool, field: str = "any") -> Text:
    prefix = not quoted and value.endswith("*")
    words = value[:-1] if prefix else value
    if not any(c.isalnum() for c in words):
        raise p.fail("nothing to search for here (use letters or digits)", position)
    kind = "prefix" if prefix else "phrase" if quoted or len(words.split()) > 1 else "word"
    return Text(words.strip(), kind, field)  # type: ignore[arg-type]


def _field(p: _Parser, t: Token) -> Node:
    name, value, at = t.name, t.text, t.value_position
    if name not in FIELDS:
        raise p.fail(f"unknown term {name}: (known: {', '.join(f + ':' for f in FIELDS)})", t.position)
    if not value.strip():
        raise p.fail(f"{name}: needs a value", at)
    if name in ("title", "author"):
        return _text(p, value, at, quoted=t.quoted, field=name)
    if name == "feed":
        return FeedIs(value)
    if name == "tag":
        return TagIs(value)
    if name == "has":
        if value.lower() not in HAS:
            raise p.fail(f"has: takes {', '.join(HAS)}", at)
        return Has(value.lower())  # type: ignore[arg-type]
    if name == "age":
        m = _AGE.fullmatch(value.lower())
        if m is None:
            raise p.fail("age: takes <N or >N with h, d, w or y (age:<7d)", at)
        return Age(">" if m.group(1) == ">" else "<", int(m.group(2)) * _UNITS[m.group(3)])
    try:
        when = datetime.fromisoformat(value).timestamp()
    except (ValueError, OverflowError, OSError):
        raise p.fail(f"{name}: takes a date (2026-01-01)", at) from None
    return Date(name, when)  # type: ignore[arg-type]
