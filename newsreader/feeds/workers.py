"""Parsing off the event loop: on a thread for the first few bodies, then on a pool of worker processes.

Starting the pool waits for the forkserver to import feedparser and lxml (~0.3 s); done on the
event loop, that wait held up every fetch. It happens on a helper thread instead, and bodies parse
on the thread until the pool is up, so a refresh where everything answers 304 never starts a pool
or even imports a parser.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import Executor, Future, ThreadPoolExecutor

from newsreader.feeds.errors import NotAFeed
from newsreader.models import ParsedFeed
from newsreader.text import one_line

INLINE_PARSES = 2  # a process pool only pays for itself beyond this many bodies
POOL_WORKERS = max(1, min(2, os.cpu_count() or 1))


def parse_outcome(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed | str:
    """parse_feed for a worker process: the feed, or the one-line reason it is not one."""
    from newsreader.feeds.parse import parse_feed

    try:
        return parse_feed(body, url, headers)
    except NotAFeed as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one hostile feed must not end the refresh
        return one_line(f"not a feed: parser failed: {type(exc).__name__}: {exc}")[:200]


class Parser:
    """parse_outcome on a thread for the first bodies, then on a worker pool started on the side."""

    def __init__(self) -> None:
        self.count = 0
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="newsreader-parse")
        self.pool = None
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
        from newsreader.pools import worker_pool

        try:
            # forkserver: forking this process (event loop, writer thread, maybe a Textual app) is unsafe.
            pool = worker_pool(POOL_WORKERS, preload=["newsreader.feeds", "lxml.etree", "feedparser"])
            for _ in range(POOL_WORKERS):
                pool.submit(int)  # workers start here, on this thread, not on the first real submit
        except Exception:  # noqa: BLE001 - no pool (no semaphores, no fork): the thread parses everything
            self.broken = True
        else:
            self.pool = pool

    async def parse(self, body: bytes, url: str, headers: dict[str, str]) -> ParsedFeed | str:
        """The parsed feed, or the one-line reason it is not one."""
        loop = asyncio.get_running_loop()
        args = (parse_outcome, body, url, headers)
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

    def close(self, *, now: bool = False) -> None:
        """Wait for the parses under way; now=True (Ctrl+C): drop them and end the workers at once."""
        self.thread.shutdown(wait=not now, cancel_futures=True)
        if self.starting is not None:
            self.starting.result()  # a pool still starting is shut down below, not left behind
        if self.pool is None:
            return
        if now:
            self.pool.terminate()
        else:
            self.pool.shutdown(wait=True, cancel_futures=True)


def parse_worker_init(parent_pid: int) -> None:
    """Kept for callers that start their own pools; newsreader.pools.worker_pool does this and more."""
    from newsreader.pools import _worker_init

    _worker_init(parent_pid)
