"""Enclosures: the files an article carries (podcast audio, video), as its feed last listed them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace

from newsreader.models import Article, Enclosure, ParsedEntry
from newsreader.store.connection import StoreBase, guarded


def record_enclosures(db: sqlite3.Connection, feed_id: int, entries: Iterable[ParsedEntry]) -> None:
    """Make the stored enclosures of these entries what the feed lists now (in the caller's transaction).

    Given every entry with enclosures, and the changed ones without: a list the feed changed is
    replaced, and articles stored before enclosures were kept get theirs on the next refresh.
    """
    entries = list(entries)
    if not entries:
        return
    # One read of what the feed's articles hold: a refresh that changes nothing writes nothing.
    stored: dict[str, list[tuple]] = {}
    for key, *row in db.execute(
        "SELECT a.key, e.url, e.type, e.length, e.duration FROM enclosures e JOIN articles a "
        "ON a.id = e.article_id WHERE a.feed_id = ? ORDER BY e.article_id, e.position",
        (feed_id,),
    ):
        stored.setdefault(key, []).append(tuple(row))
    for entry in entries:
        if stored.get(entry.key, []) == [(x.url, x.type, x.length, x.duration) for x in entry.enclosures]:
            continue
        row = db.execute(
            "SELECT id FROM articles WHERE feed_id = ? AND key = ?", (feed_id, entry.key)
        ).fetchone()
        if row is None:
            continue
        article_id = row[0]
        db.execute("DELETE FROM enclosures WHERE article_id = ?", (article_id,))
        db.executemany(
            "INSERT INTO enclosures (article_id, position, url, type, length, duration) VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, i, x.url, x.type, x.length, x.duration) for i, x in enumerate(entry.enclosures)],
        )


class EnclosuresStore(StoreBase):
    @guarded
    def enclosures(self, article_id: int) -> tuple[Enclosure, ...]:
        """The article's enclosures in the feed's order (empty when it has none or is gone)."""
        rows = self.db.execute(
            "SELECT url, type, length, duration FROM enclosures WHERE article_id = ? ORDER BY position",
            (article_id,),
        ).fetchall()
        return tuple(Enclosure(r["url"], r["type"], r["length"], r["duration"]) for r in rows)

    def article(self, article_id: int) -> Article:
        """The article as the other store parts read it, with its enclosures."""
        found = super().article(article_id)  # type: ignore[misc]
        files = self.enclosures(article_id)
        return replace(found, enclosures=files) if files else found
