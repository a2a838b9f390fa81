"""The Google Reader API, as FreshRSS, Miniflux, Inoreader and others speak it: login, lists, edits.

Every request is bounded (timeouts and byte limit from `[fetch]`, pages of at most PAGE items) and every
failure is a SyncError with one line for the user.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from newsreader.config import FetchLimits
from newsreader.models import SyncedFeed, SyncedItem
from newsreader.text import one_line

PAGE = 1000  # items per stream/contents page
PAGES_AT_ONCE = 3  # a server answering in parallel builds the next page while we read one
IDS_PAGE = 10_000  # ids per stream/items/ids page (ids only: a few ms on the server)
EDIT_BATCH = (
    250  # item ids per edit-tag request (FreshRSS on SQLite: its cost per id grows past a few hundred)
)
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
LABEL = "user/-/label/"
# FreshRSS puts every feed in a folder; its default one is not a tag of ours.
DEFAULT_LABELS = frozenset({"Uncategorized"})
ITEM_PREFIX = "tag:google.com,2005:reader/item/"


# Auth tokens handed out in this process, by (endpoint, user, password digest): kept in memory only,
# so a second sync (the interface's R) need not sign in again.
_TOKENS: dict[tuple[str, str, str], str] = {}


class SyncError(Exception):
    """Why a sync could not finish, in one line; the queue is kept for the next try."""


class SyncRefused(SyncError):
    """The server answered but would not take one change (a feed it cannot subscribe to, say)."""


def item_id(raw: str) -> str:
    """The decimal id of an item given as decimal or as `tag:google.com,2005:reader/item/<hex>`."""
    if raw.startswith(ITEM_PREFIX):
        return str(int(raw[len(ITEM_PREFIX) :], 16))
    if raw.isdigit():
        return str(int(raw))
    raise SyncError(f"the server sent an item id that is not one: {one_line(raw)[:60]}")


class GReaderClient:
    """One authenticated session with a Google Reader API endpoint; `async with GReaderClient(...)`."""

    def __init__(self, url: str, user: str, password: str, limits: FetchLimits) -> None:
        self.base = url.rstrip("/")
        self.user = user
        self._password = password
        self.limits = limits
        self._auth: str | None = None
        self._token: str | None = None
        self._session: Any = None

    async def __aenter__(self) -> GReaderClient:
        from newsreader.aiohttp_setup import import_aiohttp, proxy_in_environment, tls_context

        aiohttp = import_aiohttp()
        ssl = tls_context() if self.base.startswith("https:") else None
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=4, ssl=ssl if ssl is not None else True),
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=proxy_in_environment(),
            timeout=aiohttp.ClientTimeout(
                total=self.limits.timeout, sock_connect=self.limits.connect_timeout
            ),
            headers={"User-Agent": self.limits.user_agent},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # The exchange

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] = (),
        data: Sequence[tuple[str, str]] | None = None,
        auth: bool = True,
    ) -> bytes:
        from newsreader.aiohttp_setup import import_aiohttp

        aiohttp = import_aiohttp()
        headers = {"Authorization": f"GoogleLogin auth={self._auth}"} if auth and self._auth else {}
        body = None
        if data is not None:
            # Encoded here: aiohttp's form builder spent half a second on 10,000 item ids.
            body = urlencode(data).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            async with self._session.request(
                method,
                self.base + path,
                params=list(params),
                data=body,
                headers=headers,
                allow_redirects=False,
            ) as response:
                chunks, size = [], 0
                async for chunk in response.content.iter_chunked(1 << 16):
                    size += len(chunk)
                    if size > self.limits.max_bytes:
                        raise SyncError(
                            f"the sync server's answer is larger than {self.limits.max_bytes} bytes"
                        )
                    chunks.append(chunk)
                body = b"".join(chunks)
                if response.status == 401:
                    if response.headers.get("Google-Bad-Token") and data is not None and self._token:
                        raise _BadToken
                    raise SyncError("the sync server refused the user name or password")
                if 400 <= response.status < 500 and data is not None:
                    raise SyncRefused(f"the sync server refused {path.split('?')[0]}: HTTP {response.status}")
                if response.status != 200:
                    raise SyncError(
                        f"the sync server answered HTTP {response.status} to {path.split('?')[0]}"
                    )
                return body
        except TimeoutError:
            raise SyncError("the sync server did not answer in time") from None
        except (aiohttp.ClientError, OSError) as exc:
            reason = one_line(str(exc)) or type(exc).__name__
            raise SyncError(f"cannot reach the sync server: {reason}"[:200]) from None

    async def _json(self, path: str, params: Sequence[tuple[str, str]] = (), data: Any = None) -> dict:
        body = await self._call("POST" if data is not None else "GET", path, params=params, data=data)
        try:
            value = json.loads(body)
        except ValueError:
            raise SyncError(f"the sync server sent something that is not JSON for {path}") from None
        if not isinstance(value, dict):
            raise SyncError(f"the sync server sent an unexpected answer for {path}")
        return value

    async def _write(self, path: str, data: list[tuple[str, str]]) -> bytes:
        """A POST that needs the write token: fetched once, fetched again if the server says it expired."""
        for attempt in (1, 2):
            if self._token is None:
                self._token = (
                    (await self._call("GET", "/reader/api/0/token")).decode("utf-8", "replace").strip()
                )
            try:
                return await self._call("POST", path, data=[*data, ("T", self._token)])
            except _BadToken:
                self._token = None
                if attempt == 2:
                    raise SyncError("the sync server refused its own write token") from None
        raise AssertionError("unreachable")

    # Reading

    async def login(self) -> None:
        """Sign in, or reuse this process's token for the same account while the server still takes it
        (checking a token is one quick request; a login checks the password hash, ~0.1 s on FreshRSS)."""
        key = self._account_key()
        cached = _TOKENS.get(key)
        if cached:
            self._auth = cached
            try:
                token = await self._call("GET", "/reader/api/0/token")
                self._token = token.decode("utf-8", "replace").strip() or None
                return
            except SyncError:
                _TOKENS.pop(key, None)
                self._auth = None
        body = await self._call(
            "POST",
            "/accounts/ClientLogin",
            data=[("Email", self.user), ("Passwd", self._password)],
            auth=False,
        )
        for line in body.decode("utf-8", "replace").splitlines():
            if line.startswith("Auth="):
                self._auth = line[5:].strip()
                _TOKENS[key] = self._auth
                return
        raise SyncError("the sync server's login answer has no Auth token")

    def _account_key(self) -> tuple[str, str, str]:
        import hashlib

        return (
            self.base,
            self.user,
            hashlib.sha256(self._password.encode("utf-8", "surrogatepass")).hexdigest(),
        )

    async def subscriptions(self) -> list[SyncedFeed]:
        got = await self._json("/reader/api/0/subscription/list", [("output", "json")])
        feeds = []
        for s in _list(got, "subscriptions"):
            if (
                not isinstance(s, dict)
                or not isinstance(s.get("id"), str)
                or not isinstance(s.get("url"), str)
            ):
                continue
            labels = [c.get("label") for c in s.get("categories") or [] if isinstance(c, dict)]
            label = next((x for x in labels if isinstance(x, str) and x and x not in DEFAULT_LABELS), None)
            feeds.append(SyncedFeed(s["id"], s["url"], _str(s.get("title")), _str(s.get("htmlUrl")), label))
        return feeds

    async def items(self, ids: Sequence[str]) -> list[SyncedItem]:
        """Items by id, PAGE at a time, up to PAGES_AT_ONCE pages asked at once."""
        import asyncio

        bound = asyncio.Semaphore(PAGES_AT_ONCE)

        async def page(chunk: Sequence[str]) -> list[SyncedItem]:
            async with bound:
                got = await self._json(
                    "/reader/api/0/stream/items/contents", [("output", "json")], [("i", i) for i in chunk]
                )
            return [i for i in (_item(x) for x in _list(got, "items")) if i is not None]

        pages = await asyncio.gather(*(page(ids[s : s + PAGE]) for s in range(0, len(ids), PAGE)))
        return [item for p in pages for item in p]

    async def item_ids(
        self, stream: str, *, include: str | None = None, exclude: str | None = None, since_usec: int = 0
    ) -> set[str]:
        """Every item id of a stream (without those in exclude; from the second of since_usec on),
        IDS_PAGE at a time."""
        ids: set[str] = set()
        continuation = ""
        while True:
            params = [("s", stream), ("n", str(IDS_PAGE))]
            if include:
                params.append(("it", include))
            if exclude:
                params.append(("xt", exclude))
            if since_usec:
                params.append(("ot", str(since_usec // 1_000_000)))
            if continuation:
                params.append(("c", continuation))
            got = await self._json("/reader/api/0/stream/items/ids", params)
            refs = _list(got, "itemRefs")
            before = len(ids)
            for r in refs:
                raw = r.get("id") if isinstance(r, dict) else None
                # Decimal ids as FreshRSS sends them are kept as they are; anything else is checked.
                ids.add(
                    raw if isinstance(raw, str) and raw.isdigit() and raw[:1] != "0" else item_id(str(raw))
                )
            continuation = got.get("continuation") if isinstance(got.get("continuation"), str) else ""
            if not continuation or len(ids) == before:
                return ids

    # Writing

    async def edit_tag(
        self, ids: Sequence[str], *, add: str | None = None, remove: str | None = None
    ) -> None:
        for start in range(0, len(ids), EDIT_BATCH):
            data = [("i", i) for i in ids[start : start + EDIT_BATCH]]
            data += [("a", add)] if add else [("r", remove)] if remove else []
            await self._write("/reader/api/0/edit-tag", data)

    async def subscribe(self, url: str, title: str | None, label: str | None) -> None:
        data = [("ac", "subscribe"), ("s", "feed/" + url)]
        data += [("t", title)] if title else []
        data += [("a", LABEL + label)] if label else []
        await self._write("/reader/api/0/subscription/edit", data)

    async def unsubscribe(self, stream_id: str) -> None:
        await self._write("/reader/api/0/subscription/edit", [("ac", "unsubscribe"), ("s", stream_id)])

    async def rename(self, stream_id: str, title: str) -> None:
        await self._write("/reader/api/0/subscription/edit", [("ac", "edit"), ("s", stream_id), ("t", title)])

    async def set_label(self, stream_id: str, label: str | None, old: str | None) -> None:
        data = [("ac", "edit"), ("s", stream_id)]
        if label:
            data.append(("a", LABEL + label))
        elif old:
            data.append(("r", LABEL + old))
        else:
            return
        await self._write("/reader/api/0/subscription/edit", data)


class _BadToken(Exception):
    pass


def _list(got: dict, key: str) -> list:
    value = got.get(key, [])
    if not isinstance(value, list):
        raise SyncError(f"the sync server sent {key} that is not a list")
    return value


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _href(links: object) -> str | None:
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict) and isinstance(link.get("href"), str) and link["href"]:
                return link["href"]
    return None


def _item(raw: object) -> SyncedItem | None:
    """One item of a stream, or None for one too broken to store."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    try:
        sync_id = item_id(raw["id"])
    except SyncError:
        return None
    origin = raw.get("origin") if isinstance(raw.get("origin"), dict) else {}
    feed = origin.get("streamId")
    if not isinstance(feed, str):
        return None
    categories: Iterable = raw.get("categories") if isinstance(raw.get("categories"), list) else []
    content = raw.get("content") or raw.get("summary") or {}
    html = content.get("content") if isinstance(content, dict) else None
    published = raw.get("published")
    crawled = raw.get("timestampUsec")
    author = raw.get("author")
    return SyncedItem(
        sync_id=sync_id,
        feed_sync_id=feed,
        link=_href(raw.get("canonical")) or _href(raw.get("alternate")),
        title=raw["title"] if isinstance(raw.get("title"), str) else "",
        authors=(author,) if isinstance(author, str) and author else (),
        published=float(published) if isinstance(published, int | float) else None,
        crawled=int(crawled) / 1e6 if isinstance(crawled, str) and crawled.isdigit() else int(sync_id) / 1e6,
        content_html=html if isinstance(html, str) else "",
        read=READ in categories,
        starred=STARRED in categories,
    )
