"""The authors directory: every byline filed under the person it names, with their contact lines.

Articles are filed lazily, like the search index: a trigger marks an article whose authors or cleaned
output changed, and `index_people` files the marked ones (in batches, one transaction each) before the
directory is read. A read-only store shows the directory as it was last filed.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsreader.models import ArticleRow, Contact, Person, PersonContact
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.identity import display_name, name_key, outlet_of, person_key
from newsreader.store.rows import FEED_NAME, ROW_COLS, article_row_of

_PERSON_COLS = (
    "p.id, p.name, p.kind, p.outlet, p.articles, p.latest_id, p.latest_date, "
    "coalesce(la.clean_title, la.title) AS latest_title"
)
_PERSON_FROM = "people p LEFT JOIN articles la ON la.id = p.latest_id"
_KINDS = frozenset({"email", "social", "phone", "url", "other"})


@dataclass(frozen=True, slots=True)
class _Byline:
    name: str
    key: str
    kind: str
    outlet: str


def _names(text: str | None) -> list[str]:
    if not text or text == "[]":
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _contacts(text: str | None) -> list[Contact]:
    if not text or text == "[]":
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    found = []
    for c in value if isinstance(value, list) else []:
        if isinstance(c, dict) and c.get("kind") in _KINDS and isinstance(c.get("value"), str):
            found.append(Contact(c["kind"], c["value"], str(c.get("label") or "")))
    return found


def bylines(row: sqlite3.Row) -> tuple[_Byline, ...]:
    """The people an article names: the cleaner's byline once cleaned, else the feed's authors."""
    cleaned = bool(row["cleaned"]) and row["clean_authors"] not in (None, "", "[]")
    return _filed(
        row["clean_authors"] if cleaned else row["authors"],
        row["clean_organisations"] if cleaned else None,
        outlet_of(row["site_url"], row["feed_url"]),
    )


@lru_cache(maxsize=65536)  # a store repeats its bylines: most are filed from this cache
def _filed(names_json: str | None, organisations_json: str | None, outlet: str) -> tuple[_Byline, ...]:
    organisations = {name_key(o) for o in _names(organisations_json)}
    found: dict[str, _Byline] = {}
    for raw in _names(names_json):
        name = display_name(raw)
        common = name_key(name)
        if not common:
            continue
        org = common in organisations
        key = person_key(name, outlet, org)
        found.setdefault(key, _Byline(name, key, "organisation" if org else "person", "" if org else outlet))
    return tuple(found.values())


def _mentions(label: str, name: str) -> bool:
    """Whether a contact line names this person (by full name or surname)."""
    words = name.split()
    wanted = [name] + ([words[-1]] if len(words) > 1 and len(words[-1]) > 2 else [])
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", label, re.I) for w in wanted)


def owners(contact: Contact, people: Sequence[_Byline]) -> list[_Byline]:
    """Whose contact line it is: the people it names; else the only person; else every author."""
    persons = [p for p in people if p.kind == "person"] or list(people)
    named = [p for p in persons if _mentions(contact.label, p.name)]
    return named or persons


class PeopleStore(StoreBase):
    @guarded
    def index_people(self, *, batch: int = 2000) -> int:
        """File the articles marked since the last call; returns how many were filed."""
        if self.read_only:
            return 0
        # Nothing marked (the usual case) is answered by the partial index, without taking the write lock.
        if self.db.execute("SELECT 1 FROM articles WHERE people_indexed = 0 LIMIT 1").fetchone() is None:
            return 0
        done = 0
        known: dict[str, int] = {}  # person key -> id, across this call's batches
        while True:
            with self.transaction() as db:
                rows = db.execute(
                    "SELECT a.id, a.feed_id, coalesce(a.published, a.first_seen) AS date, a.authors, a.cleaned, "
                    "a.clean_authors, a.clean_organisations, a.contacts, f.site_url, f.url AS feed_url "
                    "FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.people_indexed = 0 "
                    f"ORDER BY a.id LIMIT {int(batch)}"
                ).fetchall()
                if not rows:
                    return done
                self._file(db, rows, known)
                done += len(rows)

    def _file(self, db: sqlite3.Connection, rows: list[sqlite3.Row], known: dict[str, int]) -> None:
        ids = [r["id"] for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            # The delete trigger takes each article back out of its authors' counts.
            db.execute(f"DELETE FROM people_articles WHERE article_id IN ({marks})", chunk)
            db.execute(f"DELETE FROM people_contacts WHERE article_id IN ({marks})", chunk)
        filed: list[tuple[int, int, int, int, float | None]] = []
        contacts: list[tuple[int, int, str, str, str]] = []
        counts: dict[int, int] = {}
        latest: dict[int, tuple[float, int, float | None]] = {}
        feeds: dict[tuple[int, int], int] = {}
        for row in rows:
            people = bylines(row)
            ids_of: dict[str, int] = {}
            date = row["date"]
            for position, p in enumerate(people):
                person_id = known.get(p.key)
                if person_id is None:
                    # The kind is part of the key, so a person once filed is never changed here.
                    person_id = known[p.key] = db.execute(
                        "INSERT INTO people (key, name, kind, outlet) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET key = key RETURNING id",
                        (p.key, p.name, p.kind, p.outlet),
                    ).fetchone()[0]
                ids_of[p.key] = person_id
                filed.append((row["id"], person_id, position, row["feed_id"], date))
                counts[person_id] = counts.get(person_id, 0) + 1
                order = (date or 0.0, row["id"], date)
                if person_id not in latest or order[:2] >= latest[person_id][:2]:
                    latest[person_id] = order
                feeds[person_id, row["feed_id"]] = feeds.get((person_id, row["feed_id"]), 0) + 1
            if people and row["cleaned"]:
                for contact in _contacts(row["contacts"]):
                    for owner in owners(contact, people):
                        contacts.append(
                            (ids_of[owner.key], row["id"], contact.kind, contact.value, contact.label)
                        )
        db.executemany(
            "INSERT INTO people_articles (article_id, person_id, position, feed_id, date) VALUES (?, ?, ?, ?, ?)",
            filed,
        )
        db.executemany(
            "INSERT OR IGNORE INTO people_contacts (person_id, article_id, kind, value, label) VALUES (?, ?, ?, ?, ?)",
            contacts,
        )
        db.executemany(
            "UPDATE people SET articles = articles + :n, "
            "latest_id = CASE WHEN latest_id IS NULL OR (:sort, :id) >= (coalesce(latest_date, 0), latest_id) "
            "THEN :id ELSE latest_id END, "
            "latest_date = CASE WHEN latest_id IS NULL OR (:sort, :id) >= (coalesce(latest_date, 0), latest_id) "
            "THEN :date ELSE latest_date END WHERE id = :person",
            (
                {"n": n, "sort": latest[p][0], "id": latest[p][1], "date": latest[p][2], "person": p}
                for p, n in counts.items()
            ),
        )
        db.executemany(
            "INSERT INTO people_feeds (person_id, feed_id, articles) VALUES (?, ?, ?) "
            "ON CONFLICT (person_id, feed_id) DO UPDATE SET articles = articles + excluded.articles",
            ((p, f, n) for (p, f), n in feeds.items()),
        )
        db.executemany("UPDATE articles SET people_indexed = 1 WHERE id = ?", ((i,) for i in ids))

    @guarded
    def people_unfiled(self) -> int:
        """How many articles wait to be filed (only ever more than 0 on a read-only store, once read)."""
        return self.db.execute("SELECT count(*) FROM articles WHERE people_indexed = 0").fetchone()[0]

    def _people(
        self, where: str = "p.articles > 0", args: Sequence[object] = (), order: str = ""
    ) -> list[Person]:
        rows = self.db.execute(
            f"SELECT {_PERSON_COLS} FROM {_PERSON_FROM} WHERE {where} "
            f"{order or 'ORDER BY p.articles DESC, p.name COLLATE NOCASE, p.id'}",
            list(args),
        ).fetchall()
        feeds = self._feeds_of([r["id"] for r in rows]) if rows else {}
        return [
            Person(
                id=r["id"],
                name=r["name"],
                kind=r["kind"],
                outlet=r["outlet"],
                articles=r["articles"],
                feeds=tuple(feeds.get(r["id"], ())),
                latest_id=r["latest_id"],
                latest_title=r["latest_title"] or "",
                latest_published=r["latest_date"],
            )
            for r in rows
        ]

    def _feeds_of(self, person_ids: list[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        sql = (
            f"SELECT pf.person_id, {FEED_NAME} AS title FROM people_feeds pf JOIN feeds f ON f.id = pf.feed_id "
            "WHERE pf.articles > 0{} ORDER BY pf.person_id, pf.articles DESC, f.id"
        )
        if len(person_ids) > 500:  # the whole directory: one pass over the small people_feeds table
            rows: Iterable[sqlite3.Row] = self.db.execute(sql.format(""))
        else:
            marks = ",".join("?" * len(person_ids))
            rows = self.db.execute(sql.format(f" AND pf.person_id IN ({marks})"), person_ids)
        wanted = set(person_ids)
        for r in rows:
            if r["person_id"] in wanted:
                found.setdefault(r["person_id"], []).append(r["title"])
        return found

    @guarded
    def people(self, *, details: bool = True, limit: int | None = None) -> list[Person]:
        """Every author with at least one stored article (the first limit), most articles first.

        Without details, each has no feeds and no latest article: what a list of 185,000 needs to be
        drawn, read in the order of an index (no sort), so its first screenful comes at once.
        """
        self.index_people()
        bound = f" LIMIT {int(limit)}" if limit is not None else ""
        if details:
            return self._people(order=f"ORDER BY p.articles DESC, p.name COLLATE NOCASE, p.id{bound}")
        return [
            Person(r["id"], r["name"], r["kind"], r["outlet"], r["articles"])
            for r in self.db.execute(
                "SELECT id, name, kind, outlet, articles FROM people INDEXED BY people_by_articles "
                f"WHERE articles > 0 ORDER BY articles DESC, name COLLATE NOCASE, id{bound}"
            )
        ]

    @guarded
    def person(self, person_id: int) -> Person:
        """One author (KeyError if unknown)."""
        self.index_people()
        found = self._people("p.id = ?", (person_id,))
        if not found:
            raise KeyError(person_id)
        return found[0]

    @guarded
    def people_by_id(self, person_ids: Sequence[int]) -> list[Person]:
        """These authors with their feeds and latest article, in no particular order."""
        found: list[Person] = []
        ids = list(person_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found += self._people(f"p.id IN ({','.join('?' * len(chunk))})", chunk)
        return found

    @guarded
    def people_named(self, name: str) -> list[Person]:
        """The authors whose name is name, in any of its small variations (one per outlet)."""
        self.index_people()
        key = name_key(name)
        if not key:
            return []
        # Two lookups on the key's index: an OR of the two, or the planner choosing the index of authors
        # with articles (unary + keeps it off that one), scanned all 185,000 authors of a million articles.
        people = self._people(
            "+p.articles > 0 AND p.key > ? AND p.key < ?", (f"person\x1f{key}\x1f", f"person\x1f{key}\x20")
        )
        return people + self._people("+p.articles > 0 AND p.key = ?", (f"org\x1f{key}",))

    @guarded
    def people_of_article(self, article_id: int) -> list[Person]:
        """The authors of one article, in byline order."""
        self.index_people()
        return self._people(
            "p.id IN (SELECT person_id FROM people_articles WHERE article_id = ?)",
            (article_id,),
            order=f"ORDER BY (SELECT position FROM people_articles WHERE article_id = {int(article_id)} "
            "AND person_id = p.id)",
        )

    @guarded
    def person_articles(self, person_id: int, *, limit: int | None = None) -> list[ArticleRow]:
        """An author's articles, newest first, from every feed."""
        self.index_people()
        bound = f" LIMIT {int(limit)}" if limit is not None else ""
        return [
            article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM people_articles pa JOIN articles a ON a.id = pa.article_id "
                "JOIN feeds f ON f.id = a.feed_id WHERE pa.person_id = ? "
                f"ORDER BY pa.date DESC, pa.article_id DESC{bound}",
                (person_id,),
            )
        ]

    @guarded
    def person_contacts(self, person_ids: Sequence[int] | None = None) -> list[PersonContact]:
        """Every contact line filed for these authors (None: for everyone), oldest article first."""
        self.index_people()
        where, args = "", list(person_ids or ())
        if person_ids is not None:
            if not args:
                return []
            where = f"WHERE pc.person_id IN ({','.join('?' * len(args))})"
        return [
            PersonContact(
                person_id=r["person_id"],
                kind=r["kind"],
                value=r["value"],
                label=r["label"],
                article_id=r["article_id"],
                article_title=r["title"],
                article_link=r["link"],
            )
            for r in self.db.execute(
                "SELECT pc.person_id, pc.kind, pc.value, pc.label, pc.article_id, "
                "coalesce(a.clean_title, a.title) AS title, a.link FROM people_contacts pc "
                f"JOIN articles a ON a.id = pc.article_id {where} "
                "ORDER BY pc.person_id, coalesce(a.published, a.first_seen), pc.article_id, pc.kind, pc.value",
                args,
            )
        ]
