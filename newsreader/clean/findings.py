"""What the edge rules find: typed findings, each naming the rule that decided, and their sum for a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsreader.models import Contact

Kind = Literal["byline", "contact", "credit", "note", "dropped"]
Action = Literal["story", "drop", "skip", "caption"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One line taken off the story's edge: which rule took it, as what, and what it yielded.

    names are the writers it names (a byline's authors; for other kinds, a name to fall back on);
    contacts the addresses and handles in it. "dropped" lines yield nothing: chrome, dates, a headline.
    """

    rule: str
    kind: Kind
    text: str
    names: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's decision on a block: what happens to it, and what was found in it."""

    action: Action
    findings: tuple[Finding, ...] = ()


STORY = Verdict("story")
SKIP = Verdict("skip")


@dataclass
class Edges:
    """Every finding on a page's edges, in reading order; the lists the cleaner needs are read off them."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, found: Verdict | Edges | list[Finding] | tuple[Finding, ...]) -> None:
        self.findings.extend(found.findings if isinstance(found, Verdict | Edges) else found)

    @property
    def byline_names(self) -> list[str]:
        return [n for f in self.findings if f.kind == "byline" for n in f.names]

    @property
    def tip_names(self) -> list[str]:
        return [n for f in self.findings if f.kind != "byline" for n in f.names]

    @property
    def contacts(self) -> list[Contact]:
        return [c for f in self.findings for c in f.contacts]

    @property
    def credits(self) -> list[str]:
        return [f.text for f in self.findings if f.kind == "credit"]

    @property
    def notes(self) -> list[str]:
        return [f.text for f in self.findings if f.kind == "note"]
