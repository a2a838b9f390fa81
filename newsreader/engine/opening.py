"""Opening one article: its missing full page fetched on the spot when its feed wants it, then cleaned."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.config import Config
from newsreader.models import Article
from newsreader.store import Store

OFFLINE_NOTE = "offline: the full page is not fetched yet"


@dataclass(frozen=True, slots=True)
class Opened:
    """An article as opened: cleaned (from its page when there is one), and why its page is missing, if it is."""

    article: Article
    page_note: str | None = None


def page_wanted(store: Store, config: Config, article: Article) -> bool:
    """Whether the article's feed wants its full page (full_text always, or auto and a summary) and it is missing."""
    if article.page_html is not None:
        return False
    from newsreader.fulltext import wants_page

    mode = config.full_text_for(article.feed_url, store.feed(article.feed_id).full_text)
    return wants_page(mode, article)  # an Article has what a feed entry has for this: link, content_html


def fetch_missing_page(store: Store, config: Config, article: Article, *, offline: bool) -> str | None:
    """Fetch and store the page the article's feed wants but lacks; None when there is nothing to say."""
    if not page_wanted(store, config, article):
        return None
    if offline:
        return OFFLINE_NOTE
    from newsreader.fulltext import fetch_page_now

    error = fetch_page_now(store, article.id, config.limits)
    return f"full page not fetched: {error}" if error else None
