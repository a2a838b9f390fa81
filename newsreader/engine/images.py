"""Images for the article body, downloaded within the page limits and kept in the store; reading positions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.models import ImageFetched, StoredImage
from newsreader.text import one_line

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.store import Store

IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8"
# What the body can show (Pillow reads them all); the first bytes decide, not the server's word.
_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")


def looks_like_image(data: bytes) -> bool:
    """Whether data starts like an image the body can draw (PNG, JPEG, GIF, BMP, WebP)."""
    return data.startswith(_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


class ImagesMixin:
    """Mixed into Engine: images downloaded once and read from the store after, even offline."""

    _store: Store
    config: Config
    offline: bool

    def image(self, url: str) -> ImageFetched:
        """The image at url: from the store, else downloaded (not offline) and kept there."""
        from newsreader.fetch import fetch_url, is_fetchable

        stored = self._store.image(url)
        if stored is not None:
            return ImageFetched(url, stored.data)
        if not is_fetchable(url):
            return ImageFetched(url, None, "not an http or https address")
        if self.offline:
            return ImageFetched(url, None, "offline, and not downloaded before")
        result = fetch_url(url, self.config.limits, accept=IMAGE_ACCEPT)
        if result.error:
            return ImageFetched(url, None, one_line(result.error))
        if not result.ok or result.status >= 400:
            return ImageFetched(url, None, f"HTTP {result.status}")
        if not looks_like_image(result.body):
            return ImageFetched(url, None, "not an image")
        if not self._store.read_only:
            self._store.save_image(StoredImage(url, result.body, result.content_type))
        return ImageFetched(url, result.body)

    def reading_position(self, article_id: int) -> int | None:
        """The line of the article the reader was at when they left it (None: the top)."""
        return self._store.reading_position(article_id)

    def set_reading_position(self, article_id: int, line: int) -> None:
        self._store.set_reading_position(article_id, line)
