"""Reload on start and on a timer: reload_on_start and reload_every, checked like every setting."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import check_config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from tests.ui_store import screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)


def rss(*titles: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><guid>{t}</guid><link>http://127.0.0.1:9/{i}</link></item>"
        for i, t in enumerate(titles)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Served News</title>{items}</channel></rss>'
    )


def config(text: str):
    result = check_config("full_text = 'never'\n" + text, None)
    assert result.problems == ()
    return result.config


@pytest.fixture
def subscribed(home, server):
    url = server.route("/feed.xml", rss("Morning edition"))
    with Store(locations.store_file()) as store:
        store.add_feed(url)
    return url


async def test_reload_on_start_refreshes_and_says_what_is_new(subscribed, server):
    app = NewsApp(locations.store_file(), config("reload_on_start = true"), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: "1 new" in screen_text(app))
        assert "Morning edition" in screen_text(app)
    assert len(server.hits("/feed.xml")) == 1


async def test_no_reload_on_start_by_default(subscribed, server):
    app = NewsApp(locations.store_file(), config(""), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Morning edition" not in screen_text(app)
    assert server.hits("/feed.xml") == []


async def test_reload_every_refreshes_on_the_timer(subscribed, server):
    app = NewsApp(locations.store_file(), config('reload_every = "1s"'), clean_on_start=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: "Morning edition" in screen_text(app), timeout=30)
        server.route("/feed.xml", rss("Morning edition", "Evening edition"))
        # (the count of what is new is pinned on start, above: here the next tick may already show 0 new)
        await wait_until(pilot, lambda: "Evening edition" in screen_text(app), timeout=30)
    assert len(server.hits("/feed.xml")) >= 2


async def test_offline_never_reloads(subscribed, server):
    app = NewsApp(
        locations.store_file(),
        config('reload_on_start = true\nreload_every = "1s"'),
        offline=True,
        clean_on_start=False,
    )
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "offline" in screen_text(app)
    assert server.hits("/feed.xml") == []


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ('"30m"', 1800.0),
        ('"2h"', 7200.0),
        ('"1h30m"', 5400.0),
        ('"90s"', 90.0),
        ('"1d"', 86400.0),
        ('""', None),
    ],
)
def test_reload_every_takes_a_time(text, seconds):
    assert config(f"reload_every = {text}").reload_every == seconds


@pytest.mark.parametrize("text", ['"soon"', '"0s"', '"30"', "30", '"8d"', '"-5m"', "true"])
def test_a_bad_reload_every_is_one_line_naming_the_line(text):
    result = check_config(f"theme = 'ink'\nreload_every = {text}\n", None)
    (problem,) = result.problems
    assert str(problem).startswith("config:2: reload_every must be a time like")
    assert result.config.reload_every is None


def test_reload_on_start_must_be_true_or_false():
    result = check_config('reload_on_start = "yes"\n', None)
    (problem,) = result.problems
    assert str(problem) == "config:1: reload_on_start must be true or false (got 'yes')"
    assert check_config("reload_on_start = true\n", None).config.reload_on_start is True
