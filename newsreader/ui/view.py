"""What the article list shows: one feed, all unread, starred, search results, a saved view or a tag."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class View:
    """What the article list shows: one feed, all unread, starred, search results, a saved view or a tag."""

    kind: str  # "feed", "unread", "starred", "search", "view" (a saved query) or "tag"
    feed_id: int | None = None
    query: str = ""
    name: str = ""  # a saved view's or a tag's

    @property
    def key(self) -> str:
        if self.kind == "feed":
            return f"feed:{self.feed_id}"
        if self.kind in ("view", "tag"):
            return f"{self.kind}:{self.name}"
        return self.kind

    @classmethod
    def from_key(cls, key: str | None) -> View | None:
        if not key:
            return None
        if key.startswith("feed:") and key[5:].isdigit():
            return cls("feed", int(key[5:]))
        if key in ("unread", "starred"):
            return cls(key)
        kind, _, name = key.partition(":")
        if kind in ("view", "tag") and name:
            return cls(kind, name=name)
        return None


def tag_query(tag: str) -> str:
    """The query that lists a tag's articles."""
    return 'tag:"' + tag.replace('"', "") + '"'
