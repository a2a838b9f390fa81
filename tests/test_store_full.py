"""A full disk: the write that hits it says "disk full" in one line, and the store stays as it was."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store, StoreFull


def entries(prefix: str, count: int, size: int = 4000) -> tuple[ParsedEntry, ...]:
    return tuple(
        ParsedEntry(
            key=f"{prefix}{i}",
            guid=f"{prefix}{i}",
            link=f"http://127.0.0.1:9/{prefix}{i}",
            title=f"Story {prefix}{i}",
            authors=(),
            published=float(i),
            updated=None,
            content_html="<p>" + "x" * size + "</p>",
            content_hash=f"{prefix}{i}",
        )
        for i in range(count)
    )


def update(feed_id: int, items: tuple[ParsedEntry, ...]) -> FeedUpdate:
    return FeedUpdate(feed_id, "ok", 1.0, feed=ParsedFeed(title="Loopback", site_url=None, entries=items))


def full_store(path: Path) -> tuple[Store, int]:
    """A store with 20 articles whose connection may grow it by only a few pages, as a full disk would."""
    store = Store(path)
    feed, _ = store.add_feed("http://127.0.0.1:9/feed.xml")
    store.apply_update(update(feed.id, entries("a", 20)))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 5}")  # SQLite then answers SQLITE_FULL
    return store, feed.id


def test_a_write_that_fills_the_store_says_disk_full_and_changes_nothing(tmp_path):
    path = tmp_path / "newsreader.db"
    store, feed_id = full_store(path)
    try:
        with pytest.raises(StoreFull) as caught:
            store.apply_update(update(feed_id, entries("b", 200)))
        assert str(caught.value) == f"disk full: cannot write to the store {path}; nothing was changed"
        assert "rollback" not in str(caught.value)
        # Still usable: reads, and small writes that fit.
        assert len(store.articles()) == 20
        store.set_read([store.articles()[0].id])
        with pytest.raises(StoreFull):
            store.apply_updates([update(feed_id, entries("c", 200))])
        with pytest.raises(StoreFull):
            store.index_pending()
    finally:
        store.close()
    with Store(path) as again:
        assert again.integrity_ok()
        assert len(again.articles()) == 20 and len(again.articles(unread_only=True)) == 19


def _limit_file_size(limit: int) -> None:
    # Python starts with SIGXFSZ ignored, so going past the limit is a failed write, as on a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_refresh_that_fills_the_disk_ends_in_one_line_with_the_store_intact(home, server):
    def rss(n: int) -> str:
        items = "".join(
            f"<item><title>Feed {n} story {i}</title><guid>f{n}-{i}</guid>"
            f"<description>{'words of the story ' * 400}</description></item>"
            for i in range(30)
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>{items}</channel></rss>'
        )

    path = locations.store_file()
    with Store(path) as store:
        for n in range(8):
            store.add_feed(server.route(f"/feed{n}.xml", rss(n)))
    size = path.stat().st_size
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-m", "newsreader", "refresh"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limit_file_size(size + 300_001),  # room for about one feed's articles
    )
    assert out.returncode == 1, out.stdout
    assert out.stderr == f"newsreader: disk full: cannot write to the store {path}; nothing was changed\n"
    with Store(path) as store:
        assert store.integrity_ok()
        feeds = store.feeds()
        assert len(feeds) == 8
        # Each feed's articles arrive whole or not at all.
        assert all(f.total in (0, 30) for f in feeds)
        assert sum(f.total for f in feeds) < 8 * 30
