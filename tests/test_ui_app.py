"""The app as a whole: first run, narrow terminals, offline start, refreshing, themes and hostile text."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config, FetchLimits
from newsreader.sample import SAMPLE_URL
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.main_screen import MainScreen
from newsreader.ui.screens.welcome_screen import WelcomeScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.feed_list import FeedList
from tests.conftest import write_config
from tests.ui_store import (  # noqa: F401
    Story,
    Sub,
    Toasts,
    build_store,
    screen_text,
    settle,
    standard_subs,
    utc,
    wait_until,
)

pytestmark = pytest.mark.usefixtures("utc")
FAST = Config(limits=FetchLimits(connect_timeout=2, timeout=5, retry_after_max=0.1))

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Served News</title>
<item><title>Fresh from the server</title><guid>s1</guid><link>http://127.0.0.1:9/1</link>
<description>&lt;p&gt;Just arrived.&lt;/p&gt;</description></item></channel></rss>"""


async def test_first_run_welcomes_and_loads_the_sample_without_network(home):
    app = NewsApp(locations.store_file(), Config(), offline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        text = screen_text(app)
        assert "newsreader add" in text and "newsreader import" in text
        assert "press enter to load the sample feed" in text
        await pilot.press("enter")
        await settle(pilot, rounds=6)
        assert isinstance(app.screen, MainScreen)
        screen = app.screen
        assert screen.article is not None  # the first story is open: all three panes are filled
        text = screen_text(app)
        assert "Harbour ferry returns to a two-boat timetable" in text
        assert "Mara Okafor" in text
        assert "The Harbourside Gazette (sample)" in text
        assert screen.query_one(ArticleList).count == 6
    with Store(locations.store_file()) as store:
        assert store.feed_by_url(SAMPLE_URL).total == 6


async def test_welcome_q_quits(home):
    app = NewsApp(locations.store_file(), Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_narrow_terminal_shows_one_pane_at_a_time(home):
    build_store(locations.store_file(), standard_subs())
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        left, right = screen.query_one("#left"), screen.query_one("#right")
        assert left.display and not right.display
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert right.display and not left.display
        assert "The ferry runs every twenty minutes" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert left.display and not right.display
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert left.display and right.display  # room for everything again


async def test_offline_start_reads_the_store_and_refuses_to_fetch(home, server):
    url = server.route("/feed.xml", RSS)
    with Store(locations.store_file()) as store:
        store.add_feed(url, title="Served")
    app = NewsApp(locations.store_file(), FAST, offline=True, clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        await settle(pilot)
        assert "offline" in screen_text(app)
        await pilot.press("R")
        await settle(pilot)
        assert "offline: not fetching" in screen_text(app).splitlines()[-2]  # the status line, one line
        await pilot.press("r")
        await settle(pilot)
        assert "offline: not fetching" in screen_text(app).splitlines()[-2]
        assert not any("efresh" in m for m in toasts.messages())
    assert server.hits("/feed.xml") == []


async def test_refresh_shows_new_articles(home, server):
    url = server.route("/feed.xml", RSS)
    with Store(locations.store_file()) as store:
        store.add_feed(url)
    app = NewsApp(locations.store_file(), FAST, clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.screen.refreshing)
        await pilot.pause(0.5)  # the last list reload is coalesced
        await settle(pilot)
        text = screen_text(app)
        assert "Fresh from the server" in text
        assert "Served News" in text  # the feed's title replaced its address
        assert "1 new" in text


async def test_failed_refresh_notifies_marks_the_feed_and_keeps_running(home, server):
    good = server.route("/good.xml", RSS)
    bad = server.route("/bad.xml", "boom", status=500)
    with Store(locations.store_file()) as store:
        store.add_feed(bad, title="Broken Feed")
        store.add_feed(good, title="Good Feed")
    app = NewsApp(locations.store_file(), FAST, clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: not app.screen.refreshing)
        await pilot.pause(0.5)
        await settle(pilot)
        errors = toasts.messages("error")
        assert errors and "Broken Feed" in errors[0] and "500" in errors[0]
        feeds = app.screen.query_one(FeedList)
        broken = next(e for e in feeds.entries if e.title == "Broken Feed")
        assert broken.error and "500" in broken.error
        assert "! Broken Feed" in screen_text(app)
        await pilot.press("j", "enter")  # still reading: the good feed's article is there
        await settle(pilot)
        assert "Fresh from the server" in screen_text(app)
        assert "1 new, 1 failed" in screen_text(app)


async def test_escape_sequences_never_reach_the_terminal(home):
    path = locations.store_file()
    build_store(path, [Sub("https://evil.example/f", "Evil", [Story("Plain title", "Plain body")])])
    hostile_title = "Pwned \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b[31mred\x07 \x9b31m"
    hostile_body = "Body \x1b]0;title\x07 text \x1b[?1049h more"
    with Store(path) as store:  # as if an older version had stored them raw
        store.db.execute(
            "UPDATE articles SET title = ?, body = ?, clean_authors = ?",
            (hostile_title, hostile_body, '["Eve \\u001b[5m"]'),
        )
        store.db.execute(
            "UPDATE feeds SET title = ?, user_title = NULL",
            ("Evil \x1b[8m [bold]feed[/bold] [@click=app.quit]x[/]",),
        )
    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        svg = app.export_screenshot()
        text = screen_text(app)
        for bad in ("\x1b", "\x07", "\x9b"):
            assert bad not in text and bad not in svg
        assert "Pwned" in text and "red" in text and "Body" in text and "Eve" in text
        # Markup in a feed's title is shown, never obeyed: in the rows and in the panes' border titles.
        titled = [line for line in text.splitlines() if "─ Evil" in line]
        assert titled and all("[bold]feed[/bold]" in line for line in titled)


async def test_broken_user_theme_is_skipped_with_a_warning(home):
    build_store(locations.store_file(), standard_subs())
    themes = locations.user_themes_dir()
    themes.mkdir(parents=True)
    (themes / "broken.toml").write_text("primary = [1, 2\n")
    (themes / "nocolour.toml").write_text('primary = "not a colour"\n')
    (themes / "mine.toml").write_text('primary = "#aa5500"\ndark = false\nbackground = "#ffffff"\n')
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        await settle(pilot)
        assert "mine" in app.theme_names
        assert "broken" not in app.theme_names and "nocolour" not in app.theme_names
        warnings = toasts.messages("warning")
        assert any("broken.toml" in w for w in warnings)
        assert any("nocolour.toml" in w for w in warnings)
        assert all("\n" not in w for w in warnings)
        assert {"ink", "newsprint", "evening", "phosphor"} <= set(app.theme_names)


async def test_theme_from_config_is_used(home):
    build_store(locations.store_file(), standard_subs())
    app = NewsApp(locations.store_file(), Config(theme="phosphor"), clean_on_start=False)
    async with app.run_test(size=(120, 40)):
        assert app.theme == "phosphor"
    app = NewsApp(locations.store_file(), Config(theme="nord"), clean_on_start=False)  # one of Textual's
    async with app.run_test(size=(120, 40)):
        assert app.theme == "nord"
    app = NewsApp(locations.store_file(), Config(theme="no-such-theme"), clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "ink"
        assert any("no-such-theme" in m for m in toasts.messages())


def test_unknown_action_in_keys_is_a_one_line_error(home):
    path = write_config(home, '[keys]\nfly = "f"\n')
    from newsreader.config import ConfigError, load_config

    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:2: [keys] fly: no such action (see the ? help screen)"


async def test_articles_appear_as_feeds_finish_while_a_slow_one_is_pending(home, server):
    import threading

    release = threading.Event()

    def slow(req) -> None:
        release.wait(10)
        body = RSS.replace("Served News", "Slow News").replace("s1", "slow1").encode()
        req.send_response(200)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    fast = server.route("/fast.xml", RSS)
    slow_url = server.route("/slow.xml", handler=slow)
    with Store(locations.store_file()) as store:
        store.add_feed(fast)  # no title of ours: the feed's own shows once fetched
        store.add_feed(slow_url)
    app = NewsApp(locations.store_file(), FAST, clean_on_start=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            for _ in range(100):  # the fast feed lands while the slow one is still on the wire
                await pilot.pause(0.05)
                if "refreshing 1/2" in screen_text(app):
                    break
            await pilot.pause(0.6)
            text = screen_text(app)
            assert "refreshing 1/2" in text
            assert "Served News" in text
            feeds = app.screen.query_one(FeedList)
            start = feeds.cursor
            await pilot.press("j")  # the interface answers meanwhile
            assert feeds.cursor == start + 1
            release.set()
            for _ in range(100):
                await pilot.pause(0.05)
                if "2 new" in screen_text(app):
                    break
            assert "2 new" in screen_text(app)
    finally:
        release.set()


async def test_a_failed_feed_says_why_under_its_articles(home):
    from newsreader.models import FeedUpdate

    ids = build_store(locations.store_file(), standard_subs())
    with Store(locations.store_file()) as store:
        feed_id = ids["https://two.example/feed.xml"]
        store.apply_update(FeedUpdate(feed_id=feed_id, status="error", fetched_at=1.0, error="HTTP 500"))
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "last refresh failed" not in screen_text(app)  # Harbour News is fine
        await pilot.press("j")
        await settle(pilot)
        assert "last refresh failed: HTTP 500" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert "last refresh failed" not in screen_text(app)


async def test_unread_counts_stay_whole_when_the_feed_list_scrolls(home):
    subs = [Sub(f"https://f{i}.example/rss", f"Feed {i:02d}", [Story(f"Story {i}")]) for i in range(30)]
    subs[0] = Sub("https://f0.example/rss", "Busy Feed", [Story(f"Busy {j}") for j in range(12)])
    build_store(locations.store_file(), subs)
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        feeds = app.screen.query_one(FeedList)
        assert feeds.virtual_size.height > feeds.size.height  # it scrolls: the scrollbar is drawn
        rows = screen_text(app).splitlines()
        busy = next(r for r in rows if "Busy Feed" in r)
        assert busy.split("│")[1].rstrip().endswith(" 12")
        unread = next(r for r in rows if "All unread" in r)
        assert unread.split("│")[1].rstrip().endswith(" 41")


async def test_many_failing_feeds_do_not_bury_the_screen_in_notifications(home, server):
    good = server.route("/good.xml", RSS)
    with Store(locations.store_file()) as store:
        store.add_feed(good, title="Good Feed")
        for i in range(8):
            store.add_feed(server.route(f"/bad{i}.xml", "boom", status=500), title=f"Broken {i}")
    app = NewsApp(locations.store_file(), FAST, clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: not app.screen.refreshing)
        await settle(pilot)
        assert toasts.messages("error") == [
            "8 of 9 feeds failed to refresh: marked ! in the feed list, the reason under each."
        ]  # one summary for the whole R, not one per broken feed
        assert "1 new, 8 failed" in screen_text(app)
        await pilot.press("R")  # and again: one more, not eight
        await wait_until(pilot, lambda: not app.screen.refreshing)
        assert len(toasts.messages("error")) == 2


async def test_narrowing_the_terminal_gives_the_list_the_whole_width(home):
    build_store(locations.store_file(), standard_subs())
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        left = app.screen.query_one("#left")
        assert left.display and left.size.width == 80
        assert app.screen.query_one(FeedList).region.width == 80
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert app.screen.query_one("#right").display and left.size.width < 80


async def test_refreshing_only_the_sample_says_there_is_nothing_to_fetch(home):
    from newsreader.sample import load_sample

    with Store(locations.store_file()) as store:
        load_sample(store)
    app = NewsApp(locations.store_file(), FAST, clean_on_start=False)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: not app.screen.refreshing)
        warnings = toasts.messages("warning")
        assert any("Nothing to fetch" in w and "newsreader add" in w for w in warnings)
        assert "nothing to fetch" in screen_text(app).splitlines()[-2]


async def test_the_welcome_is_not_clipped_in_a_small_terminal(home):
    from newsreader.ui.screens.welcome_screen import WELCOME

    words = set(WELCOME.split())
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        seen: set[str] = set()
        for _ in range(12):  # page through it with the keyboard
            text = screen_text(app)
            inside = [line.strip("│ ╭╮╰╯─") for line in text.splitlines()[1:-2]]
            for word in " ".join(inside).split():
                if not all("\u2580" <= c <= "\u259f" for c in word):  # not the scrollbar
                    assert word in words, (word, text)  # no word cut at the edge
                    seen.add(word)
            await pilot.press("pagedown")
            await pilot.pause()
        assert seen == words  # every word of it can be read


async def test_every_pane_is_reachable_and_scrolls_by_keyboard_at_80x24(home):
    notes = tuple(f"Note number {i} on the story." for i in range(20))
    build_store(
        locations.store_file(),
        [Sub("https://f.example/feed", "Feed", [Story("Long about", "Body text.", notes=notes)])],
    )
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert "Note number 0" in screen_text(app) and "Note number 19" not in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused.id == "meta"  # the About pane takes the focus
        await pilot.press("G")
        await pilot.pause()
        assert "Note number 19" in screen_text(app)  # and scrolls by keyboard
        await pilot.press("g", "j", "j")
        await pilot.pause()
        assert "Note number 19" not in screen_text(app)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused.id == "body"
        await pilot.press("h")
        await pilot.pause()
        assert app.focused.id == "articles"


async def test_the_feed_list_shows_the_selected_feed_at_start_and_after_a_resize(home):
    subs = [
        Sub(f"https://f{i}.example/feed", f"Feed number {i:02}", [Story(f"Story {i}")]) for i in range(60)
    ]
    ids = build_store(locations.store_file(), subs)
    with Store(locations.store_file()) as store:
        store.set_state("ui.view", f"feed:{ids['https://f50.example/feed']}")
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert "Feed number 50" in screen_text(app)
        await pilot.resize_terminal(120, 16)
        await settle(pilot)
        assert "Feed number 50" in screen_text(app)
        await pilot.resize_terminal(80, 12)
        await settle(pilot)
        assert "Feed number 50" in screen_text(app)
