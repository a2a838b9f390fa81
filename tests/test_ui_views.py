"""Saved views in the feed list as a newsboat user expects query feeds: unread counts, and D deletes one."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.engine import Engine
from newsreader.ui.app import NewsApp
from newsreader.ui.dialogs import ChoiceDialog
from newsreader.ui.messages import FeedsLoaded
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.feed_list import FeedList
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)
STORMS = {"Storms": "storm OR fog"}  # as config.toml's [views] gives it


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(
        path,
        [
            Sub("https://one.example/f.xml", "Harbour News", [Story("Ferry late"), Story("Bridge")]),
            Sub("https://three.example/f.xml", "Weather Desk", [Story("Storm"), Story("Sun"), Story("Fog")]),
        ],
    )
    with Engine.open(Config(), path=path) as engine:
        engine.save_view("Boats", "ferry OR bridge")  # saved from the interface (/ then ctrl+s)
    return path


def feed_rows(app) -> list[str]:
    """The feed pane's rows as shown (the left column, inside its border), spaces squeezed."""
    lines = screen_text(app).splitlines()
    pane = app.screen.query_one("#feeds").region
    rows = [line[pane.x + 1 : pane.right - 1] for line in lines[pane.y + 1 : pane.bottom - 1]]
    return [" ".join(r.split()) for r in rows if r.strip()]


def article_titles(app) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [lst.row(i).title for i in range(lst.count)]


async def test_each_view_shows_its_unread_count_as_feeds_do(store_path):
    app = NewsApp(store_path, Config(views=STORMS), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert feed_rows(app) == [
            "» All unread 5",
            "» Starred",
            "» Storms 2",
            "» Boats 2",
            "Harbour News 2",
            "Weather Desk 3",
        ]
        await pilot.press("u", "g", "j", "j")  # unread only, on Storms: what it lists is what it counts
        await settle(pilot)
        assert "View: Storms (unread only)" in screen_text(app)
        assert sorted(article_titles(app)) == ["Fog", "Storm"]


async def test_the_list_is_shown_first_and_the_counts_follow(store_path):
    """Counting a query can take hundreds of ms on a big store: the feeds come first, then each view's count."""
    seen: list[str] = []

    def hook(message) -> None:
        if isinstance(message, FeedsLoaded | FeedList.ViewCounted):
            seen.append(type(message).__name__)

    app = NewsApp(store_path, Config(views=STORMS), clean_on_start=False)
    async with app.run_test(size=WIDE, message_hook=hook) as pilot:
        await settle(pilot)
    assert seen[0] == "FeedsLoaded" and "ViewCounted" in seen  # (a later load may count again)


async def test_marking_an_article_of_a_view_read_lowers_its_count(store_path):
    app = NewsApp(store_path, Config(views=STORMS), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j", "enter")  # Storms, into its articles
        await settle(pilot)
        await pilot.press("m")  # the first read
        await settle(pilot)
        assert "» Storms 1" in feed_rows(app)
        await pilot.press("j", "m")  # and the second: no count at all, as a feed with none unread
        await settle(pilot)
        assert "» Storms" in feed_rows(app)
        await pilot.press("m")  # unread again
        await settle(pilot)
        assert "» Storms 1" in feed_rows(app)


async def test_A_on_a_view_clears_its_count_and_z_brings_it_back(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j")  # Boats
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        rows = feed_rows(app)
        assert "» Boats" in rows and "Harbour News" in rows  # no count left, the feed's gone too
        await pilot.press("z")
        await settle(pilot)
        assert "» Boats 2" in feed_rows(app)


async def test_a_view_saved_from_search_shows_its_count(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"sun OR fog OR storm", "ctrl+s")
        await settle(pilot)
        await pilot.press(*"Sky", "enter")
        await settle(pilot)
        assert "» Sky 3" in feed_rows(app)


async def test_D_deletes_a_saved_view_after_asking(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j")  # Boats
        await settle(pilot)
        assert "View: Boats" in screen_text(app)
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "Boats: ferry OR bridge. Its articles stay in their feeds." in screen_text(app)
        await pilot.press("enter")  # the first choice deletes it
        await settle(pilot)
        assert not any("Boats" in r for r in feed_rows(app))
        assert "All unread" in screen_text(app)  # listed instead of the view gone
        assert len(article_titles(app)) == 5
    with Engine.open(Config(), path=store_path) as engine:
        assert engine.views() == []
        assert len(engine.feeds()) == 2  # the feeds and articles stay
    app = NewsApp(store_path, Config(), clean_on_start=False)  # and it stays gone at the next start
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert not any("Boats" in r for r in feed_rows(app))


async def test_D_on_a_view_can_keep_it(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j", "D")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("j", "enter")  # Keep it
        await settle(pilot)
        assert "» Boats 2" in feed_rows(app)
    with Engine.open(Config(), path=store_path) as engine:
        assert [v.name for v in engine.views()] == ["Boats"]


async def test_D_on_a_view_of_config_toml_says_in_one_line_to_edit_the_file(store_path, home):
    config_path = home / "config" / "config.toml"
    config = Config(views=STORMS, path=config_path)
    toasts = Toasts()
    app = NewsApp(store_path, config, clean_on_start=False)
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j", "D")  # Storms
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
        assert toasts.messages("warning") == [
            f"The view Storms comes from {config_path}: remove it from [views] there."
        ]
        assert "» Storms 2" in feed_rows(app)


async def test_a_view_that_cannot_be_read_has_no_count_and_the_list_goes_on(store_path):
    # Written by hand into config.toml (the file's check would refuse it; an older grammar might not).
    config = Config(views={"Broken": "(storm", **STORMS})
    app = NewsApp(store_path, config, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = feed_rows(app)
        assert rows[2:5] == ["» Broken", "» Storms 2", "» Boats 2"]
        assert rows[-2:] == ["Harbour News 2", "Weather Desk 3"]
        await pilot.press("G")  # the list still moves and lists
        await settle(pilot)
        assert sorted(article_titles(app)) == ["Fog", "Storm", "Sun"]
