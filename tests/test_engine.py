"""The engine facade as the faces use it: a real store in tmp_path, a real feed server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from newsreader.config import Config
from newsreader.engine import Engine, EngineError, OfflineError
from tests.conftest import run_cli

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loop</title><link>http://127.0.0.1/</link>
<item><title>One</title><link>http://127.0.0.1/1</link><guid>g-1</guid>
<author>ann@example.com (Ann Writer)</author><description>&lt;p&gt;First story.&lt;/p&gt;</description></item>
<item><title>Two</title><link>http://127.0.0.1/2</link><guid>g-2</guid><description>Second story.</description></item>
</channel></rss>"""

NEVER = Config(full_text="never")


@pytest.fixture
def engine(tmp_path):
    with Engine.open(NEVER, path=tmp_path / "store.db") as e:
        yield e


def test_subscribe_refresh_read_and_change_state(server, engine):
    url = server.route("/feed.xml", FEED)
    added = engine.add_feed(url, tags=["news"])
    assert added.new and added.checked and added.feed.tags == ("news",)
    assert engine.refresh_targets() == 1
    done = []
    summary = engine.refresh(on_feed_done=lambda feed, new, error: done.append((feed.url, new, error)))
    assert summary.new == 2 and summary.failed == [] and done == [(url, 2, None)]
    rows = engine.articles(feed_id=added.feed.id)
    assert sorted(r.title for r in rows) == ["One", "Two"]
    engine.set_starred(rows[0].id, True)
    assert engine.starred_count(added.feed.id) == 1
    assert engine.mark_feed_read(added.feed.id) == 2
    assert engine.articles(unread_only=True) == []
    assert [r.title for r in engine.search("second")] == ["Two"]
    engine.set_state("ui.theme", "newsprint")
    with engine.reopen() as other:  # another connection, as another thread would hold
        assert other.get_state("ui.theme") == "newsprint"


def test_an_offline_engine_refuses_the_network_in_one_place(server, tmp_path):
    url = server.route("/feed.xml", FEED)
    with Engine.open(NEVER, path=tmp_path / "store.db", offline=True) as engine:
        added = engine.add_feed(url)
        assert added.new and not added.checked
        for attempt in (engine.refresh, lambda: engine.extract(url), lambda: engine.check_feed(url)):
            with pytest.raises(OfflineError, match="^--offline: refusing to fetch"):
                attempt()
        assert engine.articles() == [] and len(engine.feeds()) == 1
    assert server.requests == []


def test_viewing_an_article_cleans_it_once_and_stores_the_result(server, engine):
    engine.add_feed(server.route("/feed.xml", FEED))
    engine.refresh()
    first = engine.articles()[-1].id
    assert engine.uncleaned_of([first]) == [first]
    a = engine.cleaned_article(first)
    assert a.cleaned is not None and a.cleaned.body
    assert engine.uncleaned_of([first]) == []
    assert engine.article(first) == a


def test_one_json_form_per_article_shared_by_list_and_search(server, home):
    write = home / "config" / "config.toml"
    write.parent.mkdir(parents=True)
    write.write_text("full_text = 'never'\n")
    assert run_cli("add", server.route("/feed.xml", FEED), home=home).returncode == 0
    assert run_cli("refresh", home=home).returncode == 0
    listed = json.loads(run_cli("list", "--json", home=home).stdout)
    searched = json.loads(run_cli("search", "first", "--json", home=home).stdout)
    by_id = {a["id"]: a for a in listed}
    assert len(searched) == 1 and searched[0] == by_id[searched[0]["id"]]
    with Engine.open(Config()) as engine:
        assert [engine.article(a["id"]).to_json() for a in listed] == listed


def test_remove_and_rename_name_unknown_feeds(engine):
    for attempt in (lambda: engine.remove_feed("127.0.0.1:9/x.xml"), lambda: engine.find_feed("nope")):
        with pytest.raises(EngineError, match="not subscribed to"):
            attempt()
    with pytest.raises(EngineError, match="^not a feed address: ftp://x/y$"):
        engine.add_feed("ftp://x/y")
