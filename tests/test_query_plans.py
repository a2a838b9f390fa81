"""Every way the store answers a list query gives the plain query's answer, in the lists' exact order.

The store picks a plan by size: read the newest matches first, look them up among a few articles,
look each of those up, collect every match, widen a window of the newest articles, answer each branch
of an OR alone and merge. Here each plan is forced in turn by its thresholds, on a store small enough
to read whole, and compared with the compiled query run as it is written and sorted by date then id.
The dates are chosen so that the search index's order (by second, then id) differs from the lists'
order within a second: fractions of a second running against the ids, and a whole refresh of undated
articles stored within one second.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import newsreader.store.queries as plans
from newsreader import locations
from newsreader.models import Cleaned, Contact, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.query import compile_query, parse
from newsreader.store import Store
from newsreader.store.rows import HIDDEN_OUT, ORDER
from tests.conftest import run_cli
from tests.test_store_full import _limit_file_size
from tests.test_store_readonly import make_read_only

BASE = 1_790_000_000.0
WORDS = "harbour council ferry library storm market".split()
FEEDS = 12
PER_FEED = 60

QUERIES = [
    "harbour",
    "harbour OR ferry",
    "harb*",
    '"harbour story"',
    "harbour -ferry",
    "unread harbour",
    "read harbour",
    "starred harbour",
    "tag:news harbour",
    "feed:feed3 harbour",
    "harbour has:contacts",
    "title:ferry unread",
    "harbour after:2026-09-21",
    "harbour before:2026-09-21",
    "-harbour",
    "tag:news -harbour",
    "harbour OR starred",
    "unread -harbour -ferry",
    "ferry OR has:contacts",
    "harbour feed:feed3 OR ferry feed:feed4",
    "(harbour OR council) (feed:feed3 OR feed:feed5)",
    "-harbour OR starred",
    "harbour OR ferry OR starred",
    'feed:feed3 "harbour story" -ferry',
]
LIMITS = [1, 7, 50, None]
# Thresholds forcing each plan (the defaults choose by size, and on this store mostly the first).
PLANS = {
    "as chosen": {},
    "newest first, windows of one": {"SLACK": 1, "FEW_HELD": 0},
    "newest first, given up at once": {"NEWEST_AT_MOST": 1, "FEW_HELD": 0},
    "among the few": {"NEWEST_AT_MOST": 0, "FEW_HELD": 10**9, "SEEK_AT_MOST": 0},
    "looked up one by one": {"NEWEST_AT_MOST": 0, "FEW_HELD": 10**9, "SEEK_AT_MOST": 10**9},
    "collected, sorted": {"NEWEST_AT_MOST": 0, "FEW_HELD": -1, "FEW_MATCHES": 10**9},
    "collected, walked": {"NEWEST_AT_MOST": 0, "FEW_HELD": -1, "FEW_MATCHES": 0},
}


def _store(path) -> None:
    with Store(path) as store:
        for f in range(FEEDS):
            feed, _ = store.add_feed(
                f"http://127.0.0.1:9/feed{f}.xml", title=f"Feed {f}", tags=["news"] if f % 3 == 0 else []
            )
            entries = []
            for i in range(PER_FEED):
                # Four articles a second, their fractions falling as ids rise; every ninth undated
                # (dated when first seen: one refresh, one second, in store order).
                published = None if i % 9 == 4 else BASE - (i // 4) * 7200 - f * 60 + (3 - i % 4) * 0.2
                words = f"{WORDS[i % 6]} story {WORDS[(i * 5 + f) % 6]}"
                entries.append(
                    ParsedEntry(
                        f"{f}-{i}",
                        f"{f}-{i}",
                        f"http://127.0.0.1:9/{f}/{i}",
                        f"{WORDS[(i + f) % 6].title()} item {i}",
                        (f"Writer {i % 5}",),
                        published,
                        None,
                        f"<p>About {words}.</p>",
                        f"h{f}-{i}",
                    )
                )
            store.apply_update(
                FeedUpdate(
                    feed.id, "ok", BASE, feed=ParsedFeed(title=None, site_url=None, entries=tuple(entries))
                )
            )
        ids = store.article_ids()
        store.set_read(ids[::3], True)
        for article_id in ids[::13]:
            store.set_starred(article_id, True)
        for article_id in ids[::17]:
            store.save_cleaned(
                article_id,
                Cleaned(body="Send tips.", contacts=(Contact("email", "desk@example.org", "Tips"),)),
            )
        store.index_pending()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "s.db"
    _store(path)
    return path


def plain(path, compiled, limit) -> list[int]:
    """The compiled query as written, sorted as the lists sort."""
    db = sqlite3.connect(path)
    try:
        bound = "" if limit is None else f" LIMIT {limit}"
        sql = f"SELECT a.id FROM articles a WHERE ({compiled.where}) AND {HIDDEN_OUT} {ORDER}{bound}"
        return [r[0] for r in db.execute(sql, compiled.args)]
    finally:
        db.close()


def test_the_store_has_seconds_where_the_index_order_is_not_the_list_order(store_path):
    db = sqlite3.connect(store_path)
    by_list = [r[0] for r in db.execute(f"SELECT a.id FROM articles a {ORDER}")]
    by_key = [r[0] for r in db.execute("SELECT rowid & 2147483647 FROM articles_fts ORDER BY rowid DESC")]
    db.close()
    assert sorted(by_list) == sorted(by_key)
    assert by_list != by_key


@pytest.mark.parametrize("plan", PLANS)
def test_every_plan_gives_the_plain_answer(store_path, monkeypatch, plan):
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(plans, name, value)
    wrong = []
    with Store(store_path) as store:
        for query in QUERIES:
            compiled = compile_query(parse(query), enclosures=store.has_enclosures())
            for limit in LIMITS:
                want = plain(store_path, compiled, limit)
                got = store.query_ids(compiled, limit=limit)
                if got != want:
                    wrong.append((query, limit, len(got), len(want)))
    assert wrong == []


def test_the_queries_find_something_and_leave_something(store_path):
    """The comparison above means something only if the queries are neither empty nor everything."""
    with Store(store_path) as store:
        total = len(store.article_ids())
        for query in QUERIES:
            found = store.query_ids(compile_query(parse(query)), limit=None)
            assert 0 < len(found) < total, query


@pytest.mark.parametrize("plan", ["as chosen", "among the few"])
def test_a_ranked_search_finds_what_the_list_finds(store_path, monkeypatch, plan):
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(plans, name, value)
    with Store(store_path) as store:
        for query in ("starred harbour", "feed:feed3 harbour", "tag:news harbour ferry", "unread harb*"):
            compiled = compile_query(parse(query))
            assert {r.id for r in store.query_rows(compiled, limit=5000)} == set(
                plain(store_path, compiled, None)
            ), query


OLD_INDEX = """
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP INDEX articles_contacts_by_date;
DROP INDEX articles_credits_by_date;
ALTER TABLE articles_fts RENAME TO keyed;
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, authors, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO articles_fts (rowid, title, authors, body) SELECT rowid & 2147483647, title, authors, body FROM keyed;
DROP TABLE keyed;
CREATE TRIGGER articles_ad AFTER DELETE ON articles WHEN old.indexed = 1 BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, content_html, body, clean_authors ON articles
WHEN old.indexed = 1 BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    UPDATE articles SET indexed = 0 WHERE id = new.id;
END;
PRAGMA user_version = 10;
"""


def index_in_step(path) -> None:
    """Every indexed article is in the index once, under the key of its date, and nothing else is."""
    db = sqlite3.connect(path)
    try:
        keys = sorted(r[0] for r in db.execute("SELECT rowid FROM articles_fts"))
        want = sorted(
            (max(0, int(r[0])) << 31) | r[1]
            for r in db.execute("SELECT coalesce(published, first_seen), id FROM articles WHERE indexed = 1")
        )
        assert keys == want
    finally:
        db.close()


def test_a_store_indexed_by_id_is_keyed_by_date_on_opening_and_finds_the_same(tmp_path):
    path = tmp_path / "old.db"
    _store(path)
    with Store(path) as store:
        before = {q: store.query_ids(compile_query(parse(q)), limit=None) for q in QUERIES}
    db = sqlite3.connect(path)
    db.executescript(OLD_INDEX)
    db.close()
    with Store(path) as store:
        assert store.schema_version() == 11
        assert {q: store.query_ids(compile_query(parse(q)), limit=None) for q in QUERIES} == before
    index_in_step(path)


def test_a_new_date_moves_an_article_in_the_index_and_a_removed_feed_leaves_it(tmp_path):
    path = tmp_path / "s.db"
    _store(path)
    harbour = compile_query(parse("harbour"))
    with Store(path) as store:
        feed = store.feed_by_url("http://127.0.0.1:9/feed5.xml")
        oldest = store.query_ids(harbour, limit=None)[-1]
        old = store.article(oldest)
        moved = ParsedEntry(
            old.key, old.guid, old.link, old.title, old.authors, BASE + 86400, None, old.content_html, "new"
        )
        store.apply_update(
            FeedUpdate(old.feed_id, "ok", BASE, feed=ParsedFeed(title=None, site_url=None, entries=(moved,)))
        )
        store.index_pending()
        assert store.query_ids(harbour, limit=1) == [oldest]
        index_in_step(path)
        store.remove_feed(feed.url)
        store.index_pending()
        assert store.query_ids(harbour, limit=None) == plain(path, harbour, None)
    index_in_step(path)


def older_store() -> Path:
    """The user's store as the version before the date-keyed index left it."""
    path = locations.store_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    _store(path)
    db = sqlite3.connect(path)
    db.executescript(OLD_INDEX)
    db.close()
    return path


def test_the_command_line_says_once_that_it_upgrades_an_older_store(home):
    older_store()
    first = run_cli("list", "--query", "harbour ferry", home=home)
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        "newsreader: upgrading the store from schema 10 to 11, once (a large store takes up to a minute)"
    ]
    again = run_cli("list", "--query", "harbour ferry", home=home)
    assert (again.returncode, again.stderr, again.stdout) == (0, "", first.stdout)
    assert first.stdout.count("\n") > 1


def test_an_upgrade_that_fills_the_disk_says_so_in_one_line_and_leaves_the_older_store(home):
    path = older_store()
    before = path.read_bytes()
    out = subprocess.run(
        [sys.executable, "-m", "newsreader", "list", "--query", "harbour"],
        env={**os.environ, "NEWSREADER_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limit_file_size(64_000),  # the index's copy needs more than that
    )
    assert out.returncode == 1, out.stdout
    assert out.stderr.splitlines()[1:] == [
        f"newsreader: disk full: cannot write to the store {path}; nothing was changed"
    ]
    assert path.read_bytes() == before
    again = run_cli("list", "--query", "harbour", home=home)  # with room, the upgrade goes through
    assert again.returncode == 0 and again.stdout.count("\n") > 1


def test_an_older_store_that_is_read_only_is_refused_in_one_line_and_left_as_it_is(home):
    path = older_store()
    before = path.read_bytes()
    make_read_only(path)
    try:
        out = run_cli("list", home=home)
        assert (out.returncode, out.stderr) == (
            1,
            f"newsreader: {path}: the store needs an upgrade but is read-only\n",
        )
        assert path.read_bytes() == before
    finally:
        path.parent.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
