"""Typed data passed between the fetcher, the cleaner, the store, the engine and the two faces.

`core`: feeds, articles and what the cleaner makes of them; `people`: the authors directory; `sync`:
what a sync with a server moves. Everything is imported from here.
"""

from newsreader.models.core import (
    Article,
    ArticleRow,
    Cleaned,
    Cleanup,
    Contact,
    ContactKind,
    DiscoveredFeed,
    Enclosure,
    Feed,
    FeedUpdate,
    FullText,
    ImageFetched,
    ParsedEntry,
    ParsedFeed,
    RefreshInterrupted,
    RefreshSummary,
    SavedView,
    StoredImage,
    Subscription,
    iso_date,
)
from newsreader.models.people import (
    ContactCard,
    Person,
    PersonContact,
    PersonKind,
    distinct_contacts,
)
from newsreader.models.sync import (
    QueuedChange,
    SyncedFeed,
    SyncedItem,
    SyncStatus,
    SyncSummary,
)

__all__ = [
    "Article",
    "ArticleRow",
    "Cleaned",
    "Cleanup",
    "Contact",
    "ContactCard",
    "ContactKind",
    "DiscoveredFeed",
    "Enclosure",
    "Feed",
    "FeedUpdate",
    "FullText",
    "ImageFetched",
    "ParsedEntry",
    "ParsedFeed",
    "Person",
    "PersonContact",
    "PersonKind",
    "QueuedChange",
    "RefreshInterrupted",
    "RefreshSummary",
    "SavedView",
    "StoredImage",
    "Subscription",
    "SyncStatus",
    "SyncSummary",
    "SyncedFeed",
    "SyncedItem",
    "distinct_contacts",
    "iso_date",
]
