"""HTTP fetching for feeds and pages: bounded, conditional, and safe against hostile servers.

One `Fetcher` holds one aiohttp session for a whole refresh. Every limit a hostile server could
abuse is ours to enforce: redirects are followed here (to cap them and to see permanent moves),
bodies are decompressed here (so a gzip bomb stops at the size cap instead of filling memory), and
one deadline covers the whole exchange (so a server dripping a byte a second is still cut off).
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urljoin, urlsplit

from newsreader.aiohttp_setup import import_aiohttp, proxy_in_environment, tls_context
from newsreader.config import FetchLimits
from newsreader.inflate import Decoder, FetchError, size_text
from newsreader.text import one_line

if TYPE_CHECKING:
    import aiohttp

FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

_REDIRECTS = (301, 302, 303, 307, 308)
_PERMANENT = (301, 308)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one GET came to. `error` is a one-line reason when it failed, else None."""

    url: str  # the address finally answered, after redirects
    status: int = 0  # the last HTTP status, 0 when no response arrived
    body: bytes = b""  # decompressed
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    permanent_redirect_to: str | None = None  # set when only permanent redirects led to a new address
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status != 304

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    def headers(self) -> dict[str, str]:
        """The response headers a parser cares about (content type and where it came from)."""
        h = {"content-location": self.url}
        if self.content_type:
            h["content-type"] = self.content_type
        return h


class BodySink(Protocol):
    """Where a streamed body goes (a download to a file) instead of into FetchResult.body."""

    def start(self, status: int, headers: Mapping[str, str]) -> None:
        """The 2xx answer's status and headers, before its body; raise FetchError to refuse it."""

    def write(self, chunk: bytes) -> None:
        """The next bytes of the body, as they arrive (not decompressed)."""


def seconds_text(s: float) -> str:
    return f"{s:g} s"


def is_fetchable(url: str) -> bool:
    """Only http and https addresses are fetched; anything else (file:, newsreader:sample) is not ours."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Parse Retry-After (delta seconds or an HTTP date) into seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def _host_key(url: str) -> tuple[str, int | None]:
    try:
        parts = urlsplit(url)
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", None


def _connect_reason(exc: BaseException) -> str:
    import aiohttp

    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return f"host not found: {exc.host}"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        cert_error = exc.certificate_error
        detail = (
            getattr(cert_error, "verify_message", None) or getattr(cert_error, "reason", None) or cert_error
        )
        return one_line(f"TLS error: certificate verify failed: {detail}")[:200]
    if isinstance(exc, aiohttp.ClientSSLError):
        os_error = getattr(exc, "os_error", None)
        return one_line(f"TLS error: {getattr(os_error, 'reason', None) or os_error or exc}")[:200]
    os_error = getattr(exc, "os_error", None) or exc
    code = getattr(os_error, "errno", None)
    if code == errno.ECONNREFUSED:
        return "connection refused"
    if code in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "host unreachable"
    if code == errno.ECONNRESET:
        return "connection reset"
    text = getattr(os_error, "strerror", None) or str(os_error) or type(exc).__name__
    return one_line(f"cannot connect: {text}")[:200]


class Fetcher:
    """One HTTP session with global and per-host bounds; use as `async with Fetcher(limits) as f`."""

    def __init__(self, limits: FetchLimits | None = None, *, jobs: int | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.jobs = max(1, jobs or self.limits.jobs)
        self._global = asyncio.Semaphore(self.jobs)
        self._hosts: dict[tuple[str, int | None], asyncio.Semaphore] = {}
        # Hosts that could not be reached in this session, and why: the next address on the same host
        # (another feed, an article page) gets the same answer at once instead of another wait.
        self._unreachable: dict[tuple[str, int | None], str] = {}
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        aiohttp = import_aiohttp()

        connector = aiohttp.TCPConnector(
            limit=self.jobs,
            limit_per_host=max(1, self.limits.per_host),
            ttl_dns_cache=300,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,
            cookie_jar=aiohttp.DummyCookieJar(),
            # HTTP(S)_PROXY and NO_PROXY as curl users expect, but only when set: aiohttp's per-request
            # proxy lookup costs most of a refresh where every feed answers 304.
            trust_env=proxy_in_environment(),
            # Only the socket connect has its own timeout; the whole exchange runs under our deadline.
            timeout=aiohttp.ClientTimeout(total=None, connect=None, sock_connect=self.limits.connect_timeout),
            headers={"User-Agent": self.limits.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _down(self, host: tuple[str, int | None], reason: str) -> _Answer:
        self._unreachable[host] = reason
        return _Answer(0, error=reason)

    def _host_bound(self, url: str) -> asyncio.Semaphore:
        key = _host_key(url)
        sem = self._hosts.get(key)
        if sem is None:
            sem = self._hosts[key] = asyncio.Semaphore(max(1, self.limits.per_host))
        return sem

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
        extra_headers: Mapping[str, str] | None = None,
        sink: BodySink | None = None,
    ) -> FetchResult:
        """GET url within the limits; never raises for anything a server or network can do.

        With a sink the body is streamed to it, uncompressed (Accept-Encoding: identity), not kept.
        """
        if not is_fetchable(url):
            return FetchResult(url=url, error=f"not an http(s) address: {one_line(url)[:200]}")
        headers = {"Accept": accept, **(extra_headers or {})}
        if sink is not None:
            headers["Accept-Encoding"] = "identity"
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        retried = False
        while True:
            # Per-host first, so feeds queued behind one busy site do not hold global slots.
            async with self._host_bound(url), self._global:
                result, retry_after = await self._attempt(url, headers, sink)
            if retry_after is not None and not retried and retry_after <= self.limits.retry_after_max:
                retried = True
                await asyncio.sleep(retry_after)
                continue
            return result

    async def _attempt(
        self, url: str, headers: dict[str, str], sink: BodySink | None = None
    ) -> tuple[FetchResult, float | None]:
        """Follow redirects under one deadline; returns the result and any Retry-After asked for."""
        limits = self.limits
        current = url
        permanent = url  # where an unbroken chain of permanent redirects has led
        chain_intact = True
        try:
            async with asyncio.timeout(limits.timeout):
                for _hop in range(limits.max_redirects + 1):
                    answer = await self._one(current, headers, sink)
                    if answer.location is None:
                        moved = permanent if permanent != url else None
                        return _result(current, answer, moved), answer.retry_after
                    target, error = _redirect_target(current, answer.location)
                    if error is not None:
                        return FetchResult(url=current, status=answer.status, error=error), None
                    if chain_intact and answer.status in _PERMANENT:
                        permanent = target
                    else:
                        chain_intact = False
                    current = target
                return FetchResult(url=current, error="too many redirects"), None
        except TimeoutError:
            return FetchResult(url=current, error=f"timed out after {seconds_text(limits.timeout)}"), None

    async def _one(self, url: str, headers: dict[str, str], sink: BodySink | None = None) -> _Answer:
        """One request and its whole body, or the reason it failed."""
        import aiohttp

        assert self._session is not None, "use Fetcher as an async context manager"
        host = _host_key(url)
        if host in self._unreachable:
            return _Answer(0, error=self._unreachable[host])
        limits = self.limits
        try:
            tls = tls_context() if url.startswith("https:") else None
            async with self._session.get(
                url, headers=headers, allow_redirects=False, ssl=tls or True
            ) as resp:
                status = resp.status
                h = resp.headers
                if status in _REDIRECTS:
                    location = h.get("Location")
                    if not location:
                        return _Answer(status, error=f"HTTP {status} without a Location")
                    return _Answer(status, location=location)
                meta = {
                    "etag": h.get("ETag"),
                    "last_modified": h.get("Last-Modified"),
                    "content_type": h.get("Content-Type"),
                }
                if status == 304:
                    return _Answer(status, **meta)
                if status in (429, 503):
                    wait = retry_after_seconds(h.get("Retry-After"))
                    error = f"HTTP {status}"
                    if wait is not None and wait > limits.retry_after_max:
                        error += f", retry after {seconds_text(round(wait))}"
                    return _Answer(status, error=error, retry_after=wait)
                if not 200 <= status < 300:
                    return _Answer(status, error=f"HTTP {status}")
                too_big = f"larger than {size_text(limits.max_bytes)}"
                length = h.get("Content-Length", "")
                if length.isdigit() and int(length) > limits.max_bytes:
                    return _Answer(status, error=too_big)
                decoder = Decoder(h.get("Content-Encoding", "").strip().lower(), limits.max_bytes)
                if sink is not None:
                    sink.start(status, h)
                received = 0
                async for chunk in resp.content.iter_chunked(_CHUNK):
                    received += len(chunk)
                    if received > limits.max_bytes:
                        return _Answer(status, error=too_big)
                    decoder.feed(chunk) if sink is None else sink.write(chunk)
                return _Answer(status, body=decoder.finish() if sink is None else b"", **meta)
        except FetchError as exc:
            return _Answer(0, error=str(exc))
        except aiohttp.ConnectionTimeoutError:
            return self._down(host, f"connect timed out after {seconds_text(limits.connect_timeout)}")
        except aiohttp.ClientConnectorError as exc:
            return self._down(host, _connect_reason(exc))
        except aiohttp.ServerDisconnectedError:
            return _Answer(0, error="server closed the connection")
        except aiohttp.ClientPayloadError as exc:
            return _Answer(0, error=one_line(f"broken response: {exc}")[:200])
        except aiohttp.ClientResponseError as exc:
            # aiohttp quotes the offending bytes ("...: b'aaaa'"); the reason is enough.
            reason = re.split(r":\s*b['\"]", str(exc.message))[0]
            return _Answer(0, error=one_line(f"bad HTTP response: {reason}")[:200])
        except aiohttp.InvalidURL:
            return _Answer(0, error=f"invalid address: {one_line(url)[:200]}")
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            return _Answer(0, error=one_line(f"{type(exc).__name__}: {exc}")[:200])


def _redirect_target(current: str, location: str) -> tuple[str, str | None]:
    """Where a Location header leads, or the one-line reason it is refused (never followed, never stored).

    A Location carrying control characters (an escape sequence for the terminal that later prints the
    feed's address) or anything that is not an http(s) address is refused whole, not cleaned up.
    """
    from newsreader.subscriptions import normalise_url

    if not location.isprintable():  # C0, DEL, C1, bidi controls, undecodable bytes
        return current, "redirect refused: the new address holds control characters"
    try:
        target = urljoin(current, location.strip())
    except ValueError:
        target = ""
    if not is_fetchable(target):
        return current, f"redirect to a non-http address: {one_line(location)[:200]}"
    if normalise_url(target) is None:
        return current, f"redirect to an invalid address: {one_line(location)[:200]}"
    return target, None


@dataclass(frozen=True, slots=True)
class _Answer:
    """One HTTP exchange, before redirects are resolved."""

    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    location: str | None = None
    retry_after: float | None = None
    error: str | None = None


def _result(url: str, a: _Answer, moved: str | None) -> FetchResult:
    return FetchResult(
        url=url,
        status=a.status,
        body=a.body,
        etag=a.etag,
        last_modified=a.last_modified,
        content_type=a.content_type,
        permanent_redirect_to=moved if a.error is None else None,
        error=a.error,
    )


async def _fetch_one(url: str, limits: FetchLimits, accept: str) -> FetchResult:
    async with Fetcher(limits, jobs=1) as fetcher:
        return await fetcher.get(url, accept=accept)


def fetch_url(url: str, limits: FetchLimits | None = None, *, accept: str = PAGE_ACCEPT) -> FetchResult:
    """Fetch one address synchronously, within the same limits as a refresh (for one-off use)."""
    return asyncio.run(_fetch_one(url, limits or FetchLimits(), accept))


async def _stream_one(
    url: str, limits: FetchLimits, sink: BodySink, headers: Mapping[str, str]
) -> FetchResult:
    async with Fetcher(limits, jobs=1) as fetcher:
        return await fetcher.get(url, accept="*/*", extra_headers=headers, sink=sink)


def fetch_into(
    url: str, sink: BodySink, limits: FetchLimits | None = None, *, headers: Mapping[str, str] | None = None
) -> FetchResult:
    """Stream one address's body into sink synchronously (a download), within limits."""
    return asyncio.run(_stream_one(url, limits or FetchLimits(), sink, headers or {}))
