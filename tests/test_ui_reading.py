"""Reading with the keyboard: every binding of the main screen, driven through App.run_test()."""

from __future__ import annotations

import sqlite3
import webbrowser

import pytest
from textual.command import CommandPalette
from textual.widgets import Markdown

from newsreader import locations
from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.help_screen import HelpScreen
from newsreader.ui.screens.main_screen import MainScreen
from newsreader.ui.screens.theme_picker import ThemePicker
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.body_pane import BodyPane
from newsreader.ui.widgets.feed_list import FeedList
from tests.ui_store import (  # noqa: F401
    Story,
    Sub,
    Toasts,
    build_store,
    open_theme_picker,
    screen_text,
    settle,
    standard_subs,
    utc,
)

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(path, standard_subs())
    return path


def make_app(store_path, **config) -> NewsApp:
    return NewsApp(store_path, Config(**config), clean_on_start=False)


def parts(app):
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen, screen.query_one(FeedList), screen.query_one(ArticleList), screen.query_one(BodyPane)


def titles(app) -> list[str]:
    lst = parts(app)[2]
    return [lst.row(i).title for i in range(lst.count)]


async def open_second_article(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the first feed's articles
    await settle(pilot)
    await pilot.press("j", "enter")
    await settle(pilot)


async def test_enter_opens_feed_then_article_with_byline_and_metadata(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, feeds, articles, body = parts(app)
        assert feeds.current_view().kind == "feed"  # the cursor starts on the first feed
        assert screen.focused is feeds
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is articles
        assert titles(app) == ["Ferry timetable changes", "Library lends tools", "Bike lane vote delayed"]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is body
        text = screen_text(app)
        assert "Ferry timetable changes" in text
        assert "The ferry runs every twenty minutes" in text
        assert "Mara Okafor" in text
        assert "tips@one.example" in text
        assert "Photo: Jonah Reyes" in text
        assert "Correction: the ferry" in text
    with Store(store_path) as store:
        assert store.article(articles.ids[0]).read


async def test_j_k_and_arrows_move_the_cursor(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, feeds, articles, _ = parts(app)
        start = feeds.cursor
        await pilot.press("j")
        assert feeds.cursor == start + 1
        await pilot.press("k", "k")
        assert feeds.cursor == start - 1
        await pilot.press("down")
        assert feeds.cursor == start
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "j", "up")
        assert articles.cursor == 1
        await pilot.press("j", "j", "j")  # stops at the end
        assert articles.cursor == 2


async def test_h_and_escape_go_back(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_second_article(pilot)
        screen, feeds, articles, body = parts(app)
        assert screen.focused is body
        await pilot.press("h")
        assert screen.focused is articles
        await pilot.press("escape")
        assert screen.focused is feeds


async def test_l_opens_like_enter_and_all_unread_lists_every_feed(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, feeds, articles, body = parts(app)
        await pilot.press("k", "k", "l")  # "All unread", at the top of the feeds pane
        await settle(pilot)
        assert feeds.current_view().kind == "unread"
        assert screen.focused is articles
        assert len(titles(app)) == 5
        assert "· Weather Desk" in screen_text(app)  # a view across feeds names each article's feed
        await pilot.press("l")
        await settle(pilot)
        assert screen.focused is body and screen.article.title == "Ferry timetable changes"


async def test_space_and_b_page_the_body(store_path):
    app = make_app(store_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # the long ferry story
        await settle(pilot)
        body = parts(app)[3]
        assert body.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert body.scroll_y > 5
        await pilot.press("b")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_pagedown_and_pageup_move_a_screenful(home):
    from tests.ui_store import Story, Sub

    path = locations.store_file()
    build_store(path, [Sub("https://many.example/f", "Many", [Story(f"Story {i}") for i in range(100)])])
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        articles = parts(app)[2]
        await pilot.press("pagedown")
        assert articles.cursor > 5
        await pilot.press("pageup")
        assert articles.cursor == 0


async def test_n_and_N_walk_unread_across_feeds(store_path):
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await settle(pilot)
        screen = parts(app)[0]
        opened = []
        for _ in range(5):
            await pilot.press("n")
            await settle(pilot)
            opened.append(screen.article.title)
        assert opened == [
            "Ferry timetable changes",
            "Library lends tools",
            "Bike lane vote delayed",
            "Storm warning",
            "Sunny spell",
        ]
        await pilot.press("n")
        await settle(pilot)
        assert screen.article.title == "Sunny spell"  # nothing left: stays, with a notification
        assert any("No more unread" in m for m in toasts.messages())
        with Store(store_path) as store:
            assert store.get_state("ui.view") is not None
            assert all(f.unread == 0 for f in store.feeds())


async def test_N_goes_back_to_the_previous_feed(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, feeds, articles, _ = parts(app)
        await pilot.press("j", "enter")  # Weather Desk
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert screen.article.title == "Bike lane vote delayed"
        assert feeds.current_view() == screen.view


async def test_m_toggles_read_and_A_marks_the_feed_read(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        articles = parts(app)[2]
        first = articles.current_id()
        await pilot.press("m")
        await settle(pilot)
        with Store(store_path) as store:
            assert store.article(first).read
        await pilot.press("m")
        await settle(pilot)
        with Store(store_path) as store:
            assert not store.article(first).read
        await pilot.press("A")
        await settle(pilot)
        with Store(store_path) as store:
            feed = store.feed(store.article(first).feed_id)
            assert feed.unread == 0
        assert parts(app)[1].entries[2].unread == 0  # the count on screen follows


async def test_A_clears_the_unread_dots_at_once_and_m_then_acts_on_the_fresh_state(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Harbour News: three unread
        await settle(pilot)
        assert screen_text(app).count("●") == 3
        busy = sqlite3.connect(store_path)  # another writer (a refresh, say) holds the store a moment
        busy.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("A")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen_text(app).count("●") == 0  # at once, not once the store has it
        finally:
            busy.rollback()
            busy.close()
        await settle(pilot)
        assert screen_text(app).count("●") == 0
        first = parts(app)[2].current_id()
        await pilot.press("m")  # read -> unread, as the screen shows it read
        await settle(pilot)
        assert screen_text(app).count("●") == 1
        with Store(store_path) as store:
            assert not store.article(first).read
            assert store.feed(store.article(first).feed_id).unread == 1


async def test_s_stars_and_the_starred_view_lists_it(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "s")
        await settle(pilot)
        with Store(store_path) as store:
            assert [r.title for r in store.articles(starred_only=True)] == ["Library lends tools"]
        await pilot.press("h", "k", "enter")  # the Starred view, just above the first feed
        await settle(pilot)
        assert titles(app) == ["Library lends tools"]


async def test_o_opens_web_links_only(store_path, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.setattr(webbrowser, "get", lambda *a: (_ for _ in ()).throw(webbrowser.Error("none")))
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await open_second_article(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://news.example/1"]
        markdown = app.screen.query_one(Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "javascript:alert(1)"))  # a link in a body
        markdown.post_message(Markdown.LinkClicked(markdown, "file:///etc/passwd"))
        markdown.post_message(Markdown.LinkClicked(markdown, "https://ok.example/x"))
        await settle(pilot)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://evil.example/\x1b]0;PWNED\x07"))
        markdown.post_message(Markdown.LinkClicked(markdown, "https://evil.example/\u202egnp.exe"))
        markdown.post_message(Markdown.LinkClicked(markdown, "ftp://files.example/x"))
        await settle(pilot)
        assert opened == ["https://news.example/1", "https://ok.example/x"]
        refused = [m for m in toasts.messages("warning") if m.startswith("Refused")]
        assert len(refused) == 5 and all("\n" not in m and "\x1b" not in m for m in refused)
        assert "Refused: the link has control characters." in refused
        assert "Refused: only http, https and mailto links are opened." in refused


async def test_y_copies_the_link(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_second_article(pilot)
        await pilot.press("y")
        assert app.clipboard == "https://news.example/1"


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "https://x.example/\x1b]0;T\x07",
    ],
)
async def test_y_refuses_links_that_o_refuses_too(home, link):
    build_store(locations.store_file(), [Sub("https://f.example/feed", "Feed", [Story("Odd", link=link)])])
    app = make_app(locations.store_file())
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "o")
        await settle(pilot)
        assert app.clipboard == ""
        refused = [m for m in toasts.messages("warning") if m.startswith("Refused")]
        assert len(refused) == 2 and refused[0] == refused[1]  # the same one line for y and o


async def test_slash_searches_everything_and_shows_results_as_a_view(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"gusts")
        await pilot.press("enter")
        await settle(pilot)
        screen, feeds, articles, _ = parts(app)
        assert titles(app) == ["Storm warning"]
        assert feeds.current_view().kind == "search"
        assert "Search: gusts" in screen_text(app)
        assert screen.focused is articles
        await pilot.press("slash", "x", "escape")  # escape closes the search line without searching
        assert titles(app) == ["Storm warning"]


async def test_u_toggles_unread_only_and_it_persists(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_second_article(pilot)  # reads "Library lends tools"
        await pilot.press("h", "u")
        await settle(pilot)
        assert titles(app) == ["Ferry timetable changes", "Bike lane vote delayed"]
        assert "(unread only)" in screen_text(app)
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert parts(app)[0].unread_only
        await pilot.press("u")
        await settle(pilot)
        assert len(titles(app)) == 3


async def test_selection_and_open_article_persist_across_restarts(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_second_article(pilot)
        await pilot.press("q")
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, _, articles, _ = parts(app)
        assert articles.cursor == 1
        assert screen.article is not None and screen.article.title == "Library lends tools"


async def test_cursor_without_opening_persists_too(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # Weather Desk
        await settle(pilot)
        await pilot.press("j", "q")
        await pilot.pause()
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, _, articles, _ = parts(app)
        assert titles(app)[articles.cursor] == "Sunny spell"
        assert screen.article is None  # selected, not opened
        assert screen.focused is articles


async def test_t_chooses_a_theme_that_persists(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "ink"
        await open_theme_picker(pilot)
        assert isinstance(app.screen, ThemePicker)
        names = app.screen.names
        await pilot.press("escape")
        assert app.theme == "ink"
        await open_theme_picker(pilot)
        for _ in range(names.index("newsprint") - names.index("ink")):
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "newsprint"
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        assert app.theme == "newsprint"


async def test_question_mark_lists_every_key_with_overrides(store_path):
    app = make_app(store_path, keys={"cursor_down": ["ctrl+n"], "toggle_star": ["X"]})  # S saves
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        feeds = parts(app)[1]
        start = feeds.cursor
        await pilot.press("j")
        assert feeds.cursor == start  # j was replaced
        await pilot.press("ctrl+n")
        assert feeds.cursor == start + 1
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "ctrl+n" in text and "Move down" in text
        assert "Star or unstar" in text and "Search every cached article" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_ctrl_p_palette_runs_the_same_commands(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Star or unstar")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        with Store(store_path) as store:
            assert [r.title for r in store.articles(starred_only=True)] == ["Ferry timetable changes"]


async def test_q_quits(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_mouse_clicks_open_feeds_and_articles(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, feeds, articles, _ = parts(app)
        await pilot.click("#feeds", offset=(5, 4))  # the second feed's row (inside the border)
        await settle(pilot)
        await pilot.click("#feeds", offset=(5, 4))
        await settle(pilot)
        assert titles(app) == ["Storm warning", "Sunny spell"]
        await pilot.click("#articles", offset=(5, 1), times=2)
        await settle(pilot)
        assert screen.article is not None and screen.article.title == "Storm warning"


async def test_the_footer_shows_overridden_keys_and_a_click_runs_one(home):
    from newsreader.ui.widgets.key_bar import KeyBar

    build_store(locations.store_file(), standard_subs())
    app = NewsApp(locations.store_file(), Config(keys={"search": ["f"]}), clean_on_start=False)  # g: first
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "f Search" in footer and "? Help" in footer and "^p palette" in footer
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(footer.index("f Search") + 2, 0))
        await settle(pilot)
        assert app.screen.query_one("#search").has_class("-open")
        before = len(bar.children)
        await pilot.press("escape", "enter", "enter", "h", "h")  # focus moves through every pane
        await settle(pilot)
        assert len(bar.children) == before == 0  # one line drawn, no widget per key rebuilt per focus change


async def test_status_line_keeps_progress_apart_and_counts_one_article(home):
    build_store(locations.store_file(), [Sub("https://one.example/feed.xml", "Lone Feed", [Story("Only")])])
    app = NewsApp(locations.store_file(), Config(), offline=True, clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        status = screen_text(app).splitlines()[-2]
        assert "offline · Lone Feed: 1 article · 1 unread" in status


async def test_the_starred_view_keeps_read_articles_when_u_hides_read_ones(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j", "enter")  # read it, then keep it
        await settle(pilot)
        await pilot.press("s", "u")
        await settle(pilot)
        await pilot.press("h", "h", "k", "enter")  # the Starred view
        await settle(pilot)
        assert titles(app) == ["Library lends tools"]
        assert "Starred (unread only)" not in screen_text(app)


async def test_a_title_too_long_for_the_list_ends_in_an_ellipsis(home):
    long = "Council publishes the full minutes of the longest harbour board meeting in years"
    build_store(locations.store_file(), [Sub("https://one.example/feed.xml", "Long Titles", [Story(long)])])
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Council publishes" in line)
        cell = row.split("│")[1]
        assert long not in cell and cell.rstrip().endswith("…")


async def test_a_search_with_more_matches_than_listed_says_so(home, monkeypatch):
    from newsreader.ui import data

    monkeypatch.setattr(data, "SEARCH_LIMIT", 3)
    stories = [Story(f"Harbour item {i}") for i in range(5)]
    build_store(locations.store_file(), [Sub("https://one.example/feed.xml", "Many", stories)])
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour", "enter")
        await settle(pilot)
        assert "3 articles (the best 3 matches; add words to narrow it)" in screen_text(app)


async def test_after_a_search_the_results_keep_the_focus(store_path):
    from textual.events import Focus

    from newsreader.ui.widgets.search_input import SearchInput

    focus_moves = []

    def count_focus(message) -> None:
        if isinstance(message, Focus):
            focus_moves.append(message)

    app = make_app(store_path)
    async with app.run_test(message_hook=count_focus, size=WIDE) as pilot:
        await settle(pilot)
        focus_moves.clear()
        for word in ("ferry", "storm", "library", "sunny"):
            await pilot.press("h", "h", "slash", *word, "enter")  # from the feeds pane, as a newcomer would
            await settle(pilot)
            screen, _, articles, _ = parts(app)
            assert screen.view.kind == "search" and screen.view.query == word
            assert app.focused is articles and screen.pane == "articles"
            assert not isinstance(app.focused, SearchInput)
        # focus moves a few times per search (input, lists); stale focus events bouncing it between the
        # two lists made hundreds, and a busy interface for seconds
        assert len(focus_moves) < 40, len(focus_moves)


async def test_o_and_y_on_an_empty_list_say_there_is_no_article(home):
    build_store(locations.store_file(), [Sub("https://one.example/feed.xml", "Empty Feed", [])])
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o", "y")
        await settle(pilot)
        warnings = toasts.messages("warning")
        assert warnings == ["No article here: choose one first."] * 2


async def test_home_end_and_g_G_jump_to_either_end(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, feeds, articles, body = parts(app)
        await pilot.press("end")
        assert feeds.cursor == feeds.count - 1
        await pilot.press("home")
        assert feeds.cursor == 0
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("enter")  # the last feed's articles
        await settle(pilot)
        await pilot.press("G")
        assert articles.cursor == articles.count - 1 > 0
        await pilot.press("g")
        assert articles.cursor == 0
        await pilot.press("h", "k", "enter")  # Harbour News, whose first story is long
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_p_goes_back_to_the_previous_unread_as_in_newsboat(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, feeds, articles, _ = parts(app)
        await pilot.press("j", "enter")  # Weather Desk
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert screen.article is not None and screen.article.title == "Bike lane vote delayed"
