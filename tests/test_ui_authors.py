"""The authors view (`@`) and `B` from an article, driven through App.run_test()."""

from __future__ import annotations

import re
import sqlite3

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.models import Contact
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from newsreader.ui.author_actions import AuthorChooser
from newsreader.ui.authors import AuthorsScreen
from newsreader.ui.screens.main_screen import MainScreen
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)
TIP = Contact("email", "mara@one.example", "Write to Mara Okafor at mara@one.example")


def subs() -> list[Sub]:
    return [
        Sub(
            "https://one.example/feed.xml",
            "Harbour News",
            [
                Story("Ferry timetable changes", authors=("Mara Okafor",), contacts=(TIP,)),
                Story("Library lends tools", authors=("MARA OKAFOR",)),
                Story("Joint report on the port", authors=("Mara Okafor", "Tom Brennan")),
            ],
        ),
        Sub(
            "https://two.example/feed.xml",
            "Weather Desk",
            [
                Story("Storm warning", authors=("Mara Okafor",)),
                Story("Escape test", authors=("Eve\x1b[31m\x1b]0;pwned\x07 Rouge",)),
            ],
        ),
    ]


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(path, subs())
    return path


def make_app(store_path) -> NewsApp:
    return NewsApp(store_path, Config(), clean_on_start=False)


async def open_article(pilot, title: str) -> None:
    """From the start: into the first feed, down to the article titled title, open it."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    for _ in range(5):
        if _current_title(pilot.app) == title:
            break
        await pilot.press("j")
        await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def _current_title(app) -> str | None:
    screen = app.screen
    lst = screen.article_list
    row = lst.row(lst.cursor)
    return row.title if row else None


async def test_at_lists_every_author_once_per_outlet_with_their_articles_and_contacts(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("@")
        await settle(pilot)
        assert isinstance(app.screen, AuthorsScreen)
        text = screen_text(app)
        assert "Authors (4)" in text
        assert text.count("Mara Okafor") >= 2  # at one.example and at two.example: two people
        assert "one.example" in text and "two.example" in text and "Tom Brennan" in text
        assert "Eve Rouge" in text and "pwned" not in text
        # A wide list shows each author's feeds and latest article too.
        assert re.search(r"Mara Okafor  one\.example  Harbour News  2026-11-\d\d Ferry", text)
        assert re.search(r"Mara Okafor  two\.example  Weather Desk  2026-11-\d\d Storm", text)
        # The first (most articles) is Mara Okafor of Harbour News: "MARA OKAFOR" is one of hers.
        assert "3 articles in Harbour News" in text
        assert "Library lends tools" in text and "Joint report on the port" in text
        assert "Storm warning" not in text
        assert "mara@one.example" in text and "from: Ferry timetable changes" in text


async def test_opening_an_article_from_the_authors_view_reads_it(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("@")
        await settle(pilot)
        await pilot.press("j", "j")  # past Eve Rouge, to Mara Okafor of two.example (ties go by name)
        await settle(pilot)
        assert "person at two.example" in screen_text(app) and "Storm warning" in screen_text(app)
        await pilot.press("enter", "enter")  # into her articles, then open the first
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Storm warning" in screen_text(app)
        assert app.screen.body.article.title == "Storm warning"
    with Store(store_path) as store:
        [row] = [r for r in store.articles() if r.title == "Storm warning"]
        assert row.read


async def test_b_goes_to_the_articles_author(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, "Library lends tools")
        assert app.screen.body.article.title == "Library lends tools"
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, AuthorsScreen)
        text = screen_text(app)
        assert "3 articles in Harbour News" in text and "mara@one.example" in text
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_b_on_an_article_with_two_authors_asks_which(store_path):
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_article(pilot, "Joint report on the port")
        assert app.screen.body.article.title == "Joint report on the port"
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, AuthorChooser)
        text = screen_text(app)
        assert "Which author?" in text and "Tom Brennan" in text
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AuthorsScreen)
        assert "1 article in Harbour News" in screen_text(app)
        assert "No contact lines found" in screen_text(app)


async def test_b_finds_an_author_past_the_first_screenful_of_the_directory(home):
    path = locations.store_file()
    stories = [Story("Zoe's column", authors=("Zoe Zimmer",))]
    stories += [Story(f"Story {i}", authors=(f"Writer {i:03}",)) for i in range(230)]
    build_store(path, [Sub("https://one.example/feed.xml", "Harbour News", stories)])
    app = make_app(path)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot, "Zoe's column")
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, AuthorsScreen)
        text = screen_text(app)
        assert "Authors (231)" in text  # every author listed, not only the first 200
        assert "Zoe Zimmer  person at one.example" in text
        left = [line.split("│")[1] for line in text.splitlines() if line.startswith("│")]
        assert any(cell.startswith("Zoe Zimmer") for cell in left)  # the list has scrolled to her


class TestSnapshots:
    """The authors view's layout. Update with: pytest tests/test_ui_authors.py --snapshot-update"""

    @pytest.mark.parametrize("size", [(80, 24), (120, 36)])
    def test_authors_view(self, store_path, snap_compare, size):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("@")
            await settle(pilot)

        assert snap_compare(make_app(store_path), terminal_size=size, run_before=run_before)


async def test_a_store_that_fails_under_the_view_is_one_line_on_it(store_path):
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await settle(pilot)
        # The directory's tables gone under the running app, as a damaged or foreign file would leave it.
        db = sqlite3.connect(store_path)
        db.execute("DROP TABLE people_contacts")
        db.close()
        await pilot.press("@")
        await settle(pilot)
        assert isinstance(app.screen, AuthorsScreen)
        errors = toasts.messages("error")
        assert errors and all("\n" not in m and "Traceback" not in m for m in errors)
        assert "Reading the authors" not in screen_text(app)
