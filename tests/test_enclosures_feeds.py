"""Enclosures from both feed readers (RSS enclosure, Atom link rel="enclosure", itunes:duration),
kept by a refresh and carried by `list --json`."""

from __future__ import annotations

import json

from newsreader.feeds import parse_feed
from newsreader.feeds.adapter import parse_with_feedparser
from newsreader.feeds.fast import read_fast
from newsreader.models import Enclosure
from tests.conftest import run_cli

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Harbour Podcast</title><link>http://127.0.0.1/</link>
<itunes:author>Harbour Radio</itunes:author>
<item><title>Episode 1</title><guid isPermaLink="false">ep1</guid><link>http://127.0.0.1/ep1</link>
<description>The first one.</description>
<enclosure url="http://127.0.0.1/media/ep1.mp3" length="5242880" type="audio/mpeg"/>
<itunes:duration>1:02:03</itunes:duration><itunes:explicit>no</itunes:explicit></item>
<item><title>Episode 2</title><guid isPermaLink="false">ep2</guid>
<description>No file here.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<title>Video Desk</title><id>urn:video</id><updated>2026-11-01T00:00:00Z</updated>
<entry><id>urn:v1</id><title>Clip</title><updated>2026-11-01T00:00:00Z</updated>
<link rel="alternate" type="text/html" href="http://127.0.0.1/clip"/>
<link rel="enclosure" type="video/mp4" length="99000" href="media/clip.mp4"/>
<link rel="enclosure" href="http://127.0.0.1/media/clip.srt"/>
<itunes:duration>125</itunes:duration>
<summary>A clip.</summary></entry>
</feed>"""


def test_rss_enclosure_and_itunes_duration_read_alike_by_both_readers():
    url = "http://127.0.0.1/podcast.xml"
    fast = read_fast(RSS, url, {})
    slow = parse_with_feedparser(RSS, url, {})
    assert fast is not None, "a plain podcast feed takes the fast path"
    assert fast == slow
    first, second = fast.entries
    assert first.enclosures == (Enclosure("http://127.0.0.1/media/ep1.mp3", "audio/mpeg", 5242880, 3723),)
    assert second.enclosures == ()


def test_atom_enclosure_links_read_alike_by_both_readers():
    url = "http://127.0.0.1/videos/atom.xml"
    fast = read_fast(ATOM, url, {})
    slow = parse_with_feedparser(ATOM, url, {})
    assert fast is not None and fast == slow
    assert fast.entries[0].enclosures == (
        Enclosure("http://127.0.0.1/videos/media/clip.mp4", "video/mp4", 99000, 125),
        Enclosure("http://127.0.0.1/media/clip.srt", None, None, 125),
    )


def test_a_relative_rss_enclosure_is_left_to_feedparser_and_resolved_against_the_feed():
    body = RSS.replace(b"http://127.0.0.1/media/ep1.mp3", b"media/ep1.mp3")
    assert read_fast(body, "http://127.0.0.1/pods/feed.xml", {}) is None
    parsed = parse_feed(body, "http://127.0.0.1/pods/feed.xml")
    assert parsed.entries[0].enclosures[0].url == "http://127.0.0.1/pods/media/ep1.mp3"


def test_bad_lengths_and_durations_are_unknown_not_errors():
    body = RSS.replace(b'length="5242880"', b'length="about 5 MB"').replace(b"1:02:03", b"an hour")
    for parsed in (
        read_fast(body, "http://127.0.0.1/f", {}),
        parse_with_feedparser(body, "http://127.0.0.1/f", {}),
    ):
        assert parsed.entries[0].enclosures == (
            Enclosure("http://127.0.0.1/media/ep1.mp3", "audio/mpeg", None, None),
        )


def test_refresh_keeps_enclosures_and_list_json_carries_them(server, home):
    feed = server.route("/podcast.xml", RSS, headers={"Content-Type": "application/rss+xml"})
    assert run_cli("add", feed, home=home).returncode == 0
    assert run_cli("refresh", home=home).returncode == 0
    out = run_cli("list", "--json", home=home)
    assert out.returncode == 0, out.stderr
    by_title = {a["title"]: a for a in json.loads(out.stdout)}
    assert by_title["Episode 1"]["enclosures"] == [
        {"url": "http://127.0.0.1/media/ep1.mp3", "type": "audio/mpeg", "length": 5242880, "duration": 3723}
    ]
    assert by_title["Episode 2"]["enclosures"] == []


def test_a_changed_enclosure_replaces_the_old_one(server, home):
    feed = server.route("/podcast.xml", RSS)
    run_cli("add", feed, home=home)
    run_cli("refresh", home=home)
    server.route("/podcast.xml", RSS.replace(b"ep1.mp3", b"ep1-fixed.mp3"))
    assert run_cli("refresh", home=home).returncode == 0
    articles = json.loads(run_cli("list", "--json", home=home).stdout)
    (ep1,) = [a for a in articles if a["title"] == "Episode 1"]
    assert [e["url"] for e in ep1["enclosures"]] == ["http://127.0.0.1/media/ep1-fixed.mp3"]


def test_articles_stored_before_enclosures_get_theirs_without_being_cleaned_again(store):
    from dataclasses import replace

    from newsreader.models import Cleaned, FeedUpdate

    parsed = read_fast(RSS, "http://127.0.0.1/podcast.xml", {})
    bare = replace(parsed, entries=tuple(replace(e, enclosures=()) for e in parsed.entries))
    feed, _ = store.add_feed("http://127.0.0.1/podcast.xml")
    store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=1.0, feed=bare))
    ids = {store.article(i).title: i for i in store.article_ids()}
    store.save_cleaned(ids["Episode 1"], Cleaned(title="Episode 1", body="Cleaned once."))
    assert store.enclosures(ids["Episode 1"]) == ()
    assert store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=2.0, feed=parsed)) == (0, 0)
    episode = store.article(ids["Episode 1"])
    assert episode.enclosures == parsed.entries[0].enclosures
    assert episode.cleaned is not None and episode.cleaned.body == "Cleaned once."


def test_recover_keeps_enclosures(store):
    from newsreader.store import Store, recover

    feed, _ = store.add_feed("http://127.0.0.1/podcast.xml")
    from newsreader.models import FeedUpdate

    parsed = read_fast(RSS, "http://127.0.0.1/podcast.xml", {})
    store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=1.0, feed=parsed))
    path = store.path
    store.close()
    recover(path)
    with Store(path) as again:
        files = [again.enclosures(i) for i in again.article_ids()]
    assert sorted(files, key=len) == [(), parsed.entries[0].enclosures]


def test_only_web_addresses_are_enclosures():
    items = "".join(
        f'<item><guid>g{i}</guid><title>t</title><enclosure url="{u}" type="audio/mpeg"/></item>'
        for i, u in enumerate(
            [
                "file:///etc/passwd",
                "javascript:alert(1)",
                "data:audio/mpeg;base64,AAAA",
                "HTTPS://cdn.example/a.mp3",
            ]
        )
    )
    body = f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()
    for parsed in (
        parse_feed(body, "http://127.0.0.1/f"),
        parse_with_feedparser(body, "http://127.0.0.1/f", {}),
    ):
        assert [e.enclosures for e in parsed.entries] == [
            (),
            (),
            (),
            (Enclosure("HTTPS://cdn.example/a.mp3", "audio/mpeg"),),
        ]
