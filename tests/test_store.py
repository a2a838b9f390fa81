"""The store on its own: schema, dedupe, state that survives updates, search, bad files."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import SCHEMA_VERSION, Store, StoreError
from tests.conftest import run_cli


def entry(key: str, title: str = "A story", body: str = "<p>Text</p>", published: float = 1.0) -> ParsedEntry:
    return ParsedEntry(
        key=key,
        guid=key,
        link=f"http://127.0.0.1:9/{key}",
        title=title,
        authors=("Ann Lee",),
        published=published,
        updated=None,
        content_html=body,
        content_hash=str(hash((title, body))),
    )


def ok(feed_id: int, *entries: ParsedEntry) -> FeedUpdate:
    return FeedUpdate(
        feed_id=feed_id,
        status="ok",
        fetched_at=10.0,
        feed=ParsedFeed(title="Loopback", site_url=None, entries=entries),
    )


def test_new_store_has_current_schema_in_wal_mode(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_ok()


def test_store_from_newer_version_is_refused_with_one_line(tmp_path):
    path = tmp_path / "future.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="made by a newer newsreader"):
        Store(path)


def test_a_file_that_is_not_a_store_is_a_clear_error(home):
    path = home / "data" / "newsreader.db"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite at all" * 100)
    out = run_cli("feeds", home=home)
    assert out.returncode == 1
    assert out.stderr.startswith("newsreader: ") and "cannot open the store" in out.stderr
    assert out.stderr.count("\n") == 1
    assert path.read_bytes().startswith(b"this is not sqlite")  # nothing overwritten


def test_refetch_never_duplicates_and_keeps_read_and_starred(store):
    feed, _ = store.add_feed("http://127.0.0.1:9/feed")
    assert store.apply_update(ok(feed.id, entry("a", title="Alpha"), entry("b", title="Beta"))) == (2, 0)
    ids = {r.title: r.id for r in store.articles()}
    store.set_read([ids["Alpha"]])
    store.set_starred(ids["Alpha"], True)
    assert store.apply_update(ok(feed.id, entry("a", title="Alpha"), entry("b", title="Beta"))) == (0, 0)
    changed = entry("a", title="Alpha, updated", body="<p>More text</p>")
    assert store.apply_update(ok(feed.id, changed, entry("b", title="Beta"))) == (0, 1)
    rows = {r.id: r for r in store.articles()}
    assert len(rows) == 2
    alpha = store.article(ids["Alpha"])
    assert (alpha.title, alpha.read, alpha.starred) == ("Alpha, updated", True, True)
    assert alpha.content_html == "<p>More text</p>"
    beta = store.article(ids["Beta"])
    assert (beta.read, beta.starred) == (False, False)


def test_an_item_repeated_in_one_fetch_is_stored_once_as_its_last_version(store):
    feed, _ = store.add_feed("http://127.0.0.1:9/feed")
    first = entry("a", title="Draft", published=5.0)
    last = dataclasses.replace(entry("a", title="Final"), published=None)
    assert store.apply_update(ok(feed.id, first, entry("b"), last)) == (2, 1)
    (row,) = [r for r in store.articles(feed_id=feed.id) if r.title != "A story"]
    assert (row.title, row.published) == ("Final", 5.0)
    assert store.feed(feed.id).total == 2


def test_failed_fetch_keeps_articles_and_records_reason(store):
    feed, _ = store.add_feed("http://127.0.0.1:9/feed")
    store.apply_update(ok(feed.id, entry("a")))
    store.apply_update(FeedUpdate(feed_id=feed.id, status="error", fetched_at=11.0, error="HTTP 500"))
    store.apply_update(
        FeedUpdate(feed_id=feed.id, status="error", fetched_at=12.0, error="timed out after 2 s")
    )
    f = store.feed(feed.id)
    assert (f.last_error, f.error_streak, f.total) == ("timed out after 2 s", 2, 1)
    store.apply_update(FeedUpdate(feed_id=feed.id, status="not_modified", fetched_at=13.0))
    f = store.feed(feed.id)
    assert (f.last_error, f.error_streak, f.total) == (None, 0, 1)


def test_several_outcomes_apply_together_each_as_alone(store):
    a, _ = store.add_feed("http://127.0.0.1:9/a")
    b, _ = store.add_feed("http://127.0.0.1:9/b")
    store.apply_update(ok(a.id, entry("x")))
    got = store.apply_updates(
        [
            FeedUpdate(feed_id=a.id, status="not_modified", fetched_at=20.0, etag='"v2"'),
            FeedUpdate(feed_id=b.id, status="error", fetched_at=20.0, error="HTTP 500"),
        ]
    )
    assert got == [(0, 0), (0, 0)]
    fa, fb = store.feed(a.id), store.feed(b.id)
    assert (fa.etag, fa.last_fetch, fa.total, fa.last_error) == ('"v2"', 20.0, 1, None)
    assert (fb.last_error, fb.error_streak) == ("HTTP 500", 1)


def test_permanent_redirect_moves_the_feed(store):
    feed, _ = store.add_feed("http://127.0.0.1:9/old")
    store.apply_update(
        FeedUpdate(
            feed_id=feed.id,
            status="ok",
            fetched_at=1.0,
            new_url="http://127.0.0.1:9/new",
            feed=ParsedFeed(title=None, site_url=None, entries=(entry("a"),)),
        )
    )
    assert store.feed(feed.id).url == "http://127.0.0.1:9/new"
    assert store.feed_by_url("http://127.0.0.1:9/old") is None


def test_search_reads_uncleaned_html_as_text(store):
    feed, _ = store.add_feed("http://127.0.0.1:9/feed")
    body = '<p>Lunch at the caf&eacute; <a href="http://127.0.0.1:9/zebrapath">by the quay</a>.</p>'
    store.apply_update(ok(feed.id, entry("a", title="Harbour", body=body)))
    assert [r.title for r in store.search("café quay")] == ["Harbour"]
    assert store.search("zebrapath") == [] and store.search("href") == []


def test_search_matches_title_author_and_text_and_follows_cleaning(store):
    from newsreader.models import Cleaned

    feed, _ = store.add_feed("http://127.0.0.1:9/feed")
    store.apply_update(
        ok(feed.id, entry("a", title="Harbour cranes"), entry("b", body="<p>Tidal energy</p>"))
    )
    assert [r.title for r in store.search("harb")] == ["Harbour cranes"]
    assert len(store.search("tidal")) == 1
    assert len(store.search("ann lee")) == 2
    assert store.search('"; DROP TABLE articles; --') == []
    a = store.search("tidal")[0]
    store.save_cleaned(a.id, Cleaned(body="Wind farms offshore", authors=("Bo Ek",)))
    assert [r.id for r in store.search("offshore")] == [a.id]
    assert store.search("tidal") == []


def test_removing_a_feed_removes_its_articles_and_search_entries(store):
    feed, _ = store.add_feed("http://127.0.0.1:9/feed")
    store.apply_update(ok(feed.id, entry("a", title="Zeppelin")))
    assert store.remove_feed(feed.url)
    assert store.articles() == [] and store.search("zeppelin") == []


def fill(home, n_feeds=2, n=3):
    s = Store(home / "data" / "newsreader.db")
    for i in range(n_feeds):
        feed, _ = s.add_feed(f"http://127.0.0.1:9/f{i}")
        s.apply_update(
            ok(
                feed.id,
                *[entry(f"f{i}-{j}", title=f"Story {i}-{j} w{i}x{j}", published=100.0 + j) for j in range(n)],
            )
        )
    s.close()


def test_list_search_and_mark_read_from_the_shell(home):
    fill(home)
    out = run_cli("list", home=home)
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 6
    items = json.loads(run_cli("list", "--feed", "http://127.0.0.1:9/f1", "--json", home=home).stdout)
    assert [i["title"] for i in items] == ["Story 1-2 w1x2", "Story 1-1 w1x1", "Story 1-0 w1x0"]
    first = items[0]
    for field in (
        "feed",
        "guid",
        "link",
        "title",
        "authors",
        "published",
        "read",
        "starred",
        "body",
        "contacts",
        "credits",
        "notes",
    ):
        assert field in first, field
    assert first["feed"] == "http://127.0.0.1:9/f1" and first["published"] == "1970-01-01T00:01:42Z"
    assert first["read"] is False

    found = json.loads(run_cli("search", "w0x1", "--json", home=home).stdout)
    assert [i["title"] for i in found] == ["Story 0-1 w0x1"]
    assert len(json.loads(run_cli("search", "story", "--json", home=home).stdout)) == 6

    assert (
        "marked 3 articles read" in run_cli("mark-read", "--feed", "http://127.0.0.1:9/f0", home=home).stdout
    )
    unread = json.loads(run_cli("list", "--unread", "--json", home=home).stdout)
    assert {i["feed"] for i in unread} == {"http://127.0.0.1:9/f1"}
    assert "marked 3 articles read" in run_cli("mark-read", "--all", home=home).stdout
    assert json.loads(run_cli("list", "--unread", "--json", home=home).stdout) == []
    lines = run_cli("feeds", home=home).stdout.splitlines()
    assert all(line.split()[0] == "0/3" for line in lines)


def test_list_unknown_feed_is_one_line(home):
    out = run_cli("list", "--feed", "http://127.0.0.1:9/nope", home=home)
    assert out.returncode == 1
    assert out.stderr == "newsreader: not subscribed to http://127.0.0.1:9/nope\n"


def test_list_json_cleans_a_large_listing_and_stores_it(home):
    fill(home, n_feeds=2, n=12)
    items = json.loads(run_cli("list", "--json", home=home).stdout)
    assert len(items) == 24
    assert all(i["body"] == "Text" for i in items)
    assert all(i["authors"] == ["Ann Lee"] for i in items)
    with Store(home / "data" / "newsreader.db") as s:
        assert s.uncleaned() == []
