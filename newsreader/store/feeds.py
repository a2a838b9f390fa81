"""Subscriptions: adding, naming, listing and removing feeds."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

from newsreader.models import Feed
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import FEED_COLS, feed_of
from newsreader.text import one_line


class FeedsStore(StoreBase):
    @guarded
    def add_feed(
        self, url: str, *, title: str | None = None, tags: Iterable[str] = (), full_text: str | None = None
    ) -> tuple[Feed, bool]:
        """Subscribe to url; returns the feed and whether it was new. Tags of a known feed are merged.

        A given title is the user's title: shown before the feed's own, never overwritten by a refresh.
        """
        title = one_line(title) if title else None
        with self.transaction() as db:
            row = db.execute(f"SELECT {FEED_COLS} FROM feeds f WHERE url = ?", (url,)).fetchone()
            if row:
                feed = feed_of(row)
                merged = list(dict.fromkeys([*feed.tags, *tags]))
                if merged != list(feed.tags) or (title and not feed.user_title):
                    db.execute(
                        "UPDATE feeds SET tags = ?, user_title = coalesce(user_title, ?) WHERE id = ?",
                        (json.dumps(merged), title, feed.id),
                    )
                return self.feed(feed.id), False
            cur = db.execute(
                "INSERT INTO feeds (url, user_title, tags, full_text, added) VALUES (?, ?, ?, ?, ?)",
                (url, title or None, json.dumps(list(dict.fromkeys(tags))), full_text, time.time()),
            )
            feed_id = cur.lastrowid
        return self.feed(feed_id), True

    @guarded
    def set_feed_title(self, feed_id: int, title: str | None) -> None:
        """Name a feed as the user wants; None (or blank) goes back to the feed's own title."""
        title = one_line(title) if title else None
        with self.transaction() as db:
            if (
                db.execute("UPDATE feeds SET user_title = ? WHERE id = ?", (title or None, feed_id)).rowcount
                == 0
            ):
                raise KeyError(feed_id)

    @guarded
    def remove_feed(self, url: str) -> bool:
        with self.transaction() as db:
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    @guarded
    def feed(self, feed_id: int) -> Feed:
        row = self.db.execute(f"SELECT {FEED_COLS} FROM feeds f WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise KeyError(feed_id)
        return feed_of(row, row["unread_count"], row["article_count"])

    @guarded
    def feed_by_url(self, url: str) -> Feed | None:
        row = self.db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return self.feed(row["id"]) if row else None

    @guarded
    def feeds(self, *, counts: bool = True, limit: int | None = None) -> list[Feed]:
        """Every feed (or the first limit) with its unread and total counts (zero when counts=False),
        in the order they were added."""
        # The counts are columns of feeds (schema migration 3), kept as articles come, go and are read.
        sql = f"SELECT {FEED_COLS} FROM feeds f ORDER BY f.added, f.id"
        rows = self.db.execute(sql + " LIMIT ?", (limit,)) if limit is not None else self.db.execute(sql)
        return [
            feed_of(row, row["unread_count"], row["article_count"]) if counts else feed_of(row)
            for row in rows
        ]

    def unread_total(self) -> int:
        """Unread articles across every feed."""
        return self.db.execute("SELECT coalesce(sum(unread_count), 0) FROM feeds").fetchone()[0]
