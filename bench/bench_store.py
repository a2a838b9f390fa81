"""Made-up feeds for the benchmarks that build a store: one shape of article, one memory reading.

Imports nothing heavy at module level: the benchmarks time first paint from before Textual's import.
"""

from __future__ import annotations

import resource
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.models import FeedUpdate
    from newsreader.store import Store

WORDS = "harbour council ferry library storm market road school budget river".split()
BASE_TIME = 1_790_000_000.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_feed(store: Store, f: int, count: int, *, paragraphs: int = 1) -> FeedUpdate:
    """Subscribe to made-up feed f; the update that stores its count articles, newest first."""
    from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed

    feed, _ = store.add_feed(f"https://feed{f}.bench.example/rss", title=f"Bench feed {f}")
    entries = tuple(
        ParsedEntry(
            key=f"{f}-{i}",
            guid=f"{f}-{i}",
            link=f"https://feed{f}.bench.example/{i}",
            title=f"{WORDS[i % 10].title()} story {i} of feed {f}: {WORDS[(i * 7) % 10]} news",
            authors=(f"Writer {i % 37}",),
            published=BASE_TIME - i * 600 - f,
            updated=None,
            # item{f}x{i}: a word found in one article only, for a rare-word search
            content_html=f"<p>About {WORDS[i % 10]} and {WORDS[(i + 3) % 10]}, item{f}x{i}.</p>" * paragraphs,
            content_hash=f"h{f}-{i}",
        )
        for i in range(count)
    )
    parsed = ParsedFeed(title=feed.title, site_url=None, entries=entries)
    return FeedUpdate(feed_id=feed.id, status="ok", fetched_at=BASE_TIME, feed=parsed)
