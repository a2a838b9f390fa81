"""`newsreader refresh` on the command line: a progress bar on a terminal, the summary, the exit code.

The refresh reports each feed through its on_feed_done callback; drawing is this module's job.
"""

from __future__ import annotations

import sys
import time

from newsreader.config import Config
from newsreader.models import Feed, RefreshSummary
from newsreader.store import Store

EXIT_FEEDS_FAILED = 3
EXIT_INTERRUPTED = 130


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most every 50 ms; call it once per feed done."""

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
            sys.stderr.write(
                f"\rrefreshing [{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}"
            )
            sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary_text(summary: RefreshSummary) -> str:
    """ "N new articles, M unchanged feeds, K failed:" and one line per failed feed."""
    from newsreader.text import one_line

    new = _count(summary.new, "new article")
    if summary.updated:
        new += f" ({summary.updated} updated)"
    head = f"{new}, {_count(summary.unchanged, 'unchanged feed')}, {len(summary.failed)} failed"
    lines = [head + (":" if summary.failed else "")]
    lines += [f"  {one_line(url)}: {one_line(reason)}" for url, reason in summary.failed]
    return "\n".join(lines)


def refresh_command(
    store: Store, config: Config, feed_ids: list[int] | None = None, jobs: int | None = None
) -> int:
    """`newsreader refresh`: 0, 3 when a feed failed, 130 when Ctrl+C stopped it (one line on stderr)."""
    from newsreader.refresh import RefreshInterrupted, feeds_to_refresh, refresh

    progress = None
    try:
        if sys.stderr.isatty():
            total = len(feeds_to_refresh(store, feed_ids))
            progress = ProgressBar(total) if total else None
        try:
            summary = refresh(store.path, config, feed_ids=feed_ids, jobs=jobs, on_feed_done=progress)
        finally:
            if progress is not None:
                progress.finish()
    except RefreshInterrupted as stop:
        return _interrupted(stop.feeds_done)
    except KeyboardInterrupt:
        return _interrupted(0)
    print(summary_text(summary))
    return EXIT_FEEDS_FAILED if summary.failed else 0


def _interrupted(feeds_done: int) -> int:
    sys.stderr.write(f"interrupted: {_count(feeds_done, 'feed')} done\n")
    sys.stderr.flush()
    return EXIT_INTERRUPTED
