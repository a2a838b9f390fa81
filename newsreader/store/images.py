"""Images cached for offline reading, and where the reader left each article."""

from __future__ import annotations

import time

from newsreader.models import StoredImage
from newsreader.store.connection import StoreBase, guarded

IMAGES_KEPT_BYTES = 256 * 1024 * 1024  # about 2,000 article pictures; older downloads make room


class ImagesStore(StoreBase):
    @guarded
    def image(self, url: str) -> StoredImage | None:
        """The cached image at url, or None when it was never downloaded."""
        row = self.db.execute("SELECT url, data, content_type FROM images WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return StoredImage(row["url"], bytes(row["data"]), row["content_type"])

    @guarded
    def save_image(self, image: StoredImage, *, keep_bytes: int = IMAGES_KEPT_BYTES) -> None:
        """Keep an image; the oldest downloads go once all of them pass keep_bytes."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO images (url, data, content_type, fetched) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET data = excluded.data, content_type = excluded.content_type, "
                "fetched = excluded.fetched",
                (image.url, image.data, image.content_type, time.time()),
            )
            db.execute(
                "DELETE FROM images WHERE url IN (SELECT url FROM (SELECT url, sum(length(data)) OVER "
                "(ORDER BY fetched DESC, rowid DESC) AS kept FROM images) WHERE kept > ?) AND url <> ?",
                (keep_bytes, image.url),
            )

    @guarded
    def reading_position(self, article_id: int) -> int | None:
        """The line the reader had scrolled to in the article, None when never scrolled."""
        row = self.db.execute("SELECT line FROM positions WHERE article_id = ?", (article_id,)).fetchone()
        return row["line"] if row else None

    @guarded
    def set_reading_position(self, article_id: int, line: int) -> None:
        """Keep the line scrolled to; the top of the article forgets it."""
        with self.transaction() as db:
            if line <= 0:
                db.execute("DELETE FROM positions WHERE article_id = ?", (article_id,))
                return
            db.execute(
                "INSERT INTO positions (article_id, line) SELECT id, ? FROM articles WHERE id = ? "
                "ON CONFLICT (article_id) DO UPDATE SET line = excluded.line",
                (int(line), article_id),
            )
