"""A loopback feed farm: many RSS 2.0 feeds served fast from a separate process.

The feeds are spread over several loopback addresses (127.0.0.1 .. 127.0.0.16 all reach this machine),
as many sites would be. Bodies (plain and gzip) are generated once at start-up, so serving costs one
dictionary look-up and one write: the farm must never be what a benchmark measures. Every feed has an
ETag and a Last-Modified and answers conditional requests with 304; connections are HTTP/1.1 keep-alive.
Each item links to its article page on the same address (`/articles/FEED/ITEM.html`, made on request),
so a reader that fetches full text has somewhere to fetch it from.

    with Farm(feeds=500, items=50) as farm:
        farm.urls          # one URL per feed
        farm.stats()       # {"requests": ..., "200": ..., "304": ..., "bytes": ...}

From a shell: `python bench/farm.py --feeds 500 --items 50` serves until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import gzip
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

MAX_HOSTS = 16
EPOCH = 1_764_000_000.0  # a fixed "now" (Nov 2025), so every run serves the same bytes

_WORDS = (
    "the of and to in is that for on with as by at from it this be are was an or not have has will "
    "city council budget vote plan school water river bridge road train station market price energy "
    "power grid solar wind storm rain summer winter harbour island village county report study data "
    "research team science model system network server release version update security patch "
    "library project developer community open source code review test build deploy cloud storage "
    "election minister parliament court judge law policy health hospital doctor nurse patient "
    "museum artist music film festival book author novel poem theatre stage season league match "
    "player coach goal win loss record fans stadium weather forecast morning evening night week "
    "month year history early late new old local national global small large quick slow bright "
    "quiet loud careful sudden expected announced reported said told asked found showed "
    "according officials residents experts analysts volunteers students researchers engineers"
).split()


def _corpus(seed: int, size: int = 60_000) -> list[str]:
    rng = random.Random(seed)
    return rng.choices(_WORDS, k=size)


def _sentence_run(rng: random.Random, corpus: list[str], words: int) -> str:
    start = rng.randrange(0, len(corpus) - words)
    text = " ".join(corpus[start : start + words])
    return text[0].upper() + text[1:] + "."


def feed_path(index: int) -> str:
    return f"/feeds/{index}.xml"


def article_path(index: int, item: int) -> str:
    return f"/articles/{index}/{item}.html"


def render_page(index: int, item: int, *, seed: int = 1, corpus: list[str] | None = None) -> bytes:
    """The article page an item links to: a full story in a site's chrome (nav, byline, footer)."""
    corpus = corpus or _corpus(seed)
    rng = random.Random((seed * 1_000_003 + index) * 7919 + item)
    title = escape(_sentence_run(rng, corpus, rng.randint(5, 11)))
    author = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()}"
    paragraphs = "\n".join(
        f"<p>{escape(_sentence_run(rng, corpus, rng.randint(40, 120)))}</p>"
        for _ in range(rng.randint(6, 12))
    )
    nav = "".join(
        f'<li><a href="/section/{k}">{escape(_WORDS[k * 7 % len(_WORDS)]).title()}</a></li>' for k in range(8)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title} | Site {index}</title>'
        f'<meta name="author" content="{escape(author)}"></head>\n<body><header><nav><ul>{nav}</ul></nav></header>\n'
        f'<main><article><h1>{title}</h1><p class="byline">By {escape(author)}</p>\n{paragraphs}\n'
        f"<p>Tips? Write to tips@site{index}.example.</p></article></main>\n"
        f"<footer><p>Copyright 2025 Site {index}</p></footer></body></html>\n"
    ).encode()


def render_feed(
    index: int, items: int, *, host: str, seed: int = 1, corpus: list[str] | None = None
) -> bytes:
    """One realistic RSS 2.0 document: title, link, guid, pubDate, author, a few paragraphs per item."""
    corpus = corpus or _corpus(seed)
    rng = random.Random(seed * 1_000_003 + index)
    site = f"https://site{index}.example"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>Farm feed {index}: {escape(_sentence_run(rng, corpus, 4))}</title>\n"
        f"<link>{site}/</link>\n"
        f'<atom:link href="http://{host}{feed_path(index)}" rel="self" type="application/rss+xml"/>\n'
        f"<description>{escape(_sentence_run(rng, corpus, 12))}</description>\n"
        "<language>en</language>\n"
        f"<lastBuildDate>{email.utils.formatdate(EPOCH - index * 60, usegmt=True)}</lastBuildDate>\n"
    ]
    for j in range(items):
        published = EPOCH - index * 60 - j * 3600 - rng.randrange(0, 3000)
        paragraphs = []
        for _ in range(rng.randint(2, 5)):
            text = escape(_sentence_run(rng, corpus, rng.randint(30, 90)))
            if rng.random() < 0.3:
                text += f' See <a href="{site}/related/{rng.randrange(10_000)}">the earlier story</a>.'
            paragraphs.append(f"<p>{text}</p>")
        author = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()}"
        out.append(
            "<item>\n"
            f"<title>{escape(_sentence_run(rng, corpus, rng.randint(5, 11)))}</title>\n"
            f"<link>http://{host}{article_path(index, j)}</link>\n"
            f'<guid isPermaLink="false">{site}/id/{index}-{j}</guid>\n'
            f"<pubDate>{email.utils.formatdate(published, usegmt=True)}</pubDate>\n"
            f"<dc:creator>{escape(author)}</dc:creator>\n"
            f"<description>{escape(''.join(paragraphs))}</description>\n"
            "</item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


class _Doc:
    __slots__ = ("plain", "gz", "etag", "last_modified", "modified_at")

    def __init__(self, body: bytes, modified_at: float, compress: bool) -> None:
        self.plain = body
        self.gz = gzip.compress(body, compresslevel=6, mtime=0) if compress else None
        self.etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        self.modified_at = int(modified_at)
        self.last_modified = email.utils.formatdate(modified_at, usegmt=True)


@dataclass(frozen=True)
class _Site:
    feeds: int
    items: int
    seed: int
    corpus: list[str]


class _Stats:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.pages = 0
        self.by_status: dict[int, int] = {}
        self.bytes = 0
        self.connections = 0

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "pages": self.pages,
            "connections": self.connections,
            "bytes": self.bytes,
            **{str(k): v for k, v in sorted(self.by_status.items())},
        }


def _not_modified(doc: _Doc, headers: dict[bytes, bytes]) -> bool:
    inm = headers.get(b"if-none-match")
    if inm is not None:
        # RFC 9110: If-None-Match wins over If-Modified-Since; weak comparison for GET.
        tags = [t.strip().removeprefix(b"W/").decode("latin-1") for t in inm.split(b",")]
        return "*" in tags or doc.etag in tags
    ims = headers.get(b"if-modified-since")
    if ims is not None:
        try:
            since = email.utils.parsedate_to_datetime(ims.decode("latin-1")).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return doc.modified_at <= since
    return False


class _FarmProtocol(asyncio.Protocol):
    """A minimal HTTP/1.1 server for GET and HEAD: keep-alive, pipelining, conditional requests."""

    def __init__(self, docs: dict[bytes, _Doc], stats: _Stats, site: _Site) -> None:
        self.feeds, self.items, self.seed, self.corpus = site.feeds, site.items, site.seed, site.corpus
        self.docs = docs
        self.stats = stats
        self.buf = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.stats.connections += 1
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > 65536:
                    self._send(431, b"", {}, close=True)
                return
            head, self.buf = self.buf[:end], self.buf[end + 4 :]
            if not self._answer(head):
                return

    def _answer(self, head: bytes) -> bool:
        lines = head.split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ", 2)
        except ValueError:
            self._send(400, b"bad request", {}, close=True)
            return False
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        connection = headers.get(b"connection", b"").lower()
        close = b"close" in connection or (version == b"HTTP/1.0" and b"keep-alive" not in connection)
        path = target.split(b"?", 1)[0]
        if path == b"/_stats":
            self._send(200, json.dumps(self.stats.as_dict()).encode(), {}, close=close, count=False)
            return not close
        if path == b"/_reset":
            self.stats.reset()
            self._send(200, b"ok", {}, close=close, count=False)
            return not close
        if path.startswith(b"/articles/"):
            self._page(path, method, close)
            return not close
        doc = self.docs.get(path)
        if doc is None or method not in (b"GET", b"HEAD"):
            status = 404 if doc is None else 405
            self._send(status, b"not found" if status == 404 else b"", {}, close=close)
            return not close
        meta = {b"ETag": doc.etag.encode(), b"Last-Modified": doc.last_modified.encode()}
        if _not_modified(doc, headers):
            self._send(304, b"", meta, close=close, length=False)
            return not close
        meta[b"Content-Type"] = b"application/rss+xml; charset=utf-8"
        meta[b"Vary"] = b"Accept-Encoding"
        body = doc.plain
        if doc.gz is not None and b"gzip" in headers.get(b"accept-encoding", b"").lower():
            body = doc.gz
            meta[b"Content-Encoding"] = b"gzip"
        self._send(200, body, meta, close=close, head_only=method == b"HEAD")
        return not close

    def _page(self, path: bytes, method: bytes, close: bool) -> None:
        try:
            index, item = (int(x) for x in path[len(b"/articles/") :].removesuffix(b".html").split(b"/"))
        except ValueError:
            index = item = -1
        if not (0 <= index < self.feeds and 0 <= item < self.items):
            self._send(404, b"not found", {}, close=close)
            return
        body = render_page(index, item, seed=self.seed, corpus=self.corpus)
        self.stats.pages += 1
        meta = {b"Content-Type": b"text/html; charset=utf-8"}
        self._send(200, body, meta, close=close, head_only=method == b"HEAD")

    def _send(
        self,
        status: int,
        body: bytes,
        headers: dict[bytes, bytes],
        *,
        close: bool,
        length: bool = True,
        head_only: bool = False,
        count: bool = True,
    ) -> None:
        assert self.transport is not None
        reason = {200: b"OK", 304: b"Not Modified", 400: b"Bad Request", 404: b"Not Found"}.get(status, b"X")
        out = [b"HTTP/1.1 %d %s" % (status, reason), b"Server: newsreader-farm"]
        out += [k + b": " + v for k, v in headers.items()]
        if length:
            out.append(b"Content-Length: %d" % len(body))
        if close:
            out.append(b"Connection: close")
        payload = b"\r\n".join(out) + b"\r\n\r\n"
        if not head_only and status != 304:
            payload += body
        self.transport.write(payload)
        if count:
            self.stats.requests += 1
            self.stats.by_status[status] = self.stats.by_status.get(status, 0) + 1
            self.stats.bytes += len(payload)
        if close:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


def host_of(index: int, hosts: int) -> str:
    return f"127.0.0.{index % hosts + 1}"


def build_docs(feeds: int, items: int, hosts: int, port: int, seed: int, compress: bool) -> dict[bytes, _Doc]:
    corpus = _corpus(seed)
    docs = {}
    for i in range(feeds):
        body = render_feed(i, items, host=f"{host_of(i, hosts)}:{port}", seed=seed, corpus=corpus)
        docs[feed_path(i).encode()] = _Doc(body, EPOCH - i * 60, compress)
    return docs


def _bind_all(hosts: int, port: int) -> tuple[int, list[socket.socket]]:
    """Bind the same port on 127.0.0.1..N; with port 0, try free ports of 127.0.0.1 until all bind."""
    for _attempt in range(50):
        socks: list[socket.socket] = []
        try:
            chosen = port
            for h in range(hosts):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                socks.append(s)
                s.bind((f"127.0.0.{h + 1}", chosen))
                chosen = s.getsockname()[1]
                s.listen(1024)
                s.setblocking(False)
            return chosen, socks
        except OSError:
            for s in socks:
                s.close()
            if port:
                raise
    raise OSError("could not bind one port on every loopback address")


async def serve(feeds: int, items: int, hosts: int, port: int, seed: int, compress: bool) -> None:
    chosen, socks = _bind_all(hosts, port)
    docs = build_docs(feeds, items, hosts, chosen, seed, compress)
    stats = _Stats()
    site = _Site(feeds, items, seed, _corpus(seed))
    loop = asyncio.get_running_loop()
    servers = [
        await loop.create_server(lambda: _FarmProtocol(docs, stats, site), sock=s, backlog=1024)
        for s in socks
    ]
    size = sum(len(d.plain) for d in docs.values())
    gz = sum(len(d.gz or b"") for d in docs.values())
    print(f"READY {chosen} {size} {gz}", flush=True)
    try:
        await asyncio.gather(*(s.serve_forever() for s in servers))
    finally:
        for s in servers:
            s.close()


class Farm:
    """Start the farm in its own process; `urls` lists one address per feed."""

    def __init__(
        self,
        feeds: int = 500,
        items: int = 50,
        *,
        hosts: int = MAX_HOSTS,
        port: int = 0,
        seed: int = 1,
        gzip: bool = True,
        start_timeout: float = 120.0,
    ) -> None:
        if not 1 <= hosts <= MAX_HOSTS:
            raise ValueError(f"hosts must be 1..{MAX_HOSTS}")
        self.feeds, self.items, self.hosts, self.port, self.seed = feeds, items, hosts, port, seed
        self.gzip = gzip
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.body_bytes = 0
        self.gzip_bytes = 0

    @property
    def urls(self) -> list[str]:
        return [f"http://{host_of(i, self.hosts)}:{self.port}{feed_path(i)}" for i in range(self.feeds)]

    def start(self) -> Farm:
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--exit-on-eof",
            f"--feeds={self.feeds}",
            f"--items={self.items}",
            f"--hosts={self.hosts}",
            f"--port={self.port}",
            f"--seed={self.seed}",
        ]
        if not self.gzip:
            cmd.append("--no-gzip")
        # The farm reads its stdin to the end and exits then: it dies with whoever started it.
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + self.start_timeout
        assert self.proc.stdout is not None
        line = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line.startswith("READY") or not line:
                break
        if not line.startswith("READY"):
            self.stop()
            raise RuntimeError(f"feed farm did not start (said {line!r})")
        _, port, size, gz = line.split()
        self.port, self.body_bytes, self.gzip_bytes = int(port), int(size), int(gz)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()
            self.proc = None

    def __enter__(self) -> Farm:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _control(self, path: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as r:
            return r.read()

    def stats(self) -> dict:
        """Requests served since start (or the last reset), by status, and bytes written."""
        return json.loads(self._control("/_stats"))

    def reset_stats(self) -> None:
        self._control("/_reset")

    def opml(self) -> str:
        """An OPML subscription list of every feed."""
        outlines = "\n".join(
            f'    <outline type="rss" text="Farm feed {i}" xmlUrl="{escape(u)}"/>'
            for i, u in enumerate(self.urls)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>farm</title></head>\n'
            f"  <body>\n{outlines}\n  </body>\n</opml>\n"
        )


def _exit_on_eof() -> None:
    sys.stdin.read()
    os._exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Serve a loopback feed farm until interrupted.")
    p.add_argument("--feeds", type=int, default=500)
    p.add_argument("--items", type=int, default=50)
    p.add_argument("--hosts", type=int, default=MAX_HOSTS, help="loopback addresses 127.0.0.1..N")
    p.add_argument("--port", type=int, default=0, help="0: any free port")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-gzip", action="store_true", help="never answer with gzip")
    p.add_argument("--exit-on-eof", action="store_true", help="exit when stdin closes (used by Farm)")
    a = p.parse_args(argv)
    if not 1 <= a.hosts <= MAX_HOSTS:
        p.error(f"--hosts must be 1..{MAX_HOSTS}")
    if a.exit_on_eof:
        threading.Thread(target=_exit_on_eof, daemon=True).start()
    try:
        asyncio.run(serve(a.feeds, a.items, a.hosts, a.port, a.seed, not a.no_gzip))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
