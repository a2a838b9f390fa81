"""Sync state: server ids beside local ids, the server state last seen, and the queue of local changes.

The queue is filled by triggers (schema migration 6) on every state change; server state is applied
here with the triggers muted, inside the same transaction, so it never goes back to the server.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from newsreader.models import QueuedChange, SyncedFeed, SyncedItem
from newsreader.store.connection import StoreBase, guarded
from newsreader.text import one_line

ACCOUNT_KEY = "sync.account"
LAST_SYNC_KEY = "sync.last"
NEWEST_KEY = "sync.newest"  # when the newest item stored reached the server (microseconds)


@dataclass(frozen=True, slots=True)
class SyncFeedRow:
    """A local feed with what it knew of the server at the last sync."""

    id: int
    url: str
    title: str | None
    user_title: str | None
    tags: tuple[str, ...]
    sync_id: str | None
    sync_title: str | None
    sync_label: str | None


class KnownItem(NamedTuple):
    """A stored item with a server id: its local state and the server state last seen (a tuple: a
    sync reads one per synced item, and a dataclass each cost a third of a sync with nothing new)."""

    article_id: int
    read: bool
    starred: bool
    sync_read: bool | None
    sync_starred: bool | None


@dataclass(frozen=True, slots=True)
class FeedChange:
    """What a pull does to one local feed (feed_id None: a new subscription from the server)."""

    feed: SyncedFeed
    feed_id: int | None = None
    tags: tuple[str, ...] | None = None  # new tags, or None to keep
    user_title: str | None = None
    set_user_title: bool = False


class SyncStore(StoreBase):
    @contextmanager
    def _muted(self) -> Iterator[sqlite3.Connection]:
        """A transaction whose changes are the server's: the queue triggers stay quiet in it."""
        with self.transaction() as db:
            db.execute("INSERT INTO sync_mute (on_) VALUES (1)")
            try:
                yield db
            finally:
                db.execute("DELETE FROM sync_mute")

    @guarded
    def sync_account(self) -> str | None:
        """The account ("user@url") this store syncs with, set by its first sync."""
        return self.get_state(ACCOUNT_KEY)

    @guarded
    def sync_feeds(self) -> list[SyncFeedRow]:
        rows = self.db.execute(
            "SELECT id, url, title, user_title, tags, sync_id, sync_title, sync_label FROM feeds ORDER BY id"
        )
        return [
            SyncFeedRow(
                r["id"],
                r["url"],
                r["title"],
                r["user_title"],
                tuple(json.loads(r["tags"] or "[]")),
                r["sync_id"],
                r["sync_title"],
                r["sync_label"],
            )
            for r in rows
        ]

    @guarded
    def sync_queue(self) -> list[QueuedChange]:
        """The queued local changes, oldest first."""
        return [
            QueuedChange(
                r["id"], r["at"], r["kind"], r["article_id"], r["item_id"], r["feed_url"], r["value"]
            )
            for r in self.db.execute("SELECT * FROM sync_queue ORDER BY id")
        ]

    @guarded
    def sync_queue_size(self) -> int:
        return self.db.execute("SELECT count(*) FROM sync_queue").fetchone()[0]

    @guarded
    def sync_known_items(self) -> dict[str, KnownItem]:
        """Every stored item with a server id, by that id."""
        cursor = self.db.cursor()
        # Plain tuples made in C (a sync reads one per synced item): SQLite's 0/1 compare and hash as the
        # booleans they stand for, and the flags are stored as 0/1 again.
        cursor.row_factory = lambda _, row: (row[0], tuple.__new__(KnownItem, row[1:]))
        cursor.execute(
            "SELECT sync_id, id, read, starred, sync_read, sync_starred FROM articles INDEXED BY articles_sync_state "
            "WHERE sync_id IS NOT NULL"
        )
        return dict(cursor)

    @guarded
    def forget_sync_server(self) -> None:
        """Another account or server: forget the old server's ids, so nothing is matched (or removed) by them."""
        with self._muted() as db:
            db.execute("UPDATE feeds SET sync_id = NULL, sync_title = NULL, sync_label = NULL")
            db.execute(
                "UPDATE articles SET sync_id = NULL, sync_read = NULL, sync_starred = NULL WHERE sync_id IS NOT NULL"
            )
            db.execute("DELETE FROM sync_queue WHERE kind IN ('read', 'starred')")
            db.execute("DELETE FROM state WHERE key IN (?, ?, ?)", (ACCOUNT_KEY, LAST_SYNC_KEY, NEWEST_KEY))

    @guarded
    def drop_queued(self, ids: Iterable[int]) -> None:
        """Forget queued changes that were sent (or settled) by a sync."""
        with self.transaction() as db:
            db.executemany("DELETE FROM sync_queue WHERE id = ?", [(i,) for i in ids])

    @guarded
    def apply_sync_pull(
        self,
        account: str,
        changes: Sequence[FeedChange],
        gone: Sequence[int],
        items: Sequence[SyncedItem],
        states: Sequence[tuple[int, bool | None, bool | None]],
        settled: Sequence[int],
    ) -> int:
        """Apply what the server says, in one muted transaction; returns the new items stored.

        changes: feeds to add, link or update; gone: local feed ids the server no longer has;
        items: new items; states: (article id, read or None, starred or None) taken from the server;
        settled: queued changes the server's state made moot (or that lost a conflict).
        """
        with self._muted() as db:
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (ACCOUNT_KEY, account),
            )
            by_sync: dict[str, int] = {}
            for c in changes:
                by_sync[c.feed.sync_id] = _apply_feed(db, c)
            for r in db.execute("SELECT id, sync_id FROM feeds WHERE sync_id IS NOT NULL"):
                by_sync.setdefault(r["sync_id"], r["id"])
            db.executemany("DELETE FROM feeds WHERE id = ?", [(i,) for i in gone])
            new = _insert_items(db, items, by_sync)
            for article_id, read, starred in states:
                if read is not None:
                    db.execute(
                        "UPDATE articles SET read = ?, sync_read = ?1 WHERE id = ?2", (read, article_id)
                    )
                if starred is not None:
                    db.execute(
                        "UPDATE articles SET starred = ?, sync_starred = ?1 WHERE id = ?2",
                        (starred, article_id),
                    )
            db.executemany("DELETE FROM sync_queue WHERE id = ?", [(i,) for i in settled])
            newest = max((int(i.crawled * 1_000_000) for i in items), default=0)
            if newest:
                old = db.execute("SELECT value FROM state WHERE key = ?", (NEWEST_KEY,)).fetchone()
                if old is None or int(old["value"]) < newest:
                    db.execute(
                        "INSERT INTO state (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (NEWEST_KEY, str(newest)),
                    )
        return new

    @guarded
    def finish_sync(self, pushed: Iterable[int], seen: Sequence[tuple[int, str, bool]], at: float) -> None:
        """After the pushes: forget the queued changes sent, note the server state they made, date the sync."""
        with self._muted() as db:
            db.executemany("DELETE FROM sync_queue WHERE id = ?", [(i,) for i in pushed])
            for article_id, flag, value in seen:
                column = "sync_read" if flag == "read" else "sync_starred"
                db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (value, article_id))
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (LAST_SYNC_KEY, repr(at)),
            )

    @guarded
    def last_sync(self) -> float | None:
        value = self.get_state(LAST_SYNC_KEY)
        return float(value) if value else None

    @guarded
    def newest_synced(self) -> int:
        value = self.get_state(NEWEST_KEY)
        return int(value) if value else 0


def _apply_feed(db: sqlite3.Connection, c: FeedChange) -> int:
    f = c.feed
    if c.feed_id is None:
        tags = [f.label] if f.label else []
        return db.execute(
            "INSERT INTO feeds (url, title, site_url, tags, added, sync_id, sync_title, sync_label) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f.url,
                one_line(f.title or "") or None,
                f.site_url,
                json.dumps(tags),
                time.time(),
                f.sync_id,
                f.title,
                f.label,
            ),
        ).lastrowid
    db.execute(
        "UPDATE feeds SET sync_id = ?, sync_title = ?, sync_label = ?, title = coalesce(title, ?), "
        "site_url = coalesce(site_url, ?) WHERE id = ?",
        (f.sync_id, f.title, f.label, one_line(f.title or "") or None, f.site_url, c.feed_id),
    )
    if c.tags is not None:
        db.execute("UPDATE feeds SET tags = ? WHERE id = ?", (json.dumps(list(c.tags)), c.feed_id))
    if c.set_user_title:
        title = one_line(c.user_title) if c.user_title else None
        db.execute("UPDATE feeds SET user_title = ? WHERE id = ?", (title or None, c.feed_id))
    return c.feed_id


def _insert_items(db: sqlite3.Connection, items: Sequence[SyncedItem], by_sync: dict[str, int]) -> int:
    """Store new items: an article already fetched from the feed itself (same link) takes the server id."""
    new = 0
    rows = []
    if not items:
        return 0
    # Articles fetched from the feed itself before it was synced take the server's id (same link).
    unlinked: dict[tuple[int, str], int] = {}
    for feed_id in {by_sync[i.feed_sync_id] for i in items if i.feed_sync_id in by_sync}:
        for article_id, link in db.execute(
            "SELECT id, link FROM articles WHERE feed_id = ? AND sync_id IS NULL AND link IS NOT NULL",
            (feed_id,),
        ).fetchall():
            unlinked.setdefault((feed_id, link), article_id)
    for i in items:
        feed_id = by_sync.get(i.feed_sync_id)
        if feed_id is None:
            continue
        article_id = unlinked.pop((feed_id, i.link), None) if i.link else None
        if article_id is not None:
            db.execute(
                "UPDATE articles SET sync_id = ?, sync_read = ?, sync_starred = ? WHERE id = ?",
                (i.sync_id, i.read, i.starred, article_id),
            )
            continue
        digest = hashlib.sha1(i.content_html.encode("utf-8", "surrogatepass")).hexdigest()
        rows.append(
            (
                feed_id,
                f"greader:{i.sync_id}",
                i.link,
                one_line(i.title),
                json.dumps([one_line(a) for a in i.authors]) if i.authors else "[]",
                i.published,
                i.content_html,
                digest,
                i.crawled,
                i.read,
                i.starred,
                i.sync_id,
                i.read,
                i.starred,
            )
        )
    if rows:
        cur = db.executemany(
            "INSERT OR IGNORE INTO articles (feed_id, key, link, title, authors, published, content_html, "
            "content_hash, first_seen, read, starred, sync_id, sync_read, sync_starred) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        new = cur.rowcount
        # Inserted articles are counted per feed here, as updates.py does (schema migration 3).
        _recount(db, {r[0] for r in rows})
    return new


def _recount(db: sqlite3.Connection, feed_ids: set[int]) -> None:
    db.executemany(
        "UPDATE feeds SET article_count = (SELECT count(*) FROM articles a WHERE a.feed_id = ?1), "
        "unread_count = (SELECT count(*) FROM articles a WHERE a.feed_id = ?1 AND a.read = 0) WHERE id = ?1",
        [(i,) for i in feed_ids],
    )
