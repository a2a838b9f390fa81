"""The interface's one door to the engine: every read, write, refresh and cleaning goes through here.

Reads are made from worker threads, each with its own engine (an Engine is one connection, one
thread); writes go through one writer thread in the order they were made; cleaning runs in a worker
process, never on a thread of the interface, so a pathological page cannot hold the interface.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

from newsreader.engine import Engine, OfflineError, Opened, feed_text
from newsreader.models import Article, ArticleRow, Feed, ImageFetched, RefreshSummary
from newsreader.ui.messages import View
from newsreader.ui.session import Session
from newsreader.ui.store_writer import StoreWriter
from newsreader.ui.unread import Found, Position, find_unread

T = TypeVar("T")
__all__ = ["Engine", "OfflineError", "UiData", "feed_text", "start_resource_tracker"]
SEARCH_LIMIT = 1000  # matches listed for one search, best first


READERS = 2  # threads that read for the interface, each keeping its connection


def _view_ids(store: Engine, view: View, unread_only: bool, limit: int | None = None) -> list[int]:
    """The ids of a view other than a search, in display order (the first limit of them)."""
    return store.article_ids(
        feed_id=view.feed_id,
        # starred articles are kept to be read again: u does not hide the read ones
        unread_only=(unread_only and view.kind != "starred") or view.kind == "unread",
        starred_only=view.kind == "starred",
        limit=limit,
    )


class UiData:
    """The engine as the interface sees it.

    Reads run on a small pool of reader threads that keep their engines open (opening one per read
    cost more than the read); the calling worker waits for the answer, the interface never does.
    The engine given is only reopened per thread, and closed with this.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.offline = engine.offline
        self.read_only = engine.read_only  # a read-only file or mount: writes would fail
        self.writer: StoreWriter | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._readers = ThreadPoolExecutor(READERS, thread_name_prefix="newsreader-read")
        self._local = threading.local()

    def open(self) -> Engine:
        """An engine of the calling thread's own (close it when done)."""
        return self.engine.reopen()

    def _connection(self) -> Engine:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self.open()
        return store

    def _read(self, read: Callable[[Engine], T]) -> T:
        """read(store) on a reader thread; the calling (worker) thread waits for it."""
        return self._readers.submit(lambda: read(self._connection())).result()

    # Reads (from workers)

    def session(self) -> Session:
        return self._read(lambda store: Session.from_state(store.get_state))

    def state(self, key: str) -> str | None:
        return self._read(lambda store: store.get_state(key))

    def feeds(self, limit: int | None = None) -> list[Feed]:
        return self._read(lambda store: store.feeds(limit=limit))

    def unread_total(self) -> int:
        return self._read(lambda store: store.unread_total())

    def view(self, view: View, unread_only: bool) -> tuple[list[int], list[ArticleRow]]:
        """A view's ids in display order, and for a search its rows (best first)."""

        def read(store: Engine) -> tuple[list[int], list[ArticleRow]]:
            if view.kind == "search":
                rows = store.search(view.query, limit=SEARCH_LIMIT)
                return [r.id for r in rows if not (unread_only and r.read)], rows
            return _view_ids(store, view, unread_only), []

        return self._read(read)

    def view_first(self, view: View, unread_only: bool, limit: int) -> list[int]:
        """The first limit ids of a view other than a search (empty for a search), as view() lists them."""
        if view.kind == "search":
            return []
        return self._read(lambda store: _view_ids(store, view, unread_only, limit))

    def rows(self, ids: list[int]) -> list[ArticleRow]:
        return self._read(lambda store: store.rows(ids))

    def article(self, article_id: int) -> Article | None:
        def read(store: Engine) -> Article | None:
            try:
                return store.article(article_id)
            except KeyError:
                return None

        return self._read(read)

    def find_unread(self, at: Position, step: int, *, unread_only: bool) -> Found | None:
        return self._read(lambda store: find_unread(store, at, step, unread_only=unread_only))

    def needs_opening(self, article: Article) -> bool:
        """Whether showing the article waits for the cleaner (or for the page its feed wants)."""
        return self._read(lambda store: store.needs_opening(article))

    def reading_position(self, article_id: int) -> int | None:
        return self._read(lambda store: store.reading_position(article_id))

    def image(self, url: str) -> ImageFetched:
        """An image of the body, from the store or downloaded (on the calling worker, not a reader thread)."""
        with self.open() as engine:
            return engine.image(url)

    def load_sample(self) -> int:
        with self.open() as engine:
            return engine.load_sample()

    # Refreshing (from a refresh thread)

    def refresh_targets(self, feed_ids: list[int] | None) -> int:
        """How many of the feeds (None: all) a refresh would fetch; OfflineError when offline."""
        with self.open() as engine:
            return engine.refresh_targets(feed_ids)

    def refresh(self, feed_ids: list[int] | None, on_feed_done: Callable[..., None]) -> RefreshSummary:
        with self.open() as engine:
            return engine.refresh(feed_ids, on_feed_done=on_feed_done)

    # Opening and cleaning (a worker process; the calling thread waits, the interface does not)

    def open_article(self, article_id: int) -> Opened | None:
        """The article cleaned, its missing full page fetched first if its feed wants it (None: gone)."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = self.engine.clean_pool(workers=1)
            pool = self._pool
        # An engine of this worker's own: a page fetch here must not hold a reader thread.
        with self.open() as engine:
            try:
                return engine.open_article(article_id, pool=pool)
            except KeyError:
                return None

    def index_pending(self) -> None:
        """Add what the search index lacks, in small batches: each is a write the interface's own wait on."""
        with self.open() as engine:
            engine.index_pending(batch=500)

    def cleaning_pool(self) -> ProcessPoolExecutor:
        """A worker process for the background pass, kept across its batches (starting one costs a second)."""
        return self.engine.clean_pool(workers=1)

    def clean_some(self, limit: int, on_done: Callable[[int], None], pool: ProcessPoolExecutor) -> int:
        """Clean up to limit articles the cleaner has not seen, newest first; returns how many."""
        return self.engine.clean_pending(limit=limit, on_done=on_done, pool=pool)

    # Writes (queued, applied in order on the writer thread)

    def start_writer(self, on_error: Callable[[str], None]) -> None:
        self.writer = StoreWriter(self.engine.reopen, on_error=on_error)

    def write(self, op: Callable[[Engine], Any], done: Callable[[Any], None] | None = None) -> None:
        if self.writer is not None:
            self.writer.submit(op, done)

    def set_read(self, article_id: int, read: bool, done: Callable[[Any], None] | None = None) -> None:
        self.write(lambda store: store.set_read([article_id], read), done)

    def set_starred(self, article_id: int, starred: bool, done: Callable[[Any], None] | None = None) -> None:
        self.write(lambda store: store.set_starred(article_id, starred), done)

    def mark_feed_read(self, feed_id: int, done: Callable[[Any], None] | None = None) -> None:
        self.write(lambda store: store.mark_feed_read(feed_id), done)

    def save_reading_position(self, article_id: int, line: int) -> None:
        self.write(lambda store: store.set_reading_position(article_id, line))

    def save_state(self, key: str, value: str | None) -> None:
        self.write(lambda store: store.set_state(key, value))

    def close(self) -> None:
        self._readers.shutdown(wait=False, cancel_futures=True)
        if self.writer is not None:
            self.writer.close()
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
        self.engine.close()


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (once), handing it the terminal's real stderr.

    The cleaner spawns worker processes, and spawning starts this tracker on first use with sys.stderr's
    file descriptor; Textual's captured stderr answers -1, which spawning rejects. Call it on the
    interface thread, so swapping sys.stderr for the moment cannot race Textual's own use of it.
    """
    try:
        from multiprocessing import resource_tracker

        captured = sys.stderr
        sys.stderr = sys.__stderr__
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured
    except Exception:  # noqa: BLE001 - without it, cleaning falls back to cleaning on first view
        pass
