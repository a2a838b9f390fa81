"""Opening an article whose full page its feed wants but lacks: fetched on the spot, then cleaned and shown."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config, FetchLimits
from newsreader.engine import Engine
from newsreader.ui.app import NewsApp
from tests.ui_store import screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
FAST = Config(limits=FetchLimits(connect_timeout=2, timeout=5, retry_after_max=0.1))

FULL = "The harbour board voted on Tuesday to keep the night ferry running through the winter"
WORD = "hospital"  # a word of the page alone, short enough not to be wrapped on screen
STORY = (
    "<html><head><title>Night ferry stays</title></head><body><nav>Home · News · Sport</nav><article>"
    "<h1>Night ferry stays</h1>"
    + "".join(
        f"<p>{FULL}, paragraph {i}, after a long meeting in which residents of both islands spoke "
        "about late shifts, hospital visits and the last bus from the station.</p>"
        for i in range(8)
    )
    + "</article><footer>© Harbour Times</footer></body></html>"
)


def summary_feed(story_url: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
<item><title>Night ferry stays</title><guid>n1</guid><link>{story_url}</link>
<description>A short teaser.</description></item></channel></rss>"""


@pytest.fixture
def tries(home, server) -> int:
    """A summary-only feed refreshed while its page server fails: the article is stored without its page."""
    story = server.route("/story", "down for maintenance", status=500)
    feed = server.route("/feed.xml", summary_feed(story))
    with Engine.open(FAST, path=locations.store_file()) as engine:
        engine.add_feed(feed, check=False)
        engine.refresh()
        [row] = engine.articles()
        assert engine.article(row.id).page_html is None  # the refresh could not fetch it
    return len(server.hits("/story"))  # how often the page was asked for by then


async def open_the_article(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # All unread
    await settle(pilot)
    await pilot.press("enter")  # its one article


async def test_opening_an_article_fetches_its_missing_page_and_shows_the_full_text(tries, server):
    server.route("/story", STORY, headers={"Content-Type": "text/html; charset=utf-8"})
    app = NewsApp(locations.store_file(), FAST, clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_the_article(pilot)
        await wait_until(pilot, lambda: WORD in screen_text(app))
        assert "A short teaser" not in screen_text(app)
    assert len(server.hits("/story")) == tries + 1
    with Engine.open(FAST, path=locations.store_file()) as engine:
        [row] = engine.articles()
        assert FULL in (engine.article(row.id).page_html or "")  # kept: the next opening fetches nothing


async def test_offline_the_article_shows_its_summary_and_says_the_page_is_not_fetched(tries, server):
    server.route("/story", STORY, headers={"Content-Type": "text/html; charset=utf-8"})
    app = NewsApp(locations.store_file(), FAST, offline=True, clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_the_article(pilot)
        await wait_until(pilot, lambda: "full page is not fetched" in screen_text(app))
        assert "A short teaser" in screen_text(app)
        assert WORD not in screen_text(app)
    assert len(server.hits("/story")) == tries
