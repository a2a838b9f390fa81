"""Full pages for synced items that hold only a summary, fetched by us as a refresh would fetch them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.config import Config
from newsreader.models import SyncedItem
from newsreader.store import Store


@dataclass(frozen=True, slots=True)
class _Entry:
    """What fulltext.wants_page and pages_to_fetch read of an entry."""

    key: str
    link: str | None
    content_html: str
    published: float | None


def wanted_pages(store: Store, config: Config, items: Sequence[SyncedItem]) -> list[tuple[int, str]]:
    """(article id, link) of the new items whose feed wants the full page, newest first."""
    from newsreader.fulltext import pages_to_fetch, wants_page

    feeds = {f.sync_id: f for f in store.sync_feeds() if f.sync_id}
    stored = {f.id: f.full_text for f in store.feeds(counts=False)}
    modes = {f.id: config.full_text_for(f.url, stored.get(f.id)) for f in feeds.values()}
    if all(mode == "never" for mode in modes.values()):
        return []
    by_feed: dict[int, list[_Entry]] = {}
    for item in sorted(items, key=lambda i: i.published or 0, reverse=True):
        feed = feeds.get(item.feed_sync_id)
        if feed is None:
            continue
        mode = modes[feed.id]
        entry = _Entry(f"greader:{item.sync_id}", item.link, item.content_html, item.published)
        if wants_page(mode, entry):
            by_feed.setdefault(feed.id, []).append(entry)
    return [page for feed_id, entries in by_feed.items() for page in pages_to_fetch(store, feed_id, entries)]


def fetch_pages(store: Store, config: Config, pages: Sequence[tuple[int, str]]) -> int:
    """Fetch and store the pages (within `[fetch]`'s bounds); returns how many were stored."""
    if not pages:
        return 0
    from newsreader.fetch import PAGE_ACCEPT, Fetcher
    from newsreader.fulltext import page_outcome

    async def run() -> list:
        async with Fetcher(config.limits) as fetcher:
            return await asyncio.gather(*(fetcher.get(link, accept=PAGE_ACCEPT) for _, link in pages))

    stored = 0
    for (article_id, _), result in zip(pages, asyncio.run(run()), strict=True):
        html, error = page_outcome(result)
        store.save_page(article_id, html, error)
        stored += html is not None
    return stored
