"""The reading position: each article goes back to where it was left, in the session and after a restart."""

from __future__ import annotations

import re

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from tests.ui_store import Story, Sub, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)
LONG = "\n\n".join(f"Paragraph {n} of the ferry story." for n in range(120))


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(
        path,
        [
            Sub(
                "https://one.example/feed.xml",
                "Harbour",
                [Story("Ferry", LONG), Story("Short", "Only this.")],
            )
        ],
    )
    return path


def make_app(store_path) -> NewsApp:
    return NewsApp(store_path, Config(), clean_on_start=False)


def first_paragraph(app) -> int | None:
    """The number of the first paragraph of the ferry story on screen."""
    found = re.search(r"Paragraph (\d+) of", screen_text(app))
    return int(found.group(1)) if found else None


async def test_position_is_kept_across_a_restart_on_the_same_store(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert first_paragraph(app) == 0
        await pilot.press("space", "space", "j")
        await settle(pilot)
        left_at = first_paragraph(app)
        assert left_at is not None and left_at > 10
        await pilot.press("q")
    with Store(store_path) as store:
        ferry = next(r.id for r in store.articles() if r.title == "Ferry")
        kept = store.reading_position(ferry)
        assert kept is not None and kept > 0

    app = make_app(store_path)  # the last session's article opens again, where it was left
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: first_paragraph(app) == left_at)
        await pilot.press("q")
    with Store(store_path) as store:  # and being shown there did not move it
        assert store.reading_position(ferry) == kept


async def test_each_article_keeps_its_own_position_within_a_session(store_path):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space", "space")
        await settle(pilot)
        left_at = first_paragraph(app)
        assert left_at is not None and left_at > 10
        await pilot.press("h", "j", "enter")  # the short article: at its top
        await settle(pilot)
        assert "Only this." in screen_text(app)
        await pilot.press("h", "k", "enter")  # back to the ferry: where it was left
        await settle(pilot)
        await wait_until(pilot, lambda: first_paragraph(app) == left_at)
        await pilot.press("g")  # to the top: nothing kept any more
        await settle(pilot)
        await pilot.press("q")
    with Store(store_path) as store:
        ferry = next(r.id for r in store.articles() if r.title == "Ferry")
        assert store.reading_position(ferry) is None
