"""What the sync with a Google Reader API server moves: feeds and items as the server gives them, the queue, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class SyncedFeed:
    """A subscription as the sync server lists it."""

    sync_id: str  # the server's stream id ("feed/12")
    url: str
    title: str | None
    site_url: str | None
    label: str | None  # the server's folder, our tag


@dataclass(frozen=True, slots=True)
class SyncedItem:
    """An item as the sync server gives it; sync_id is the server's decimal item id."""

    sync_id: str
    feed_sync_id: str
    link: str | None
    title: str
    authors: tuple[str, ...]
    published: float | None
    crawled: float
    content_html: str
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class QueuedChange:
    """A local change waiting for the next sync, in the order it was made."""

    id: int
    at: float  # epoch seconds
    kind: Literal["read", "starred", "subscribe", "unsubscribe", "rename", "tags"]
    article_id: int | None
    item_id: str | None  # the item's server id, or the feed's stream id for feed changes
    feed_url: str | None
    value: str | None


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What one sync moved each way, and the conflicts it settled (the losing side counted)."""

    pulled_feeds: int = 0  # subscriptions added or changed here from the server
    removed_feeds: int = 0  # subscriptions the server no longer has, removed here
    pulled_items: int = 0  # new items stored
    pulled_states: int = 0  # read/starred changes made here from the server
    pushed_states: int = 0  # read/starred changes sent to the server
    pushed_feeds: int = 0  # subscribe, unsubscribe, rename and tag changes sent
    conflicts_local_won: int = 0  # server changes overridden by a later local one
    conflicts_server_won: int = 0  # local changes dropped for a later server one
    refused: tuple[str, ...] = ()  # one line each: changes the server would not take


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """`sync --status`: when the last sync ended, what waits in the queue, whether the server answers."""

    configured: bool
    last_sync: float | None
    queued: int
    reachable: bool | None  # None: not asked (offline or not configured)
    problem: str | None = None  # one line: why it is not reachable
