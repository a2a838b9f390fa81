"""The authors directory behind the facade: who wrote what, and every way to reach them."""

from __future__ import annotations

from collections import defaultdict

from newsreader.models import ArticleRow, ContactCard, Person, PersonContact
from newsreader.store import Store


class PeopleMixin:
    """Mixed into Engine (whose `_store` it reads)."""

    _store: Store

    def authors(self, *, details: bool = True, limit: int | None = None) -> list[Person]:
        """Every author of a stored article (the first limit), most articles first.

        Without details they have no feeds and no latest article (author() has them): a list to draw.
        """
        return self._store.people(details=details, limit=limit)

    def author(self, person_id: int) -> Person:
        """One author (KeyError if unknown)."""
        return self._store.person(person_id)

    def authors_by_id(self, person_ids: list[int]) -> list[Person]:
        """These authors with their feeds and latest article (those still known), in no particular order."""
        return self._store.people_by_id(person_ids)

    def authors_named(self, name: str) -> list[Person]:
        """The authors called name, in any small variation of it (one per outlet)."""
        return self._store.people_named(name)

    def authors_of(self, article_id: int) -> list[Person]:
        """An article's authors, in byline order."""
        return self._store.people_of_article(article_id)

    def author_articles(self, person_id: int, *, limit: int | None = None) -> list[ArticleRow]:
        """An author's articles from every feed, newest first."""
        return self._store.person_articles(person_id, limit=limit)

    def author_contacts(self, person_id: int) -> list[PersonContact]:
        """Every contact line filed for an author, each with its article."""
        return self._store.person_contacts([person_id])

    def contact_cards(self, people: list[Person] | None = None) -> list[ContactCard]:
        """One card per author: these people (None: everyone with a contact line), with their contacts."""
        contacts: dict[int, list[PersonContact]] = defaultdict(list)
        for c in self._store.person_contacts(None if people is None else [p.id for p in people]):
            contacts[c.person_id].append(c)
        chosen = people if people is not None else [p for p in self._store.people() if p.id in contacts]
        return [ContactCard(p, tuple(contacts.get(p.id, ()))) for p in chosen]

    def export_vcard(self, cards: list[ContactCard]) -> str:
        """The cards as vCard 4.0 (RFC 6350), ready for an address book."""
        from newsreader.vcard import to_vcard

        return to_vcard(cards)

    def authors_unfiled(self) -> int:
        """Articles not in the directory yet: a read-only store cannot file them."""
        return self._store.people_unfiled()

    def index_people(self, *, batch: int = 2000) -> int:
        """File the articles stored or cleaned since the directory was last read; returns how many."""
        return self._store.index_people(batch=batch)
