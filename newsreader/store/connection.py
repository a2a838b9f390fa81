"""The one way to open the store: read-only when it cannot be written, checked for damage, errors mapped.

Every write is one short IMMEDIATE transaction, so a kill -9 leaves the previous state and a second
process waits on the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar
from urllib.parse import quote

from newsreader.store import schema
from newsreader.store.errors import (
    CANTOPEN,
    READONLY,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    as_store_error,
    is_damage,
    sqlite_code,
)

# PRAGMA quick_check reads every page: ~3 ms per MB here (0.12 s for the 37 MB, 110,000-article bench
# store). Up to this size it runs at open (at most ~0.1 s); a larger store is checked before its first
# write instead, so reading commands and the interface's first paint never pay more than that.
OPEN_CHECK_BYTES = 32 * 1024 * 1024
# Files (device, inode, size, mtime) that passed the check in this process: the interface opens a
# connection per worker, and each must not read the whole file again while it is unchanged.
_PASSED: set[tuple[int, int, int, int]] = set()

P = ParamSpec("P")
R = TypeVar("R")


def guarded(method: Callable[Concatenate[StoreBase, P], R]) -> Callable[Concatenate[StoreBase, P], R]:
    """Turn a SQLite error escaping a store method into the one-line StoreError it means."""

    @functools.wraps(method)
    def call(self: StoreBase, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self.error(exc) from None

    return call


def _writable(path: Path) -> bool:
    """Whether path may be written; root ignores permission bits, so for root a file without any
    write bit counts as made read-only on purpose."""
    if not os.access(path, os.W_OK):
        return False
    return os.geteuid() != 0 or bool(path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _connect(path: Path, timeout: float, mode: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.absolute()))}?mode={mode}"
    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return db


class StoreBase:
    """One connection to the store file. Not shared between threads; open one per thread.

    read_only: None chooses (read-only when the file or its directory cannot be written);
    True never writes. check: None runs the damage check at open for stores up to OPEN_CHECK_BYTES.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        busy_timeout: float = 30.0,
        read_only: bool | None = None,
        check: bool | None = None,
        upgrading: Callable[[int, int], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.damaged = False
        self._checked = False
        try:
            self.read_only = self._choose_read_only(read_only)
            self.db = self._open(busy_timeout)
        except sqlite3.Error as exc:
            raise self.error(exc, opening=True) from None
        except OSError as exc:
            raise StoreError(f"cannot open the store: {self.path}: {exc.strerror or exc}") from None
        try:
            self._checked = self._identity() in _PASSED
            if check or (check is None and not self._checked and self._size() <= OPEN_CHECK_BYTES):
                self.check()
            if self.damaged:
                raise StoreDamaged(self.path)
            self._migrate(upgrading)
        except BaseException:
            self.db.close()
            raise

    def _choose_read_only(self, wanted: bool | None) -> bool:
        if wanted is not None:
            return wanted
        if self.path.is_dir():
            raise StoreError(f"cannot open the store: {self.path} is a directory")
        if self.path.exists():
            return not (_writable(self.path) and _writable(self.path.parent))
        parent = self.path.parent
        existing = next(p for p in (parent, *parent.parents) if p.exists())
        if not existing.is_dir():
            raise StoreError(f"cannot create the store: {existing} is not a directory")
        if not _writable(existing):
            raise StoreError(f"cannot create the store: {existing} is not writable")
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store in {parent}: {exc.strerror or exc}") from None
        return False

    def _open(self, timeout: float) -> sqlite3.Connection:
        if not self.read_only:
            db = _connect(self.path, timeout, "rwc")
            try:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("PRAGMA foreign_keys = ON")
                return db
            except sqlite3.Error as exc:
                db.close()
                # A read-only mount refuses even root: serve it read-only.
                if not self.path.exists() or sqlite_code(exc) not in (READONLY, CANTOPEN):
                    raise
                self.read_only = True
        if not _writable(self.path.parent) and not Path(f"{self.path}-wal").exists():
            # WAL would need a -shm file beside the store; with no writer about, read the file as it is.
            return _connect(self.path, timeout, "ro&immutable=1")
        db = _connect(self.path, timeout, "ro")
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
            return _connect(self.path, timeout, "ro&immutable=1")

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def _identity(self) -> tuple[int, int, int, int]:
        try:
            st = self.path.stat()
        except OSError:
            return (-1, -1, -1, -1)
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def error(self, exc: sqlite3.Error, *, opening: bool = False) -> StoreError:
        """The StoreError for exc; damage seen once marks the store damaged, so nothing more is written."""
        if is_damage(exc):
            self.damaged = True
        mapped = as_store_error(exc, self.path)
        if opening and type(mapped) is StoreError:
            return StoreError(f"cannot open the store: {self.path}: {' '.join(str(exc).split())}")
        return mapped

    def check(self) -> bool:
        """Run SQLite's quick check; False (and every later write refused) when the file is damaged."""
        self._checked = True
        try:
            ok = self.db.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
        except sqlite3.DatabaseError as exc:
            ok = False
            if not is_damage(exc):
                raise
        self.damaged = self.damaged or not ok
        if ok:
            _PASSED.add(self._identity())
        return ok

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; any SQLite error in it rolls back and becomes one StoreError."""
        if self.read_only:
            raise StoreReadOnly(self.path)
        if not self._checked:
            self.check()
        if self.damaged:
            raise StoreDamaged(self.path)
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self.error(exc) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            # SQLite already rolled back after SQLITE_FULL and some I/O errors; a second ROLLBACK
            # would raise "no transaction is active" and hide the cause.
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error):
                raise self.error(exc) from None
            raise

    def _migrate(self, upgrading: Callable[[int, int], None] | None) -> None:
        """Bring the store to this schema; upgrading(from, to) is told first when a store made by an
        older version is upgraded (some upgrades rewrite the search index: seconds for a large store)."""
        current = schema.version(self.db)
        if current > schema.SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer newsreader (schema {current})")
        if current == schema.SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(f"{self.path}: the store needs an upgrade but is read-only")
        if upgrading is not None and current > 0:
            upgrading(current, schema.SCHEMA_VERSION)
        with self.transaction() as db:
            schema.migrate(db, schema.version(db))

    @guarded
    def schema_version(self) -> int:
        return schema.version(self.db)

    @guarded
    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
