"""The user's title for a feed (OPML, newsboat "~Title", rename) wins over the feed's own, across refreshes."""

from __future__ import annotations

import sqlite3

from newsreader import locations
from newsreader.store import MIGRATIONS, SCHEMA_VERSION, Store
from tests.conftest import run_cli

RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
    "<item><title>Story</title><guid>s1</guid><description>Text</description></item></channel></rss>"
)


def test_a_title_the_user_gave_survives_a_refresh(home, server):
    mine = server.route("/mine.xml", RSS.format(title="Daily Call Top Stories"))
    theirs = server.route("/theirs.xml", RSS.format(title="Daily Call Top Stories"))
    opml = home / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline type="rss" text="Call: Politics" xmlUrl="{mine}"/>'
        f'<outline type="rss" xmlUrl="{theirs}"/>'
        "</body></opml>"
    )
    assert run_cli("import", str(opml), home=home).returncode == 0
    out = run_cli("refresh", home=home)
    assert out.returncode == 0, out.stderr
    feeds = run_cli("feeds", home=home).stdout.splitlines()
    assert [line.split("  <")[0].split(None, 1)[1] for line in feeds] == [
        "Call: Politics",
        "Daily Call Top Stories",
    ]
    listed = run_cli("list", home=home).stdout
    assert "Call: Politics" in listed

    with Store(locations.store_file()) as store:
        feed = store.feed_by_url(mine)
        assert feed.title == "Daily Call Top Stories"  # the feed's own, kept up to date by the refresh
        assert feed.user_title == "Call: Politics" and feed.display_title == "Call: Politics"
        store.set_feed_title(feed.id, "Politics desk")
        assert store.feed(feed.id).display_title == "Politics desk"
        assert store.article(store.articles(feed_id=feed.id)[0].id).feed_title == "Politics desk"
        store.set_feed_title(feed.id, None)
        assert store.feed(feed.id).display_title == "Daily Call Top Stories"
        # Subscribing again with a title does not undo a rename.
        store.set_feed_title(feed.id, "Mine")
        store.add_feed(mine, title="Call: Politics")
        assert store.feed(feed.id).display_title == "Mine"


def test_a_version_1_store_gains_user_titles_and_keeps_its_feeds(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)  # as version 1 left it: no user_title column
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO feeds (url, title, added) VALUES ('http://127.0.0.1:9/a.xml', 'Kept', 1.0)")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (feed,) = store.feeds()
        assert feed.display_title == "Kept" and feed.user_title is None
        store.set_feed_title(feed.id, "Renamed")
        assert store.feeds()[0].display_title == "Renamed"
