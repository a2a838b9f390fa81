"""The cleaner seen from the interface: clean on first view, and a background pass for the rest."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown

from newsreader import locations
from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
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


async def test_the_feed_text_shows_while_the_cleaner_works(home, monkeypatch):
    import threading

    import newsreader.clean.service as service

    real = service.ensure_cleaned
    go = threading.Event()

    def slow_cleaner(store, article_id):
        go.wait(10)
        return real(store, article_id)

    monkeypatch.setattr(service, "ensure_cleaned", slow_cleaner)
    uncleaned_store()
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("enter")
            await pilot.pause(0.3)
            body = app.screen.query_one(Markdown).source
            assert "By Jane Roe" in body  # the feed's own text, byline and all, for now
            assert "cleaning" in screen_text(app)
            await pilot.press("j")  # still answering keys (the body scrolls)
            go.set()
            await settle(pilot)
            body = app.screen.query_one(Markdown).source
            assert "Jane Roe" not in body and "dredge the channel" in body
            assert "cleaning" not in screen_text(app)
    finally:
        go.set()


async def test_cleaned_text_arriving_right_behind_the_feed_text_wins(home):
    from dataclasses import replace

    from newsreader.ui.messages import ArticleLoaded

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
        screen.open_id = cleaned.id
        # the first article shown creates the body's Markdown; the cleaned text comes straight after
        screen.post_message(ArticleLoaded(raw, final=False))
        screen.post_message(ArticleLoaded(cleaned, final=True))
        await settle(pilot)
        await pilot.pause(0.2)
        assert "CLEANED TEXT" in screen.query_one(Markdown).source
        assert "CLEANED TEXT" in screen_text(app) and "FEED TEXT" not in screen_text(app)
