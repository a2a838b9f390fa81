"""What the article list shows: one feed, all unread, starred, or search results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class View:
    """What the article list shows: one feed, all unread, starred, or search results."""

    kind: str  # "feed", "unread", "starred" or "search"
    feed_id: int | None = None
    query: str = ""

    @property
    def key(self) -> str:
        return f"feed:{self.feed_id}" if self.kind == "feed" else self.kind

    @classmethod
    def from_key(cls, key: str | None) -> View | None:
        if not key:
            return None
        if key.startswith("feed:") and key[5:].isdigit():
            return cls("feed", int(key[5:]))
        if key in ("unread", "starred"):
            return cls(key)
        return None
