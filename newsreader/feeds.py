"""Feed documents (RSS 0.9x/1.0/2.0, Atom, RDF) into our typed `ParsedFeed`, by way of feedparser.

feedparser is imported here only, and only when a body actually needs parsing, so a refresh where
every feed answers 304 never pays for it. Its HTML sanitizing and relative-URI rewriting of content
are turned off: they are most of its cost, the cleaner re-parses the content HTML anyway, and
nothing here ever shows raw HTML. Entry links are still resolved against the feed URL and xml:base.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
from typing import Any
from urllib.parse import urljoin

from newsreader.models import ParsedEntry, ParsedFeed
from newsreader.text import one_line


class NotAFeed(Exception):
    """The body is not a feed; the message is the one-line reason ("not a feed: ...")."""


# The prolog (everything before the first element) and the entity declarations in it.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECL = re.compile(rb"<!ENTITY\s")
_SAFE_ENTITY = re.compile(rb"<!ENTITY\s+([A-Za-z_][\w.-]{0,40})\s+\"([^\"&%<]{0,16})\"\s*>")
_DOCTYPE_NAME = re.compile(rb"<!DOCTYPE\s+([\w:.-]+)")
_DOCTYPE = re.compile(rb"<!DOCTYPE.*", re.S)
_TAGS = re.compile(r"<[^>]*>")


def defuse_entities(body: bytes) -> bytes:
    """Rewrite an internal DTD so only short, flat entities remain (no billion laughs, no blow-up).

    feedparser has a guard of its own, but it only sees declarations at the start of a line.
    """
    m = _FIRST_ELEMENT.search(body)
    head_end = m.start() if m else len(body)
    head = body[:head_end]
    if not _ENTITY_DECL.search(head):
        return body
    safe = _SAFE_ENTITY.findall(head)[:64]
    name = _DOCTYPE_NAME.search(head)
    doctype = b""
    if safe:
        decls = b"".join(b'\n<!ENTITY %s "%s">' % (k, v) for k, v in safe)
        doctype = b"<!DOCTYPE %s [%s\n]>\n" % (name.group(1) if name else b"feed", decls)
    start = head.find(b"<!DOCTYPE")
    prolog = head[:start] if start >= 0 else _ENTITY_DECL.split(head, 1)[0]
    return prolog + doctype + body[head_end:]


def _epoch(parsed: Any) -> float | None:
    try:
        return float(calendar.timegm(parsed)) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def _text(detail: Any, value: str | None) -> str:
    """A title or name as plain text: markup dropped when the feed said it was HTML."""
    value = value or ""
    if detail and "html" in (detail.get("type") or "") and "<" in value:
        value = html.unescape(_TAGS.sub("", value))
    return one_line(value)


def _content(entry: Any) -> str:
    """The fullest HTML the entry offers: its longest content element, else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or ()]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _authors(entry: Any) -> tuple[str, ...]:
    names: list[str] = []
    for a in entry.get("authors") or ():
        name = one_line(a.get("name") or a.get("email") or "")
        if name and name not in names:
            names.append(name)
    if not names and entry.get("author"):
        names.append(one_line(entry["author"]))
    return tuple(names)


def _digest(*parts: str | None) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _entry(e: Any, base: str) -> ParsedEntry:
    guid = (e.get("id") or "").strip() or None
    link = (e.get("link") or "").strip() or None
    if link and "://" not in link[:12]:  # a permalink guid standing in for the link, left relative
        link = urljoin(base, link)
    title = _text(e.get("title_detail"), e.get("title"))
    content = _content(e)
    authors = _authors(e)
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a warning.
    published = _epoch(dict.get(e, "published_parsed"))
    updated = _epoch(dict.get(e, "updated_parsed"))
    key = guid or link or "hash:" + _digest(title, content)
    return ParsedEntry(
        key=key,
        guid=guid,
        link=link,
        title=title,
        authors=authors,
        published=published if published is not None else updated,
        updated=updated,
        content_html=content,
        content_hash=_digest(title, link, content, "\n".join(authors)),
    )


def _reason(d: Any, body: bytes) -> str:
    head = body[:1024].lstrip().lower()
    if not body.strip():
        return "not a feed: empty document"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "not a feed: an HTML page"
    exc = d.get("bozo_exception")
    detail = one_line(getattr(exc, "getMessage", lambda: str(exc))() if exc else "")
    if detail and "content-type" not in detail.lower():
        return f"not a feed: {detail}"[:200]
    return "not a feed: no RSS, Atom or RDF document found"


def _feedparser():
    import feedparser
    from feedparser.mixin import _FeedParserMixin

    # A guid is an identity, not a link: resolving "1234" against the feed URL would make every
    # article look new once the feed moves (a permanent redirect changes the base).
    _FeedParserMixin.can_be_relative_uri.discard("id")
    return feedparser


def parse_feed(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse a feed document fetched from url; raise NotAFeed with a one-line reason if it is not one.

    headers: the response headers that matter (content-type gives the charset).
    """
    feedparser = _feedparser()
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    response_headers["content-location"] = url
    response_headers.setdefault("content-type", "application/xml")
    d = feedparser.parse(
        defuse_entities(body),
        response_headers=response_headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = d.get("entries") or []
    if not entries and not d.get("version"):
        raise NotAFeed(_reason(d, body))
    f = d.get("feed") or {}
    seen: set[str] = set()
    parsed: list[ParsedEntry] = []
    for e in entries:
        entry = _entry(e, url)
        if entry.key in seen:  # the same item twice in one document: the first one wins
            continue
        seen.add(entry.key)
        parsed.append(entry)
    title = _text(f.get("title_detail"), f.get("title")) or None
    return ParsedFeed(title=title, site_url=(f.get("link") or "").strip() or None, entries=tuple(parsed))


def parse_outcome(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed | str:
    """parse_feed for a worker process: the feed, or the one-line reason it is not one."""
    try:
        return parse_feed(body, url, headers)
    except NotAFeed as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one hostile feed must not end the refresh
        return one_line(f"not a feed: parser failed: {type(exc).__name__}: {exc}")[:200]
