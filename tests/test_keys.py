"""Keys: the ? screen names the actions config.toml [keys] takes; conflicts are errors; the newsboat preset."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader import locations
from newsreader.config import check_config, load_config
from newsreader.store import Store
from newsreader.ui.app import NewsApp
from newsreader.ui.keys import KEYS, NEWSBOAT, PRESETS, check_keys
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.body_pane import BodyPane
from newsreader.ui.widgets.feed_list import FeedList
from tests.conftest import run_cli, write_config
from tests.screen_colors import screen_lines
from tests.ui_store import build_store, settle, standard_subs, utc  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")


def reading_app(home: Path, config_text: str = "") -> NewsApp:
    build_store(locations.store_file(), standard_subs())
    config = load_config(write_config(home, config_text))
    return NewsApp(locations.store_file(), config, clean_on_start=False)


def test_a_key_bound_to_two_actions_is_an_error_naming_both(tmp_path):
    result = check_config('[keys]\n\nquit = ["q", "j"]\n', tmp_path / "config.toml")
    assert [str(p) for p in result.problems] == [
        f"{tmp_path / 'config.toml'}:3: [keys] quit: j is already the key for cursor_down"
    ]
    assert result.config.keys == {}  # the defaults stay: j still moves


def test_moving_a_key_away_first_is_not_a_conflict(tmp_path):
    text = '[keys]\ncursor_down = ["down"]\nquit = ["q", "j"]\n'
    result = check_config(text, tmp_path / "config.toml")
    assert result.problems == () and result.config.keys["quit"] == ["q", "j"]


def test_unknown_actions_and_bad_key_names_are_named(tmp_path):
    got = [str(p) for p in check_config('[keys]\nfly = "f"\nquit = "a,b"\n', tmp_path / "c.toml").problems]
    assert got == [
        f"{tmp_path / 'c.toml'}:2: [keys] fly: no such action (see the ? help screen)",
        f"{tmp_path / 'c.toml'}:3: [keys] quit: 'a,b' is not a key name",
    ]


def test_a_conflicting_key_is_refused_by_writing_commands_and_shown_by_reading_ones(home):
    path = write_config(home, '[keys]\nquit = ["q", "j"]\n')
    line = f"newsreader: {path}:2: [keys] quit: j is already the key for cursor_down"
    out = run_cli("mark-read", "--all", home=home)
    assert (out.returncode, out.stderr) == (1, line + "\n")
    out = run_cli("feeds", home=home)
    assert (out.returncode, out.stderr) == (0, line + "\n")


@pytest.mark.parametrize("preset", list(PRESETS))
def test_presets_have_no_conflicts(preset):
    assert check_keys(preset, {}) == ({}, [])
    keys = [k for spec in KEYS for k in PRESETS[preset].get(spec.action, spec.keys)]
    assert len(keys) == len(set(keys))


async def test_help_screen_shows_each_action_name_for_keys(home):
    app = reading_app(home, '[keys]\nquit = ["ctrl+q"]\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(screen_lines(app.export_screenshot()))
    assert "[keys] name" in text
    for action in ("cursor_down", "toggle_read", "choose_theme", "back_or_quit"):
        assert action in text
    quit_line = next(line for line in text.splitlines() if "Quit" in line and " quit" in line)
    assert "ctrl+q" in quit_line


async def test_newsboat_q_steps_back_then_quits_and_capital_q_quits(home):
    app = reading_app(home, 'keymap = "newsboat"\n')
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, BodyPane)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList) and app.return_code is None
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.focused, FeedList) and app.return_code is None
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_newsboat_capital_q_quits_from_the_article(home):
    app = reading_app(home, 'keymap = "newsboat"\n')
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("Q")
        await pilot.pause()
    assert app.return_code == 0


async def test_newsboat_capital_n_toggles_read_and_p_goes_back(home):
    app = reading_app(home, 'keymap = "newsboat"\n')
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        with Store(locations.store_file()) as store:
            before = sum(1 for a in store.articles() if a.read)
        await pilot.press("N")
        await settle(pilot)
        with Store(locations.store_file()) as store:
            after = sum(1 for a in store.articles() if a.read)
    assert after == before + 1
    assert NEWSBOAT["prev_unread"] == ("p",) and NEWSBOAT["toggle_read"] == ("N",)


async def test_default_q_still_quits_from_the_article(home):
    app = reading_app(home)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
