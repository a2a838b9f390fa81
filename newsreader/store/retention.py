"""Retention: which old articles go (never a starred one), and compacting the file afterwards."""

from __future__ import annotations

import time
from pathlib import Path

from newsreader.config_query import Retention
from newsreader.models import Cleanup
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.gone import forget

DATE = "coalesce(published, first_seen)"


class RetentionStore(StoreBase):
    @guarded
    def apply_retention(self, retention: Retention, *, now: float | None = None) -> int:
        """Delete what retention lets go: past max_age, then over max_articles_per_feed the oldest
        read ones first, then the oldest unread. Starred articles are never deleted; returns how many went."""
        now = time.time() if now is None else now
        deleted = 0
        if retention.max_age is not None:
            ids = [
                r[0]
                for r in self.db.execute(
                    f"SELECT id FROM articles WHERE starred = 0 AND {DATE} < ?", (now - retention.max_age,)
                )
            ]
            if ids:
                with self.transaction() as db:
                    deleted += forget(db, ids)
        limit = retention.max_articles_per_feed
        if limit is not None:
            over = self.db.execute(
                "SELECT id, article_count FROM feeds WHERE article_count > ?", (limit,)
            ).fetchall()
            for feed in over:
                ids = [
                    r[0]
                    for r in self.db.execute(
                        f"SELECT id FROM articles WHERE feed_id = ? AND starred = 0 "
                        f"ORDER BY read = 0, {DATE}, id LIMIT ?",
                        (feed["id"], feed["article_count"] - limit),
                    )
                ]
                if ids:
                    with self.transaction() as db:
                        deleted += forget(db, ids)
        return deleted

    def size_on_disk(self) -> int:
        """The store file and its write-ahead log, in bytes."""
        total = 0
        for suffix in ("", "-wal"):
            try:
                total += Path(str(self.path) + suffix).stat().st_size
            except OSError:
                pass
        return total

    @guarded
    def compact(self) -> None:
        """Merge the search index's segments and rewrite the file without its free pages."""
        if self.read_only:
            from newsreader.store.errors import StoreReadOnly

            raise StoreReadOnly(self.path)
        with self.transaction() as db:
            db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def cleanup(self, retention: Retention) -> Cleanup:
        """Apply retention, then compact the store; what was deleted and freed."""
        before = self.size_on_disk()
        deleted = self.apply_retention(retention)
        self.compact()
        return Cleanup(deleted, before, self.size_on_disk())
