"""Filters at refresh, against a feed served on 127.0.0.1: delete, read and hide, in order, on new articles only."""

from __future__ import annotations

import pytest

from newsreader.config import Config
from newsreader.config_query import Filter
from newsreader.engine import Engine
from tests.conftest import run_cli, write_config
from tests.ui_store import utc  # noqa: F401 - a fixture: the dates the list shows, in UTC


def rss(*items: tuple[str, str, str]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>http://127.0.0.1/{g}</link><guid>{g}</guid>"
        f"<author>{a}</author><description>About {t.lower()}.</description></item>"
        for g, t, a in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>{body}</channel></rss>'


ITEMS = (
    ("g1", "Ferry timetable changes", "ann@example.com (Ann Lee)"),
    ("g2", "Sponsored: the best kettles", "ads@example.com (Ad Desk)"),
    ("g3", "Paid post: holidays", "ads@example.com (Ad Desk)"),
    ("g4", "Storm warning", "bot@example.com (Weather Bot)"),
)


def engine_with(tmp_path, *filters: Filter) -> Engine:
    return Engine.open(Config(full_text="never", filters=filters), path=tmp_path / "store.db")


def titles(rows) -> list[str]:
    return sorted(r.title for r in rows)


def test_each_action_applies_to_new_articles_in_order(server, tmp_path):
    url = server.route("/feed.xml", rss(*ITEMS))
    filters = (
        Filter('title:sponsored OR title:"paid post"', "delete"),
        Filter('author:"Weather Bot"', "hide"),
        Filter("storm OR ferry", "read"),  # the storm warning is hidden already: only the ferry is read
    )
    with engine_with(tmp_path, *filters) as engine:
        engine.add_feed(url)
        summary = engine.refresh()
        assert summary.new == 1 and summary.failed == []  # two deleted, one hidden: one new to show
        assert titles(engine.articles()) == ["Ferry timetable changes"]
        assert engine.articles()[0].read  # the read filter
        assert engine.articles(unread_only=True) == []
        assert engine.search("storm") == [] and engine.query_ids("storm") == []  # hidden from every list
        shown_all = engine.rows(engine.article_ids(include_hidden=True))
        assert titles(shown_all) == ["Ferry timetable changes", "Storm warning"]  # u (all) shows it
        assert engine.feeds()[0].unread == 0  # the hidden one is read: no unread count for it
        assert engine.search("kettles") == []  # deleted


def test_a_deleted_article_does_not_come_back_on_the_next_refresh(server, tmp_path):
    url = server.route("/feed.xml", rss(*ITEMS))
    with engine_with(tmp_path, Filter("title:sponsored", "delete")) as engine:
        engine.add_feed(url)
        assert engine.refresh().new == 3
        server.route("/feed.xml", rss(*ITEMS, ("g5", "New ferry", "ann@example.com (Ann Lee)")))
        again = engine.refresh()
        assert again.new == 1  # only g5: the sponsored item is still in the feed, and still gone
        assert "Sponsored: the best kettles" not in titles(engine.articles())


def test_filters_leave_older_articles_alone(server, tmp_path):
    url = server.route("/feed.xml", rss(*ITEMS))
    with Engine.open(Config(full_text="never"), path=tmp_path / "store.db") as engine:
        engine.add_feed(url)
        engine.refresh()
    with engine_with(tmp_path, Filter("ferry", "delete")) as engine:
        server.route("/feed.xml", rss(*ITEMS, ("g5", "Ferry fares rise", "ann@example.com (Ann Lee)")))
        assert engine.refresh().new == 0  # the new ferry article went; the old one stays
        assert "Ferry timetable changes" in titles(engine.articles())
        assert "Ferry fares rise" not in titles(engine.articles())


def test_filters_from_config_toml_apply_at_a_command_line_refresh(server, home):
    url = server.route("/feed.xml", rss(*ITEMS))
    write_config(
        home,
        '[[filters]]\nquery = "title:sponsored"\naction = "delete"\n\n'
        '[[filters]]\nquery = "author:Bot"\naction = "hide"\n',
    )
    assert run_cli("add", url, home=home).returncode == 0
    out = run_cli("refresh", home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("2 new articles")
    listed = run_cli("list", home=home).stdout
    assert "Ferry timetable" in listed and "Paid post" in listed
    assert "Sponsored" not in listed and "Storm warning" not in listed


def test_a_bad_filter_is_one_line_with_its_place_in_config_toml(server, home):
    write_config(
        home, '[[filters]]\nquery = "x"\naction = "delete"\n\n[[filters]]\nquery = "(oops"\naction = "hide"\n'
    )
    out = run_cli("refresh", home=home)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1
    assert "config.toml:5: [[filters]] query: missing ) for this ( at column 1" in out.stderr


@pytest.mark.usefixtures("utc")
async def test_the_interface_shows_hidden_articles_only_when_u_shows_all(home):
    from newsreader import locations
    from newsreader.store import Store
    from newsreader.ui.app import NewsApp
    from tests.ui_store import build_store, screen_text, settle, standard_subs

    path = locations.store_file()
    build_store(path, standard_subs())
    with Store(path) as store:
        weather = next(f for f in store.feeds() if f.url == "https://two.example/feed.xml")
        done = store.apply_filters(store.compile_filters([Filter("title:storm", "hide")]), weather.id, 0)
        assert done.hidden == 1
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("h", "j", "enter")  # Weather Desk
        await settle(pilot)
        assert "Storm warning" in screen_text(app)  # showing all: the hidden one too
        await pilot.press("u")
        await settle(pilot)
        text = screen_text(app)
        assert "(unread only)" in text and "Storm warning" not in text and "Sunny spell" in text
    with Engine.open(Config(), path=path) as engine:
        assert "Storm warning" not in titles(engine.articles())  # out of every other list
        assert engine.search("storm") == []
