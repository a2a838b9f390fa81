"""The terms a query is made of, and the one error a query can have."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TextField = Literal["any", "title", "author"]


class QuerySyntaxError(ValueError):
    """A query that cannot be read; str() is one line that points at the place."""

    def __init__(self, message: str, position: int, query: str) -> None:
        self.message = message
        self.position = max(0, min(position, len(query)))
        self.query = query
        at = self.position
        shown = (query[:at] + ">>" + query[at:]).replace("\n", " ").replace("\t", " ")
        super().__init__(f"{message} at column {at + 1}: {shown}")


@dataclass(frozen=True, slots=True)
class Text:
    """Words to find in the full text (or in one field): a word, a "phrase" or a prefix*."""

    value: str
    kind: Literal["word", "phrase", "prefix"] = "word"
    field: TextField = "any"


@dataclass(frozen=True, slots=True)
class Flag:
    name: Literal["unread", "read", "starred"]


@dataclass(frozen=True, slots=True)
class Has:
    what: Literal["contacts", "credits", "enclosure"]


@dataclass(frozen=True, slots=True)
class FeedIs:
    text: str  # part of the feed's title or address


@dataclass(frozen=True, slots=True)
class TagIs:
    name: str


@dataclass(frozen=True, slots=True)
class Age:
    """Newer (op "<") or older (op ">") than seconds before the query runs."""

    op: Literal["<", ">"]
    seconds: float


@dataclass(frozen=True, slots=True)
class Date:
    """Dated on or after (op "after") or before (op "before") a moment (seconds since the epoch)."""

    op: Literal["after", "before"]
    when: float


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Everything:
    """The empty query."""


Node = Text | Flag | Has | FeedIs | TagIs | Age | Date | Not | And | Or | Everything


def highlight_terms(node: Node) -> tuple[str, ...]:
    """The free words, phrases and prefixes (without the *) a query looks for, not those under NOT."""
    found: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Text) and n.field == "any":
            found.append(n.value)
        elif isinstance(n, And | Or):
            for child in n.nodes:
                walk(child)

    walk(node)
    return tuple(dict.fromkeys(found))
