"""Applying a fetch outcome: the feed's own fields, new articles and changed ones, in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsreader.models import FeedUpdate, ParsedEntry
from newsreader.store.connection import StoreBase, guarded
from newsreader.text import one_line

GONE = "\0gone"  # the hash of a key whose article was deleted on purpose (table gone)


class UpdatesStore(StoreBase):
    @guarded
    def apply_update(self, update: FeedUpdate) -> tuple[int, int]:
        """Apply one fetch outcome in one transaction; returns (new articles, changed articles)."""
        with self.transaction() as db:
            return _apply(db, update)

    @guarded
    def apply_updates(self, updates: Sequence[FeedUpdate]) -> list[tuple[int, int]]:
        """Apply several fetch outcomes in one transaction (all or none), each as apply_update would.

        For outcomes without articles (304s, errors): a refresh of 500 unchanged feeds spent more on
        500 commits (and the WAL checkpoint they forced) than on anything else in the store.
        """
        with self.transaction() as db:
            return [_apply(db, u) for u in updates]


def _apply(db: sqlite3.Connection, update: FeedUpdate) -> tuple[int, int]:
    new = changed = 0
    if update.status == "error":
        db.execute(
            "UPDATE feeds SET last_fetch = ?, last_error = ?, error_streak = error_streak + 1 WHERE id = ?",
            (update.fetched_at, update.error, update.feed_id),
        )
        return 0, 0
    if update.new_url:
        taken = db.execute("SELECT id FROM feeds WHERE url = ?", (update.new_url,)).fetchone()
        if taken is None:
            db.execute("UPDATE feeds SET url = ? WHERE id = ?", (update.new_url, update.feed_id))
    db.execute(
        "UPDATE feeds SET last_fetch = ?, last_error = NULL, error_streak = 0, "
        "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE id = ?",
        (update.fetched_at, update.etag, update.last_modified, update.feed_id),
    )
    if update.feed is None:
        return 0, 0
    if update.feed.title or update.feed.site_url:
        # Only the feed's own title: the user's (user_title) is theirs.
        db.execute(
            "UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url) WHERE id = ?",
            (one_line(update.feed.title) or None, update.feed.site_url, update.feed_id),
        )
    known = {
        r["key"]: r["content_hash"]
        for r in db.execute("SELECT key, content_hash FROM articles WHERE feed_id = ?", (update.feed_id,))
    }
    for r in db.execute("SELECT key FROM gone WHERE feed_id = ?", (update.feed_id,)):
        known.setdefault(r["key"], GONE)  # deleted by a filter or retention: not new again
    # New entries are inserted together at the end (one executemany); an entry repeated in the same
    # feed with other content replaces its pending row, as inserting and then updating it would.
    pending: dict[str, ParsedEntry] = {}
    for entry in update.feed.entries:
        old_hash = known.get(entry.key)
        if old_hash is GONE:
            continue
        if old_hash is None:
            pending[entry.key] = entry
            known[entry.key] = entry.content_hash
            new += 1
        elif old_hash != entry.content_hash:
            if entry.key in pending:
                first = pending[entry.key]
                pending[entry.key] = replace(
                    entry, published=first.published if entry.published is None else entry.published
                )
            else:
                _update_entry(db, update.feed_id, entry)
            known[entry.key] = entry.content_hash
            changed += 1
    if pending:
        _insert_entries(db, update.feed_id, pending.values(), update.fetched_at)
    return new, changed


def _insert_entries(db: sqlite3.Connection, feed_id: int, entries: Iterable[ParsedEntry], now: float) -> None:
    added = db.executemany(
        "INSERT INTO articles (feed_id, key, guid, link, title, authors, published, updated, content_html, "
        "content_hash, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                feed_id,
                e.key,
                e.guid,
                e.link,
                one_line(e.title),
                json.dumps([one_line(a) for a in e.authors]),
                e.published,
                e.updated,
                e.content_html,
                e.content_hash,
                now,
            )
            for e in entries
        ],
    )
    # New articles are unread: both counts grow by the rows inserted (schema migration 3).
    db.execute(
        "UPDATE feeds SET article_count = article_count + ?1, unread_count = unread_count + ?1 WHERE id = ?2",
        (added.rowcount, feed_id),
    )


def _update_entry(db: sqlite3.Connection, feed_id: int, e: ParsedEntry) -> None:
    # A changed item keeps its read and starred state; its cleaned text and page are redone.
    db.execute(
        "UPDATE articles SET guid = ?, link = ?, title = ?, authors = ?, published = coalesce(?, published), "
        "updated = ?, content_html = ?, content_hash = ?, cleaned = 0, page_html = NULL, page_error = NULL "
        "WHERE feed_id = ? AND key = ?",
        (
            e.guid,
            e.link,
            one_line(e.title),
            json.dumps([one_line(a) for a in e.authors]),
            e.published,
            e.updated,
            e.content_html,
            e.content_hash,
            feed_id,
            e.key,
        ),
    )
