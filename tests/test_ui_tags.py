"""Tags in the feed list: one section per tag with its unread count, collapsible, t for one tag; views on top."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.ui.app import NewsApp
from newsreader.ui.dialogs import ChoiceDialog
from newsreader.ui.widgets.article_list import ArticleList
from tests.ui_store import Story, Sub, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(
        path,
        [
            Sub(
                "https://one.example/f.xml",
                "Harbour News",
                [Story("Ferry late"), Story("Bridge")],
                tags=("local",),
            ),
            Sub("https://two.example/f.xml", "Boat Weekly", [Story("Sails")], tags=("boats", "local")),
            Sub("https://three.example/f.xml", "Weather Desk", [Story("Storm"), Story("Sun"), Story("Fog")]),
        ],
    )
    return path


def feed_pane(app) -> list[str]:
    """The feed pane's lines as shown (the left column of the screen, inside its border)."""
    lines = screen_text(app).splitlines()
    left = app.screen.query_one("#feeds").region
    return [line[left.x + 1 : left.right - 1].rstrip() for line in lines[left.y + 1 : left.bottom - 1]]


def article_titles(app) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [lst.row(i).title for i in range(lst.count)]


async def test_tags_are_sections_with_unread_counts_feeds_under_each_untagged_last(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = [" ".join(r.split()) for r in feed_pane(app) if r.strip()]
        assert rows == [
            "» All unread 6",
            "» Starred",
            "▾ boats 1",
            "Boat Weekly 1",
            "▾ local 3",
            "Harbour News 2",
            "Boat Weekly 1",
            "▾ untagged 3",
            "Weather Desk 3",
        ]
        assert "6 unread" in screen_text(app)  # the status counts each feed once


async def test_a_section_heading_lists_its_articles_h_closes_it_and_enter_opens_it(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j", "j", "j")  # ▾ local
        await settle(pilot)
        assert sorted(article_titles(app)) == ["Bridge", "Ferry late", "Sails"]
        await pilot.press("j", "h")  # from Harbour News inside it
        await settle(pilot)
        rows = [" ".join(r.split()) for r in feed_pane(app) if r.strip()]
        assert "▸ local 3" in rows and "Harbour News 2" not in rows
        await pilot.press("enter")
        await settle(pilot)
        rows = [" ".join(r.split()) for r in feed_pane(app) if r.strip()]
        assert "▾ local 3" in rows and "Harbour News 2" in rows


async def test_untagged_section_lists_the_feeds_without_a_tag(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("G", "k")  # ▾ untagged
        await settle(pilot)
        assert sorted(article_titles(app)) == ["Fog", "Storm", "Sun"]


async def test_t_shows_one_tag_and_its_articles_then_all_again(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = screen_text(app)
        assert "All feeds" in text and "#boats" in text and "#local" in text
        await pilot.press("j", "j", "enter")  # #local
        await settle(pilot)
        rows = [" ".join(r.split()) for r in feed_pane(app) if r.strip()]
        assert rows == ["» All unread 6", "» Starred", "▾ local 3", "Harbour News 2", "Boat Weekly 1"]
        assert "Feeds: #local" in screen_text(app)
        assert sorted(article_titles(app)) == ["Bridge", "Ferry late", "Sails"]
        assert "Tag: local" in screen_text(app)
        await pilot.press("t", "enter")  # All feeds
        await settle(pilot)
        assert any("Weather Desk" in r for r in feed_pane(app))


async def test_saved_views_of_the_config_are_listed_at_the_top_and_list_their_articles(store_path):
    config = Config(views={"Storms": "storm OR fog"})
    app = NewsApp(store_path, config, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = [" ".join(r.split()) for r in feed_pane(app) if r.strip()]
        assert rows[:3] == ["» All unread 6", "» Starred", "» Storms 2"]
        await pilot.press("g", "j", "j")
        await settle(pilot)
        assert sorted(article_titles(app)) == ["Fog", "Storm"]
        assert "View: Storms" in screen_text(app)


async def test_a_feed_without_tags_anywhere_keeps_the_plain_list(home):
    path = locations.store_file()
    build_store(path, [Sub("https://a.example/f.xml", "Plain", [Story("One")])])
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)  # nothing to pick: it says how to tag
        rows = [" ".join(r.split()) for r in feed_pane(app) if r.strip()]
        assert rows == ["» All unread 1", "» Starred", "Plain 1"]


class TestSnapshots:
    """The feed list with its sections and a saved view, as a user sees it (update: --snapshot-update)."""

    def test_sections_and_views(self, store_path, snap_compare):
        async def run_before(pilot) -> None:
            await settle(pilot)
            await pilot.press("j", "h")  # the section of the feed under the cursor closed
            await settle(pilot)

        app = NewsApp(store_path, Config(views={"Storms": "storm OR fog"}), clean_on_start=False)
        assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


async def test_the_tag_shown_at_quit_is_shown_again_at_the_next_start(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g", "j", "j", "j", "j")  # ▾ local
        await settle(pilot)
        assert "Tag: local" in screen_text(app)
        await pilot.press("q")
        await settle(pilot)
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Tag: local" in screen_text(app)
        assert sorted(article_titles(app)) == ["Bridge", "Ferry late", "Sails"]
