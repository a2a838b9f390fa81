"""The one way to open the store: every connection, in this process or a worker, comes from here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from newsreader.store import Store

Upgrading = Callable[[int, int], None]  # told (from schema, to schema) before an older store is upgraded


def open_store(path: Path | str, *, busy_timeout: float = 30.0, upgrading: Upgrading | None = None) -> Store:
    """A connection to the store at path, waiting up to busy_timeout seconds for another writer."""
    return Store(path, busy_timeout=busy_timeout, upgrading=upgrading)


def tell_upgrading(old: int, new: int) -> None:
    """What both faces print before upgrading a store an older version made: one line, on stderr."""
    print(
        f"newsreader: upgrading the store from schema {old} to {new}, once (a large store takes up to a minute)",
        file=sys.stderr,
        flush=True,
    )
