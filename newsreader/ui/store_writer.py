"""One thread that applies the interface's writes (read marks, stars, state) in the order they were made.

The interface thread never waits on SQLite's write lock, which a refresh may hold for a moment, and
pressing m twice quickly can never land in the wrong order.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

# The writer gets its engine from ui/data.py (connect: engine.reopen), the interface's one door to it.
Write = Callable[[Any], Any]
Done = Callable[[Any], None]


class StoreWriter:
    def __init__(self, connect: Callable[[], Any], *, on_error: Callable[[str], None]) -> None:
        self.connect = connect  # called on the writer thread: a connection is one thread's
        self.on_error = on_error
        self._queue: queue.Queue[tuple[Write, Done | None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="newsreader-store-writer", daemon=True)
        self._thread.start()

    def submit(self, write: Write, done: Done | None = None) -> None:
        """Run write(engine) on the writer thread, then done(result) there too (post a message from it)."""
        self._queue.put((write, done))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every write submitted so far is applied (tests and shutdown use it)."""
        applied = threading.Event()
        self.submit(lambda store: applied.set())
        return applied.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Finish the writes already submitted, then stop."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        store = self.connect()
        try:
            while (job := self._queue.get()) is not None:
                write, done = job
                try:
                    result = write(store)
                except Exception as exc:  # noqa: BLE001 - a failed write is reported, the thread lives on
                    self.on_error(f"could not save: {exc}")
                    continue
                if done is not None:
                    done(result)
        finally:
            store.close()
