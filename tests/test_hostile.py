"""Hostile servers in one refresh: each fails with its own one-line reason, the others still update, fast."""

from __future__ import annotations

import gzip
import os
import socket
import time

from newsreader import locations
from newsreader.store import Store
from tests.conftest import run_cli, write_config

GOOD = """<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>
<item><title>Fine item</title><guid>good-1</guid><description>ok</description></item></channel></rss>"""

LOL = b'<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"")) * 10)
    for i in range(1, 10)
)
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [' + LOL + b']><rss version="2.0"><channel><title>&lol9;</title>'
    b"<item><title>Laughs &lol9;</title><guid>lol</guid><description>&lol9;</description></item></channel></rss>"
)
ESCAPES = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>\x1b]0;owned\x07Esc feed</title>'
    b"<item><title>\x1b[2J\x1b[31mRed\x1b[0m alert\x1b[?1049h</title><guid>esc</guid>"
    b"<author>a@b.com (\x1b[5mBlink\x1b[0m)</author><description>x</description></item></channel></rss>"
)


def _slow_drip(req):
    req.send_response(200)
    req.send_header("Content-Length", "100000")
    req.end_headers()
    for _ in range(200):
        req.wfile.write(b" ")
        req.wfile.flush()
        time.sleep(0.05)


def _endless(req):
    req.send_response(200)
    req.end_headers()
    chunk = b"<rss>" + b"x" * 65531
    for _ in range(2000):
        req.wfile.write(chunk)


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_every_hostile_feed_gets_its_reason_and_the_good_ones_update(server, home):
    write_config(
        home, "full_text = 'never'\n[fetch]\ntimeout = 1.5\nconnect_timeout = 1\nmax_bytes = 1048576\n"
    )
    bomb = gzip.compress(b"<rss>" + b"\0" * (64 * 1024 * 1024), compresslevel=9)
    expected = {
        server.route("/slow", handler=_slow_drip): "timed out after 1.5 s",
        server.route("/huge", handler=_endless): "larger than 1 MiB",
        server.route("/gzip-bomb", bomb, headers={"Content-Encoding": "gzip"}): "larger than 1 MiB",
        server.route("/loop", status=302, headers={"Location": "/loop"}): "too many redirects",
        server.route("/error", b"oops", status=500): "HTTP 500",
        f"http://127.0.0.1:{_closed_port()}/feed": "connection refused",
        server.route("/garbage", os.urandom(300_000)): "not a feed: ",
        server.route("/page", b"<!doctype html><html><body>hi</body></html>"): "not a feed: an HTML page",
    }
    good = server.route("/good", GOOD)
    entity = server.route("/entities", ENTITY_BOMB)
    escapes = server.route("/escapes", ESCAPES)
    urls = [*expected, good, entity, escapes]
    assert run_cli("add", "--no-check", *urls, home=home).returncode == 0

    out = run_cli("refresh", home=home, timeout=60)
    assert out.returncode == 3, out.stderr  # some feeds failed
    assert "Traceback" not in out.stderr

    with Store(locations.store_file()) as store:
        for url, reason in expected.items():
            feed = store.feed_by_url(url)
            assert feed.last_error is not None and feed.last_error.startswith(reason), (url, feed.last_error)
            assert "\n" not in feed.last_error and feed.error_streak == 1
            assert f"  {url}: {feed.last_error}" in out.stdout
        assert store.feed_by_url(good).total == 1 and store.feed_by_url(good).last_error is None

        # The entity bomb parses to something small instead of a billion laughs.
        (laughs,) = store.articles(feed_id=store.feed_by_url(entity).id)
        assert len(store.article(laughs.id).content_html) < 1000 and len(laughs.title) < 100

        # Escape sequences never reach the display fields.
        feed = store.feed_by_url(escapes)
        (row,) = store.articles(feed_id=feed.id)
        article = store.article(row.id)
        assert feed.title == "Esc feed"
        assert article.title == "Red alert" and article.authors == ("Blink",)

    first = out.stdout.splitlines()[0]
    assert first == f"3 new articles, 0 unchanged feeds, {len(expected)} failed:"


def test_a_slow_feed_does_not_hold_up_the_others(server, store):
    from newsreader.config import Config, FetchLimits
    from newsreader.refresh import refresh

    slow = server.route("/slow", handler=_slow_drip)
    goods = [server.route(f"/g{i}", GOOD.replace("good-1", f"g{i}")) for i in range(5)]
    for u in [slow, *goods]:
        store.add_feed(u)
    finished: list[str] = []

    cfg = Config(full_text="never", limits=FetchLimits(timeout=2, jobs=2))
    summary = refresh(store.path, cfg, on_feed_done=lambda feed, new, error: finished.append(feed.url))
    assert summary.new == 5 and summary.failed == [(slow, "timed out after 2 s")]
    assert finished[-1] == slow and sorted(finished[:-1]) == sorted(goods)  # stored while it still dripped


def test_a_nesting_bomb_is_refused_with_one_line_and_the_rest_updates(server, home):
    write_config(home, "full_text = 'never'\n")
    nested = b'<?xml version="1.0"?><rss version="2.0"><channel>' + b"<a>" * 3_000_000
    body = gzip.compress(nested, compresslevel=9)  # 8.8 kB on the wire, 9 MB inflated (the cap is 10 MiB)
    bomb = server.route("/nested", body, headers={"Content-Encoding": "gzip"})
    good = server.route("/good", GOOD)
    assert run_cli("add", "--no-check", bomb, good, home=home).returncode == 0
    out = run_cli("refresh", home=home)
    assert out.returncode == 3 and out.stderr == ""
    assert out.stdout.splitlines() == [
        "1 new article, 0 unchanged feeds, 1 failed:",
        f"  {bomb}: not a feed: more than 300,000 elements",
    ]
    with Store(locations.store_file()) as store:
        assert store.feed_by_url(bomb).last_error == "not a feed: more than 300,000 elements"
        assert store.feed_by_url(good).total == 1
