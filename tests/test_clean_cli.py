"""The cleaner as users meet it: `newsreader extract`, `list --json`, and the engine's cleaning stage."""

from __future__ import annotations

import json

from newsreader.config import Config
from newsreader.engine import Engine
from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store
from tests.conftest import run_cli, write_config

STORY = "".join(
    f"<p>Paragraph {i}: the library will open on Sundays from January, the county board decided, "
    f"after a year of requests from families and students.</p>"
    for i in range(5)
)
PAGE = (
    "<!doctype html><html><head><title>Libraries open Sundays</title>"
    '<meta name="author" content="Grace Liu"></head><body><nav><a href="/">Home</a></nav>'
    f"<article><h1>Libraries open Sundays</h1><p>AP Photo/Dev Sharma</p>{STORY}"
    "<p>Send tips to gliu@courier.example.</p>"
    "<p>This article first appeared in the Courier and is republished with permission.</p></article>"
    "</body></html>"
)


def test_extract_json_from_a_file(tmp_path, home):
    f = tmp_path / "page.html"
    f.write_text(PAGE)
    p = run_cli("extract", str(f), "--json", "--url", "http://127.0.0.1/lib", home=home)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert set(out) == {
        "title",
        "authors",
        "published",
        "body",
        "contacts",
        "credits",
        "notes",
        "organisations",
        "url",
    }
    assert out["authors"] == ["Grace Liu"]
    assert out["contacts"] == [
        {"kind": "email", "value": "gliu@courier.example", "label": "Send tips to gliu@courier.example."}
    ]
    assert out["credits"] == ["AP Photo/Dev Sharma"]
    assert len(out["notes"]) == 1 and "first appeared" in out["notes"][0]
    assert out["body"].startswith("Paragraph 0:") and out["body"].rstrip().endswith("students.")
    assert out["url"] == "http://127.0.0.1/lib"


def test_extract_readable_rendering_from_stdin(home):
    p = run_cli("extract", "-", home=home, stdin=PAGE)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Libraries open Sundays\n")
    assert "By Grace Liu" in p.stdout
    assert "Contacts:\n  email: gliu@courier.example" in p.stdout


def test_extract_from_a_url_on_the_loopback_server(server, home):
    url = server.route("/story", PAGE.encode("cp1252"), headers={"Content-Type": "text/html"})
    p = run_cli("extract", url, "--json", home=home)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["url"] == url and out["authors"] == ["Grace Liu"]


def test_extract_url_errors_and_offline_are_one_line(server, home):
    write_config(home, "[fetch]\ntimeout = 2\n")
    missing = server.route("/gone", b"no", status=404)
    for args in (("extract", missing), ("--offline", "extract", server.url("/story"))):
        p = run_cli(*args, home=home)
        assert p.returncode == 1
        assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    assert server.hits("/story") == []


def test_extract_bad_files_are_one_line_errors(tmp_path, home):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    for source in (str(empty), str(binary), str(tmp_path / "missing.html"), str(tmp_path)):
        p = run_cli("extract", source, "--json", home=home)
        assert p.returncode == 1, source
        assert p.stdout == "" and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr


def entry(key: str, html: str, authors: tuple[str, ...] = ("Feed Author",)) -> ParsedEntry:
    return ParsedEntry(
        key=key,
        guid=key,
        link=f"http://127.0.0.1:9/{key}",
        title=f"Story {key}",
        authors=authors,
        published=1.0,
        updated=None,
        content_html=html,
        content_hash=key,
    )


def fill(store: Store, *entries: ParsedEntry) -> int:
    feed, _ = store.add_feed("http://127.0.0.1:9/feed.xml")
    feed_update = FeedUpdate(
        feed_id=feed.id,
        status="ok",
        fetched_at=10.0,
        feed=ParsedFeed(title="Loop", site_url=None, entries=entries),
    )
    store.apply_update(feed_update)
    return feed.id


def test_list_json_carries_the_cleaners_fields(store, home):
    item = f"<p>By Lena Berg</p>{STORY}<p>Follow Lena Berg on Mastodon: @lena@coast.social</p>"
    fill(store, entry("a", item), entry("b", "<p>Just a short item.</p>"))
    p = run_cli("list", "--json", home=home)
    assert p.returncode == 0, p.stderr
    by_title = {a["title"]: a for a in json.loads(p.stdout)}
    a = by_title["Story a"]
    assert a["authors"] == ["Lena Berg"] and a["feed_authors"] == ["Feed Author"]
    assert a["contacts"][0]["value"] == "@lena@coast.social"
    assert "By Lena Berg" not in a["body"] and "Paragraph 4" in a["body"]
    b = by_title["Story b"]
    assert b["body"] == "Just a short item." and b["authors"] == ["Feed Author"]
    # cleaned once, then stored: the store answers without cleaning again
    assert store.uncleaned() == []


def test_viewing_cleans_once_prefers_the_fetched_page_and_records_failures(store):
    fill(store, entry("p", "<p>Summary only.</p>"), entry("bad", "<p>x</p>"))
    ids = {store.article(i).key: i for i in store.article_ids()}
    store.save_page(ids["p"], PAGE, None)
    engine = Engine.open(Config(), path=store.path)
    a = engine.cleaned_article(ids["p"])
    assert a.cleaned.authors == ("Grace Liu",) and "Paragraph 3" in a.cleaned.body
    store.db.execute("UPDATE articles SET content_html = ? WHERE id = ?", ("\x00\x01\x02" * 50, ids["bad"]))
    store.db.commit()
    bad = engine.cleaned_article(ids["bad"])
    assert bad.clean_error and "\n" not in bad.clean_error
    assert store.uncleaned() == []
    assert engine.cleaned_article(ids["p"]) == engine.article(
        ids["p"]
    )  # the stored result, not cleaned again
    engine.close()


def test_clean_pending_cleans_everything_in_worker_processes(store, home):
    fill(store, *(entry(str(i), f"<p>By Ann Lee</p>{STORY}") for i in range(6)))
    done: list[int] = []
    engine = Engine.open(Config(), path=store.path)
    assert engine.clean_pending(workers=2, on_done=done.append) == 6
    assert sorted(done) == sorted(store.article_ids())
    assert store.uncleaned() == []
    assert all(store.article(i).cleaned.authors == ("Ann Lee",) for i in done)
    assert engine.clean_pending() == 0
    engine.close()
