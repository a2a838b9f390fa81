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
        counts = self.db.execute(
            "SELECT count(*) FILTER (WHERE read = 0) AS unread, count(*) AS total FROM articles WHERE feed_id = ?",
            (feed_id,),
        ).fetchone()
        return feed_of(row, counts["unread"], counts["total"])

    @guarded
    def feed_by_url(self, url: str) -> Feed | None:
        row = self.db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return self.feed(row["id"]) if row else None

    @guarded
    def feeds(self, *, counts: bool = True) -> list[Feed]:
        """Every feed with its unread and total counts (zero when counts=False), in the order they were added."""
        counts_by_feed: dict[int, tuple[int, int]] = {}
        if counts:
            counts_by_feed = {
                r["feed_id"]: (r["unread"], r["total"])
                for r in self.db.execute(
                    "SELECT feed_id, count(*) FILTER (WHERE read = 0) AS unread, count(*) AS total "
                    "FROM articles GROUP BY feed_id"
                )
            }
        return [
            feed_of(row, *counts_by_feed.get(row["id"], (0, 0)))
            for row in self.db.execute(f"SELECT {FEED_COLS} FROM feeds f ORDER BY f.added, f.id")
        ]
