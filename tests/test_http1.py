"""The HTTP/1.1 client under the fetcher, against a real server on 127.0.0.1: framing, reuse, addresses."""

from __future__ import annotations

import asyncio

from newsreader.config import FetchLimits
from newsreader.fetch import Fetcher, FetchResult

LIMITS = FetchLimits(timeout=2.0, connect_timeout=1.0, max_bytes=1024 * 1024)


def get_all(*urls: str, etag: str | None = None) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with Fetcher(LIMITS, jobs=1) as f:
            return [await f.get(u, etag=etag) for u in urls]

    return asyncio.run(go())


def test_chunked_body_with_extensions_and_trailers(server):
    def chunked(req):
        req.send_response(200)
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        req.wfile.write(b"5;name=x\r\n<rss>\r\n7\r\n</rss>\n\r\n0\r\nX-Trailer: 1\r\n\r\n")

    url = server.route("/chunked", handler=chunked)
    first, second = get_all(url, url)
    assert first.ok and first.body == b"<rss></rss>\n"
    assert second.ok and second.body == b"<rss></rss>\n"  # the connection was left at a clean boundary


def test_one_connection_serves_a_host_in_turn_and_a_closed_one_is_replaced(server):
    ports: list[int] = []

    def answer(req, close: bool = False):
        ports.append(req.client_address[1])
        req.send_response(304)
        req.end_headers()
        req.close_connection = close  # closes without saying so: the client finds out on its next request

    a = server.route("/a", handler=answer)
    b = server.route("/b", handler=lambda req: answer(req, close=True))
    results = get_all(a, a, b, a, a, etag='"v"')
    assert all(r.not_modified for r in results), [r.error for r in results]
    assert ports[0] == ports[1] == ports[2] != ports[3] == ports[4]


def test_http_1_0_body_runs_to_the_close(server):
    def old(req):
        req.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n<rss>old</rss>")
        req.close_connection = True

    (r,) = get_all(server.route("/old", handler=old))
    assert r.ok and r.body == b"<rss>old</rss>" and r.content_type == "application/rss+xml"


def test_address_parts_reach_the_server_encoded(server):
    seen = []

    def record(req):
        seen.append((req.path, req.headers.get("Authorization"), req.headers.get("Host")))
        req.send_response(200)
        req.send_header("Content-Length", "6")
        req.end_headers()
        req.wfile.write(b"<rss/>")

    server.route("/caf%C3%A9%20news", handler=record)
    url = f"http://ann:s%40cret@127.0.0.1:{server.port}/café news?q=a b#part"
    (r,) = get_all(url)
    assert r.ok, r.error
    path, auth, host = seen[0]
    assert path == "/caf%C3%A9%20news?q=a%20b"
    assert auth == "Basic YW5uOnNAY3JldA=="  # ann:s@cret
    assert host == f"127.0.0.1:{server.port}"


def test_a_validator_cannot_smuggle_a_header_into_the_request(server):
    url = server.route("/feed", b"<rss/>")
    (r,) = get_all(url, etag='"v1"\nX-Smuggled: 1')
    assert r.ok
    sent = server.hits("/feed")[0]
    assert "x-smuggled" not in sent and sent["if-none-match"].startswith('"v1"')


def test_a_utf8_location_is_followed(server):
    def moved(req):
        req.wfile.write("HTTP/1.1 302 Found\r\nLocation: /café\r\nContent-Length: 0\r\n\r\n".encode())

    server.route("/moved", handler=moved)
    target = server.route("/caf%C3%A9", b"<rss/>")
    (r,) = get_all(server.url("/moved"))
    assert r.ok and r.body == b"<rss/>" and server.hits("/caf%C3%A9") and target.endswith("/caf%C3%A9")
