"""Snapshots of the main screen (pytest-textual-snapshot). Update with: pytest tests/test_ui_snapshots.py --snapshot-update"""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.ui.app import NewsApp
from newsreader.ui.themes import load_themes, shipped_themes_dir
from tests.ui_store import build_store, settle, standard_subs, utc  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
SHIPPED = sorted(t.name for t in load_themes(shipped_themes_dir()).themes)


def reading_app(theme: str | None = None) -> NewsApp:
    build_store(locations.store_file(), standard_subs())
    return NewsApp(locations.store_file(), Config(theme=theme), clean_on_start=False)


async def open_first_article(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


class TestMainScreen:
    def test_80x24_list(self, home, snap_compare):
        assert snap_compare(reading_app(), terminal_size=(80, 24), run_before=settle)

    def test_80x24_article(self, home, snap_compare):
        assert snap_compare(reading_app(), terminal_size=(80, 24), run_before=open_first_article)

    def test_160x48_article(self, home, snap_compare):
        assert snap_compare(reading_app(), terminal_size=(160, 48), run_before=open_first_article)

    def test_120x36_article(self, home, snap_compare):
        assert snap_compare(reading_app(), terminal_size=(120, 36), run_before=open_first_article)


class TestThemes:
    def test_four_themes_ship(self):
        assert len(SHIPPED) >= 4

    @pytest.mark.parametrize("theme", SHIPPED)
    def test_theme(self, theme, home, snap_compare):
        assert snap_compare(reading_app(theme), terminal_size=(120, 36), run_before=open_first_article)


class TestDialogs:
    def test_welcome(self, home, snap_compare):
        app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
        assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

    def test_help(self, home, snap_compare):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()

        assert snap_compare(reading_app(), terminal_size=(100, 32), run_before=run_before)
