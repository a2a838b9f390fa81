"""The authors directory's records: a person at an outlet, their contact lines, a contact card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from newsreader.models.core import ContactKind, iso_date

PersonKind = Literal["person", "organisation"]


@dataclass(frozen=True, slots=True)
class Person:
    """One author in the directory: a name at an outlet (an organisation: a name anywhere)."""

    id: int
    name: str
    kind: PersonKind
    outlet: str  # the registered domain of the feeds it writes for ("" for an organisation)
    articles: int
    feeds: tuple[str, ...] = ()  # the display titles of the feeds, most articles first
    latest_id: int | None = None
    latest_title: str = ""
    latest_published: float | None = None

    def to_json(self, contacts: tuple[PersonContact, ...] = ()) -> dict[str, Any]:
        """The one JSON form of an author (`authors --json`)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "outlet": self.outlet,
            "articles": self.articles,
            "feeds": list(self.feeds),
            "latest": None
            if self.latest_id is None
            else {
                "id": self.latest_id,
                "title": self.latest_title,
                "published": iso_date(self.latest_published),
            },
            "contacts": [c.to_json() for c in contacts],
        }


@dataclass(frozen=True, slots=True)
class PersonContact:
    """A contact line extracted for an author, with the article it came from."""

    person_id: int
    kind: ContactKind
    value: str
    label: str
    article_id: int
    article_title: str
    article_link: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "label": self.label,
            "article": {"id": self.article_id, "title": self.article_title, "link": self.article_link},
        }


@dataclass(frozen=True, slots=True)
class ContactCard:
    """One author and every contact line filed for them (`contacts`, one record per person)."""

    person: Person
    contacts: tuple[PersonContact, ...] = ()

    def distinct(self) -> list[tuple[PersonContact, int]]:
        """Each distinct contact line (kind, value, label) once, from its latest article, with how many
        articles carry it: a tip line at the foot of every story is one line, not a thousand."""
        return distinct_contacts(self.contacts)


def distinct_contacts(
    contacts: tuple[PersonContact, ...] | list[PersonContact],
) -> list[tuple[PersonContact, int]]:
    """contacts (oldest article first) grouped by kind, value and label, in first-seen order."""
    seen: dict[tuple[str, str, str], list] = {}
    for c in contacts:
        entry = seen.setdefault((c.kind, c.value, c.label), [c, 0])
        entry[0] = c
        entry[1] += 1
    return [(c, n) for c, n in seen.values()]
