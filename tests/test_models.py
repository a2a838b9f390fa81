"""The types that cross process boundaries survive pickling whole."""

from __future__ import annotations

import pickle

from newsreader.models import Cleaned, Contact, ParsedEntry, ParsedFeed


def test_parsed_feeds_and_cleaned_articles_pickle_whole():
    entry = ParsedEntry("k", None, "http://127.0.0.1:9/a", "Title", ("Ann", "Bo"), 1.5, None, "<p>x</p>", "h")
    feed = ParsedFeed("Feed", None, (entry, entry))
    cleaned = Cleaned(
        title="T", authors=("Ann",), body="text", contacts=(Contact("email", "a@b.c", "Mail a@b.c"),)
    )
    for value in (entry, feed, cleaned):
        copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == value and type(copy) is type(value)
    assert pickle.loads(pickle.dumps(feed)).entries[1].authors == ("Ann", "Bo")
