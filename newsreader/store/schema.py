"""The store's tables and the migrations that bring an older file up to date."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 6

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
    # The title the user gave (OPML, newsboat "~Title", rename); a refresh only changes `title`.
    """
    ALTER TABLE feeds ADD COLUMN user_title TEXT;
    """,
    # What one screen needs, read without scanning the store. Each view walks an index in display
    # order (a million unread articles had to be sorted first; the old indexes go, or the planner picks
    # them and sorts), and each feed carries its unread and total counts (counting grouped a million
    # rows for the feed list): kept by triggers, except for new articles, counted once per feed where
    # they are inserted (updates.py; a trigger per row doubled a refresh's writes).
    """
    CREATE INDEX articles_by_date ON articles (coalesce(published, first_seen) DESC, id DESC);
    CREATE INDEX articles_unread_by_date ON articles (coalesce(published, first_seen) DESC, id DESC)
        WHERE read = 0;
    CREATE INDEX articles_starred_by_date ON articles (coalesce(published, first_seen) DESC, id DESC)
        WHERE starred = 1;
    CREATE INDEX articles_feed_by_date ON articles (feed_id, coalesce(published, first_seen) DESC, id DESC);
    DROP INDEX articles_by_feed;
    DROP INDEX articles_unread;
    DROP INDEX articles_starred;
    ALTER TABLE feeds ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE feeds ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
    UPDATE feeds SET
        unread_count = (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id AND a.read = 0),
        article_count = (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id);
    CREATE TRIGGER articles_count_ad AFTER DELETE ON articles BEGIN
        UPDATE feeds SET article_count = article_count - 1, unread_count = unread_count - (old.read = 0)
        WHERE id = old.feed_id;
    END;
    CREATE TRIGGER articles_count_au AFTER UPDATE OF read, feed_id ON articles
    WHEN old.read IS NOT new.read OR old.feed_id IS NOT new.feed_id BEGIN
        UPDATE feeds SET article_count = article_count - 1, unread_count = unread_count - (old.read = 0)
        WHERE id = old.feed_id;
        UPDATE feeds SET article_count = article_count + 1, unread_count = unread_count + (new.read = 0)
        WHERE id = new.feed_id;
    END;
    """,
    # A refresh inserts unread articles from every feed: each index spanning every feed took a page
    # per new row scattered across it, and the WAL grew with them (cold refresh 2.6 s -> 3.6 s). The
    # read articles get their own index instead of one over all articles, so an insert touches only
    # one such index; the view of all articles merges the read and the unread indexes (articles.py).
    """
    CREATE INDEX articles_read_by_date ON articles (coalesce(published, first_seen) DESC, id DESC)
        WHERE read <> 0;
    DROP INDEX articles_by_date;
    """,
    # Which of the cleaned bylines name an organisation ("The Associated Press") rather than a person.
    """
    ALTER TABLE articles ADD COLUMN clean_organisations TEXT;
    """,
    # Images kept for offline reading (by address, shared between articles), and where each article
    # was left: the line scrolled to, gone with its article.
    """
    CREATE TABLE images (url TEXT PRIMARY KEY, data BLOB NOT NULL, content_type TEXT, fetched REAL NOT NULL);
    CREATE TABLE positions (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        line INTEGER NOT NULL
    );
    """,
]

# Counts recomputed from the articles (for a store whose articles were copied in, as recover does).
RECOUNT = """
    UPDATE feeds SET
        unread_count = (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id AND a.read = 0),
        article_count = (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id)
"""
assert len(MIGRATIONS) == SCHEMA_VERSION


def version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, start: int) -> None:
    """Run the migrations from user_version start; the caller holds a write transaction."""
    for step in range(start, SCHEMA_VERSION):
        for statement in statements(MIGRATIONS[step]):
            db.execute(statement)
    if start != SCHEMA_VERSION:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def statements(script: str) -> list[str]:
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
