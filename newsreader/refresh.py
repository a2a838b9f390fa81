"""Refresh: fetch feeds concurrently, parse them off the event loop, store each in its own transaction.

Three kinds of work overlap: HTTP on the event loop, parsing in a process pool (started only once
there is enough to parse, so a refresh where everything answers 304 never starts one or even imports
a parser), and SQLite writes on one writer thread that owns the store connection. A feed
is reported done (`on_feed_done`) right after its transaction commits, so the interface can show
its articles while other feeds are still on the wire. Ctrl+C stops it at once: what was committed
stays, the workers are ended, and `RefreshInterrupted` carries the summary so far.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from newsreader.config import Config
from newsreader.feeds.workers import Parser
from newsreader.fetch import PAGE_ACCEPT, Fetcher, is_fetchable
from newsreader.models import Feed, FeedUpdate, ParsedFeed, RefreshInterrupted, RefreshSummary
from newsreader.store import Store
from newsreader.text import one_line

OnFeedDone = Callable[[Feed, int, "str | None"], None]

IN_FLIGHT_PER_JOB = 4  # feeds (and pages) between fetch and commit, per concurrent fetch


class _Run:
    """One refresh: the fetcher, the parser, the writer thread and the running summary."""

    def __init__(self, store: Store, config: Config, jobs: int | None, on_feed_done: OnFeedDone | None):
        self.store = store
        self.config = config
        self.jobs = jobs
        self.on_feed_done = on_feed_done
        self.summary = RefreshSummary()
        self.parser = Parser()
        self.filters = store.compile_filters([*config.filters, *store.stored_filters()])
        # The store connection is used by this one thread only, from here on.
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="newsreader-store")
        # Writes not yet handed to the writer, each with the bound it releases once committed.
        self.queued: list[tuple[Callable, tuple, asyncio.Semaphore]] = []
        self.writes: list[Future] = []
        self.pages: list[asyncio.Task] = []
        self.errors: list[BaseException] = []
        self.closed = False

    async def run(self, feeds: list[Feed]) -> RefreshSummary:
        self.loop = asyncio.get_running_loop()
        bound = IN_FLIGHT_PER_JOB * (self.jobs or self.config.limits.jobs)
        self.room = asyncio.Semaphore(bound)
        self.page_room = asyncio.Semaphore(bound)
        interrupted = False
        try:
            async with Fetcher(self.config.limits, jobs=self.jobs) as fetcher:
                self.fetcher = fetcher
                await asyncio.gather(*(self.one(feed) for feed in feeds))
                self._flush()
                while self.writes or self.pages:
                    writes, self.writes = self.writes, []
                    await asyncio.gather(*(asyncio.wrap_future(w) for w in writes))
                    pages, self.pages = self.pages, []
                    await asyncio.gather(*pages)
                    self._flush()
        except asyncio.CancelledError:
            interrupted = True
            raise
        finally:
            self.closed = True  # interrupted: writes still queued are dropped, the writer takes no more
            for task in self.pages:
                task.cancel()
            # Interrupted: the batch being written commits (or rolls back) whole, nothing more starts.
            self.parser.close(now=interrupted)
            self.writer.shutdown(wait=True, cancel_futures=interrupted)
        if self.errors:
            raise self.errors[0]
        return self.summary

    def write(self, bound: asyncio.Semaphore, fn: Callable, *args: object) -> None:
        """Queue a store write that releases bound once committed. Writes that arrive together go to
        the writer thread in one hand-over (each feed with articles still its own transaction): with
        500 feeds answering 304 the hand-overs were the cost."""
        self.queued.append((fn, args, bound))
        if len(self.queued) == 1:
            self.loop.call_soon(self._flush)

    def _flush(self) -> None:
        if self.queued and not self.closed:
            batch, self.queued = self.queued, []
            self.writes.append(self.writer.submit(self._write_batch, batch))

    def _write_batch(self, batch: list[tuple[Callable, tuple, asyncio.Semaphore]]) -> None:
        # Outcomes without articles (304s, errors) share one transaction: one commit instead of one each.
        def light(fn: Callable, args: tuple) -> bool:
            return fn == self._store_update and args[1].feed is None

        try:
            grouped = [args for fn, args, _ in batch if light(fn, args)]
            if grouped:
                self._guarded(self._store_light, grouped)
            for fn, args, _ in batch:
                if not light(fn, args):
                    self._guarded(fn, *args)
        finally:
            self.loop.call_soon_threadsafe(self._release, [bound for _, _, bound in batch])

    def _guarded(self, fn: Callable, *args: object) -> None:
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - a store failure is kept and raised once the rest is written
            self.errors.append(exc)

    @staticmethod
    def _release(bounds: list[asyncio.Semaphore]) -> None:
        for bound in bounds:
            bound.release()

    async def one(self, feed: Feed) -> None:
        # Bound the feeds between fetch and commit: the writer is the slowest stage of a cold refresh,
        # and without this every parsed feed would wait in memory for it.
        await self.room.acquire()
        try:
            update = await self._outcome(feed)
        except Exception as exc:  # noqa: BLE001 - a bug met on one feed is that feed's error, not the refresh's end
            update = FeedUpdate(
                feed.id, "error", time.time(), error=one_line(f"failed: {type(exc).__name__}: {exc}")[:200]
            )
        self.write(self.room, self._store_update, feed, update)

    async def _outcome(self, feed: Feed) -> FeedUpdate:
        result = await self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        now = time.time()
        if result.error:
            return FeedUpdate(feed.id, "error", now, error=result.error)
        if result.not_modified:
            return FeedUpdate(
                feed.id,
                "not_modified",
                now,
                etag=result.etag,
                last_modified=result.last_modified,
                new_url=result.permanent_redirect_to,
            )
        outcome = await self.parser.parse(result.body, result.url, result.headers())
        if isinstance(outcome, str):
            return FeedUpdate(feed.id, "error", now, error=outcome)
        return FeedUpdate(
            feed.id,
            "ok",
            now,
            feed=outcome,
            etag=result.etag,
            last_modified=result.last_modified,
            new_url=result.permanent_redirect_to,
        )

    def _start_pages(self, pages: list[tuple[int, str]]) -> None:
        self.pages.extend(asyncio.ensure_future(self.page(article_id, link)) for article_id, link in pages)

    def _store_update(self, feed: Feed, update: FeedUpdate) -> None:
        """On the writer thread: apply, filter, count, report, and start the pages full text wants."""
        after = self.store.newest_article_id() if self.filters and update.feed is not None else None
        new, changed = self.store.apply_update(update)
        if new and after is not None:
            done = self.store.apply_filters(self.filters, feed.id, after)
            new -= done.deleted + done.hidden  # not shown: not new to the user
        self._account(feed, update, new, changed)

    def _store_light(self, items: list[tuple[Feed, FeedUpdate]]) -> None:
        """On the writer thread: outcomes without articles, in one transaction, then each reported."""
        counts = self.store.apply_updates([update for _, update in items])
        for (feed, update), (new, changed) in zip(items, counts, strict=True):
            self._account(feed, update, new, changed)

    def _account(self, feed: Feed, update: FeedUpdate, new: int, changed: int) -> None:
        s = self.summary
        if update.status == "error":
            s.failed.append((feed.url, update.error or "failed"))
        else:
            s.ok += 1
            s.new += new
            s.updated += changed
            if not new and not changed:
                s.unchanged += 1
        if self.on_feed_done is not None:
            try:
                current = self.store.feed(feed.id)
            except KeyError:  # removed meanwhile by another process
                current = feed
            self.on_feed_done(current, new, update.error)
        if update.feed is not None and (new or changed):
            pages = self._pages_wanted(feed, update.feed)
            if pages:
                # Scheduled before this batch's future completes, so run() sees the tasks.
                self.loop.call_soon_threadsafe(self._start_pages, pages)

    def _pages_wanted(self, feed: Feed, parsed: ParsedFeed) -> list[tuple[int, str]]:
        from newsreader.fulltext import pages_to_fetch, wants_page

        mode = self.config.full_text_for(feed.url, feed.full_text)
        if mode == "never":
            return []
        # Every article that wants its page gets it, newest first; the fetcher's per-host bound keeps
        # it polite and page_room keeps the pages waiting for the writer few.
        wanted = sorted(
            (e for e in parsed.entries if wants_page(mode, e)), key=lambda e: e.published or 0, reverse=True
        )
        return pages_to_fetch(self.store, feed.id, wanted) if wanted else []

    async def page(self, article_id: int, link: str) -> None:
        from newsreader.fulltext import page_outcome

        await self.page_room.acquire()
        try:
            html, error = page_outcome(await self.fetcher.get(link, accept=PAGE_ACCEPT))
        except BaseException:
            self.page_room.release()
            raise
        self.write(self.page_room, self.store.save_page, article_id, html, error)


def feeds_to_refresh(store: Store, feed_ids: Iterable[int] | None = None) -> list[Feed]:
    """The feeds a refresh of feed_ids (None: all) fetches: those with an http(s) address."""
    wanted = set(feed_ids) if feed_ids is not None else None
    return [
        f for f in store.feeds(counts=False) if (wanted is None or f.id in wanted) and is_fetchable(f.url)
    ]


def refresh(
    store_path: Path | str,
    config: Config,
    *,
    feed_ids: Iterable[int] | None = None,
    jobs: int | None = None,
    on_feed_done: OnFeedDone | None = None,
    offline: bool = False,
) -> RefreshSummary:
    """Fetch the given feeds (default: all) and store what changed; synchronous, runs its own loop.

    on_feed_done(feed, new, error) is called on a worker thread as each feed's transaction commits.
    Feeds whose address is not http(s) (the bundled sample) are skipped silently. Ctrl+C (on the
    main thread) raises RefreshInterrupted once the workers are ended and the store is consistent.
    """
    if offline:
        return RefreshSummary()
    store = Store(store_path, busy_timeout=config.busy_timeout)
    try:
        feeds = feeds_to_refresh(store, feed_ids)
        if not feeds:
            return RefreshSummary()
        run = _Run(store, config, jobs, on_feed_done)
        try:
            return asyncio.run(run.run(feeds))
        except KeyboardInterrupt:
            raise RefreshInterrupted(run.summary) from None
    finally:
        store.close()
