"""Full text: which articles need their linked page fetched, and that page as text for the cleaner.

A feed that gives only a summary (short, or visibly cut off) gets the article's own page fetched
during refresh, so the cleaner has the whole story and reading it later needs no network.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterable

from newsreader.config import FetchLimits
from newsreader.fetch import PAGE_ACCEPT, FetchResult, fetch_url, is_fetchable
from newsreader.models import FullText, ParsedEntry
from newsreader.store import Store

SUMMARY_CHARS = 600  # less text than this is a summary, not an article

_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_TRUNCATED = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\(…\)|read more|continue reading|read the full (?:story|article)|"
    r"weiterlesen|lire la suite|leer más)\W*$",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def plain_text(content_html: str) -> str:
    """Roughly the words of an HTML fragment: enough to judge its length and its ending."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", content_html))).strip()


def is_summary(content_html: str) -> bool:
    """Short, or visibly truncated ("...", "…", "[…]", "Read more", "Continue reading")."""
    text = plain_text(content_html)
    return len(text) < SUMMARY_CHARS or bool(_TRUNCATED.search(text[-80:]))


def wants_page(mode: FullText, entry: ParsedEntry) -> bool:
    """Whether to fetch the page entry links to, under the feed's full_text setting."""
    if mode == "never" or not entry.link or not entry.link.startswith(("http://", "https://")):
        return False
    return mode == "always" or is_summary(entry.content_html)


def pages_to_fetch(store: Store, feed_id: int, entries: Iterable[ParsedEntry]) -> list[tuple[int, str]]:
    """(article id, link) of those entries whose page has not been fetched (or was reset by a change).

    In the order of entries.
    """
    wanted = {e.key: e.link for e in entries if e.link}
    if not wanted:
        return []
    found = store.articles_without_page(feed_id, list(wanted))
    return [(found[key], link) for key, link in wanted.items() if key in found]


def page_outcome(result: FetchResult) -> tuple[str | None, str | None]:
    """(page text, None) for a fetched article page, or (None, the one-line reason there is none)."""
    error = result.error or page_problem(result.content_type)
    if error is not None:
        return None, error
    return _page_decoder()(result.body, result.content_type), None


def _page_decoder():  # noqa: ANN202 - decode_page's signature
    """The one page decoder of clean/ once it has one (so refresh and `extract` agree), else ours."""
    try:
        from newsreader.clean.decode import decode_page as shared
    except ImportError:
        return decode_page
    return shared


def fetch_page_now(store: Store, article_id: int, limits: FetchLimits | None = None) -> str | None:
    """Fetch and store the page of one article now (an article opened before its page arrived).

    Returns None when the page is stored (or already was), else the one-line reason it is not;
    a failure is stored too, so the article is not fetched again on every opening.
    """
    article = store.article(article_id)
    if article.page_html is not None:
        return None
    if not article.link or not is_fetchable(article.link):
        return "no web address to fetch the full text from"
    html, error = page_outcome(fetch_url(article.link, limits, accept=PAGE_ACCEPT))
    store.save_page(article_id, html, error)
    return error


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def page_problem(content_type: str | None) -> str | None:
    """Why a response cannot be an article page, or None when it can."""
    kind = (content_type or "text/html").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        return f"not a web page: {kind[:60]}"
    return None


def decode_page(body: bytes, content_type: str | None) -> str:
    """Bytes of a page as text: the charset the server declares, else the page's own meta, else UTF-8."""
    m = _HEADER_CHARSET.search(content_type or "")
    candidates = [
        "utf-8" if body.startswith(codecs.BOM_UTF8) else None,
        _codec(m.group(1)) if m else None,
        _codec(mm.group(1)) if (mm := _META_CHARSET.search(body[:4096])) else None,
        "utf-8",
    ]
    for name in candidates:
        if name:
            try:
                return body.decode("utf-8-sig" if name == "utf-8" else name)
            except (UnicodeDecodeError, LookupError):
                continue
    return body.decode("cp1252", "replace")
