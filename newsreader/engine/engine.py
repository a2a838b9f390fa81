"""The engine: the one object the command line and the interface call for everything behind them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader import locations
from newsreader.config import Config
from newsreader.engine.connect import Upgrading, open_store
from newsreader.engine.discovery import Discovery
from newsreader.engine.errors import EngineError, OfflineError
from newsreader.engine.extract import Extraction
from newsreader.engine.images import ImagesMixin
from newsreader.engine.media import MediaMixin
from newsreader.engine.opening import Opened
from newsreader.engine.people import PeopleMixin
from newsreader.engine.querying import QueryError, QueryingMixin
from newsreader.engine.sync import SyncMixin
from newsreader.models import Article, ArticleRow, Feed, RefreshSummary
from newsreader.store import Recovered, StoreError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# The cleaner (lxml, readability) and the fetcher (aiohttp) are imported where they are first used:
# most commands need neither, and their import alone costs about a quarter of a second.

OnFeedDone = Callable[[Feed, int, "str | None"], None]


@dataclass(frozen=True, slots=True)
class Added:
    """The outcome of subscribing to one address."""

    feed: Feed
    new: bool
    checked: bool  # fetched and parsed as a feed before it was stored


@dataclass(frozen=True, slots=True)
class Imported:
    """The outcome of importing a subscription file."""

    total: int
    new: int
    skipped: tuple[str, ...] = ()  # one line each: what was left out of the file, and why
    translated: tuple[str, ...] = ()  # one line each: newsboat query feeds and filters kept as ours


class Engine(MediaMixin, PeopleMixin, QueryingMixin, SyncMixin, Discovery, ImagesMixin):
    """The store, the fetcher, the refresh pipeline and the cleaning stage behind one small API.

    One Engine is one store connection: open one per thread (`reopen()` gives another on the same store).
    """

    def __init__(
        self, path: Path, config: Config, *, offline: bool = False, upgrading: Upgrading | None = None
    ) -> None:
        self.path = Path(path)
        self.config = config
        self.offline = offline
        self._store = open_store(self.path, busy_timeout=config.busy_timeout, upgrading=upgrading)

    @classmethod
    def open(
        cls,
        config: Config,
        *,
        offline: bool = False,
        path: Path | str | None = None,
        upgrading: Upgrading | None = None,
    ) -> Engine:
        """The engine on the user's store (or the one at path); raises StoreError for a store it cannot open.
        upgrading(from, to) is told before a store made by an older version is upgraded."""
        path = Path(path) if path is not None else locations.store_file()
        return cls(path, config, offline=offline, upgrading=upgrading)

    @staticmethod
    def recover(path: Path | str | None = None) -> Recovered:
        """Copy what is readable of a damaged store (the user's, or the one at path) into a new one there."""
        from newsreader.store import recover

        return recover(Path(path) if path is not None else locations.store_file())

    def reopen(self) -> Engine:
        """Another engine on the same store, for another thread."""
        return Engine(self.path, self.config, offline=self.offline)

    @property
    def read_only(self) -> bool:
        """Whether the store only reads (a read-only file or mount): state changes would fail."""
        return self._store.read_only

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _network(self, what: str) -> None:
        """The one place offline is enforced: every network operation asks here first."""
        if self.offline:
            raise OfflineError(f"--offline: refusing to {what}")

    # Feeds

    def feeds(self, *, counts: bool = True, limit: int | None = None) -> list[Feed]:
        return self._store.feeds(counts=counts, limit=limit)

    def unread_total(self) -> int:
        return self._store.unread_total()

    def feed(self, feed_id: int) -> Feed:
        return self._store.feed(feed_id)

    def find_feed(self, address: str) -> Feed:
        """The subscribed feed at address, in any form `add` accepts; raises EngineError if none."""
        from newsreader.subscriptions import normalise_url

        url = normalise_url(address)
        feed = self._store.feed_by_url(url) if url else None
        if feed is None:
            feed = self._store.feed_by_url(address.strip())
        if feed is None:
            raise EngineError(f"not subscribed to {address}")
        return feed

    def add_feed(
        self, address: str, *, tags: Iterable[str] = (), title: str | None = None, check: bool = True
    ) -> Added:
        """Subscribe to address; unless offline or check=False, first fetch it and refuse what is not a feed."""
        from newsreader.subscriptions import normalise_url

        url = normalise_url(address)
        if url is None:
            raise EngineError(f"not a feed address: {address}")
        known = self._store.feed_by_url(url)
        checked = False
        if known is None and check and not self.offline:
            self.check_feed(url)
            checked = True
        feed, new = self._store.add_feed(url, title=title, tags=tags)
        return Added(feed, new, checked)

    def check_feed(self, url: str) -> None:
        """Fetch url and parse it as a feed; raises EngineError with the reason it is not one."""
        self._network(f"fetch {url}")
        from newsreader.feeds import parse_outcome
        from newsreader.fetch import FEED_ACCEPT, fetch_url

        result = fetch_url(url, self.config.limits, accept=FEED_ACCEPT)
        if result.error:
            raise EngineError(f"not added: {url}: {result.error}")
        if not result.ok:
            raise EngineError(f"not added: {url}: HTTP {result.status}")
        parsed = parse_outcome(result.body, result.url or url, result.headers())
        if isinstance(parsed, str):
            raise EngineError(f"not added: {url}: {parsed}")

    def starred_count(self, feed_id: int) -> int:
        return len(self._store.article_ids(feed_id=feed_id, starred_only=True))

    def remove_feed(self, address: str, *, force: bool = False) -> Feed:
        """Unsubscribe and forget the feed's articles; a feed with starred articles needs force."""
        feed = self.find_feed(address)
        starred = self.starred_count(feed.id)
        if starred and not force:
            noun = "article" if starred == 1 else "articles"
            raise EngineError(f"{feed.url} has {starred} starred {noun}: add --force to remove them too")
        self._store.remove_feed(feed.url)
        return feed

    def rename_feed(self, address: str, title: str | None) -> Feed:
        """Give the feed the user's own title, kept across refreshes; None goes back to the feed's title."""
        feed = self.find_feed(address)
        self._store.set_feed_title(feed.id, title)
        return self._store.feed(feed.id)

    def import_subscriptions(self, path: Path) -> Imported:
        """Subscribe to every feed of an OPML or newsboat urls file; their titles become the user's."""
        from newsreader.subscriptions import SubscriptionError, read_subscriptions

        try:
            subs = read_subscriptions(path)
        except SubscriptionError as exc:
            raise EngineError(str(exc)) from None
        new = 0
        for s in subs:
            _, added = self._store.add_feed(s.url, title=s.title, tags=s.tags)
            new += added
        skipped, translated = self.import_newsboat_rules(subs)  # query feeds, ignore-article lines
        return Imported(len(subs), new, skipped, translated)

    def export_opml(self) -> tuple[str, list[Feed]]:
        """The subscriptions as OPML, and the feeds left out because their address cannot be exported."""
        from newsreader.subscriptions import to_opml, unexportable

        feeds = self._store.feeds()
        return to_opml(feeds), unexportable(feeds)

    def load_sample(self) -> int:
        """Subscribe to the bundled sample feed (no network); returns its feed id."""
        from newsreader.sample import load_sample

        return load_sample(self._store)

    # Refreshing

    def refresh_targets(self, feed_ids: Iterable[int] | None = None) -> int:
        """How many feeds a refresh of feed_ids (default: all) will fetch, for a progress bar."""
        self._network("fetch")
        from newsreader.fetch import is_fetchable

        wanted = set(feed_ids) if feed_ids is not None else None
        return sum(
            1
            for f in self._store.feeds(counts=False)
            if (wanted is None or f.id in wanted) and is_fetchable(f.url)
        )

    def refresh(
        self,
        feed_ids: Iterable[int] | None = None,
        *,
        jobs: int | None = None,
        on_feed_done: OnFeedDone | None = None,
    ) -> RefreshSummary:
        """Fetch the feeds (default: all) and store what changed; on_feed_done runs on a worker thread."""
        self._network("fetch")
        from newsreader.refresh import refresh

        return refresh(self.path, self.config, feed_ids=feed_ids, jobs=jobs, on_feed_done=on_feed_done)

    # Articles

    def articles(
        self, *, feed_id: int | None = None, unread_only: bool = False, starred_only: bool = False
    ) -> list[ArticleRow]:
        return self._store.articles(feed_id=feed_id, unread_only=unread_only, starred_only=starred_only)

    def iter_articles(
        self,
        *,
        feed_id: int | None = None,
        unread_only: bool = False,
        starred_only: bool = False,
        include_hidden: bool = False,
    ) -> Iterator[ArticleRow]:
        """A view's rows in display order, read from the store as they are consumed (hidden ones left out)."""
        return self._store.iter_articles(
            feed_id=feed_id, unread_only=unread_only, starred_only=starred_only, include_hidden=include_hidden
        )

    def article_ids(
        self,
        *,
        feed_id: int | None = None,
        unread_only: bool = False,
        starred_only: bool = False,
        limit: int | None = None,
        include_hidden: bool = False,
    ) -> list[int]:
        return self._store.article_ids(
            feed_id=feed_id,
            unread_only=unread_only,
            starred_only=starred_only,
            limit=limit,
            include_hidden=include_hidden,
        )

    def rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        return self._store.rows(ids)

    def article(self, article_id: int) -> Article:
        """The article as stored, cleaned or not (KeyError if gone)."""
        return self._store.article(article_id)

    def index_pending(self, *, batch: int = 10_000) -> int:
        return self._store.index_pending(batch=batch)

    # State

    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        self._store.set_read(ids, read)

    def set_starred(self, article_id: int, starred: bool) -> None:
        self._store.set_starred(article_id, starred)

    def mark_feed_read(self, feed_id: int) -> int:
        return self._store.mark_feed_read(feed_id)

    def mark_all_read(self) -> int:
        return self._store.mark_all_read()

    def get_state(self, key: str, default: str | None = None) -> str | None:
        return self._store.get_state(key, default)

    def set_state(self, key: str, value: str | None) -> None:
        self._store.set_state(key, value)

    # The cleaning stage

    def cleaned_article(self, article_id: int) -> Article:
        """The article with its cleaned fields: the stored result, or cleaned once now and stored."""
        from newsreader.engine import cleaning

        return cleaning.ensure_cleaned(self._store, article_id)

    def needs_opening(self, article: Article) -> bool:
        """Whether open_article has work to do: clean the article, or fetch the page its feed wants first."""
        from newsreader.engine.opening import page_wanted

        return article.cleaned is None or (
            not self.read_only and page_wanted(self._store, self.config, article)
        )

    def open_article(self, article_id: int, *, pool: ProcessPoolExecutor | None = None) -> Opened:
        """The article cleaned, after fetching the full page its feed wants if it is still missing.

        Offline (or when the fetch fails) it is cleaned from the feed's text and page_note says why.
        With a pool (from clean_pool) the cleaning runs in its process, else in this one. KeyError if gone.
        """
        from newsreader.engine import cleaning
        from newsreader.engine.opening import fetch_missing_page

        article = self._store.article(article_id)
        note = None
        if not self.read_only:  # a page fetched could not be kept
            note = fetch_missing_page(self._store, self.config, article, offline=self.offline)
        if pool is None or self.read_only:
            return Opened(cleaning.ensure_cleaned(self._store, article_id), note)
        cleaning.clean_pending(self.path, ids=[article_id], pool=pool, busy_timeout=self.config.busy_timeout)
        return Opened(self._store.article(article_id), note)

    def uncleaned(self, *, limit: int = 100) -> list[int]:
        return self._store.uncleaned(limit=limit)

    def uncleaned_of(self, ids: Sequence[int]) -> list[int]:
        return self._store.uncleaned_of(ids)

    def clean_pool(self, *, workers: int = 2) -> ProcessPoolExecutor:
        """Worker processes for clean_pending, kept between calls by whoever holds them."""
        from newsreader.engine import cleaning

        return cleaning.clean_pool(self.path, workers=workers, busy_timeout=self.config.busy_timeout)

    def clean_pending(
        self,
        *,
        ids: Sequence[int] | None = None,
        limit: int | None = None,
        workers: int = 2,
        on_done: Callable[[int], None] | None = None,
        pool: ProcessPoolExecutor | None = None,
    ) -> int:
        """Clean stored articles not cleaned yet (or those of ids), newest first, in a bounded worker pool."""
        from newsreader.engine import cleaning

        return cleaning.clean_pending(
            self.path,
            ids=ids,
            limit=limit,
            workers=workers,
            on_done=on_done,
            pool=pool,
            busy_timeout=self.config.busy_timeout,
        )

    # One page, outside the store

    def extract(self, source: str, *, base_url: str | None = None) -> Extraction:
        """Clean one page from a file, "-" (standard input) or an address; raises EngineError."""
        from newsreader.engine.extract import ExtractError, clean_source, is_url, read_source

        if is_url(source):
            self._network(f"fetch {source}")
        try:
            data, fetched_url, content_type = read_source(source, limits=self.config.limits)
            hint = source if is_url(source) else "URL"
            return clean_source(source, data, base_url or fetched_url, content_type, feed_hint=hint)
        except ExtractError as exc:
            raise EngineError(str(exc)) from None


__all__ = ["Added", "Engine", "EngineError", "Imported", "OfflineError", "Opened", "QueryError", "StoreError"]
