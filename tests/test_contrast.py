"""Every text colour a shipped theme puts on screen reads on its background (WCAG AA, 4.5:1)."""

from __future__ import annotations

import pytest
from textual.color import Color

from newsreader import locations
from newsreader.config import Config
from newsreader.ui.app import NewsApp
from newsreader.ui.contrast import MINIMUM, contrast_problems, contrast_ratio
from newsreader.ui.themes import load_themes, shipped_themes_dir
from tests.screen_colors import cells
from tests.ui_store import build_store, settle, standard_subs, utc  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
SHIPPED = load_themes(shipped_themes_dir()).themes
DRAWING = range(0x2500, 0x25A0)  # borders and scrollbars: lines, not text


def low_contrast(svg: str) -> set[str]:
    """One line per text/background pair below the minimum, with the text drawn in it."""
    found: dict[tuple[str, str], str] = {}
    for cell in cells(svg):
        if ord(cell.char) in DRAWING:
            continue
        if contrast_ratio(Color.parse(cell.fg), Color.parse(cell.bg)) < MINIMUM:
            found[(cell.fg, cell.bg)] = found.get((cell.fg, cell.bg), "") + cell.char
    return {
        f"{fg} on {bg} ({contrast_ratio(Color.parse(fg), Color.parse(bg)):.1f}:1): {text[:30]}"
        for (fg, bg), text in found.items()
    }


@pytest.mark.parametrize("theme", SHIPPED, ids=lambda t: t.name)
def test_every_pair_of_every_shipped_theme_passes(theme):
    assert contrast_problems(theme) == []


@pytest.mark.parametrize("theme", [t.name for t in SHIPPED])
async def test_every_character_on_screen_reads(theme, home):
    build_store(locations.store_file(), standard_subs())
    app = NewsApp(locations.store_file(), Config(theme=theme), clean_on_start=False)
    shots = []
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        shots.append(app.export_screenshot())  # feed list focused
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")
        shots.append(app.export_screenshot())  # articles: read and unread rows, the cursor
        await pilot.press("enter")
        await settle(pilot)
        shots.append(app.export_screenshot())  # an article with its metadata; unfocused lists
        await pilot.press("question_mark")
        await settle(pilot)
        shots.append(app.export_screenshot())
    problems = set().union(*(low_contrast(svg) for svg in shots))
    assert "\n".join(sorted(problems)) == ""
