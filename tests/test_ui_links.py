"""Links in the article body: numbered [n], listed with L, opened with 1-9 or # and a number, copied with y."""

from __future__ import annotations

import webbrowser

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.ui.app import NewsApp
from newsreader.ui.links import number_links
from newsreader.ui.screens.links_screen import LinksScreen
from tests.ui_store import Story, Sub, Toasts, build_store, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 48)
BODY = (
    "Read the [full timetable](https://one.example/timetable) before you travel.\n\n"
    "The [harbour map](https://one.example/map) shows the quay; write to "
    "[the desk](mailto:desk@one.example) or see [this](javascript:alert%281%29).\n\n"
    "The [timetable again](https://one.example/timetable) keeps its number."
)


@pytest.fixture
def store_path(home):
    path = locations.store_file()
    build_store(path, [Sub("https://one.example/feed.xml", "Harbour News", [Story("Ferry timetable", BODY)])])
    return path


@pytest.fixture
def visited(tmp_path, monkeypatch):
    """$BROWSER pointed at a script that writes the address it was given to a file (one line per call)."""
    out = tmp_path / "visited.txt"
    script = tmp_path / "browser.sh"
    # It stays up a moment like a real browser: webbrowser takes a browser gone at once for a failure.
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {out}\nsleep 3\n')
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", f"{script} %s &")
    webbrowser.register_standard_browsers()  # it read $BROWSER once already: read it again
    yield out
    monkeypatch.undo()
    webbrowser.register_standard_browsers()


def lines(path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


async def open_article(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def make_app(store_path) -> NewsApp:
    return NewsApp(store_path, Config(), clean_on_start=False)


def test_links_are_numbered_in_reading_order_and_one_address_keeps_one_number():
    numbered = number_links(BODY)
    assert [(link.number, link.url) for link in numbered.links] == [
        (1, "https://one.example/timetable"),
        (2, "https://one.example/map"),
        (3, "mailto:desk@one.example"),
        (4, "javascript:alert%281%29"),
    ]
    assert "[timetable again](https://one.example/timetable)\\[1\\]" in numbered.markdown
    assert "see this\\[4\\]." in numbered.markdown  # numbered, but not made a link
    assert number_links("an image ![a ferry](https://one.example/f.png) is no link").links == ()


async def test_numbers_show_in_the_body_and_a_digit_opens_that_link(store_path, visited):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        text = screen_text(app)
        assert "full timetable[1]" in text
        assert "harbour map[2]" in text
        assert "or see this[4]." in text
        assert "timetable again[1]" in text
        await pilot.press("2")
        await wait_until(pilot, lambda: lines(visited))
        assert lines(visited) == ["https://one.example/map"]
        await pilot.press("3")
        await wait_until(pilot, lambda: len(lines(visited)) == 2)
        assert lines(visited)[1] == "mailto:desk@one.example"


async def test_a_javascript_link_is_refused_in_one_line_and_never_opened(store_path, visited):
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await open_article(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert toasts.messages("warning") == ["Refused: javascript: links are neither opened nor copied."]
        await pilot.press("9")
        await settle(pilot)
        assert toasts.messages("warning")[-1] == "No link 9: this article has 4 links."
    assert lines(visited) == []


async def test_hash_then_a_number_and_enter_opens_any_link(store_path, visited):
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await open_article(pilot)
        await pilot.press("number_sign", "1", "enter")
        await wait_until(pilot, lambda: lines(visited))
        assert lines(visited) == ["https://one.example/timetable"]
        await pilot.press("number_sign", "1", "2", "enter")
        await settle(pilot)
        assert toasts.messages("warning")[-1] == "No link 12: this article has 4 links."
        await pilot.press("number_sign", "escape")  # cancelled: nothing opened, back to the article
        await settle(pilot)
        assert "full timetable[1]" in screen_text(app)
    assert lines(visited) == ["https://one.example/timetable"]


async def test_capital_l_lists_the_links_enter_opens_one_and_y_copies_it(store_path, visited):
    app = make_app(store_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_article(pilot)
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        text = screen_text(app)
        for shown in (
            "[1] full timetable",
            "https://one.example/timetable",
            "[2] harbour map",
            "[3] the desk",
        ):
            assert shown in text
        await pilot.press("j", "y")
        assert app.clipboard == "https://one.example/map"
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: lines(visited))
        assert lines(visited) == ["mailto:desk@one.example"]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LinksScreen)


async def test_link_keys_without_an_open_article_say_so(store_path):
    app = make_app(store_path)
    toasts = Toasts()
    async with app.run_test(message_hook=toasts, size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("L", "1")
        await settle(pilot)
        assert toasts.messages("warning") == ["No article open: open one first."] * 2


def test_in_a_real_terminal_a_links_number_opens_it_and_the_reader_comes_back(tmp_path, server):
    """The installed program in tmux: the image query at start leaves the keys alone, 2 opens link [2]."""
    import io

    from PIL import Image

    from tests.test_ui_tmux import Terminal, installed_newsreader, text_browser_env

    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(out, "PNG")
    picture = server.route("/ferry.png", out.getvalue(), headers={"Content-Type": "image/png"})
    home = tmp_path / "home"
    body = f"{BODY}\n\n![The ferry]({picture})\n\nEnd of the story."
    build_store(
        home / "data" / "newsreader.db",
        [Sub("https://one.example/feed.xml", "Harbour News", [Story("Ferry", body)])],
    )
    env, visited = text_browser_env(tmp_path, home)
    term = Terminal([installed_newsreader()], env)
    try:
        term.wait_for("Harbour News")
        term.keys("Enter", "Enter")
        term.wait_for("full timetable[1]", "harbour map[2]", "[image: The ferry]")
        term.keys("2")
        term.wait_for("TEXT BROWSER AT https://one.example/map")
        term.keys("Enter")
        term.wait_for("harbour map[2]", "Harbour News")
        assert visited.read_text().strip() == "https://one.example/map"
        assert len(server.hits("/ferry.png")) == 1  # drawn once near the screen, by a worker
    finally:
        term.close()
