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
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newsreader.engine import (
    Added,
    Engine,
    EngineError,
    OfflineError,
    Opened,
    StoreError,
    feed_text,
    tell_upgrading,
)
from newsreader.models import (
    Article,
    ArticleRow,
    DiscoveredFeed,
    Enclosure,
    Feed,
    ImageFetched,
    Person,
    PersonContact,
    RefreshSummary,
    SavedView,
)
from newsreader.ui.messages import View
from newsreader.ui.session import Session
from newsreader.ui.store_writer import StoreWriter
from newsreader.ui.unread import Found, Position, find_unread
from newsreader.ui.view import tag_query

if TYPE_CHECKING:
    from newsreader.engine.download import Downloaded

T = TypeVar("T")
# Re-exported: the interface's modules take the engine's names from here (UiData and the rest are ours).
__all__ = ["Engine", "EngineError", "OfflineError", "StoreError", "feed_text", "tell_upgrading"]
SEARCH_LIMIT = 1000  # matches listed for one search, best first


READERS = 2  # threads that read for the interface, each keeping its connection


def _view_ids(store: Engine, view: View, unread_only: bool, limit: int | None = None) -> list[int]:
    """The ids of a view other than a search, in display order (the first limit of them)."""
    if view.kind in ("view", "tag"):
        query = _query_of(store, view)
        return store.query_ids(query, limit=limit, unread_only=unread_only) if query else []
    return store.article_ids(
        feed_id=view.feed_id,
        # starred articles are kept to be read again: u does not hide the read ones
        unread_only=(unread_only and view.kind != "starred") or view.kind == "unread",
        starred_only=view.kind == "starred",
        limit=limit,
        include_hidden=not unread_only,  # showing all (u) shows what a filter hid too
    )


def _query_of(store: Engine, view: View) -> str | None:
    """The query behind a saved view (looked up by name: a view restored at start knows only that) or a tag."""
    if view.kind == "tag" and not view.name:  # the feeds without a tag
        return " ".join(f"NOT {tag_query(name)}" for name, _ in store.tags()) or None
    if view.kind == "tag":
        return tag_query(view.name)
    return view.query or next((v.query for v in store.views() if v.name == view.name), None)


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

    # The authors directory (ui/authors.py)

    def authors(self, limit: int | None = None) -> list[Person]:
        """Every author (the first limit), without feeds and latest article (author_page has those)."""
        return self._read(lambda store: store.authors(details=False, limit=limit))

    def author_details(self, person_ids: list[int]) -> list[Person]:
        """These authors with their feeds and latest article, for the rows of the list on screen."""
        return self._read(lambda store: store.authors_by_id(person_ids))

    def authors_of(self, article_id: int) -> list[Person]:
        return self._read(lambda store: store.authors_of(article_id))

    def author_page(
        self, person_id: int, limit: int
    ) -> tuple[Person, list[ArticleRow], list[PersonContact]] | None:
        """An author, their latest limit articles and every contact line (None: gone)."""

        def read(store: Engine) -> tuple[Person, list[ArticleRow], list[PersonContact]] | None:
            try:
                person = store.author(person_id)
            except KeyError:
                return None
            return person, store.author_articles(person_id, limit=limit), store.author_contacts(person_id)

        return self._read(read)

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
            if engine.sync_configured:  # [sync]: one sync stands for every feed's fetch
                return engine.sync_targets()
            return engine.refresh_targets(feed_ids)

    def refresh(self, feed_ids: list[int] | None, on_feed_done: Callable[..., None]) -> RefreshSummary:
        with self.open() as engine:
            if engine.sync_configured:
                return engine.sync_refresh()
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
        """Add what the search index and the authors directory lack, in small batches: each is a write the
        interface's own wait on."""
        with self.open() as engine:
            engine.index_pending(batch=500)
            engine.index_people(batch=500)

    def cleaning_pool(self) -> ProcessPoolExecutor:
        """A worker process for the background pass, kept across its batches (starting one costs a second)."""
        return self.engine.clean_pool(workers=1)

    def clean_some(self, limit: int, on_done: Callable[[int], None], pool: ProcessPoolExecutor) -> int:
        """Clean up to limit articles the cleaner has not seen, newest first; returns how many."""
        return self.engine.clean_pending(limit=limit, on_done=on_done, pool=pool)

    # Media (from workers: a download holds its worker's thread until the file is whole)

    def enclosure(self, article_id: int, number: int = 1) -> Enclosure:
        return self._read(lambda store: store.enclosure(article_id, number))

    def download_enclosure(
        self,
        article_id: int,
        number: int = 1,
        *,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> Downloaded:
        with self.open() as engine:
            return engine.download_enclosure(article_id, number, on_progress=on_progress)

    def play_enclosure(self, article_id: int, number: int = 1) -> list[str]:
        with self.open() as engine:
            return engine.play_enclosure(article_id, number)

    def browse(self, url: str) -> bool:
        """Start the browser of config.toml on url (False: none set); EngineError if it cannot start."""
        return self.engine.browse(url)  # reads only the settings: no store access, any thread

    def save_article(self, article_id: int) -> Path:
        with self.open() as engine:
            return engine.save_article(article_id)

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

    # Organizing: feeds, tags, views, marks (network and feed changes on an engine of the worker's own)

    def views(self) -> list[SavedView]:
        return self._read(lambda store: store.views())

    def tags(self) -> list[tuple[str, int]]:
        return self._read(lambda store: store.tags())

    def query_problem(self, query: str) -> str | None:
        """Why query cannot be read (one line pointing at the place), or None."""

        def check(store: Engine) -> str | None:
            try:
                store.check_query(query)
            except EngineError as exc:
                return str(exc)
            return None

        return self._read(check)

    def highlight_terms(self, query: str) -> tuple[str, ...]:
        return self._read(lambda store: store.highlight_terms(query))

    def feed_and_starred(self, feed_id: int) -> tuple[Feed, int]:
        """The feed with its counts, and how many of its articles are starred (what removing it loses)."""
        return self._read(lambda store: (store.feed(feed_id), store.starred_count(feed_id)))

    def unread_among(self, ids: list[int]) -> list[int]:
        """Those of ids not read yet, in their order."""
        return self._read(lambda store: [r.id for r in store.rows(ids) if not r.read])

    def discover(self, address: str) -> list[DiscoveredFeed]:
        with self.open() as engine:
            return engine.discover(address)

    def address_of(self, address: str) -> str | None:
        return self.engine.address_of(address)

    def add_feed(self, address: str, *, check: bool = True) -> Added:
        with self.open() as engine:
            return engine.add_feed(address, check=check)

    def rename_feed(self, address: str, title: str | None) -> Feed:
        with self.open() as engine:
            return engine.rename_feed(address, title)

    def tag_feed(self, address: str, add: list[str], remove: list[str]) -> Feed:
        with self.open() as engine:
            return engine.tag_feed(address, add=add, remove=remove)

    def remove_feed(self, address: str, *, force: bool) -> Feed:
        with self.open() as engine:
            return engine.remove_feed(address, force=force)

    def save_view(self, name: str, query: str) -> SavedView:
        with self.open() as engine:
            return engine.save_view(name, query)

    def delete_view(self, name: str) -> None:
        with self.open() as engine:
            engine.delete_view(name)

    def view_unread(self, query: str) -> int:
        """How many unread articles a saved view's query lists; raises EngineError if it cannot be read."""
        return self._read(lambda store: store.count(query, unread_only=True))

    def set_read_many(self, ids: list[int], read: bool, done: Callable[[Any], None] | None = None) -> None:
        self.write(lambda store: store.set_read(ids, read), done)

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
