"""What can go wrong with the store, each as one line for the user."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

# Primary SQLite result codes (the low byte of an extended code).
READONLY, _IOERR, _CORRUPT, _FULL, CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26
_BUSY, _LOCKED = 5, 6


class StoreError(Exception):
    """The store cannot be opened or used; the message is one line for the user."""


class StoreDamaged(StoreError):
    """The store file is damaged: reads may fail and every write is refused."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"store is damaged: {path}; run `newsreader recover`")


class StoreReadOnly(StoreError):
    """The store can be read but not written (read-only file, directory or mount)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"store is read-only: {path}; nothing was changed")


class StoreFull(StoreError):
    """The disk (or the store's size limit) is full; the write was rolled back."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"disk full: cannot write to the store {path}; nothing was changed")


def sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(exc: BaseException) -> bool:
    return sqlite_code(exc) == _CORRUPT or "malformed" in str(exc)


def as_store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """The one line that says what a SQLite error means for the user."""
    code = sqlite_code(exc)
    if is_damage(exc):
        return StoreDamaged(path)
    if code == _NOTADB:
        return StoreError(f"cannot open the store: {path} is not a newsreader store (not an SQLite file)")
    if code == _FULL:
        return StoreFull(path)
    if code == READONLY:
        return StoreReadOnly(path)
    if code in (_BUSY, _LOCKED):
        return StoreError(f"store is busy (another newsreader is writing): {path}")
    if code == CANTOPEN:
        return StoreError(f"cannot open the store: {path}")
    if code == _IOERR and _out_of_space(path):
        return StoreFull(path)
    if code == _IOERR:
        return StoreError(f"cannot read or write the store (disk I/O error): {path}")
    return StoreError(f"{path}: store error: {' '.join(str(exc).split())}")


def _out_of_space(path: Path) -> bool:
    """Whether a failed write met a full disk or the file size limit (SQLite reports EFBIG and some
    ENOSPC cases as an I/O error, not SQLITE_FULL)."""
    try:
        disk = os.statvfs(path.parent)
        if disk.f_bavail * disk.f_frsize < 1024 * 1024:
            return True
        import resource  # here: POSIX only, and only on this rare path

        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if limit == resource.RLIM_INFINITY:
            return False
        sizes = [Path(f"{path}{suffix}") for suffix in ("", "-wal")]
        return any(p.exists() and p.stat().st_size + 64 * 1024 >= limit for p in sizes)
    except (OSError, ImportError, ValueError):
        return False
