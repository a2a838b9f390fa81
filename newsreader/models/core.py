"""Feeds, articles and what the cleaner makes of them: the records every stage passes on."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any, Literal

ContactKind = Literal["email", "social", "phone", "url", "other"]
FullText = Literal["auto", "always", "never"]


def _pickled_by_fields(cls: type) -> type:
    """Pickle as the class and its field values, for types sent between processes by the thousand.

    A frozen slotted dataclass otherwise pickles its state as a dict and restores it field by field
    through object.__setattr__: for the 25,000 entries of a cold refresh that was ~0.3 s of CPU.
    """
    values = attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


def iso_date(ts: float | None) -> str | None:
    """Epoch seconds as ISO 8601 in UTC ("2026-11-29T15:04:25Z"), None for None."""
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z") if ts is not None else None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Contact:
    """A tip or contact line: what to reach (value) and the whole line it came from (label)."""

    kind: ContactKind
    value: str
    label: str

    def to_json(self) -> dict[str, Any]:
        """The one JSON form of a contact."""
        return {"kind": self.kind, "value": self.value, "label": self.label}


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the cleaner makes of one article."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601
    body: str = ""
    contacts: tuple[Contact, ...] = ()
    credits: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # those of `authors` that are organisations, not people

    def to_json(self, url: str | None) -> dict[str, Any]:
        """The one JSON form of a cleaned page (`extract --json`); url is the page's address."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "body": self.body,
            "contacts": [x.to_json() for x in self.contacts],
            "credits": list(self.credits),
            "notes": list(self.notes),
            "organisations": list(self.organisations),
            "url": url,
        }


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file an item carries (a podcast's audio, a video): RSS <enclosure>, Atom link rel="enclosure"."""

    url: str
    type: str | None = None  # the media type the feed gave ("audio/mpeg")
    length: int | None = None  # bytes, as the feed gave it
    duration: int | None = None  # seconds (itunes:duration)

    def to_json(self) -> dict[str, Any]:
        """The one JSON form of an enclosure (`list --json`)."""
        return {"url": self.url, "type": self.type, "length": self.length, "duration": self.duration}


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One item of a feed, as the feed gave it."""

    key: str  # guid, else link, else a stable hash: what makes the item unique in its feed
    guid: str | None
    link: str | None
    title: str
    authors: tuple[str, ...]
    published: float | None  # epoch seconds
    updated: float | None
    content_html: str
    content_hash: str
    enclosures: tuple[Enclosure, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    entries: tuple[ParsedEntry, ...]


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """The outcome of fetching one feed, applied to the store in one transaction."""

    feed_id: int
    status: Literal["ok", "not_modified", "error"]
    fetched_at: float
    feed: ParsedFeed | None = None
    etag: str | None = None
    last_modified: str | None = None
    new_url: str | None = None  # after a permanent redirect
    error: str | None = None  # one line


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str | None
    site_url: str | None
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: float | None = None
    last_error: str | None = None
    error_streak: int = 0
    full_text: FullText | None = None  # None: the global setting
    unread: int = 0
    total: int = 0
    user_title: str | None = None  # the user's name for the feed; a refresh changes only title

    @property
    def display_title(self) -> str:
        return self.user_title or self.title or self.url


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as the list pane shows it."""

    id: int
    feed_id: int
    title: str
    published: float | None
    read: bool
    starred: bool
    feed_title: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """An article with everything the store holds on it."""

    id: int
    feed_id: int
    feed_url: str
    feed_title: str
    key: str
    guid: str | None
    link: str | None
    title: str
    authors: tuple[str, ...]
    published: float | None
    updated: float | None
    content_html: str
    read: bool
    starred: bool
    page_html: str | None = None
    page_error: str | None = None
    cleaned: Cleaned | None = None
    clean_error: str | None = None
    enclosures: tuple[Enclosure, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The one JSON form of a stored article (`list --json`, `search --json`)."""
        c = self.cleaned
        return {
            "id": self.id,
            "feed": self.feed_url,
            "feed_title": self.feed_title,
            "guid": self.guid,
            "link": self.link,
            "title": self.title,
            "authors": list(c.authors) if c and c.authors else list(self.authors),
            "feed_authors": list(self.authors),
            "published": iso_date(self.published),
            "updated": iso_date(self.updated),
            "read": self.read,
            "starred": self.starred,
            "body": c.body if c else None,
            "contacts": [x.to_json() for x in c.contacts] if c else [],
            "credits": list(c.credits) if c else [],
            "notes": list(c.notes) if c else [],
            "clean_error": self.clean_error,
            "page_error": self.page_error,
            "enclosures": [x.to_json() for x in self.enclosures],
        }


@dataclass(slots=True)
class RefreshSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ok: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)


class RefreshInterrupted(KeyboardInterrupt):
    """Ctrl+C ended a refresh; `summary` holds what was stored before it (every feed it counts is kept)."""

    def __init__(self, summary: RefreshSummary) -> None:
        super().__init__()
        self.summary = summary

    @property
    def feeds_done(self) -> int:
        return self.summary.ok + len(self.summary.failed)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed to subscribe to, as an OPML or urls file names it."""

    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SavedView:
    """A named query shown in the feed list: from config.toml's [views], or saved from the interface."""

    name: str
    query: str
    source: Literal["config", "store"]


@dataclass(frozen=True, slots=True)
class Cleanup:
    """What `cleanup` did: articles deleted, and the store's size on disk before and after."""

    deleted: int
    bytes_before: int
    bytes_after: int

    @property
    def freed(self) -> int:
        return max(0, self.bytes_before - self.bytes_after)


@dataclass(frozen=True, slots=True)
class DiscoveredFeed:
    """A feed found for an address: the address itself, one its page names, or a common path on its host."""

    url: str
    title: str | None
    type: str  # "rss", "atom", "rdf" or "xml" (a link typed only as XML)


@dataclass(frozen=True, slots=True)
class StoredImage:
    """An image as downloaded: its address, its bytes and the type the server gave."""

    url: str
    data: bytes
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class ImageFetched:
    """An image asked for by the body: its bytes (None when it could not be had) and why not, one line."""

    url: str
    data: bytes | None
    error: str | None = None
