"""The cleaner seen from the interface: clean on first view, and a background pass for the rest."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown

from newsreader import locations
from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from newsreader.ui.widgets.article_list import ArticleList
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")

RAW = (
    "By Jane Roe</p><p>The harbour board met on Tuesday and agreed to dredge the channel before "
    "the spring tides, a job last done eleven years ago.</p><p>The work will close the north pier for "
    "three weeks in March, the board said, and ferries will use the south quay instead.</p>"
    "<p>Send tips to tips@gazette.example"
)


def uncleaned_store() -> None:
    build_store(
        locations.store_file(),
        [
            Sub(
                "https://gazette.example/feed",
                "Gazette",
                [Story(f"Dredging {i}", RAW, cleaned=False) for i in range(3)],
            )
        ],
    )


async def test_an_article_is_cleaned_when_first_opened(home):
    uncleaned_store()
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.article is not None and screen.article.cleaned is not None
        text = screen_text(app)
        body = screen.query_one(Markdown).source
        assert "dredge the channel" in body and "Jane Roe" not in body  # the byline left the body
        assert "Jane Roe" in text and "tips@gazette.example" in text  # ... for the metadata pane
        assert "dredge" in text
        assert "cleaning" not in text  # the note goes once the cleaned text is in
    with Store(locations.store_file()) as store:
        assert len(store.uncleaned()) == 2  # only the one that was read


async def test_the_background_pass_cleans_the_rest(home, monkeypatch):
    monkeypatch.setattr("newsreader.ui.app.CLEAN_DELAY", 0.1)
    uncleaned_store()
    app = NewsApp(locations.store_file(), Config())
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        with Store(locations.store_file()) as store:
            await wait_until(pilot, lambda: not store.uncleaned(), timeout=60)
        assert not [n for n in toasts.seen if n.severity != "information"]


# One tag with tens of thousands of attributes: libxml2 took quadratic time over it (20,000: seconds);
# the cleaner now bounds it, so what holds the cleaning back here is the test's own write lock.
PATHOLOGICAL = "x</p><div " + " ".join(f'a{i}="v"' for i in range(20_000)) + ">deep</div><p>" + RAW


async def test_a_pathological_page_is_cleaned_in_a_process_while_the_keys_work(home):
    import sqlite3

    build_store(
        locations.store_file(),
        [
            Sub(
                "https://gazette.example/feed",
                "Gazette",
                [
                    Story("Heavy", PATHOLOGICAL, cleaned=False),
                    Story("Light one", RAW),
                    Story("Light two", RAW),
                ],
            )
        ],
    )
    app = NewsApp(locations.store_file(), Config(busy_timeout=120), clean_on_start=False)
    # Another process's write lock: the cleaner cannot store its result until the test lets it.
    lock = sqlite3.connect(locations.store_file(), isolation_level=None)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            lock.execute("BEGIN IMMEDIATE")
            await pilot.press("enter", "enter")  # the feed, then its first article: the heavy one
            await wait_until(pilot, lambda: "cleaning" in screen_text(app), then_settle=False)
            await pilot.press("h", "j", "j")  # back to the list and down it while the cleaner waits
            await pilot.pause()
            text = screen_text(app)
            assert app.screen.query_one(ArticleList).current_id() is not None
            assert app.focused is app.screen.query_one(ArticleList)
            with Store(locations.store_file()) as store:
                heavy = store.article_ids()[0]
                assert heavy in store.uncleaned()  # the keys were answered before the cleaning ended
            assert "cleaning" in text
            lock.execute("ROLLBACK")
            await pilot.press("k", "k", "enter")
            await wait_until(
                pilot, lambda: "dredge the channel" in app.screen.query_one(Markdown).source, timeout=120
            )
    finally:
        lock.close()
    with Store(locations.store_file()) as store:
        assert heavy not in store.uncleaned()


async def test_cleaned_text_arriving_right_behind_the_feed_text_wins(home):
    from dataclasses import replace

    from newsreader.ui.messages import ArticleLoaded
    from newsreader.ui.render import article_markdown

    build_store(
        locations.store_file(), [Sub("https://g.example/feed", "Gazette", [Story("One", "CLEANED TEXT")])]
    )
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = app.screen
        with Store(locations.store_file()) as store:
            cleaned = store.article(store.article_ids()[0])
        raw = replace(cleaned, cleaned=None, content_html="<p>FEED TEXT</p>")
        body = screen.body
        body.wanted = cleaned.id  # as if it had been opened
        # the first article shown creates the body's Markdown; the cleaned text comes straight after
        body.post_message(ArticleLoaded(raw, article_markdown(raw), final=False))
        body.post_message(ArticleLoaded(cleaned, article_markdown(cleaned), final=True))
        await settle(pilot)
        assert "CLEANED TEXT" in screen.query_one(Markdown).source
        assert "CLEANED TEXT" in screen_text(app) and "FEED TEXT" not in screen_text(app)
