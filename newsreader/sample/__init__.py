"""The sample feed that ships with newsreader, loaded into the store without any network."""

from __future__ import annotations

import time
from importlib import resources

from newsreader.models import FeedUpdate
from newsreader.store import Store

SAMPLE_URL = "newsreader:sample"
SAMPLE_TITLE = "The Harbourside Gazette (sample)"


def sample_bytes() -> bytes:
    return (resources.files(__package__) / "sample.xml").read_bytes()


def load_sample(store: Store) -> int:
    """Subscribe to the sample feed and store its stories; returns the feed's id."""
    from newsreader.feeds import parse_feed

    # full_text "never": the stories are complete in the feed and their links lead nowhere.
    feed, _ = store.add_feed(SAMPLE_URL, title=SAMPLE_TITLE, full_text="never")
    parsed = parse_feed(sample_bytes(), SAMPLE_URL)
    store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=time.time(), feed=parsed))
    return feed.id
