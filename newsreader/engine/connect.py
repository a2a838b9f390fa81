"""The one way to open the store: every connection, in this process or a worker, comes from here."""

from __future__ import annotations

from pathlib import Path

from newsreader.store import Store


def open_store(path: Path | str, *, busy_timeout: float = 30.0) -> Store:
    """A connection to the store at path, waiting up to busy_timeout seconds for another writer."""
    return Store(path, busy_timeout=busy_timeout)
