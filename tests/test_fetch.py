"""The fetcher against a real HTTP server on 127.0.0.1: limits, conditional GET, redirects, encodings."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
import zlib

from newsreader.config import FetchLimits
from newsreader.fetch import Fetcher, FetchResult, fetch_url, retry_after_seconds, size_text

SHORT = FetchLimits(timeout=1.0, connect_timeout=1.0, max_bytes=1024 * 1024, retry_after_max=1.0)


def get(url: str, limits: FetchLimits = SHORT, **kw) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(limits) as f:
            return await f.get(url, **kw)

    return asyncio.run(go())


def test_plain_get_sends_user_agent_and_returns_body(server):
    url = server.route(
        "/feed",
        b"<rss/>",
        headers={
            "ETag": '"v1"',
            "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT",
            "Content-Type": "application/rss+xml",
        },
    )
    r = get(url)
    assert r.ok and r.status == 200 and r.body == b"<rss/>"
    assert r.etag == '"v1"' and r.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert r.content_type == "application/rss+xml"
    sent = server.hits("/feed")[0]
    assert sent["user-agent"].startswith("newsreader/")
    assert "gzip" in sent["accept-encoding"]


def test_conditional_get_sends_validators_and_reports_not_modified(server):
    url = server.route("/feed", b"", status=304)
    r = get(url, etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    assert r.not_modified and not r.ok and r.error is None
    sent = server.hits("/feed")[0]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT"


def test_gzip_and_both_kinds_of_deflate_are_decompressed(server):
    text = b"<rss>" + b"x" * 5000 + b"</rss>"
    g = server.route("/g", gzip.compress(text), headers={"Content-Encoding": "gzip"})
    z = server.route("/z", zlib.compress(text), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(wbits=-15)
    d = server.route("/d", raw.compress(text) + raw.flush(), headers={"Content-Encoding": "deflate"})
    for url in (g, z, d):
        assert get(url).body == text


def test_gzip_bomb_is_refused_not_inflated(server):
    bomb = gzip.compress(b"\0" * (40 * 1024 * 1024), compresslevel=9)  # 40 MiB in about 40 KiB
    assert len(bomb) < SHORT.max_bytes
    url = server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    r = get(url)
    assert r.error == "larger than 1 MiB" and r.body == b""


def test_huge_body_is_cut_off_while_streaming(server):
    def endless(req):
        req.send_response(200)
        req.end_headers()  # no Content-Length: the cap must be checked as bytes arrive
        chunk = b"a" * 65536
        for _ in range(1000):
            req.wfile.write(chunk)

    url = server.route("/huge", handler=endless)
    assert get(url).error == "larger than 1 MiB"
    lying = server.route("/lying", b"x", headers={"Content-Length": str(50 * 1024 * 1024)})
    assert get(lying).error == "larger than 1 MiB"


def test_slow_drip_is_cut_off_at_the_total_deadline(server):
    def drip(req):
        req.send_response(200)
        req.send_header("Content-Length", "100000")
        req.end_headers()
        for _ in range(100):
            req.wfile.write(b"<")
            req.wfile.flush()
            time.sleep(0.05)

    url = server.route("/drip", handler=drip)
    r = get(url)
    assert r.error == "timed out after 1 s"  # the drip would take 5 s


def test_redirect_loop_and_http_errors_are_one_line_reasons(server):
    server.route("/a", status=302, headers={"Location": "/b"})
    loop = server.route("/b", status=302, headers={"Location": "/a"})
    assert get(loop).error == "too many redirects"
    assert get(server.route("/err", b"oops", status=500)).error == "HTTP 500"
    assert get(server.route("/ftp", status=301, headers={"Location": "ftp://x/y"})).error.startswith(
        "redirect to a non-http address"
    )
    assert get("ftp://example.com/feed").error.startswith("not an http(s) address")


def test_permanent_redirects_report_the_new_address(server):
    final = server.route("/new", b"<rss/>")
    server.route("/mid", status=308, headers={"Location": final})
    start = server.route("/old", status=301, headers={"Location": "/mid"})
    r = get(start)
    assert r.ok and r.url == final and r.permanent_redirect_to == final
    # A temporary hop first: the feed has not moved, whatever happens after.
    server.route("/p2", status=301, headers={"Location": final})
    server.route("/p", status=302, headers={"Location": "/p2"})
    r = get(server.url("/p"))
    assert r.ok and r.permanent_redirect_to is None
    # A permanent hop then a temporary one: the feed moved to where the temporary hop starts.
    r = get(server.route("/q", status=301, headers={"Location": "/p"}))
    assert r.ok and r.url == final and r.permanent_redirect_to == server.url("/p")
    # Only temporary redirects: nothing moved.
    assert get(server.route("/t", status=307, headers={"Location": final})).permanent_redirect_to is None


def test_connection_refused():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    assert get(f"http://127.0.0.1:{port}/feed").error == "connection refused"


def test_retry_after_is_honoured_once_when_short_and_recorded_when_long(server):
    calls = []

    def busy_then_ok(req):
        calls.append(time.monotonic())
        if len(calls) == 1:
            req.send_response(503)
            req.send_header("Retry-After", "1")
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Length", "6")
        req.end_headers()
        req.wfile.write(b"<rss/>")

    r = get(server.route("/busy", handler=busy_then_ok))
    assert r.ok and r.body == b"<rss/>" and len(calls) == 2 and calls[1] - calls[0] >= 0.9
    r = get(server.route("/later", status=429, headers={"Retry-After": "3600"}))
    assert r.error == "HTTP 429, retry after 3600 s"
    assert len(server.hits("/later")) == 1
    always = server.route("/always", status=503, headers={"Retry-After": "0"})
    assert get(always).error == "HTTP 503" and len(server.hits("/always")) == 2


def test_at_most_per_host_connections_to_one_host(server):
    active, peak, lock = [0], [0], threading.Lock()

    def slow(req):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.15)
        with lock:
            active[0] -= 1
        req.send_response(200)
        req.send_header("Content-Length", "2")
        req.end_headers()
        req.wfile.write(b"ok")

    url = server.route("/slow", handler=slow)

    async def go() -> list[FetchResult]:
        async with Fetcher(FetchLimits(jobs=10, per_host=2)) as f:
            return await asyncio.gather(*(f.get(url) for _ in range(6)))

    assert all(r.ok for r in asyncio.run(go()))
    assert peak[0] == 2


def test_fetch_url_is_a_synchronous_one_off(server):
    url = server.route("/page", b"<html>hi</html>", headers={"Content-Type": "text/html; charset=utf-8"})
    r = fetch_url(url, SHORT)
    assert r.ok and r.body == b"<html>hi</html>"
    assert server.hits("/page")[0]["accept"].startswith("text/html")


def test_helpers():
    assert size_text(10 * 1024 * 1024) == "10 MiB"
    assert size_text(1536) == "1.5 KiB"
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412400.0) == 80
    assert retry_after_seconds("soon") is None


def test_an_unreachable_host_is_tried_once_per_session(server):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    good = server.route("/ok", b"<rss/>")

    async def go() -> list[FetchResult]:
        async with Fetcher(SHORT) as f:
            first = await f.get(f"http://127.0.0.1:{port}/a")
            # Something listens there now (and never answers): the session still remembers the refusal...
            listener = socket.socket()
            listener.bind(("127.0.0.1", port))
            listener.listen()
            try:
                return [first, await f.get(f"http://127.0.0.1:{port}/b"), await f.get(good)]
            finally:
                listener.close()

    first, second, other = asyncio.run(go())
    assert first.error == second.error == "connection refused"
    assert other.ok  # ...for that host and port only


def _huge_header(req):
    req.send_response(200)
    req.send_header("X-Big", "a" * 100_000)
    req.send_header("Content-Length", "2")
    req.end_headers()
    req.wfile.write(b"ok")


def _bad_status(req):
    req.wfile.write(b"HTTP/1.1 abc\r\n\r\n")


def _endless_chunks(req):
    req.send_response(200)
    req.send_header("Transfer-Encoding", "chunked")
    req.end_headers()
    for _ in range(10_000):
        req.wfile.write(b"4000\r\n" + b"x" * 0x4000 + b"\r\n")


def _silent(req):
    time.sleep(3)


def _broken_gzip(req):
    req.send_response(200)
    req.send_header("Content-Encoding", "gzip")
    req.send_header("Content-Length", "10")
    req.end_headers()
    req.wfile.write(b"\x1f\x8bnotgzip!")


def test_malformed_responses_are_one_line_reasons(server):
    cases = {
        _huge_header: "bad HTTP response: ",  # the rest is aiohttp's wording
        _bad_status: "bad HTTP response: ",
        _endless_chunks: "larger than 1 MiB",
        _silent: "timed out after 1 s",
        _broken_gzip: "broken gzip data",
    }
    urls = {server.route(f"/{h.__name__}", handler=h): reason for h, reason in cases.items()}

    async def go() -> list[FetchResult]:
        async with Fetcher(SHORT) as f:
            return await asyncio.gather(*(f.get(u) for u in urls))

    results = asyncio.run(go())
    for r, reason in zip(results, urls.values(), strict=True):
        assert r.error.startswith(reason) and "\n" not in r.error and len(r.error) <= 200, r.error


def test_a_proxy_from_the_environment_is_used(server, monkeypatch):
    # Behind a proxy, the request goes to the proxy with the whole address as its target.
    target = "http://127.0.0.2:9/feed.xml"  # nothing listens there: only the proxy can answer
    server.route(target, b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    monkeypatch.setenv("HTTP_PROXY", server.url(""))
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    result = get(target)
    assert result.error is None and result.body == b"<rss/>"
    assert len(server.hits(target)) == 1
