"""The refresh progress bar of the command line: one line on stderr, only on a terminal."""

from __future__ import annotations

import sys
import time

from newsreader.models import Feed
from newsreader.output import raw


class Progress:
    """A one-line progress bar on stderr, redrawn at most every 50 ms; called as each feed is done."""

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
        raw(sys.stderr).write("\r\x1b[K")  # our own sequence: past the sanitiser
        sys.stderr.flush()
