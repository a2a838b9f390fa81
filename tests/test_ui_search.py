"""/ with the query language: the matches, their words marked in the list and the body, saved as a view."""

from __future__ import annotations

import re

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.engine import Engine
from newsreader.ui.app import NewsApp
from newsreader.ui.dialogs import TextDialog
from newsreader.ui.widgets.article_list import ArticleList
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc  # noqa: F401

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
                [
                    Story("Ferry timetable changes", "The ferry runs every twenty minutes."),
                    Story("Bridge open"),
                ],
                tags=("local",),
            ),
            Sub("https://two.example/f.xml", "Weather Desk", [Story("Storm warning", "Gusts on the coast.")]),
        ],
    )
    return path


def article_titles(app) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [lst.row(i).title for i in range(lst.count)]


def marked_words(app) -> set[str]:
    """The words drawn underlined on screen (how a search's words are marked in the lists), from the SVG."""
    svg = app.export_screenshot()
    underlined = {m.group(1) for m in re.finditer(r"\.(terminal-[\w-]+-r\d+) \{[^}]*underline[^}]*\}", svg)}
    words = set()
    for m in re.finditer(r'<text class="([\w-]+)"[^>]*>([^<]*)</text>', svg):
        if m.group(1) in underlined:
            words.add(m.group(2).replace("&#160;", " ").strip())
    return words


async def search(pilot, query: str) -> None:
    await pilot.press("slash", *query, "enter")
    await settle(pilot)


async def test_slash_takes_the_query_language(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "ferry OR storm")
        assert sorted(article_titles(app)) == ["Ferry timetable changes", "Storm warning"]
        await search(pilot, "tag:local -bridge")
        assert article_titles(app) == ["Ferry timetable changes"]


async def test_the_searched_words_are_marked_in_the_list_and_the_body(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "ferr*")
        assert "Ferry" in marked_words(app)
        await pilot.press("enter")  # open it
        await settle(pilot)
        body = app.screen.query_one("#body")
        assert "**ferry**" in body.query_one("Markdown").source
        await pilot.press("escape", "escape", "g")  # back to the feeds: no search, nothing marked
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert "Ferry" not in marked_words(app)


async def test_a_query_that_cannot_be_read_says_where_in_one_line(store_path):
    toasts = Toasts()
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await settle(pilot)
        await search(pilot, "ferry AND")
        errors = toasts.messages("error")
        assert len(errors) == 1 and "\n" not in errors[0] and "expected a term after AND" in errors[0]
        assert "Traceback" not in screen_text(app)


async def test_ctrl_s_saves_the_search_as_a_view_listed_at_the_top(store_path):
    app = NewsApp(store_path, Config(), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry OR storm", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Water", "enter")
        await settle(pilot)
        assert "» Water" in screen_text(app)
    with Engine.open(Config(), path=store_path) as engine:
        assert [(v.name, v.query) for v in engine.views()] == [("Water", "ferry OR storm")]
    app = NewsApp(store_path, Config(), clean_on_start=False)  # and it is there at the next start
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "» Water" in screen_text(app)
