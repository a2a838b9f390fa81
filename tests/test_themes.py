"""Themes: broken files are skipped with one clean line; the t picker previews on the real screen and
its choice wins over config.toml's theme until that line changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.ui.app import NewsApp
from newsreader.ui.themes import load_themes, shipped_themes_dir
from tests.screen_colors import cells, screen_lines
from tests.ui_store import build_store, open_theme_picker, settle, standard_subs, utc  # noqa: F401
from tests.unsafe import CONTROL

pytestmark = pytest.mark.usefixtures("utc")
# the shipped ink theme less its name line: readable, so only the breakage under test is reported
GOOD = "".join(
    line
    for line in (shipped_themes_dir() / "ink.toml").read_text().splitlines(True)
    if not line.startswith(("name", "dark"))
)

BROKEN = {
    "number-name": ("name = 5\n" + GOOD, "name must be"),
    "deep": ("primary = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    "escape-key": ('"x\\u001b]0;PWNED\\u0007" = 1\n' + GOOD, "unknown field"),
    "escape-name": ('name = "a\\u001b[31mred"\n' + GOOD, "name must be"),
    "c1-name": ('name = "a\\u009bred"\n' + GOOD, "name must be"),
    "dark-string": ('dark = "yes"\n' + GOOD, "dark must be true or false"),
    "colour-number": ("primary = 5\n", "primary colour missing"),
    "bad-colour": ('primary = "not a colour"\n', "bad colour"),
    "variables-array": ("variables = [1]\n" + GOOD, "variables must be a table"),
    "variable-escape": (
        GOOD + '[variables]\n"a\\u001bb" = "red"\n',
        "is not a variable",
    ),
    "ansi-number": ("ansi = 5\n" + GOOD, "ansi must be true or false"),
    "spread-string": ('luminosity_spread = "wide"\n' + GOOD, "luminosity_spread must be a number"),
    "not-toml": ("primary = \n", "Invalid value"),
}


def write_themes(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def test_each_broken_theme_is_skipped_with_one_clean_line(tmp_path):
    folder = write_themes(
        tmp_path / "themes", {name: text for name, (text, _) in BROKEN.items()} | {"fine": GOOD}
    )
    loaded = load_themes(folder)
    assert [t.name for t in loaded.themes] == ["fine"]
    assert len(loaded.warnings) == len(BROKEN)
    for warning, (name, (_, says)) in zip(loaded.warnings, sorted(BROKEN.items()), strict=True):
        assert warning.startswith(f"theme {folder / name}.toml: skipped: ")
        assert says in warning and "\n" not in warning and not CONTROL.search(warning)


def test_a_user_theme_with_low_contrast_loads_with_a_warning_naming_the_pair(tmp_path):
    grey = 'primary = "#777777"\nbackground = "#808080"\nsurface = "#808080"\nforeground = "#999999"\n'
    loaded = load_themes(write_themes(tmp_path / "themes", {"fog": grey}))
    assert [t.name for t in loaded.themes] == ["fog"]
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0].startswith(f"theme {tmp_path / 'themes' / 'fog.toml'}: list and body text ")
    assert "(foreground on surface) has contrast 1.4:1, below 4.5:1" in loaded.warnings[0]


def test_shipped_themes_load_without_a_warning():
    assert load_themes(shipped_themes_dir()).warnings == []


async def test_the_interface_starts_with_broken_themes_and_says_so(home, tmp_path):
    build_store(locations.store_file(), standard_subs())
    folder = write_themes(tmp_path / "themes", {"deep": BROKEN["deep"][0]})
    app = NewsApp(locations.store_file(), Config(), user_themes_dir=folder, clean_on_start=False)
    async with app.run_test(size=(140, 36), notifications=True) as pilot:
        await settle(pilot)
        lines = screen_lines(app.export_screenshot())
    toast = " ".join(line.split("▌", 1)[1].strip(" │─╯") for line in lines if "▌" in line)  # a toast wraps
    assert "Harbour News" in "\n".join(lines)
    assert "skipped: arrays or tables nested too deeply" in " ".join(toast.split())


def start(theme: str | None, **kwargs) -> NewsApp:
    return NewsApp(locations.store_file(), Config(theme=theme), clean_on_start=False, **kwargs)


async def pick(app: NewsApp, name: str) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_theme_picker(pilot)
        while app.theme != name:
            await pilot.press("j")
            await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)


async def theme_at_start(theme: str | None) -> str:
    app = start(theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        return app.theme


async def test_a_picked_theme_wins_until_the_config_line_changes(home):
    build_store(locations.store_file(), standard_subs())
    await pick(start("evening"), "phosphor")
    assert await theme_at_start("evening") == "phosphor"  # config.toml unchanged: the pick stands
    assert await theme_at_start("newsprint") == "newsprint"  # the file changed since: the file wins
    await pick(start("newsprint"), "ink")
    assert await theme_at_start("newsprint") == "ink"


async def test_the_picker_previews_on_the_real_lists_and_says_where_the_choice_goes(home):
    build_store(locations.store_file(), standard_subs())
    surfaces = {
        t.name: t.to_color_system().generate()["surface"].lower()
        for t in load_themes(shipped_themes_dir()).themes
    }
    app = start("ink")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_theme_picker(pilot)
        await pilot.press("j")
        await pilot.pause()
        previewed = app.theme
        svg = app.export_screenshot()
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "ink"
    text = "\n".join(screen_lines(svg))
    assert previewed != "ink"
    assert "Harbour News" in text and "Weather Desk" in text and "phosphor" in text
    assert "config.toml" in text
    row = next(i for i, line in enumerate(screen_lines(svg)) if "Weather Desk" in line)
    feed_cells = [c for c in cells(svg) if c.row == row and c.col < 20 and c.char.isalpha()]
    assert feed_cells and all(c.bg == surfaces[previewed] for c in feed_cells)  # not shaded: the real colours
