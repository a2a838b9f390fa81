"""The organizing dialogs from the feed list, with the pilot: add (with discovery), rename, tags, remove."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config, FetchLimits
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from newsreader.ui.dialogs import ChoiceDialog, TextDialog
from newsreader.ui.screens.main_screen import MainScreen
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)
FAST = Config(limits=FetchLimits(connect_timeout=2, timeout=5, retry_after_max=0.1), full_text="never")

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>
<item><title>{title}: first story</title><guid>{title}-1</guid><link>http://127.0.0.1:9/1</link>
<description>Just arrived.</description></item></channel></rss>"""


def page(*hrefs: str) -> str:
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{h}" title="T{h}">' for h in hrefs
    )
    return f"<html><head>{links}</head><body>A page.</body></html>"


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(
        path,
        [
            Sub(
                "https://one.example/feed.xml",
                "Harbour News",
                [Story("Ferry"), Story("Bridge"), Story("Tide")],
            ),
            Sub("https://two.example/feed.xml", "Weather Desk", [Story("Storm"), Story("Sun")]),
        ],
    )
    return path


def stored_feeds(path) -> dict[str, object]:
    with Store(path) as store:
        return {f.url: f for f in store.feeds()}


async def type_in(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_a_adds_the_feed_a_page_names_and_shows_it(store_path, server):
    feed = server.route("/news.xml", RSS.format(title="Loop News"))
    url = server.route("/", page("/news.xml"))
    toasts = Toasts()
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_in(pilot, url)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Loop News: first story" in screen_text(app))
        assert isinstance(app.screen, MainScreen)
        assert f"Added {feed}." in toasts.messages()  # its title comes with its first refresh
    assert feed in stored_feeds(store_path)


async def test_a_on_a_page_naming_several_asks_which_and_adds_only_that(store_path, server):
    server.route("/a.xml", RSS.format(title="Articles"))
    comments = server.route("/c.xml", RSS.format(title="Comments"))
    url = server.route("/", page("/a.xml", "/c.xml"))
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await type_in(pilot, url)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        text = screen_text(app)
        assert (
            "2 feeds found at" in text and "/a.xml" in text and "/c.xml" in text and "All 2 of them" in text
        )
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: "Comments: first story" in screen_text(app))
    feeds = stored_feeds(store_path)
    assert comments in feeds and server.url("/a.xml") not in feeds


async def test_a_on_a_page_without_feeds_says_so_and_adds_nothing(store_path, server):
    url = server.route("/plain", "<html><body>Nothing here.</body></html>")
    toasts = Toasts()
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await type_in(pilot, url)
        await pilot.press("enter")
        await wait_until(pilot, lambda: toasts.messages("error"))
        assert toasts.messages("error") == [f"No feed found at {url}."]
    assert len(stored_feeds(store_path)) == 2


async def test_escape_closes_a_dialog_and_changes_nothing(store_path):
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await pilot.press("x", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert stored_feeds(store_path)["https://one.example/feed.xml"].display_title == "Harbour News"


async def test_e_renames_the_feed_and_empty_goes_back_to_its_own_title(store_path):
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u")  # the field holds the title shown: clear it
        await type_in(pilot, "Harbourside")
        await pilot.press("enter")
        await settle(pilot)
        assert "Harbourside" in screen_text(app)
        assert stored_feeds(store_path)["https://one.example/feed.xml"].display_title == "Harbourside"
        await pilot.press("e", "ctrl+u", "enter")
        await settle(pilot)
        assert stored_feeds(store_path)["https://one.example/feed.xml"].display_title == "Harbour News"


async def test_T_edits_the_tags_and_the_feed_list_shows_them_as_sections(store_path):
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await pilot.pause()
        await type_in(pilot, "local, boats")
        await pilot.press("enter")
        await settle(pilot)
        assert stored_feeds(store_path)["https://one.example/feed.xml"].tags == ("local", "boats")
        text = screen_text(app)
        assert "▾ boats" in text and "▾ local" in text and "▾ untagged" in text
        # and taken away again: the field holds the tags there are
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_in(pilot, "local")
        await pilot.press("enter")
        await settle(pilot)
        assert stored_feeds(store_path)["https://one.example/feed.xml"].tags == ("local",)


async def test_D_says_what_goes_and_removes_a_feed_without_starred(store_path):
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "Harbour News: 3 articles go with it (none starred)." in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Harbour News" not in screen_text(app)
    assert list(stored_feeds(store_path)) == ["https://two.example/feed.xml"]


async def test_D_keeps_a_feed_with_starred_articles_unless_asked_to_remove_them_too(store_path):
    with Store(store_path) as store:
        feed = store.feed_by_url("https://one.example/feed.xml")
        store.set_starred(store.article_ids(feed_id=feed.id)[0], True)
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        text = screen_text(app)
        assert "Harbour News: 3 articles go with it, 1 of them starred." in text
        assert "Keep the feed and its 1 starred article" in text
        await pilot.press("enter")  # the first choice keeps it
        await settle(pilot)
        assert "https://one.example/feed.xml" in stored_feeds(store_path)
        await pilot.press("D")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("j", "enter")
        await settle(pilot)
    assert list(stored_feeds(store_path)) == ["https://two.example/feed.xml"]


# A: mark everything shown read, confirmed above 100; z undoes it


def unread_count(path) -> int:
    with Store(path) as store:
        return store.unread_total()


async def test_A_marks_the_feed_shown_read_and_z_undoes_exactly_that(store_path):
    with Store(store_path) as store:  # one of Harbour News's already read: undo must leave it read
        feed = store.feed_by_url("https://one.example/feed.xml")
        read_before = store.article_ids(feed_id=feed.id)[2]
        store.set_read([read_before], True)
    app = NewsApp(store_path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert unread_count(store_path) == 4
        await pilot.press("A")
        await settle(pilot)
        assert unread_count(store_path) == 2  # Weather Desk's two are left
        assert isinstance(app.screen, MainScreen)  # two articles: no question asked
        await pilot.press("z")
        await settle(pilot)
        assert unread_count(store_path) == 4
        with Store(store_path) as store:
            assert store.article(read_before).read


async def test_A_asks_above_100_articles_and_no_leaves_them(home):
    path = locations.store_file()
    build_store(path, [Sub("https://big.example/feed.xml", "Big", [Story(f"Story {i}") for i in range(120)])])
    app = NewsApp(path, FAST, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("k", "k")  # All unread
        await settle(pilot)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert "Mark 120 articles read? (z undoes it)" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert unread_count(path) == 120
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("y")
        await settle(pilot)
        assert unread_count(path) == 0
        await pilot.press("z")
        await settle(pilot)
        assert unread_count(path) == 120
