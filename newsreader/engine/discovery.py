"""Feed discovery: the feeds a web page offers, by its <link rel="alternate"> tags, then common paths."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from newsreader.engine.errors import EngineError
from newsreader.models import DiscoveredFeed
from newsreader.text import one_line

if TYPE_CHECKING:
    from newsreader.config import Config, FetchLimits
    from newsreader.fetch import FetchResult
    from newsreader.models import Feed

# The link types that announce a feed this reader can parse, and the name each is shown with.
FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/rdf+xml": "rdf",
    "application/xml": "xml",
    "text/xml": "xml",
}
# Tried in this order on the page's own host when the page names no feed.
COMMON_PATHS = ("/feed", "/rss", "/atom.xml", "/feed.xml", "/index.xml", "/rss.xml")
DISCOVER_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, "
    "text/html;q=0.8, application/xhtml+xml;q=0.7, */*;q=0.5"
)
MAX_FOUND = 50  # a page listing thousands of feeds is offering a directory, not its own feed
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b")


def feed_kind(body: bytes) -> str:
    """ "atom", "rdf" or "rss", from the root element of a feed document."""
    found = _FEED_ROOT.search(body[:4096])
    return {b"feed": "atom", b"RDF": "rdf"}.get(found.group(1), "rss") if found else "rss"


def feed_links(page: str, base: str) -> list[DiscoveredFeed]:
    """The feeds a page announces with <link rel="alternate" type=...>, in page order, addresses absolute."""
    from lxml import etree, html

    from newsreader.subscriptions import normalise_url

    try:
        root = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base = urljoin(base, base_el.get("href", "").strip())
    found: dict[str, DiscoveredFeed] = {}
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((link.get("type") or "").split(";")[0].strip().lower())
        href = (link.get("href") or "").strip()
        if "alternate" not in rels or kind is None or not href:
            continue
        try:
            url = normalise_url(urljoin(base, href))
        except ValueError:
            url = None
        if url is None or url in found:
            continue
        found[url] = DiscoveredFeed(url, one_line(link.get("title") or "") or None, kind)
        if len(found) >= MAX_FOUND:
            break
    return list(found.values())


def common_addresses(page_url: str) -> list[str]:
    """The common feed paths on the page's host."""
    parts = urlsplit(page_url)
    return [urlunsplit((parts.scheme, parts.netloc, path, "", "")) for path in COMMON_PATHS]


def _as_feed(result: FetchResult, url: str) -> DiscoveredFeed | None:
    """The fetched document as a discovered feed, if it parses as one."""
    from newsreader.feeds import parse_outcome
    from newsreader.subscriptions import normalise_url

    if not result.ok or not result.body:
        return None
    parsed = parse_outcome(result.body, result.url or url, result.headers())
    if isinstance(parsed, str):
        return None
    return DiscoveredFeed(
        normalise_url(url) or url, one_line(parsed.title or "") or None, feed_kind(result.body)
    )


async def _fetch_all(urls: list[str], limits: FetchLimits) -> list[FetchResult]:
    from newsreader.fetch import Fetcher

    async with Fetcher(limits) as fetcher:
        return list(await asyncio.gather(*(fetcher.get(u, accept=DISCOVER_ACCEPT) for u in urls)))


class Discovery:
    """Engine mixin: `discover(url)`."""

    config: Config
    if TYPE_CHECKING:

        def _network(self, what: str) -> None: ...

        def find_feed(self, address: str) -> Feed: ...

    def discover(self, address: str) -> list[DiscoveredFeed]:
        """The feeds at address: itself if it is a feed, else those its page names, else the common paths
        on its host that answer with a feed. Empty when none; EngineError when the page cannot be fetched."""
        from newsreader.clean.decode import decode_page
        from newsreader.subscriptions import normalise_url

        url = normalise_url(address)
        if url is None:
            raise EngineError(f"not a feed address: {one_line(address)[:200]}")
        self._network(f"fetch {url}")
        (result,) = asyncio.run(_fetch_all([url], self.config.limits))
        if result.error:
            raise EngineError(f"not added: {url}: {result.error}")
        if not result.ok:
            raise EngineError(f"not added: {url}: HTTP {result.status}")
        itself = _as_feed(result, url)
        if itself is not None:
            return [itself]
        found = feed_links(decode_page(result.body, result.content_type), result.url or url)
        if found:
            return found
        tries = [u for u in common_addresses(result.url or url) if u != url]
        answers = asyncio.run(_fetch_all(tries, self.config.limits))
        # /feed and /rss often lead to the one feed: the first address serving each document stands.
        seen: set[bytes] = set()
        feeds = []
        for u, answer in zip(tries, answers, strict=True):
            found = _as_feed(answer, u)
            if found is not None and answer.body not in seen:
                seen.add(answer.body)
                feeds.append(found)
        return feeds

    def address_of(self, address: str) -> str | None:
        """The one form of an address, as the store keeps it (None: not a web address)."""
        from newsreader.subscriptions import normalise_url

        return normalise_url(address)

    def is_subscribed(self, address: str) -> bool:

        try:
            self.find_feed(address)
        except EngineError:
            return False
        return True
