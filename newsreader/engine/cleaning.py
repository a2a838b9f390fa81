"""The cleaning stage: one stored article on demand (first view, `list --json`), or all pending in a pool."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from newsreader.clean.cleaner import clean_html
from newsreader.clean.errors import CleanError
from newsreader.engine.connect import open_store
from newsreader.models import Article, Cleaned
from newsreader.store import Store
from newsreader.text import one_line

# A full page whose story comes out shorter than this is a paywall or a teaser: the feed's text wins.
_SHORT_PAGE_BODY = 400


def _clean_quietly(html: str, url: str | None, feed_item: bool | None) -> tuple[Cleaned | None, str | None]:
    try:
        return clean_html(html, url=url, feed_item=feed_item), None
    except CleanError as exc:
        return None, one_line(str(exc))
    except Exception as exc:  # noqa: BLE001 - a page must never take the reader down; the reason is stored
        return None, one_line(f"cleaner failed: {type(exc).__name__}: {exc}")[:300]


def clean_article(article: Article) -> tuple[Cleaned | None, str | None]:
    """What the cleaner makes of an article: its fetched page if any, else the feed's own HTML."""
    cleaned, error = None, None
    if article.page_html:
        cleaned, error = _clean_quietly(article.page_html, article.link, None)
        if error:
            error = f"page: {error}"
    if (cleaned is None or len(cleaned.body) < _SHORT_PAGE_BODY) and article.content_html.strip():
        from_feed, feed_error = _clean_quietly(article.content_html, article.link, None)
        if from_feed is not None and (cleaned is None or len(from_feed.body) > len(cleaned.body)):
            cleaned = replace(
                from_feed,
                authors=from_feed.authors or (cleaned.authors if cleaned else ()),
                published=from_feed.published or (cleaned.published if cleaned else None),
            )
        elif cleaned is None:
            error = feed_error if not error else error
    if cleaned is not None and not cleaned.authors and article.authors:
        cleaned = replace(cleaned, authors=tuple(article.authors))
    return cleaned, error


def ensure_cleaned(store: Store, article_id: int) -> Article:
    """The article with its cleaned fields, cleaning and storing them first if needed; never raises for content."""
    article = store.article(article_id)
    if article.cleaned is not None:
        return article
    cleaned, error = clean_article(article)
    if store.read_only:  # shown, not kept: a read-only store still reads
        return replace(article, cleaned=cleaned, clean_error=error)
    store.save_cleaned(article_id, cleaned, error)
    return store.article(article_id)


# -- the background pass --------------------------------------------------------------------------

_worker_store: Store | None = None


def _open_worker_store(store_path: str, busy_timeout: float) -> None:
    global _worker_store
    _worker_store = open_store(store_path, busy_timeout=busy_timeout)


def _clean_in_worker(article_id: int) -> int:
    assert _worker_store is not None
    try:
        ensure_cleaned(_worker_store, article_id)
    except KeyError:
        pass  # removed (with its feed) since the pass began
    return article_id


def clean_pool(
    store_path: Path | str, *, workers: int = 2, busy_timeout: float = 30.0
) -> ProcessPoolExecutor:
    """Worker processes for clean_pending, each with its own store connection; reusable across calls.

    They ignore Ctrl+C and end with this process, even after a kill -9 of it.
    """
    from newsreader.pools import worker_pool

    return worker_pool(workers, initializer=_open_worker_store, initargs=(str(store_path), busy_timeout))


def clean_pending(
    store_path: Path | str,
    *,
    limit: int | None = None,
    workers: int = 2,
    on_done: Callable[[int], None] | None = None,
    ids: Sequence[int] | None = None,
    pool: ProcessPoolExecutor | None = None,
    busy_timeout: float = 30.0,
) -> int:
    """Clean articles not yet cleaned (or just those of ids), newest first, in worker processes.

    Pass a pool from clean_pool to keep its processes between calls (starting one costs about a second).
    Returns how many were cleaned.
    """
    with open_store(store_path, busy_timeout=busy_timeout) as store:
        if store.read_only:  # nowhere to keep the results: each article is cleaned when shown
            return 0
        if ids is not None:
            ids = store.uncleaned_of(ids)
        else:
            ids = store.uncleaned(limit=limit if limit is not None else 1_000_000)
    if not ids:
        return 0
    done = 0
    own = pool is None
    if pool is None:
        pool = clean_pool(store_path, workers=workers, busy_timeout=busy_timeout)
    try:
        for future in as_completed([pool.submit(_clean_in_worker, i) for i in ids]):
            article_id = future.result()
            done += 1
            if on_done is not None:
                on_done(article_id)
    finally:
        if own:
            pool.shutdown()
    return done
