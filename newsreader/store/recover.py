"""Recovery: copy everything still readable out of a damaged store into a new one, keeping the old file."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsreader.store.errors import StoreError
from newsreader.store.schema import RECOUNT

# Tables copied, parents first, with the columns kept (articles go back to the search index afresh).
_TABLES: dict[str, str] = {
    "feeds": "id, url, title, user_title, site_url, etag, last_modified, last_fetch, last_error, error_streak, tags, "
    "full_text, added, sync_id, sync_title, sync_label",
    "articles": "id, feed_id, key, guid, link, title, authors, published, updated, content_html, content_hash, "
    "first_seen, read, starred, page_html, page_error, cleaned, clean_title, clean_authors, clean_published, "
    "body, contacts, credits, notes, clean_error, clean_organisations, hidden, sync_id, sync_read, sync_starred",
    "state": "key, value",
    "enclosures": "article_id, position, url, type, length, duration",
    "gone": "feed_id, key, at",
    "sync_queue": "id, at, kind, article_id, item_id, feed_url, value",
    "images": "url, data, content_type, fetched",
    "positions": "article_id, line",
}
# Past a damaged page a scan stops; look this many ids further for the next readable row.
_PROBE = 100_000


@dataclass(frozen=True, slots=True)
class Recovered:
    """What recover() saved, and where the damaged file went."""

    path: Path
    damaged_copy: Path
    feeds: int
    articles: int
    states: int
    cleaned: int
    read: int
    starred: int
    lost_rows: int  # rows on damaged pages (as far as they can be told apart), or whose feed was lost

    def summary(self) -> str:
        """One line for the user."""
        lost = f", about {self.lost_rows} rows were unreadable" if self.lost_rows else ""
        return (
            f"recovered {self.feeds} feeds, {self.articles} articles ({self.read} read, {self.starred} starred, "
            f"{self.cleaned} cleaned) and {self.states} settings into {self.path}{lost}; "
            f"the damaged file is kept as {self.damaged_copy}"
        )


def _rows(src: sqlite3.Connection, table: str, columns: str, lost: list[int]) -> Iterator[sqlite3.Row]:
    """Every readable row of table in rowid order, stepping over damaged pages (counted in lost[0])."""
    start = -(2**63)
    while True:
        moved = False
        try:
            for row in src.execute(
                f"SELECT rowid AS _rowid, {columns} FROM {table} WHERE rowid >= ? ORDER BY rowid", (start,)
            ):
                start, moved = row["_rowid"] + 1, True
                yield row
            return
        except sqlite3.DatabaseError:
            if not moved:  # the row at start reads alone but not in a scan: leave it behind
                lost[0] += 1
                start += 1
            found = _next_readable(src, table, columns, start, lost)
            if found is None:
                return
            start = found


def _source_columns(src: sqlite3.Connection, table: str, wanted: str) -> str | None:
    """Those of the wanted columns the damaged store has (an older schema has fewer); None: no table."""
    try:
        present = {r["name"] for r in src.execute(f"PRAGMA table_info({table})")}
    except sqlite3.DatabaseError:
        return None
    kept = [c.strip() for c in wanted.split(",") if c.strip() in present]
    return ", ".join(kept) if kept else None


def _batches(rows: Iterator[sqlite3.Row], size: int = 500) -> Iterator[list[tuple]]:
    """Rows as value tuples in the order of the table's column list (the first, _rowid, left out)."""
    batch: list[tuple] = []
    for row in rows:
        batch.append(tuple(row)[1:])
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _next_readable(
    src: sqlite3.Connection, table: str, columns: str, start: int, lost: list[int]
) -> int | None:
    start = max(start, 0)
    for rowid in range(start, start + _PROBE):
        try:
            if src.execute(f"SELECT {columns} FROM {table} WHERE rowid = ?", (rowid,)).fetchone():
                return rowid
        except sqlite3.DatabaseError:
            lost[0] += 1
    return None


def recover(path: Path | str) -> Recovered:
    """Copy what is readable of the store at path into a new store at path; the old file is renamed."""
    from newsreader.store import Store  # here: Store is made of the modules that import this one

    path = Path(path)
    if not path.exists():
        raise StoreError(f"no store to recover at {path}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    fresh = path.with_name(f"{path.name}.recovering-{stamp}")
    damaged_copy = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        src = sqlite3.connect(f"file:{path.absolute()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the damaged store {path}: {exc}") from None
    src.row_factory = sqlite3.Row
    counts = dict.fromkeys(_TABLES, 0)
    unreadable = [0]
    lost = 0
    try:
        with Store(fresh, check=False) as dst:
            dst.db.execute("PRAGMA foreign_keys = OFF")  # articles of a lost feed are dropped at the end
            with dst.transaction() as db:
                for table, wanted in _TABLES.items():
                    columns = _source_columns(src, table, wanted)
                    if columns is None:
                        continue
                    marks = ", ".join("?" * len(columns.split(",")))
                    insert = f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})"
                    for batch in _batches(_rows(src, table, columns, unreadable)):
                        saved = db.executemany(insert, batch).rowcount
                        counts[table] += saved
                        lost += len(batch) - saved
                lost += db.execute(
                    "DELETE FROM articles WHERE feed_id NOT IN (SELECT id FROM feeds)"
                ).rowcount
                db.execute("DELETE FROM enclosures WHERE article_id NOT IN (SELECT id FROM articles)")
                db.execute("DELETE FROM positions WHERE article_id NOT IN (SELECT id FROM articles)")
                # The copy bypassed the insert path that keeps the feeds' counts.
                db.execute(RECOUNT)
            extra = dst.db.execute(
                "SELECT count(*) FILTER (WHERE cleaned = 1) AS cleaned, count(*) FILTER (WHERE read = 1) AS read, "
                "count(*) FILTER (WHERE starred = 1) AS starred, count(*) AS articles FROM articles"
            ).fetchone()
    except BaseException:
        src.close()
        for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    src.close()
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    path.rename(damaged_copy)
    if wal.exists() and wal.stat().st_size:
        wal.rename(f"{damaged_copy}-wal")
        shm.rename(f"{damaged_copy}-shm")
    else:  # left by our read-only connection: nothing in them
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
    fresh.rename(path)
    return Recovered(
        path=path,
        damaged_copy=damaged_copy,
        feeds=counts["feeds"],
        articles=extra["articles"],
        states=counts["state"],
        cleaned=extra["cleaned"],
        read=extra["read"],
        starred=extra["starred"],
        lost_rows=lost + unreadable[0],
    )
