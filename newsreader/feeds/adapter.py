"""The feedparser adapter: feedparser's result as our `ParsedFeed`, for documents the fast reader declines.

Every use of feedparser's private names and every change to its globals lives here. Its HTML
sanitizing and relative-URI rewriting of content are turned off: they are most of its cost, the
cleaner re-parses the content HTML anyway, and nothing here ever shows raw HTML. Entry links are
still resolved against the feed URL and xml:base.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from newsreader.clean.plain import html_text
from newsreader.feeds.entities import defuse_entities
from newsreader.feeds.entries import duration_seconds, enclosure, epoch, feed_of, make_entry
from newsreader.feeds.errors import NotAFeed
from newsreader.models import ParsedEntry, ParsedFeed
from newsreader.text import one_line

_TAGS = re.compile(r"<[^>]*>")
# feedparser.parse reads a module global to choose its parser; calls that change it take turns.
_GLOBALS = threading.Lock()


def _feedparser():  # noqa: ANN202 - the module
    import feedparser
    from feedparser.mixin import _FeedParserMixin

    # A guid is an identity, not a link: resolving "1234" against the feed URL would make every
    # article look new once the feed moves (a permanent redirect changes the base).
    _FeedParserMixin.can_be_relative_uri.discard("id")
    import feedparser.encodings as encodings

    if getattr(encodings, "chardet", None) is not None and not isinstance(encodings.chardet, _BoundedChardet):
        encodings.chardet = _BoundedChardet(encodings.chardet)
    return feedparser


class _BoundedChardet:
    """chardet on the first 16 KiB only: on a 10 MiB body of garbage it would run for a minute."""

    def __init__(self, chardet: Any) -> None:
        self._chardet = chardet

    def detect(self, data: bytes) -> dict:
        return self._chardet.detect(data[:16384])


def looks_like_html(value: str) -> bool:
    """feedparser's guess that a text construct holds markup."""
    from feedparser.mixin import _FeedParserMixin

    return bool(_FeedParserMixin.looks_like_html(value))


def parse_date(text: str | None) -> float | None:
    """A feed date in any format feedparser knows, as epoch seconds."""
    from feedparser.datetimes import _parse_date

    return epoch(_parse_date(text.strip())) if text and text.strip() else None


def _text(detail: Any, value: str | None) -> str:
    """A title or name as plain text: markup dropped when the feed said it was HTML."""
    value = value or ""
    if detail and "html" in (detail.get("type") or "") and "<" in value:
        return html_text(value)
    return one_line(value)


def _content(entry: Any) -> str:
    """The fullest HTML the entry offers: its longest content element, else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or ()]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _authors(entry: Any) -> list[str]:
    # feedparser splits "jane@newsroom.media (Jane Doe)" with a pattern that cuts ".media" in two;
    # the raw field it keeps for a lone author is read again instead.
    details = entry.get("authors") or ()
    raw = entry.get("author")
    if raw and (not details or (len(details) == 1 and details[0].get("email"))):
        return [raw]
    return [a.get("name") or "" for a in details]


def _enclosures(e: Any, base: str) -> list:
    duration = duration_seconds(dict.get(e, "itunes_duration"))
    found = (
        enclosure(x.get("href"), x.get("type"), x.get("length"), duration, base)
        for x in e.get("enclosures") or ()
    )
    return [x for x in found if x is not None]


def _entry(e: Any, base: str) -> ParsedEntry:
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a warning.
    return make_entry(
        (e.get("id") or "").strip() or None,
        e.get("link"),
        _text(e.get("title_detail"), e.get("title")),
        _authors(e),
        epoch(dict.get(e, "published_parsed")),
        epoch(dict.get(e, "updated_parsed")),
        _content(e),
        base,
        _enclosures(e, base),
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


def parse_with_feedparser(
    body: bytes, url: str, headers: dict[str, str], *, well_formed: bool | None = None
) -> ParsedFeed:
    """feedparser's reading of body as a ParsedFeed; raise NotAFeed with a one-line reason.

    headers: lower-case response headers. well_formed=False (an XML parser has already refused the
    document) goes straight to feedparser's loose parser, so the document is parsed once, not twice.
    """
    feedparser = _feedparser()
    response_headers = dict(headers)
    response_headers["content-location"] = url
    response_headers.setdefault("content-type", "application/xml")
    with _GLOBALS:
        api = feedparser.api
        strict = api._XML_AVAILABLE
        if well_formed is False:
            api._XML_AVAILABLE = False
        try:
            d = feedparser.parse(
                defuse_entities(body),
                response_headers=response_headers,
                sanitize_html=False,
                resolve_relative_uris=False,
            )
        finally:
            api._XML_AVAILABLE = strict
    entries = d.get("entries") or []
    if not entries and not d.get("version"):
        raise NotAFeed(_reason(d, body))
    f = d.get("feed") or {}
    title = _text(f.get("title_detail"), f.get("title")) or None
    return feed_of(title, (f.get("link") or "").strip() or None, (_entry(e, url) for e in entries))
