"""The SQLite store, by domain: feeds, articles, the cleaner's output, the search index, interface state.

`Store` is one connection made of the domain parts; `StoreError` (and its kinds) is the one-line error.
"""

from __future__ import annotations

from newsreader.store.articles import ArticlesStore
from newsreader.store.cleaned import CleanedStore
from newsreader.store.connection import OPEN_CHECK_BYTES
from newsreader.store.errors import StoreDamaged, StoreError, StoreFull, StoreReadOnly, as_store_error
from newsreader.store.feeds import FeedsStore
from newsreader.store.images import ImagesStore
from newsreader.store.recover import Recovered, recover
from newsreader.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsreader.store.search import RANK_WINDOW, SearchStore, fts_query
from newsreader.store.state import StateStore
from newsreader.store.updates import UpdatesStore

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


class Store(FeedsStore, UpdatesStore, ArticlesStore, CleanedStore, SearchStore, StateStore, ImagesStore):
    """One connection to the store file. Not shared between threads; open one per thread.

    Store(path, busy_timeout=30.0, read_only=None, check=None): read_only None opens read-only when
    the file or its directory cannot be written; a damaged file raises StoreDamaged (see recover).
    """

    def __enter__(self) -> Store:
        return self
