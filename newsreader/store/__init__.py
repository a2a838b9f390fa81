"""The SQLite store, by domain: feeds, articles, the cleaner's output, the search index, interface state.

`Store` is one connection made of the domain parts; `StoreError` (and its kinds) is the one-line error.
"""

from __future__ import annotations

from newsreader.store.articles import ArticlesStore
from newsreader.store.cleaned import CleanedStore
from newsreader.store.connection import OPEN_CHECK_BYTES
from newsreader.store.enclosures import EnclosuresStore
from newsreader.store.errors import StoreDamaged, StoreError, StoreFull, StoreReadOnly, as_store_error
from newsreader.store.feeds import FeedsStore
from newsreader.store.filters import FiltersStore
from newsreader.store.images import ImagesStore
from newsreader.store.people import PeopleStore
from newsreader.store.queries import QueriesStore
from newsreader.store.recover import Recovered, recover
from newsreader.store.retention import RetentionStore
from newsreader.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsreader.store.search import RANK_WINDOW, SearchStore, fts_query
from newsreader.store.state import StateStore
from newsreader.store.sync import SyncStore
from newsreader.store.tags import TagsStore
from newsreader.store.updates import UpdatesStore
from newsreader.store.views import ViewsStore

__all__ = [
    "MIGRATIONS",
    "OPEN_CHECK_BYTES",
    "RANK_WINDOW",
    "SCHEMA_VERSION",
    "Recovered",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreFull",
    "StoreReadOnly",
    "as_store_error",
    "fts_query",
    "recover",
]


class Store(
    EnclosuresStore,
    FeedsStore,
    UpdatesStore,
    ArticlesStore,
    CleanedStore,
    SearchStore,
    StateStore,
    PeopleStore,
    QueriesStore,
    ViewsStore,
    TagsStore,
    FiltersStore,
    RetentionStore,
    SyncStore,
    ImagesStore,
):
    """One connection to the store file. Not shared between threads; open one per thread.

    Store(path, busy_timeout=30.0, read_only=None, check=None): read_only None opens read-only when
    the file or its directory cannot be written; a damaged file raises StoreDamaged (see recover).
    """

    def __enter__(self) -> Store:
        return self
