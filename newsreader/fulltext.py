"""Full text: which articles need their linked page fetched, and that page as text for the cleaner.

A feed that gives only a summary (short, or visibly cut off) gets the article's own page fetched
during refresh, so the cleaner has the whole story and reading it later needs no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsreader.config import FetchLimits
from newsreader.fetch import PAGE_ACCEPT, FetchResult, fetch_url, is_fetchable
from newsreader.models import FullText, ParsedEntry
from newsreader.store import Store

SUMMARY_CHARS = 600  # less text than this is a summary, not an article

_TRUNCATED = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\(…\)|read more|continue reading|read the full (?:story|article)|"
    r"weiterlesen|lire la suite|leer más)\W*$",
    re.IGNORECASE,
)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def plain_text(content_html: str) -> str:
    """The words of an HTML fragment: enough to judge its length and its ending."""
    from newsreader.clean.plain import html_text

    return html_text(content_html)


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
    from newsreader.clean.decode import decode_page

    return decode_page(result.body, result.content_type), None


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


def page_problem(content_type: str | None) -> str | None:
    """Why a response cannot be an article page, or None when it can."""
    kind = (content_type or "text/html").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        return f"not a web page: {kind[:60]}"
    return None
