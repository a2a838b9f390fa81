"""A store whose one article, a podcast episode, carries an enclosure: for the enclosure tests."""

from __future__ import annotations

from pathlib import Path

from newsreader.models import Cleaned, Enclosure, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store

PUBLISHED = 1_795_000_000.0


def podcast_store(path: Path, url: str, length: int | None = None, key: str = "ep1") -> int:
    """Store an episode with an enclosure at url (cleaned, its page kept); returns the article's id."""
    with Store(path) as store:
        feed, _ = store.add_feed("http://127.0.0.1:9/podcast.xml", title="Harbour Podcast")
        entry = ParsedEntry(
            key=key,
            guid=key,
            link=f"http://127.0.0.1:9/{key}",
            title="Episode " + key.removeprefix("ep"),
            authors=("Mara Okafor",),
            published=PUBLISHED,
            updated=None,
            content_html="<p>The first episode.</p>",
            content_hash="h1",
            enclosures=(Enclosure(url, "audio/mpeg", length, 3723),),
        )
        parsed = ParsedFeed(title="Harbour Podcast", site_url=None, entries=(entry,))
        store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=PUBLISHED, feed=parsed))
        (article_id,) = [i for i in store.article_ids() if store.article(i).key == key]
        store.save_page(article_id, "<html><body><p>The first episode.</p></body></html>", None)
        cleaned = Cleaned(title=entry.title, authors=("Mara Okafor",), body="The first episode.")
        store.save_cleaned(article_id, cleaned)
        return article_id
