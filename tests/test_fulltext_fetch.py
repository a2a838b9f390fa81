"""Full text during refresh: pages fetched for summaries, per the feed's setting, within the same limits."""

from __future__ import annotations

import threading
import time

from newsreader.clean.decode import decode_page
from newsreader.config import Config, FetchLimits, parse_config
from newsreader.fulltext import fetch_page_now, is_summary
from newsreader.refresh import refresh

LONG = "<p>" + "A whole paragraph of the actual story, told at length. " * 20 + "</p>"


def feed_with(server, items: list[tuple[str, str]]) -> str:
    """A feed whose items (guid, description) link to /page/<guid> on the same server."""
    body = "".join(
        f"<item><title>{g}</title><guid>{g}</guid><link>{server.url('/page/' + g)}</link>"
        f"<description><![CDATA[{d}]]></description></item>"
        for g, d in items
    )
    return server.route(
        "/feed", f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    )


def page(server, name: str, html: str = "", **kw) -> None:
    server.route(
        f"/page/{name}",
        html or f"<html><body><article><p>Full story of {name}</p></article></body></html>",
        headers={"Content-Type": "text/html; charset=utf-8"},
        **kw,
    )


def by_title(store):
    return {a.title: a for a in (store.article(r.id) for r in store.articles())}


def test_summaries_get_their_page_and_whole_articles_do_not(server, store):
    url = feed_with(
        server,
        [
            ("short", "<p>Just a teaser.</p>"),
            ("whole", LONG),
            ("cut", LONG + "<p>And then… <a href='x'>Read more</a></p>"),
        ],
    )
    for name in ("short", "whole", "cut"):
        page(server, name)
    store.add_feed(url)
    summary = refresh(store.path, Config())
    assert summary.new == 3
    got = by_title(store)
    assert "Full story of short" in got["short"].page_html and got["short"].page_error is None
    assert "Full story of cut" in got["cut"].page_html
    assert got["whole"].page_html is None and server.hits("/page/whole") == []
    assert server.hits("/page/short")[0]["accept"].startswith("text/html")
    assert got["short"].content_html == "<p>Just a teaser.</p>"  # the feed's own content is kept too


def test_settings_never_and_always_per_feed(server, store, tmp_path):
    url = feed_with(server, [("short", "teaser"), ("whole", LONG)])
    page(server, "short")
    page(server, "whole")
    store.add_feed(url)
    refresh(store.path, Config(full_text="never"))
    assert server.hits("/page/short") == [] and server.hits("/page/whole") == []

    config = parse_config(
        f'full_text = "never"\n[feeds."{url}"]\nfull_text = "always"\n', tmp_path / "c.toml"
    )
    server.route(
        "/feed", server.routes["/feed"].body.replace(b"teaser", b"teaser, edited")
    )  # a change: refetch
    refresh(store.path, config)
    got = by_title(store)
    assert "Full story of whole" in got["whole"].page_html and "Full story of short" in got["short"].page_html


def test_a_failed_page_keeps_the_feed_content_and_says_why(server, store):
    url = feed_with(server, [("gone", "teaser"), ("pdf", "teaser"), ("slow", "teaser")])
    server.route("/page/gone", b"no", status=404)
    server.route("/page/pdf", b"%PDF-1.4", headers={"Content-Type": "application/pdf"})

    def slow(req):
        time.sleep(3)

    server.route("/page/slow", handler=slow)
    store.add_feed(url)
    summary = refresh(store.path, Config(limits=FetchLimits(timeout=1)))
    assert summary.failed == [] and summary.new == 3
    got = by_title(store)
    assert got["gone"].page_error == "HTTP 404" and got["gone"].page_html is None
    assert got["pdf"].page_error == "not a web page: application/pdf"
    assert got["slow"].page_error == "timed out after 1 s"
    assert all(a.content_html == "teaser" for a in got.values())


def test_pages_respect_the_per_host_bound_and_do_not_delay_the_feed(server, store):
    active, peak, lock = [0], [0], threading.Lock()

    def slow_page(req):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        body = b"<html><body><p>page</p></body></html>"
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    names = [f"p{i}" for i in range(6)]
    url = feed_with(server, [(n, "teaser") for n in names])
    for n in names:
        server.route(f"/page/{n}", handler=slow_page)
    store.add_feed(url)
    pages_when_stored = []
    refresh(
        store.path,
        Config(limits=FetchLimits(jobs=8, per_host=2)),
        on_feed_done=lambda feed, new, error: pages_when_stored.append(len(server.hits("/page/p0"))),
    )
    assert peak[0] == 2
    assert pages_when_stored == [0]  # the feed was stored (and shown) before any of its pages was asked for
    assert all(a.page_html for a in by_title(store).values())


def test_page_charsets():
    assert decode_page("Привет".encode("cp1251"), "text/html; charset=windows-1251") == "Привет"
    meta = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'.encode("cp1251")
    assert "Привет" in decode_page(meta, "text/html")
    assert decode_page("café".encode(), None) == "café"
    assert decode_page(b"caf\xe9", "text/html") == "café"  # not UTF-8: the windows-1252 guess


def test_what_counts_as_a_summary():
    assert is_summary("<p>Short.</p>")
    assert not is_summary(LONG)
    for ending in ("...", "…", "[…]", "Read more", "Continue reading →"):
        assert is_summary(LONG + f"<p>More {ending}</p>"), ending


def test_every_summary_of_a_long_feed_gets_its_page_not_only_the_first_ten(server, store, tmp_path):
    names = [f"a{i}" for i in range(30)]
    url = feed_with(server, [(n, "<p>teaser</p>") for n in names])
    for n in names:
        page(server, n)
    store.add_feed(url)
    assert refresh(store.path, Config()).new == 30
    got = by_title(store)
    assert all(f"Full story of {n}" in got[n].page_html for n in names)
    assert all(len(server.hits(f"/page/{n}")) == 1 for n in names)
    # full_text = "always" on a feed of whole articles: every page too.
    server.routes.clear()
    longs = [f"l{i}" for i in range(25)]
    body = "".join(
        f"<item><title>{g}</title><guid>{g}</guid><link>{server.url('/page/' + g)}</link>"
        f"<description><![CDATA[{LONG}]]></description></item>"
        for g in longs
    )
    longs_url = server.route(
        "/longs", f'<?xml version="1.0"?><rss version="2.0"><channel>{body}</channel></rss>'
    )
    for n in longs:
        page(server, n)
    store.add_feed(longs_url)
    config = parse_config(f'[feeds."{longs_url}"]\nfull_text = "always"\n', tmp_path / "c.toml")
    assert refresh(store.path, config).new == 25
    got = by_title(store)
    assert all(f"Full story of {n}" in got[n].page_html for n in longs)


def test_opening_an_article_still_missing_its_page_fetches_it_now(server, store):
    url = feed_with(server, [("late", "<p>teaser</p>"), ("gone", "<p>teaser</p>")])
    store.add_feed(url)
    assert refresh(store.path, Config(full_text="never")).new == 2  # no page fetched in the refresh
    page(server, "late")
    got = by_title(store)
    assert got["late"].page_html is None
    assert fetch_page_now(store, got["late"].id, FetchLimits()) is None
    assert "Full story of late" in store.article(got["late"].id).page_html
    assert fetch_page_now(store, got["late"].id, FetchLimits()) is None  # stored: not fetched twice
    assert len(server.hits("/page/late")) == 1
    assert fetch_page_now(store, got["gone"].id, FetchLimits()) == "HTTP 404"  # one line, stored
    assert store.article(got["gone"].id).page_error == "HTTP 404"
