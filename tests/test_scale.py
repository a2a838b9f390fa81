"""What one screen costs must not grow with the store: views walk an index, counts are kept, lists stream."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import MIGRATIONS, RANK_WINDOW, Store, recover
from newsreader.store.schema import RECOUNT
from newsreader.ui.app import NewsApp
from newsreader.ui.widgets.article_list import FIRST_PAGE, ArticleList
from tests.ui_store import Story, Sub, build_store, screen_text, settle, utc  # noqa: F401


def entry(key: str, published: float, title: str = "Harbour story") -> ParsedEntry:
    return ParsedEntry(
        key=key,
        guid=key,
        link=f"http://127.0.0.1:9/{key}",
        title=f"{title} {key}",
        authors=("Ann Lee",),
        published=published,
        updated=None,
        content_html=f"<p>Text of {key}</p>",
        content_hash=key,
    )


def fill(store: Store, url: str, count: int, *, changed: str = "") -> int:
    feed, _ = store.add_feed(url, title=url)
    entries = tuple(entry(f"{url[-1]}{i}{changed if i == 0 else ''}", 1000.0 - i) for i in range(count))
    parsed = ParsedFeed(title=url, site_url=None, entries=entries)
    store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=10.0, feed=parsed))
    return feed.id


def counts(store: Store) -> dict[str, tuple[int, int]]:
    return {f.url: (f.unread, f.total) for f in store.feeds()}


def test_feed_counts_follow_every_change(store):
    a = fill(store, "http://127.0.0.1:9/a", 3)
    fill(store, "http://127.0.0.1:9/b", 2)
    assert counts(store) == {"http://127.0.0.1:9/a": (3, 3), "http://127.0.0.1:9/b": (2, 2)}
    first = store.article_ids(feed_id=a)[0]
    store.set_read([first])
    store.set_read([first])  # read twice is still one read article
    assert store.feed(a).unread == 2 and store.feed(a).total == 3
    store.mark_feed_read(a)
    assert counts(store)["http://127.0.0.1:9/a"] == (0, 3)
    store.set_read([first], False)
    fill(store, "http://127.0.0.1:9/a", 4)  # one new article, unread
    assert counts(store)["http://127.0.0.1:9/a"] == (2, 4)
    store.mark_all_read()
    assert counts(store) == {"http://127.0.0.1:9/a": (0, 4), "http://127.0.0.1:9/b": (0, 2)}
    store.remove_feed("http://127.0.0.1:9/a")
    assert counts(store) == {"http://127.0.0.1:9/b": (0, 2)}
    assert store.feeds(counts=False)[0].total == 0


def test_a_schema_1_store_is_upgraded_with_its_counts(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO feeds (id, url, added) VALUES (1, 'http://127.0.0.1:9/old', 1.0)")
    db.executemany(
        "INSERT INTO articles (feed_id, key, title, first_seen, read) VALUES (1, ?, ?, 1.0, ?)",
        [(f"k{i}", f"Story {i}", int(i < 2)) for i in range(5)],
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(path) as store:
        (feed,) = store.feeds()
        assert (feed.unread, feed.total) == (3, 5)
        assert [r.title for r in store.articles(unread_only=True)] == ["Story 4", "Story 3", "Story 2"]


def plans(store: Store, run) -> list[tuple[str, str]]:  # noqa: ANN001 - any call on the store
    """(statement, its query plan) for every SELECT the call ran."""
    seen: list[str] = []
    store.db.set_trace_callback(seen.append)
    try:
        run()
    finally:
        store.db.set_trace_callback(None)
    out = []
    for sql in seen:
        if sql.lstrip().upper().startswith("SELECT"):
            plan = " | ".join(r[-1] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql))
            out.append((sql, plan))
    return out


def test_no_view_sorts_or_counts_the_whole_store_to_show_one_screen(store):
    a = fill(store, "http://127.0.0.1:9/a", 30)
    fill(store, "http://127.0.0.1:9/b", 30)
    store.set_starred(store.article_ids(feed_id=a)[3], True)

    def one_screen() -> None:
        store.feeds()
        store.feed(a)
        for how in ({}, {"unread_only": True}, {"starred_only": True}, {"feed_id": a}):
            store.rows(store.article_ids(**how, limit=50))
            next(store.iter_articles(**how), None)
        store.article_ids(feed_id=a, unread_only=True)

    found = plans(store, one_screen)
    assert found
    for sql, plan in found:
        if "articles" not in sql:
            continue  # the feeds themselves: one row each, however many articles there are
        assert "TEMP B-TREE" not in plan, f"sorts a whole view: {sql}\n{plan}"
        assert "GROUP BY" not in sql.upper(), f"counts every article: {sql}"
        for step in plan.split(" | "):
            if "INDEX articles_hidden" in step:
                continue  # the few articles a filter hid, read once into a set (rows.py HIDDEN_OUT)
            if step.startswith("SCAN") and ("articles" in step or step.startswith("SCAN a ")):
                assert "_by_date" in step, f"reads the store out of display order: {sql}\n{plan}"


def test_a_search_matching_more_than_it_ranks_still_lists_the_newest_matches(store):
    fill(store, "http://127.0.0.1:9/a", RANK_WINDOW + 50)
    found = store.search("harbour", limit=10)
    assert len(found) == 10
    assert len(store.search("harbour", limit=RANK_WINDOW + 100)) == RANK_WINDOW + 50  # a limit widens it
    assert [r.title for r in store.search("a0")] == ["Harbour story a0"]


def test_list_streams_into_head_and_ends_cleanly(home):
    with Store(locations.store_file()) as store:
        fill(store, "http://127.0.0.1:9/a", 500)
    command = Path(sys.executable).with_name("newsreader")
    out = subprocess.run(
        f"'{command}' list --unread | head -2; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    lines = out.stdout.splitlines()
    assert len(lines) == 2 and lines[0].endswith("Harbour story a0") and lines[1].endswith("Harbour story a1")


@pytest.mark.usefixtures("utc")
async def test_a_view_longer_than_a_page_lists_every_article_and_keeps_the_saved_cursor(home):
    path = locations.store_file()
    stories = [Story(f"Story {i}", cleaned=False) for i in range(FIRST_PAGE + 30)]
    ids = build_store(path, [Sub("https://long.example/feed.xml", "Long feed", stories)])
    with Store(path) as store:
        wanted = store.article_ids(feed_id=ids["https://long.example/feed.xml"])[FIRST_PAGE + 10]
        store.set_state("ui.view", "unread")
        store.set_state("ui.cursor", str(wanted))
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.count == FIRST_PAGE + 30
        assert articles.current_id() == wanted
        assert articles.row(articles.cursor).title == f"Story {FIRST_PAGE + 10}"


def test_a_recovered_store_keeps_each_feeds_counts(tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        a = fill(store, "http://127.0.0.1:9/a", 5)
        fill(store, "http://127.0.0.1:9/b", 2)
        store.set_read(store.article_ids(feed_id=a)[:2])
        before = counts(store)
    recover(path)
    with Store(path) as store:
        assert counts(store) == before == {"http://127.0.0.1:9/a": (3, 5), "http://127.0.0.1:9/b": (2, 2)}


def test_a_schema_3_store_is_upgraded_and_lists_every_article_newest_first(tmp_path):
    path = tmp_path / "v3.db"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.executemany(
        "INSERT INTO feeds (id, url, added) VALUES (?, ?, 1.0)",
        [(1, "http://127.0.0.1:9/a"), (2, "http://127.0.0.1:9/b")],
    )
    # Read and unread, from both feeds, interleaved in date order; two share a date (newest id first).
    rows = [
        (1, "a1", 50.0, 1),
        (2, "b1", 40.0, 0),
        (1, "a2", 30.0, 0),
        (2, "b2", 30.0, 1),
        (1, "a3", None, 1),
    ]
    db.executemany(
        "INSERT INTO articles (feed_id, key, title, published, first_seen, read) VALUES (?, ?, ?, ?, 20.0, ?)",
        [(feed, key, key, published, read) for feed, key, published, read in rows],
    )
    db.execute(RECOUNT)
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    newest_first = ["a1", "b1", "b2", "a2", "a3"]
    with Store(path) as store:
        assert [r.title for r in store.articles()] == newest_first
        assert [r.title for r in store.iter_articles()] == newest_first
        assert [r.title for r in store.articles(limit=2, offset=2)] == ["b2", "a2"]
        assert store.rows(store.article_ids(limit=3)) == store.articles(limit=3)
        assert [r.title for r in store.articles(unread_only=True)] == ["b1", "a2"]
        store.mark_all_read()
        assert [r.title for r in store.articles()] == newest_first
        assert [(f.unread, f.total) for f in store.feeds()] == [(0, 3), (0, 2)]


def test_a_new_article_enters_only_one_date_index_spanning_every_feed(store):
    """A cold refresh inserts unread articles from every feed: each date-ordered index over every feed
    that a new row enters takes a page scattered across it per row, and a commit writes them all."""
    a = fill(store, "http://127.0.0.1:9/a", 3)
    new_id = store.article_ids(feed_id=a)[0]
    entered = []
    for index in store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles'"
    ):
        name, sql = index["name"], index["sql"] or ""
        first = store.db.execute(f"PRAGMA index_xinfo({name})").fetchone()
        if first["cid"] != -2:  # keyed first by a column (feed_id, cleaned...), not by the date
            continue
        where = sql.partition(" WHERE ")[2] or "1"
        if store.db.execute(
            f"SELECT count(*) FROM articles WHERE id = ? AND ({where})", (new_id,)
        ).fetchone()[0]:
            entered.append(name)
    assert entered == ["articles_unread_by_date"]


@pytest.mark.usefixtures("utc")
async def test_with_more_feeds_than_a_screen_every_feed_is_listed_and_the_saved_feed_comes_back(home):
    from newsreader.ui.widgets.feed_list import FIRST_FEEDS, FeedList

    path = locations.store_file()
    many = FIRST_FEEDS + 50
    subs = [Sub(f"https://f{i}.example/feed.xml", f"Feed {i}", [Story(f"Story of {i}")]) for i in range(many)]
    ids = build_store(path, subs)
    far = ids[f"https://f{FIRST_FEEDS + 40}.example/feed.xml"]  # beyond the first screenful listed
    with Store(path) as store:
        store.set_state("ui.view", f"feed:{far}")
        store.set_state("ui.cursor", str(store.article_ids(feed_id=far)[0]))
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        feeds = app.screen.query_one(FeedList)
        assert feeds.count == 2 + many  # All unread, Starred, then every feed
        assert feeds.current_view().feed_id == far
        text = screen_text(app)
        assert f"Feed {FIRST_FEEDS + 40}" in text and f"Story of {FIRST_FEEDS + 40}" in text
        await pilot.press("h", "g")  # back to the feeds, to the top: the views above them
        assert re.search(rf"All unread\s+{many}\b", screen_text(app))  # every feed's unread, not the first's
