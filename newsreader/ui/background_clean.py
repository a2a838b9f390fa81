"""The background pass: what the cleaner has not seen yet, newest first, a batch at a time, in a process."""

from __future__ import annotations

import threading
from collections.abc import Callable

from newsreader.text import one_line
from newsreader.ui.data import UiData, start_resource_tracker

BATCH = 25  # articles per batch: quitting waits for at most one


class BackgroundCleaner:
    """A daemon thread rather than a Textual worker, so quitting waits for one batch at most."""

    def __init__(
        self, data: UiData, *, cleaned: Callable[[int], None], failed: Callable[[str], None]
    ) -> None:
        self.data = data
        self.cleaned = cleaned
        self.failed = failed
        self._thread: threading.Thread | None = None
        self._again = False
        self._stopping = threading.Event()

    def start(self) -> None:
        """Start a pass, or have the running one go round again (a refresh brought more)."""
        if self._thread is not None and self._thread.is_alive():
            self._again = True
            return
        self._again = False
        start_resource_tracker()  # here, not at start: it is a second Python starting up
        self._thread = threading.Thread(target=self._run, name="newsreader-clean", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()

    def _run(self) -> None:
        pool = None
        try:
            self.data.index_pending()
            while not self._stopping.is_set():
                # One pool for the whole pass: a new one per batch cost a second of start-up each time.
                pool = pool or self.data.cleaning_pool()
                done = self.data.clean_some(BATCH, self.cleaned, pool)
                if done < BATCH and not self._again:
                    break
                self._again = False
        except Exception as exc:  # noqa: BLE001 - background cleaning must never take the app down
            if not self._stopping.is_set():
                self.failed(f"Background cleaning stopped: {one_line(str(exc)) or type(exc).__name__}")
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
