"""Deleting articles on purpose (filters, retention): each leaves its key behind, so it stays gone."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

_CHUNK = 500  # ids per statement, well under SQLite's bound on variables


def forget(db: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Delete these articles inside the caller's transaction, keeping their keys in `gone`; how many went."""
    done = 0
    now = time.time()
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        db.execute(
            f"INSERT OR IGNORE INTO gone (feed_id, key, at) SELECT feed_id, key, ? FROM articles WHERE id IN ({marks})",
            [now, *chunk],
        )
        done += db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk).rowcount
    return done
