"""Our typed entries and feeds, built the same way by the fast reader and the feedparser adapter."""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from newsreader.feeds.authors import author_name
from newsreader.models import Enclosure, ParsedEntry, ParsedFeed
from newsreader.text import one_line


def epoch(parsed: Any) -> float | None:
    """Epoch seconds of a UTC struct_time, None when there is none or it is out of range."""
    try:
        return float(calendar.timegm(parsed)) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def digest(*parts: str | None) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def make_entry(
    guid: str | None,
    link: str | None,
    title: str,
    authors: Iterable[str],
    published: float | None,
    updated: float | None,
    content: str,
    base: str,
    enclosures: Iterable[Enclosure] = (),
) -> ParsedEntry:
    """One entry: guid else link else a content hash as its key; relative links resolved against base."""
    guid = guid.strip() if guid else None
    link = link.strip() if link else None
    if link and "://" not in link[:12]:  # a permalink guid standing in for the link, left relative
        link = urljoin(base, link)
    names: list[str] = []
    for a in authors:
        name = author_name(a)
        if name and name not in names:
            names.append(name)
    key = guid or link or "hash:" + digest(title, content)
    return ParsedEntry(
        key=key,
        guid=guid or None,
        link=link or None,
        title=title,
        authors=tuple(names),
        published=published if published is not None else updated,
        updated=updated,
        content_html=content,
        # Enclosures are not hashed: the store compares them itself (an enclosure fixed in a feed is not
        # a changed story to clean again, and stores from before enclosures keep their hashes).
        content_hash=digest(title, link, content, "\n".join(names)),
        enclosures=tuple(dict.fromkeys(enclosures)),
    )


_CLOCK = re.compile(r"^(?:(\d{1,4}):)?(?:(\d{1,2}):)?(\d+)(?:\.\d*)?$")


def duration_seconds(text: str | None) -> int | None:
    """itunes:duration ("1:02:03", "62:03", "3723", "3723.5") as whole seconds; None when unreadable."""
    found = _CLOCK.match((text or "").strip())
    if not found:
        return None
    hours, minutes, seconds = found.groups()
    if minutes is None and hours is not None:  # "62:03": minutes and seconds
        hours, minutes = None, hours
    total = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds)
    return total if total < 10**7 else None


def enclosure(
    url: str | None, kind: str | None, length: str | None, duration: int | None, base: str
) -> Enclosure | None:
    """An enclosure as the feed gave it; None without an http(s) address. A relative one is resolved.

    Only http(s): the address is handed to a player or fetched, and file:, data: or javascript: have
    no business there.
    """
    url = one_line(url or "")
    if not url:
        return None
    if "://" not in url[:12]:
        url = urljoin(base, url)
    if not url.lower().startswith(("http://", "https://")):
        return None
    size = (length or "").strip()
    kind = one_line(kind or "").lower() or None
    if kind == "text/html":  # feedparser's default for a link without a type: no type was given
        kind = None
    return Enclosure(url, kind, int(size) if size.isdigit() and len(size) < 16 else None, duration)


def feed_of(title: str | None, site: str | None, entries: Iterable[ParsedEntry]) -> ParsedFeed:
    """The feed with its entries, the same item twice in one document kept once (the first wins)."""
    seen: set[str] = set()
    unique = []
    for e in entries:
        if e.key not in seen:
            seen.add(e.key)
            unique.append(e)
    return ParsedFeed(title=title or None, site_url=site, entries=tuple(unique))
