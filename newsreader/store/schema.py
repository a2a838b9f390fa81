"""The store's tables and the migrations that bring an older file up to date."""

from __future__ import annotations

import sqlite3

from newsreader.query.index_key import id_sql, key_sql

SCHEMA_VERSION = 11

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
    # The files an item carries (RSS enclosure, Atom link rel="enclosure"), in the feed's order.
    """
    CREATE TABLE enclosures (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        type TEXT,
        length INTEGER,
        duration INTEGER,
        PRIMARY KEY (article_id, position)
    );
    """,
    # Articles a filter hid: kept but out of every list. Few, so a partial index finds them (rows.py).
    # Articles a filter or retention deleted leave their key in `gone`, so a refresh does not bring
    # them back as new while their feed still carries them.
    """
    ALTER TABLE articles ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_hidden ON articles (id) WHERE hidden = 1;
    CREATE TABLE gone (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (feed_id, key)
    );
    """,
    # Sync with a Google Reader API server (newsreader/sync): server ids beside local ids, the server
    # state last seen (to tell a server-side change from a local one), and the queue of local changes.
    # Triggers fill the queue, so every path that changes state (any face, any engineer's code) is
    # caught; they fire only once a sync account is set, and not while a sync applies server state
    # (a row in sync_mute, written and removed inside that sync's own transaction). Every sync compares
    # the state of every synced item: articles_sync_state holds it, so the articles' text is not read.
    """
    ALTER TABLE feeds ADD COLUMN sync_id TEXT;
    ALTER TABLE feeds ADD COLUMN sync_title TEXT;
    ALTER TABLE feeds ADD COLUMN sync_label TEXT;
    ALTER TABLE articles ADD COLUMN sync_id TEXT;
    ALTER TABLE articles ADD COLUMN sync_read INTEGER;
    ALTER TABLE articles ADD COLUMN sync_starred INTEGER;
    CREATE UNIQUE INDEX articles_sync_id ON articles (sync_id) WHERE sync_id IS NOT NULL;
    CREATE INDEX articles_sync_state ON articles (sync_id, read, starred, sync_read, sync_starred)
        WHERE sync_id IS NOT NULL;
    CREATE TABLE sync_queue (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        article_id INTEGER,
        item_id TEXT,
        feed_url TEXT,
        value TEXT
    );
    CREATE TABLE sync_mute (on_ INTEGER);
    CREATE TRIGGER sync_q_read AFTER UPDATE OF read ON articles
    WHEN new.sync_id IS NOT NULL AND old.read IS NOT new.read AND NOT EXISTS (SELECT 1 FROM sync_mute) BEGIN
        INSERT INTO sync_queue (at, kind, article_id, item_id, value)
        VALUES ((julianday('now') - 2440587.5) * 86400.0, 'read', new.id, new.sync_id, new.read <> 0);
    END;
    CREATE TRIGGER sync_q_star AFTER UPDATE OF starred ON articles
    WHEN new.sync_id IS NOT NULL AND old.starred IS NOT new.starred AND NOT EXISTS (SELECT 1 FROM sync_mute) BEGIN
        INSERT INTO sync_queue (at, kind, article_id, item_id, value)
        VALUES ((julianday('now') - 2440587.5) * 86400.0, 'starred', new.id, new.sync_id, new.starred <> 0);
    END;
    CREATE TRIGGER sync_q_subscribe AFTER INSERT ON feeds
    WHEN EXISTS (SELECT 1 FROM state WHERE key = 'sync.account') AND NOT EXISTS (SELECT 1 FROM sync_mute) BEGIN
        INSERT INTO sync_queue (at, kind, feed_url, value)
        VALUES ((julianday('now') - 2440587.5) * 86400.0, 'subscribe', new.url, new.user_title);
    END;
    CREATE TRIGGER sync_q_unsubscribe AFTER DELETE ON feeds
    WHEN EXISTS (SELECT 1 FROM state WHERE key = 'sync.account') AND NOT EXISTS (SELECT 1 FROM sync_mute) BEGIN
        INSERT INTO sync_queue (at, kind, feed_url, item_id)
        VALUES ((julianday('now') - 2440587.5) * 86400.0, 'unsubscribe', old.url, old.sync_id);
    END;
    CREATE TRIGGER sync_q_rename AFTER UPDATE OF user_title ON feeds
    WHEN old.user_title IS NOT new.user_title AND EXISTS (SELECT 1 FROM state WHERE key = 'sync.account')
    AND NOT EXISTS (SELECT 1 FROM sync_mute) BEGIN
        INSERT INTO sync_queue (at, kind, feed_url, item_id, value)
        VALUES ((julianday('now') - 2440587.5) * 86400.0, 'rename', new.url, new.sync_id, new.user_title);
    END;
    CREATE TRIGGER sync_q_tags AFTER UPDATE OF tags ON feeds
    WHEN old.tags IS NOT new.tags AND EXISTS (SELECT 1 FROM state WHERE key = 'sync.account')
    AND NOT EXISTS (SELECT 1 FROM sync_mute) BEGIN
        INSERT INTO sync_queue (at, kind, feed_url, item_id, value)
        VALUES ((julianday('now') - 2440587.5) * 86400.0, 'tags', new.url, new.sync_id, new.tags);
    END;
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
    # The authors directory (store/people.py): who wrote what, kept as articles are stored and cleaned.
    # Filing a byline needs the identity rule (store/identity.py), so a trigger only marks the article
    # (people_indexed = 0, as `indexed` does for search) and the directory files the marked ones before
    # it is read; every existing article starts marked, which is the backfill. Each author's count, latest
    # article and feeds are kept as articles are filed (added per batch there) and deleted (a trigger, as
    # removing a feed deletes its articles), so the directory never groups articles to be shown.
    """
    ALTER TABLE articles ADD COLUMN people_indexed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_people_pending ON articles (id) WHERE people_indexed = 0;
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'person',
        outlet TEXT NOT NULL DEFAULT '',
        articles INTEGER NOT NULL DEFAULT 0,
        latest_id INTEGER,
        latest_date REAL
    );
    CREATE INDEX people_by_articles ON people (articles DESC, name COLLATE NOCASE, id) WHERE articles > 0;
    CREATE TABLE people_articles (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        feed_id INTEGER NOT NULL,
        date REAL,
        PRIMARY KEY (article_id, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX people_articles_by_person ON people_articles (person_id, date DESC, article_id DESC);
    CREATE TABLE people_feeds (
        person_id INTEGER NOT NULL,
        feed_id INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (person_id, feed_id)
    ) WITHOUT ROWID;
    CREATE TABLE people_contacts (
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (person_id, article_id, kind, value)
    ) WITHOUT ROWID;
    CREATE INDEX people_contacts_by_article ON people_contacts (article_id);
    CREATE TRIGGER articles_people_au AFTER UPDATE OF authors, published, cleaned, clean_authors,
        clean_organisations, contacts ON articles WHEN old.people_indexed = 1 BEGIN
        UPDATE articles SET people_indexed = 0 WHERE id = new.id;
    END;
    CREATE TRIGGER people_articles_ad AFTER DELETE ON people_articles BEGIN
        UPDATE people SET articles = articles - 1 WHERE id = old.person_id;
        UPDATE people SET (latest_id, latest_date) = (
            SELECT article_id, date FROM people_articles WHERE person_id = old.person_id
            ORDER BY date DESC, article_id DESC LIMIT 1)
        WHERE id = old.person_id AND latest_id = old.article_id;
        UPDATE people_feeds SET articles = articles - 1 WHERE person_id = old.person_id AND feed_id = old.feed_id;
        DELETE FROM people_feeds WHERE person_id = old.person_id AND feed_id = old.feed_id AND articles <= 0;
    END;
    """,
    # The search index keyed by date then id (query/index_key.py), so that a list of a common word reads
    # its matches newest first and stops; and the articles with contacts or credits listed by date, for
    # has: (a store where few have them walked every article). Its text is copied, not re-read from the articles; the copy
    # takes a key's id part, so running this again (a test rolling back past it) keeps every article.
    f"""
    DROP TRIGGER articles_ad;
    DROP TRIGGER articles_au;
    ALTER TABLE articles_fts RENAME TO articles_fts_by_id;
    CREATE VIRTUAL TABLE articles_fts USING fts5 (title, authors, body, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO articles_fts (rowid, title, authors, body)
        SELECT {key_sql("a")}, o.title, o.authors, o.body
        FROM articles_fts_by_id o JOIN articles a ON a.id = {id_sql("o.rowid")} ORDER BY 1;
    DROP TABLE articles_fts_by_id;
    CREATE INDEX IF NOT EXISTS articles_contacts_by_date ON articles (coalesce(published, first_seen) DESC, id DESC)
        WHERE contacts IS NOT NULL AND contacts NOT IN ('', '[]');
    CREATE INDEX IF NOT EXISTS articles_credits_by_date ON articles (coalesce(published, first_seen) DESC, id DESC)
        WHERE credits IS NOT NULL AND credits NOT IN ('', '[]');
    CREATE TRIGGER articles_ad AFTER DELETE ON articles WHEN old.indexed = 1 BEGIN
        DELETE FROM articles_fts WHERE rowid = {key_sql("old")};
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, content_html, body, clean_authors, published,
        first_seen ON articles
    WHEN old.indexed = 1 BEGIN
        DELETE FROM articles_fts WHERE rowid = {key_sql("old")};
        UPDATE articles SET indexed = 0 WHERE id = new.id;
    END;
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
