"""HTTP/1.1 GETs over asyncio streams, with kept-alive connections: what fetching feeds needs, no more.

A refresh where every feed answers 304 is mostly start-up and per-request overhead. aiohttp cost
~95 ms to import and ~0.2 ms of CPU a request; this costs neither (asyncio is loaded anyway). Limits,
redirects, decompression and the reasons users see are the fetcher's job (`newsreader.fetch`); this
module only speaks the protocol and says, with its exception types, where an exchange broke.
"""

from __future__ import annotations

import asyncio
import base64
import re
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

if TYPE_CHECKING:
    import ssl

MAX_HEAD = 64 * 1024  # status line and headers together; also the longest chunk-size line
_NO_BODY = (204, 304)
_STATUS = re.compile(r"HTTP/1\.([01]) (\d{3})(?: .*)?")
_CRLF = re.compile(r"[\r\n]")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# Characters left as they are in a request target; the rest (spaces, non-ASCII) are percent-encoded.
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


class ProtocolError(Exception):
    """The server's answer is not HTTP/1.1 we can read; the message is one short line."""


class PayloadError(Exception):
    """The body broke off or was malformed after a good head."""


class ServerClosed(Exception):
    """The connection closed before a response began."""


class Target:
    """Where a URL says to connect and what to ask for there."""

    __slots__ = ("key", "host", "port", "tls", "request_target", "host_header", "authorization")

    def __init__(self, url: str) -> None:
        """Raises ValueError for an address that cannot be requested (bad port, bad host name)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(url)
        self.tls = parts.scheme == "https"
        host = parts.hostname
        if not host.isascii():
            host = host.encode("idna").decode("ascii")  # UnicodeError is a ValueError
        default = 443 if self.tls else 80
        self.port = parts.port or default
        self.host = host
        self.key = (parts.scheme, host, self.port)
        shown = f"[{host}]" if ":" in host else host
        self.host_header = shown if self.port == default else f"{shown}:{self.port}"
        target = quote(parts.path or "/", safe=_SAFE_PATH)
        if parts.query:
            target += "?" + quote(parts.query, safe=_SAFE_QUERY)
        self.request_target = target
        self.authorization = None
        if parts.username is not None:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            self.authorization = "Basic " + base64.b64encode(pair.encode()).decode("ascii")


class Response:
    """A response's status and headers (names lower-cased); read the body with `chunks()`."""

    __slots__ = ("status", "headers", "_reader", "_remaining", "_chunked", "_to_close", "done", "keep_alive")

    def __init__(
        self, status: int, headers: dict[str, str], reader: asyncio.StreamReader, version: int
    ) -> None:
        self.status = status
        self.headers = headers
        self._reader = reader
        connection = headers.get("connection", "").lower()
        self.keep_alive = ("close" not in connection) if version == 1 else ("keep-alive" in connection)
        coding = headers.get("transfer-encoding", "").lower()
        self._chunked = coding.rsplit(",", 1)[-1].strip() == "chunked"
        self._remaining: int | None = None
        self._to_close = False
        self.done = False
        if status in _NO_BODY or 100 <= status < 200:
            self.done = True
        elif self._chunked:
            pass
        elif coding:
            self._to_close = True  # another transfer coding: the body runs to the end of the connection
        elif "content-length" in headers:
            length = headers["content-length"].strip()
            if not length.isdigit():
                raise ProtocolError(f"invalid Content-Length {length[:20]!r}")
            self._remaining = int(length)
            self.done = self._remaining == 0
        else:
            self._to_close = True
        if self._to_close:
            self.keep_alive = False

    async def chunks(self, size: int) -> AsyncIterator[bytes]:
        """The body as it arrives, undecoded, in pieces of at most size bytes."""
        reader = self._reader
        try:
            if self.done:
                return
            if self._to_close:
                while data := await reader.read(size):
                    yield data
            elif self._remaining is not None:
                while self._remaining:
                    data = await reader.read(min(size, self._remaining))
                    if not data:
                        raise PayloadError("the connection closed before the whole body arrived")
                    self._remaining -= len(data)
                    yield data
            else:
                async for data in self._chunked_body(size):
                    yield data
            self.done = True
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            raise PayloadError(f"the connection broke off in the body ({type(exc).__name__})") from None
        except asyncio.LimitOverrunError:
            raise PayloadError("a chunk-size line too long") from None

    async def _chunked_body(self, size: int) -> AsyncIterator[bytes]:
        reader = self._reader
        while True:
            line = await reader.readuntil(b"\r\n")
            try:
                length = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise PayloadError(f"invalid chunk size {line[:20]!r}") from None
            if length < 0:
                raise PayloadError("invalid chunk size")
            if length == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers, ignored
                    pass
                return
            while length:
                data = await reader.read(min(size, length))
                if not data:
                    raise PayloadError("the connection closed inside a chunk")
                length -= len(data)
                yield data
            if await reader.readexactly(2) != b"\r\n":
                raise PayloadError("a chunk not followed by CRLF")


class _Connection:
    __slots__ = ("reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    def close(self) -> None:
        self.writer.transport.abort()


class Pool:
    """Connections kept alive between GETs, by scheme, host and port. Bounds are the caller's job."""

    def __init__(
        self, *, connect_timeout: float, tls_context: Callable[[], ssl.SSLContext], head: bytes
    ) -> None:
        self.connect_timeout = connect_timeout
        self.tls_context = tls_context
        self.head = head  # header lines sent with every request (User-Agent, Accept-Encoding)
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._busy: set[_Connection] = set()

    async def _connect(self, target: Target) -> _Connection:
        """Open a connection, or raise ConnectTimeout or ConnectFailed."""
        context = self.tls_context() if target.tls else None
        try:
            async with asyncio.timeout(self.connect_timeout):
                reader, writer = await asyncio.open_connection(
                    target.host,
                    target.port,
                    ssl=context,
                    server_hostname=target.host if context else None,
                    limit=MAX_HEAD,
                    # A host with an unreachable IPv6 address should not cost the whole connect timeout.
                    happy_eyeballs_delay=0.25,
                )
        except TimeoutError:
            raise ConnectTimeout from None
        except OSError as exc:  # refused, unreachable, no such host, TLS (ssl.SSLError)
            raise ConnectFailed(exc) from None
        return _Connection(reader, writer)

    def _reuse(self, target: Target) -> _Connection | None:
        idle = self._idle.get(target.key)
        while idle:
            conn = idle.pop()
            if conn.reader.at_eof() or conn.writer.transport.is_closing():
                conn.close()  # the server ended it while it waited
                continue
            return conn
        return None

    async def get(self, url: str, headers: dict[str, str], on_response: Callable) -> object:
        """GET url and return what on_response(response) (a coroutine function) makes of it.

        The connection goes back to the pool only if on_response read the whole body.
        """
        target = Target(url)
        lines = [f"GET {target.request_target} HTTP/1.1", f"Host: {target.host_header}"]
        if target.authorization:
            lines.append(f"Authorization: {target.authorization}")
        # Values come back from servers (ETag, Last-Modified): no line breaks may reach the request.
        lines += [f"{name}: {_CRLF.sub(' ', value)}" for name, value in headers.items()]
        request = ("\r\n".join(lines) + "\r\n").encode("latin-1", "replace") + self.head + b"\r\n"
        conn = self._reuse(target)
        reused = conn is not None
        if conn is None:
            conn = await self._connect(target)
        self._busy.add(conn)
        keep = False
        try:
            try:
                response = await self._exchange(conn, request)
            except ServerClosed:
                if not reused:
                    raise
                # A kept-alive connection the server had already closed: once more on a new one.
                conn.close()
                self._busy.discard(conn)
                conn = await self._connect(target)
                self._busy.add(conn)
                response = await self._exchange(conn, request)
            result = await on_response(response)
            keep = response.done and response.keep_alive
            return result
        finally:
            self._busy.discard(conn)
            if keep:
                self._idle.setdefault(target.key, []).append(conn)
            else:
                conn.close()

    async def _exchange(self, conn: _Connection, request: bytes) -> Response:
        reader = conn.reader
        try:
            conn.writer.write(request)
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError as exc:
                    if exc.partial:
                        raise ProtocolError("the connection closed inside the headers") from None
                    raise ServerClosed from None
                response = _parse_head(head, reader)
                if response.status >= 200 or response.status == 101:
                    return response
                # 1xx informational answers come before the real one.
        except asyncio.LimitOverrunError:
            raise ProtocolError(f"headers larger than {MAX_HEAD // 1024} KiB") from None
        except ConnectionError:
            raise ServerClosed from None

    async def close(self) -> None:
        for idle in self._idle.values():
            for conn in idle:
                conn.close()
        self._idle.clear()
        for conn in list(self._busy):
            conn.close()
        self._busy.clear()


class ConnectTimeout(Exception):
    """The TCP (and TLS) connect took longer than the connect timeout."""


class ConnectFailed(Exception):
    """No connection could be made; `args[0]` is the OSError (or ssl.SSLError) that said why."""


def _parse_head(head: bytes, reader: asyncio.StreamReader) -> Response:
    text = head.decode("latin-1")
    lines = text[:-4].split("\r\n")
    m = _STATUS.fullmatch(lines[0])
    if m is None:
        raise ProtocolError(f"invalid status line {lines[0][:40]!r}")
    headers: dict[str, str] = {}
    name = None
    for line in lines[1:]:
        if line[:1] in (" ", "\t"):  # obsolete line folding continues the previous header
            if name is None:
                raise ProtocolError("a continuation line before any header")
            headers[name] += " " + line.strip()
            continue
        raw, sep, value = line.partition(":")
        if not sep or not _TOKEN.fullmatch(raw):
            raise ProtocolError(f"invalid header line {line[:40]!r}")
        name = raw.lower()
        value = value.strip(" \t")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Response(int(m[2]), headers, reader, int(m[1]))
