"""The SQLite store: feeds, articles, read state and the search index.

Every write is one short IMMEDIATE transaction, so a kill -9 leaves the previous state and a second
process waits on the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from newsreader.models import (
    Article,
    ArticleRow,
    Cleaned,
    Contact,
    Feed,
    FeedUpdate,
    ParsedEntry,
)
from newsreader.text import one_line

SCHEMA_VERSION = 1

# MIGRATIONS[n] takes a store from user_version n to n + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetch REAL,
        last_error TEXT,
        error_streak INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '[]',
        full_text TEXT,
        added REAL NOT NULL
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        guid TEXT,
        link TEXT,
        title TEXT NOT NULL DEFAULT '',
        authors TEXT NOT NULL DEFAULT '[]',
        published REAL,
        updated REAL,
        content_html TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL DEFAULT '',
        first_seen REAL NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        page_html TEXT,
        page_error TEXT,
        cleaned INTEGER NOT NULL DEFAULT 0,
        clean_title TEXT,
        clean_authors TEXT,
        clean_published TEXT,
        body TEXT,
        contacts TEXT,
        credits TEXT,
        notes TEXT,
        clean_error TEXT,
        indexed INTEGER NOT NULL DEFAULT 0,
        UNIQUE (feed_id, key)
    );
    CREATE INDEX articles_by_feed ON articles (feed_id, published DESC);
    CREATE INDEX articles_unread ON articles (read, feed_id);
    CREATE INDEX articles_starred ON articles (starred) WHERE starred = 1;
    CREATE INDEX articles_uncleaned ON articles (cleaned) WHERE cleaned = 0;
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT);
    CREATE VIRTUAL TABLE articles_fts USING fts5 (title, authors, body, tokenize = 'unicode61 remove_diacritics 2');
    CREATE INDEX articles_unindexed ON articles (indexed) WHERE indexed = 0;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles WHEN old.indexed = 1 BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, content_html, body, clean_authors ON articles
    WHEN old.indexed = 1 BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
        UPDATE articles SET indexed = 0 WHERE id = new.id;
    END;
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


class StoreError(Exception):
    """The store cannot be opened or used; the message is one line for the user."""


_FEED_COLS = (
    "f.id, f.url, f.title, f.site_url, f.tags, f.etag, f.last_modified, f.last_fetch, f.last_error, "
    "f.error_streak, f.full_text"
)
_ROW_COLS = "a.id, a.feed_id, a.title, a.published, a.read, a.starred, coalesce(f.title, f.url)"
_ORDER = "ORDER BY coalesce(a.published, a.first_seen) DESC, a.id DESC"


def _feed(row: Sequence, unread: int = 0, total: int = 0) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        tags=tuple(json.loads(row[4] or "[]")),
        etag=row[5],
        last_modified=row[6],
        last_fetch=row[7],
        last_error=row[8],
        error_streak=row[9],
        full_text=row[10],
        unread=unread,
        total=total,
    )


def _row(row: Sequence) -> ArticleRow:
    return ArticleRow(
        id=row[0],
        feed_id=row[1],
        title=row[2],
        published=row[3],
        read=bool(row[4]),
        starred=bool(row[5]),
        feed_title=row[6],
    )


def fts_query(text: str) -> str:
    """Turn what a user typed into an FTS5 query: every word must match, as a prefix."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " ".join(f'"{w}"*' for w in words)


class Store:
    """One connection to the store file. Not shared between threads; open one per thread."""

    def __init__(self, path: Path | str, *, busy_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._text_function = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _migrate(self) -> None:
        with self.transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: made by a newer newsreader (schema {version})")
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    db.execute(statement)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # Feeds

    def add_feed(
        self, url: str, *, title: str | None = None, tags: Iterable[str] = (), full_text: str | None = None
    ) -> tuple[Feed, bool]:
        """Subscribe to url; returns the feed and whether it was new. Tags of a known feed are merged."""
        with self.transaction() as db:
            row = db.execute(f"SELECT {_FEED_COLS} FROM feeds f WHERE url = ?", (url,)).fetchone()
            if row:
                feed = _feed(row)
                merged = list(dict.fromkeys([*feed.tags, *tags]))
                if merged != list(feed.tags) or (title and not feed.title):
                    db.execute(
                        "UPDATE feeds SET tags = ?, title = coalesce(title, ?) WHERE id = ?",
                        (json.dumps(merged), title, feed.id),
                    )
                return self.feed(feed.id), False
            cur = db.execute(
                "INSERT INTO feeds (url, title, tags, full_text, added) VALUES (?, ?, ?, ?, ?)",
                (url, one_line(title) or None, json.dumps(list(dict.fromkeys(tags))), full_text, time.time()),
            )
            feed_id = cur.lastrowid
        return self.feed(feed_id), True

    def remove_feed(self, url: str) -> bool:
        with self.transaction() as db:
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feed(self, feed_id: int) -> Feed:
        row = self.db.execute(f"SELECT {_FEED_COLS} FROM feeds f WHERE id = ?", (feed_id,)).fetchone()
        if row is None:
            raise KeyError(feed_id)
        unread, total = self.db.execute(
            "SELECT count(*) FILTER (WHERE read = 0), count(*) FROM articles WHERE feed_id = ?", (feed_id,)
        ).fetchone()
        return _feed(row, unread, total)

    def feed_by_url(self, url: str) -> Feed | None:
        row = self.db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return self.feed(row[0]) if row else None

    def feeds(self, *, counts: bool = True) -> list[Feed]:
        """Every feed with its unread and total counts (zero when counts=False), in the order they were added."""
        counts_by_feed: dict[int, tuple[int, int]] = {}
        if counts:
            counts_by_feed = {
                fid: (unread, total)
                for fid, unread, total in self.db.execute(
                    "SELECT feed_id, count(*) FILTER (WHERE read = 0), count(*) FROM articles GROUP BY feed_id"
                )
            }
        return [
            _feed(row, *counts_by_feed.get(row[0], (0, 0)))
            for row in self.db.execute(f"SELECT {_FEED_COLS} FROM feeds f ORDER BY f.added, f.id")
        ]

    def apply_update(self, update: FeedUpdate) -> tuple[int, int]:
        """Apply one fetch outcome in one transaction; returns (new articles, changed articles)."""
        with self.transaction() as db:
            return self._apply(db, update)

    def apply_updates(self, updates: Sequence[FeedUpdate]) -> list[tuple[int, int]]:
        """Apply several fetch outcomes in one transaction (all or none), each as apply_update would.

        For outcomes without articles (304s, errors): a refresh of 500 unchanged feeds spent more on
        500 commits (and the WAL checkpoint they forced) than on anything else in the store.
        """
        with self.transaction() as db:
            return [self._apply(db, u) for u in updates]

    def _apply(self, db: sqlite3.Connection, update: FeedUpdate) -> tuple[int, int]:
        new = changed = 0
        if update.status == "error":
            db.execute(
                "UPDATE feeds SET last_fetch = ?, last_error = ?, error_streak = error_streak + 1 WHERE id = ?",
                (update.fetched_at, update.error, update.feed_id),
            )
            return 0, 0
        if update.new_url:
            taken = db.execute("SELECT id FROM feeds WHERE url = ?", (update.new_url,)).fetchone()
            if taken is None:
                db.execute("UPDATE feeds SET url = ? WHERE id = ?", (update.new_url, update.feed_id))
        db.execute(
            "UPDATE feeds SET last_fetch = ?, last_error = NULL, error_streak = 0, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE id = ?",
            (update.fetched_at, update.etag, update.last_modified, update.feed_id),
        )
        if update.feed is None:
            return 0, 0
        if update.feed.title or update.feed.site_url:
            db.execute(
                "UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url) WHERE id = ?",
                (one_line(update.feed.title) or None, update.feed.site_url, update.feed_id),
            )
        known = dict(
            db.execute("SELECT key, content_hash FROM articles WHERE feed_id = ?", (update.feed_id,))
        )
        # New entries are inserted together at the end (one executemany); an entry repeated in the same
        # feed with other content replaces its pending row, as inserting and then updating it would.
        pending: dict[str, ParsedEntry] = {}
        for entry in update.feed.entries:
            old_hash = known.get(entry.key)
            if old_hash is None:
                pending[entry.key] = entry
                known[entry.key] = entry.content_hash
                new += 1
            elif old_hash != entry.content_hash:
                if entry.key in pending:
                    first = pending[entry.key]
                    pending[entry.key] = replace(
                        entry, published=first.published if entry.published is None else entry.published
                    )
                else:
                    self._update_entry(db, update.feed_id, entry)
                known[entry.key] = entry.content_hash
                changed += 1
        if pending:
            self._insert_entries(db, update.feed_id, pending.values(), update.fetched_at)
        return new, changed

    @staticmethod
    def _insert_entries(
        db: sqlite3.Connection, feed_id: int, entries: Iterable[ParsedEntry], now: float
    ) -> None:
        db.executemany(
            "INSERT INTO articles (feed_id, key, guid, link, title, authors, published, updated, content_html, "
            "content_hash, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    feed_id,
                    e.key,
                    e.guid,
                    e.link,
                    one_line(e.title),
                    json.dumps([one_line(a) for a in e.authors]),
                    e.published,
                    e.updated,
                    e.content_html,
                    e.content_hash,
                    now,
                )
                for e in entries
            ],
        )

    @staticmethod
    def _update_entry(db: sqlite3.Connection, feed_id: int, e: ParsedEntry) -> None:
        # A changed item keeps its read and starred state; its cleaned text and page are redone.
        db.execute(
            "UPDATE articles SET guid = ?, link = ?, title = ?, authors = ?, published = coalesce(?, published), "
            "updated = ?, content_html = ?, content_hash = ?, cleaned = 0, page_html = NULL, page_error = NULL "
            "WHERE feed_id = ? AND key = ?",
            (
                e.guid,
                e.link,
                one_line(e.title),
                json.dumps([one_line(a) for a in e.authors]),
                e.published,
                e.updated,
                e.content_html,
                e.content_hash,
                feed_id,
                e.key,
            ),
        )

    # Articles

    def articles(
        self,
        *,
        feed_id: int | None = None,
        unread_only: bool = False,
        starred_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleRow]:
        where, args = self._filter(feed_id, unread_only, starred_only)
        sql = f"SELECT {_ROW_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id {where} {_ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [_row(r) for r in self.db.execute(sql, args)]

    def article_ids(
        self, *, feed_id: int | None = None, unread_only: bool = False, starred_only: bool = False
    ) -> list[int]:
        """The ids of a view in display order: cheap enough for 100,000 articles."""
        where, args = self._filter(feed_id, unread_only, starred_only)
        return [r[0] for r in self.db.execute(f"SELECT a.id FROM articles a {where} {_ORDER}", args)]

    def rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """Rows for the given ids, in the given order (for drawing the visible part of a list)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            r[0]: _row(r)
            for r in self.db.execute(
                f"SELECT {_ROW_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({marks})",
                list(ids),
            )
        }
        return [found[i] for i in ids if i in found]

    @staticmethod
    def _filter(feed_id: int | None, unread_only: bool, starred_only: bool) -> tuple[str, list]:
        clauses, args = [], []
        if feed_id is not None:
            clauses.append("a.feed_id = ?")
            args.append(feed_id)
        if unread_only:
            clauses.append("a.read = 0")
        if starred_only:
            clauses.append("a.starred = 1")
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), args

    def article(self, article_id: int) -> Article:
        row = self.db.execute(
            "SELECT a.id, a.feed_id, f.url, coalesce(f.title, f.url), a.key, a.guid, a.link, a.title, a.authors, "
            "a.published, a.updated, a.content_html, a.read, a.starred, a.page_html, a.page_error, a.cleaned, "
            "a.clean_title, a.clean_authors, a.clean_published, a.body, a.contacts, a.credits, a.notes, "
            "a.clean_error FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        cleaned = None
        if row[16]:
            cleaned = Cleaned(
                title=row[17],
                authors=tuple(json.loads(row[18] or "[]")),
                published=row[19],
                body=row[20] or "",
                contacts=tuple(Contact(**c) for c in json.loads(row[21] or "[]")),
                credits=tuple(json.loads(row[22] or "[]")),
                notes=tuple(json.loads(row[23] or "[]")),
            )
        return Article(
            id=row[0],
            feed_id=row[1],
            feed_url=row[2],
            feed_title=row[3],
            key=row[4],
            guid=row[5],
            link=row[6],
            title=row[7],
            authors=tuple(json.loads(row[8] or "[]")),
            published=row[9],
            updated=row[10],
            content_html=row[11],
            read=bool(row[12]),
            starred=bool(row[13]),
            page_html=row[14],
            page_error=row[15],
            cleaned=cleaned,
            clean_error=row[24],
        )

    def search(self, query: str, *, limit: int = 1000) -> list[ArticleRow]:
        """Articles whose title, authors or body match every word of query, best first."""
        q = fts_query(query)
        if not q:
            return []
        self.index_pending()
        return [
            _row(r)
            for r in self.db.execute(
                f"SELECT {_ROW_COLS} FROM articles_fts s JOIN articles a ON a.id = s.rowid "
                f"JOIN feeds f ON f.id = a.feed_id WHERE articles_fts MATCH ? ORDER BY s.rank LIMIT {int(limit)}",
                (q,),
            )
        ]

    def index_pending(self, *, batch: int = 10_000) -> int:
        """Bring the search index up to date; returns how many articles were indexed.

        Indexing costs several times more than storing an article, so a refresh only stores and the
        index catches up here: on the next search, or in the interface's idle pass. Articles not
        cleaned yet are indexed by the text of their feed HTML, not its markup: tag names, attributes
        and link addresses no longer fill the index with terms nobody reads (25,000 farm articles:
        3.4 -> 2.7 s), and words behind entities (caf&eacute;) are found. Each batch is one transaction.
        """
        if not self._text_function:
            from html import unescape  # here, not at the top: a refresh never needs it

            self.db.create_function("newsreader_text", 1, partial(_html_text, unescape), deterministic=True)
            self._text_function = True
        done = 0
        while True:
            with self.transaction() as db:
                # The last id of this batch (ids come in order from the partial index on unindexed rows).
                row = db.execute(
                    "SELECT id FROM articles WHERE indexed = 0 ORDER BY id LIMIT 1 OFFSET ?", (batch - 1,)
                ).fetchone()
                last = row[0] if row else None
                bound = "" if last is None else f" AND id <= {int(last)}"
                db.execute(
                    "INSERT INTO articles_fts (rowid, title, authors, body) SELECT id, title, "
                    "coalesce(clean_authors, authors), coalesce(body, newsreader_text(content_html)) "
                    f"FROM articles WHERE indexed = 0{bound}"
                )
                done += db.execute(f"UPDATE articles SET indexed = 1 WHERE indexed = 0{bound}").rowcount
            if last is None:
                return done

    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        ids = list(ids)
        with self.transaction() as db:
            db.executemany("UPDATE articles SET read = ? WHERE id = ?", [(int(read), i) for i in ids])

    def set_starred(self, article_id: int, starred: bool) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def mark_feed_read(self, feed_id: int) -> int:
        with self.transaction() as db:
            return db.execute(
                "UPDATE articles SET read = 1 WHERE feed_id = ? AND read = 0", (feed_id,)
            ).rowcount

    def mark_all_read(self) -> int:
        with self.transaction() as db:
            return db.execute("UPDATE articles SET read = 1 WHERE read = 0").rowcount

    # The cleaner's output

    def uncleaned(self, *, limit: int = 100, feed_id: int | None = None) -> list[int]:
        sql = "SELECT id FROM articles WHERE cleaned = 0"
        args: list = []
        if feed_id is not None:
            sql += " AND feed_id = ?"
            args.append(feed_id)
        return [r[0] for r in self.db.execute(sql + f" ORDER BY id DESC LIMIT {int(limit)}", args)]

    def uncleaned_of(self, ids: Sequence[int]) -> list[int]:
        """Those of ids not cleaned yet, in the given order."""
        waiting: set[int] = set()
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            waiting.update(
                r[0]
                for r in self.db.execute(
                    f"SELECT id FROM articles WHERE cleaned = 0 AND id IN ({marks})", chunk
                )
            )
        return [i for i in ids if i in waiting]

    def save_cleaned(self, article_id: int, cleaned: Cleaned | None, error: str | None = None) -> None:
        with self.transaction() as db:
            if cleaned is None:
                db.execute(
                    "UPDATE articles SET cleaned = 1, clean_error = ? WHERE id = ?", (error, article_id)
                )
                return
            db.execute(
                "UPDATE articles SET cleaned = 1, clean_title = ?, clean_authors = ?, clean_published = ?, "
                "body = ?, contacts = ?, credits = ?, notes = ?, clean_error = ? WHERE id = ?",
                (
                    cleaned.title,
                    json.dumps(list(cleaned.authors)),
                    cleaned.published,
                    cleaned.body,
                    json.dumps(
                        [{"kind": c.kind, "value": c.value, "label": c.label} for c in cleaned.contacts]
                    ),
                    json.dumps(list(cleaned.credits)),
                    json.dumps(list(cleaned.notes)),
                    error,
                    article_id,
                ),
            )

    def save_page(self, article_id: int, html: str | None, error: str | None) -> None:
        """Store the full page fetched for an article (or why it could not be), so it is cleaned again."""
        with self.transaction() as db:
            db.execute(
                "UPDATE articles SET page_html = ?, page_error = ?, cleaned = 0 WHERE id = ?",
                (html, error, article_id),
            )

    def articles_without_page(self, feed_id: int, keys: Sequence[str]) -> dict[str, int]:
        """{key: article id} of the feed's articles among keys whose full page is not fetched yet."""
        found: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            rows = self.db.execute(
                f"SELECT id, key FROM articles WHERE feed_id = ? AND key IN ({','.join('?' * len(chunk))}) "
                "AND page_html IS NULL AND page_error IS NULL",
                [feed_id, *chunk],
            )
            found.update((key, article_id) for article_id, key in rows)
        return found

    # Interface state

    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


_TAG = re.compile(r"<[^>]*>")


def _html_text(unescape: Callable[[str], str], html: str | None) -> str | None:
    """HTML to the words a reader sees, cheaply: tags become spaces, entities characters."""
    if not html:
        return html
    text = _TAG.sub(" ", html)
    return unescape(text) if "&" in text else text


def _statements(script: str) -> list[str]:
    """Split a migration script on ; at the end of a line, keeping trigger bodies whole."""
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        stripped = line.strip()
        joined = "\n".join(buf)
        if stripped.endswith(";") and (joined.count("BEGIN") == joined.count("END;")):
            out.append(joined)
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out
