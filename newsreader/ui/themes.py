"""Themes as data: TOML files mapping onto Textual's Theme, shipped ones first, then the user's."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from textual.theme import Theme

from newsreader.text import one_line
from newsreader.ui.contrast import contrast_problems

DEFAULT_THEME = "ink"
CHOSEN_KEY = "ui.theme"  # store state: the theme picked with t
CHOSEN_OVER_KEY = "ui.theme_config"  # store state: config.toml's theme when that pick was made

_COLOR_FIELDS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground")
_COLOR_FIELDS += ("background", "surface", "panel", "boost")
_KNOWN = {f.name for f in fields(Theme)}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
_VARIABLE = re.compile(r"[a-z][a-z0-9-]{0,60}")


@dataclass(frozen=True, slots=True)
class LoadedThemes:
    themes: list[Theme]
    warnings: list[str]  # one line per skipped file


def starting_theme(
    configured: str | None, chosen: str | None, chosen_over: str | None, known: Collection[str]
) -> tuple[str, list[str]]:
    """The theme to start with, and warnings: a pick made with t wins until config.toml's theme changes."""
    warnings: list[str] = []
    if configured and configured not in known:
        warnings.append(f"theme {one_line(configured)!r} not found; using {DEFAULT_THEME}")
    if chosen and (chosen_over or "") != (configured or "") and configured:
        chosen = None  # the file changed since the pick: the file wins
    for name in (chosen, configured, DEFAULT_THEME):
        if name and name in known:
            return name, warnings
    return "textual-dark", warnings


def shipped_themes_dir() -> Path:
    """The themes in the package (wheel), else the repository's themes/ (editable install)."""
    try:
        packaged = resources.files("newsreader") / "themes"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, OSError):
        pass
    return Path(__file__).resolve().parents[2] / "themes"


def _field(key: str) -> str:
    return repr(one_line(key)[:40])


def parse_theme(text: str, name: str) -> Theme:
    """One theme file's text to a Theme; raises ValueError with a one-line, printable reason."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(one_line(str(exc))) from None
    except RecursionError:
        raise ValueError("arrays or tables nested too deeply") from None
    raw.setdefault("name", name)
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise ValueError(f"unknown field {_field(unknown[0])}")
    if not isinstance(raw["name"], str) or not _NAME.fullmatch(raw["name"]):
        raise ValueError("name must be letters, digits, - or _ (at most 40)")
    if not isinstance(raw.get("primary"), str):
        raise ValueError("primary colour missing")
    for key in _COLOR_FIELDS:
        if key in raw and not isinstance(raw[key], str):
            raise ValueError(f"{key} must be a colour string")
    for key in ("dark", "ansi"):
        if key in raw and not isinstance(raw[key], bool):
            raise ValueError(f"{key} must be true or false")
    for key in ("luminosity_spread", "text_alpha"):
        if key in raw and not (isinstance(raw[key], int | float) and not isinstance(raw[key], bool)):
            raise ValueError(f"{key} must be a number")
        if key in raw and not 0 <= raw[key] <= 1:
            raise ValueError(f"{key} must be from 0 to 1")
    variables = raw.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("variables must be a table")
    for key, value in variables.items():
        if not _VARIABLE.fullmatch(key):
            raise ValueError(f"variable {_field(key)} is not a variable name")
        if not isinstance(value, str) or not value.isprintable():
            raise ValueError(f"variable {key} must be a string")
    theme = Theme(**raw)
    try:
        theme.to_color_system().generate()  # rejects colours Textual cannot parse
    except Exception as exc:  # noqa: BLE001 - Textual raises several kinds for bad colours
        raise ValueError(f"bad colour: {one_line(str(exc))}") from None
    return theme


def load_themes(*dirs: Path) -> LoadedThemes:
    """Every *.toml theme in dirs, in order; a later file with the same name replaces an earlier one."""
    found: dict[str, Theme] = {}
    warnings: list[str] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = parse_theme(path.read_text(encoding="utf-8"), path.stem)
            except (ValueError, OSError, UnicodeDecodeError) as exc:
                warnings.append(f"theme {one_line(str(path))}: skipped: {one_line(str(exc))}")
                continue
            found[theme.name] = theme
            low = contrast_problems(theme)
            if low:
                more = f" (and {len(low) - 1} more)" if len(low) > 1 else ""
                warnings.append(f"theme {one_line(str(path))}: {low[0]}{more}")
    return LoadedThemes(list(found.values()), warnings)
