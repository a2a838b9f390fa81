"""Counting a query (a saved view's unread count) gives the plain count of what it lists, hidden articles aside."""

from __future__ import annotations

import sqlite3

import pytest

from newsreader.config import Config
from newsreader.config_query import Filter
from newsreader.engine import Engine, QueryError
from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.query import compile_query, parse
from newsreader.store import Store

BASE = 1_790_000_000.0
WORDS = "harbour council ferry library storm market".split()
FEEDS = 4
PER_FEED = 40

QUERIES = [
    "",
    "harbour",
    "harbour OR ferry",
    "harb*",
    '"harbour story"',
    "harbour -ferry",
    "-harbour",
    "unread",
    "starred",
    "starred harbour",
    "tag:news harbour",
    "feed:feed1",
    "feed:feed1 harbour",
    "starred (harbour OR ferry)",
    "title:storm",
    "harbour after:2026-09-21",
    "harbour before:2026-09-21",
    "harbour OR starred",
    "unread -harbour -ferry",
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("count") / "s.db"
    with Store(path) as store:
        for f in range(FEEDS):
            feed, _ = store.add_feed(
                f"http://127.0.0.1:9/feed{f}.xml", title=f"Feed {f}", tags=["news"] if f % 2 == 0 else []
            )
            entries = tuple(
                ParsedEntry(
                    f"{f}-{i}",
                    f"{f}-{i}",
                    f"http://127.0.0.1:9/{f}/{i}",
                    f"{WORDS[(i + f) % 6].title()} item {i}",
                    (f"Writer {i % 5}",),
                    BASE - i * 7200 - f * 60,
                    None,
                    f"<p>About {WORDS[i % 6]} story {WORDS[(i * 5 + f) % 6]}.</p>",
                    f"h{f}-{i}",
                )
                for i in range(PER_FEED)
            )
            store.apply_update(
                FeedUpdate(feed.id, "ok", BASE, feed=ParsedFeed(title=None, site_url=None, entries=entries))
            )
            # A filter hides the storms of the first two feeds (and marks them read; some unread again).
            if f < 2:
                store.apply_filters(store.compile_filters([Filter("title:storm", "hide")]), feed.id, 0)
        ids = store.article_ids(include_hidden=True)
        store.set_read(ids[::3], True)
        store.set_read(ids[1::11], False)
        for article_id in ids[::7]:
            store.set_starred(article_id, True)
        store.index_pending()
    return path


def plain_count(path, compiled, unread_only: bool, include_hidden: bool) -> int:
    db = sqlite3.connect(path)
    try:
        sql = f"SELECT count(*) FROM articles a WHERE ({compiled.where})"
        sql += " AND a.read = 0" if unread_only else ""
        sql += "" if include_hidden else " AND a.hidden = 0"
        return db.execute(sql, compiled.args).fetchone()[0]
    finally:
        db.close()


def test_the_store_hides_some_articles_and_some_hidden_are_unread(store_path):
    db = sqlite3.connect(store_path)
    hidden, unread = db.execute("SELECT count(*), sum(read = 0) FROM articles WHERE hidden = 1").fetchone()
    db.close()
    assert hidden > 0 and unread > 0  # so leaving them out is checked, in both counts


@pytest.mark.parametrize("unread_only", [False, True])
@pytest.mark.parametrize("include_hidden", [False, True])
def test_count_ids_is_the_plain_count(store_path, unread_only, include_hidden):
    wrong = []
    with Store(store_path) as store:
        for query in QUERIES:
            compiled = compile_query(parse(query), enclosures=store.has_enclosures())
            got = store.count_ids(compiled, unread_only=unread_only, include_hidden=include_hidden)
            want = plain_count(store_path, compiled, unread_only, include_hidden)
            listed = store.query_ids(compiled, unread_only=unread_only, include_hidden=include_hidden)
            if not got == want == len(listed):
                wrong.append((query, got, want, len(listed)))
    assert wrong == []


def test_the_counts_are_neither_empty_nor_everything(store_path):
    """The comparison above means something only if the queries find some and leave some."""
    with Store(store_path) as store:
        total = len(store.article_ids(include_hidden=True))
        for query in QUERIES[1:]:
            assert 0 < store.count_ids(compile_query(parse(query))) < total, query


def test_the_engine_counts_a_query_and_refuses_one_it_cannot_read(store_path):
    with Engine.open(Config(full_text="never"), path=store_path) as engine:
        assert engine.count("harbour", unread_only=True) == len(engine.query_ids("harbour", unread_only=True))
        assert engine.count("harbour") > engine.count("harbour", unread_only=True)
        with pytest.raises(QueryError):
            engine.count("(harbour")
