"""Refresh: fetch feeds concurrently, parse them off the event loop, store each in its own transaction.

Three kinds of work overlap: HTTP on the event loop, parsing in a process pool (started only once
there is enough to parse, so a refresh where everything answers 304 never starts one or even imports
a parser), and SQLite writes on one writer thread that owns the store connection. A feed
is reported done (`on_feed_done`) right after its transaction commits, so the interface can show
its articles while other feeds are still on the wire.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.config import Config
from newsreader.fetch import PAGE_ACCEPT, Fetcher, FetchResult, is_fetchable
from newsreader.models import Feed, FeedUpdate, ParsedFeed, RefreshSummary
from newsreader.output import raw
from newsreader.store import Store
from newsreader.text import one_line

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

OnFeedDone = Callable[[Feed, int, "str | None"], None]

# Parse the first few bodies on a thread; a process pool only pays for itself beyond that.
INLINE_PARSES = 2
IN_FLIGHT_PER_JOB = 4  # feeds between fetch and commit, per concurrent fetch
PAGES_PER_FEED = 10  # full-text pages fetched per feed per refresh
POOL_WORKERS = max(1, min(2, os.cpu_count() or 1))


class _Parser:
    """Runs parse_feed on a thread for the first bodies, then on a process pool started on the side.

    Starting the pool waits for the forkserver to import feedparser and lxml (~0.3 s); done on the
    event loop, that wait held up every fetch. It happens on a helper thread instead, and bodies
    parse on the thread until the pool is up.
    """

    def __init__(self) -> None:
        self.count = 0
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="newsreader-parse")
        self.pool: ProcessPoolExecutor | None = None
        self.starting: Future | None = None
        self.broken = False

    def _executor(self) -> Executor:
        self.count += 1
        if self.count <= INLINE_PARSES or self.broken:
            return self.thread
        if self.starting is None:
            starter = ThreadPoolExecutor(1, thread_name_prefix="newsreader-pool-start")
            self.starting = starter.submit(self._start_pool)
            starter.shutdown(wait=False)
        return self.pool if self.pool is not None else self.thread

    def _start_pool(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            # forkserver: forking this process (event loop, writer thread, maybe a Textual app) is unsafe.
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["newsreader.feeds", "lxml.etree", "feedparser"])
            from newsreader.feeds import parse_worker_init

            pool = ProcessPoolExecutor(
                POOL_WORKERS, mp_context=ctx, initializer=parse_worker_init, initargs=(os.getpid(),)
            )
            for _ in range(POOL_WORKERS):
                pool.submit(int)  # workers start here, on this thread, not on the first real submit
        except Exception:  # noqa: BLE001 - no pool (no semaphores, no fork): the thread parses everything
            self.broken = True
        else:
            self.pool = pool

    async def parse(self, result: FetchResult) -> ParsedFeed | str:
        from newsreader.feeds import parse_outcome

        loop = asyncio.get_running_loop()
        args = (parse_outcome, result.body, result.url, result.headers())
        executor = self._executor()
        if executor is self.thread:
            return await loop.run_in_executor(executor, *args)
        from concurrent.futures.process import BrokenProcessPool

        try:
            return await loop.run_in_executor(executor, *args)
        except BrokenProcessPool:
            # A worker died (killed, out of memory, or an embedding script without a __main__ guard):
            # the rest of the refresh parses on the thread instead.
            self.broken = True
            return await loop.run_in_executor(self.thread, *args)

    def close(self) -> None:
        self.thread.shutdown(wait=True, cancel_futures=True)
        if self.starting is not None:
            self.starting.result()  # a pool still starting is shut down below, not left behind
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _Run:
    """One refresh: the fetcher, the parser, the writer thread and the running summary."""

    def __init__(self, store: Store, config: Config, jobs: int | None, on_feed_done: OnFeedDone | None):
        self.store = store
        self.config = config
        self.jobs = jobs
        self.on_feed_done = on_feed_done
        self.summary = RefreshSummary()
        self.parser = _Parser()
        # The store connection is used by this one thread only, from here on.
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="newsreader-store")
        self.queued: list[tuple[Callable, tuple]] = []  # writes not yet handed to the writer
        self.writes: list[Future] = []
        self.pages: list[asyncio.Task] = []
        self.errors: list[BaseException] = []

    async def run(self, feeds: list[Feed]) -> RefreshSummary:
        self.loop = asyncio.get_running_loop()
        self.room = asyncio.Semaphore(IN_FLIGHT_PER_JOB * (self.jobs or self.config.limits.jobs))
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
        finally:
            self.parser.close()
            self.writer.shutdown(wait=True)
        if self.errors:
            raise self.errors[0]
        return self.summary

    def write(self, fn: Callable, *args: object) -> None:
        """Queue a store write. Writes that arrive together go to the writer thread in one hand-over
        (each feed with articles still its own transaction): with 500 feeds answering 304 the hand-overs
        were the cost."""
        self.queued.append((fn, args))
        if len(self.queued) == 1:
            self.loop.call_soon(self._flush)

    def _flush(self) -> None:
        if self.queued:
            batch, self.queued = self.queued, []
            self.writes.append(self.writer.submit(self._write_batch, batch))

    def _write_batch(self, batch: list[tuple[Callable, tuple]]) -> None:
        # Outcomes without articles (304s, errors) share one transaction: one commit instead of one each.
        light = [args for fn, args in batch if fn == self._store_update and args[1].feed is None]
        rest = [(fn, args) for fn, args in batch if not (fn == self._store_update and args[1].feed is None)]
        try:
            if light:
                self._guarded(self._store_light, light)
            for fn, args in rest:
                self._guarded(fn, *args)
        finally:
            feeds = sum(1 for fn, _ in batch if fn == self._store_update)
            if feeds:
                self.loop.call_soon_threadsafe(self._release, feeds)

    def _guarded(self, fn: Callable, *args: object) -> None:
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - a store failure is kept and raised once the rest is written
            self.errors.append(exc)

    def _release(self, n: int) -> None:
        for _ in range(n):
            self.room.release()

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
        self.write(self._store_update, feed, update)

    async def _outcome(self, feed: Feed) -> FeedUpdate:
        result = await self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        now = time.time()
        parsed: ParsedFeed | None = None
        if result.error:
            update = FeedUpdate(feed.id, "error", now, error=result.error)
        elif result.not_modified:
            update = FeedUpdate(
                feed.id,
                "not_modified",
                now,
                etag=result.etag,
                last_modified=result.last_modified,
                new_url=result.permanent_redirect_to,
            )
        else:
            outcome = await self.parser.parse(result)
            if isinstance(outcome, str):
                update = FeedUpdate(feed.id, "error", now, error=outcome)
            else:
                parsed = outcome
                update = FeedUpdate(
                    feed.id,
                    "ok",
                    now,
                    feed=parsed,
                    etag=result.etag,
                    last_modified=result.last_modified,
                    new_url=result.permanent_redirect_to,
                )
        return update

    def _start_pages(self, pages: list[tuple[int, str]]) -> None:
        self.pages.extend(asyncio.ensure_future(self.page(article_id, link)) for article_id, link in pages)

    def _store_update(self, feed: Feed, update: FeedUpdate) -> None:
        """On the writer thread: apply, count, report, and start the pages full text wants."""
        new, changed = self.store.apply_update(update)
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
        wanted = [e for e in parsed.entries if wants_page(mode, e)]
        # Newest first and a few per feed: a first refresh of a big list must not fetch thousands of pages;
        # older ones are picked up by later refreshes while the feed still lists them.
        wanted.sort(key=lambda e: e.published or 0, reverse=True)
        return pages_to_fetch(self.store, feed.id, wanted)[:PAGES_PER_FEED] if wanted else []

    async def page(self, article_id: int, link: str) -> None:
        from newsreader.fulltext import decode_page, page_problem

        result = await self.fetcher.get(link, accept=PAGE_ACCEPT)
        html: str | None = None
        error = result.error or page_problem(result.content_type)
        if error is None:
            html = decode_page(result.body, result.content_type)
        self.write(self.store.save_page, article_id, html, error)


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
    Feeds whose address is not http(s) (the bundled sample) are skipped silently.
    """
    if offline:
        return RefreshSummary()
    store = Store(store_path, busy_timeout=config.busy_timeout)
    try:
        wanted = set(feed_ids) if feed_ids is not None else None
        feeds = [
            f for f in store.feeds(counts=False) if (wanted is None or f.id in wanted) and is_fetchable(f.url)
        ]
        if not feeds:
            return RefreshSummary()
        return asyncio.run(_Run(store, config, jobs, on_feed_done).run(feeds))
    finally:
        store.close()


class _Progress:
    """A one-line progress bar on stderr, redrawn at most every 50 ms."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.drawn = 0.0

    def __call__(self, feed: Feed, new: int, error: str | None) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.drawn >= 0.05 or self.done == self.total:
            self.drawn = now
            width = 30
            filled = width * self.done // max(1, self.total)
            raw(sys.stderr).write(
                f"\rrefreshing [{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}"
            )
            sys.stderr.flush()

    def finish(self) -> None:
        raw(sys.stderr).write("\r\x1b[K")
        sys.stderr.flush()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary_text(summary: RefreshSummary) -> str:
    """ "N new articles, M unchanged feeds, K failed:" and one line per failed feed."""
    new = _count(summary.new, "new article")
    if summary.updated:
        new += f" ({summary.updated} updated)"
    head = f"{new}, {_count(summary.unchanged, 'unchanged feed')}, {len(summary.failed)} failed"
    lines = [head + (":" if summary.failed else "")]
    lines += [f"  {url}: {reason}" for url, reason in summary.failed]
    return "\n".join(lines)


def refresh_command(
    store: Store, config: Config, feed_ids: list[int] | None = None, jobs: int | None = None
) -> int:
    """`newsreader refresh`: a progress bar on a terminal, quiet in a pipe, then the summary."""
    progress = None
    if sys.stderr.isatty():
        ids = set(feed_ids) if feed_ids is not None else None
        total = sum(
            1 for f in store.feeds(counts=False) if (ids is None or f.id in ids) and is_fetchable(f.url)
        )
        progress = _Progress(total) if total else None
    try:
        summary = refresh(store.path, config, feed_ids=feed_ids, jobs=jobs, on_feed_done=progress)
    finally:
        if progress is not None:
            progress.finish()
    print(summary_text(summary))
    return 0
