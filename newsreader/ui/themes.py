"""Themes as data: TOML files mapping onto Textual's Theme, shipped ones first, then the user's."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from textual.theme import Theme

DEFAULT_THEME = "ink"

_COLOR_FIELDS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground")
_COLOR_FIELDS += ("background", "surface", "panel", "boost")
_KNOWN = {f.name for f in fields(Theme)}


@dataclass(frozen=True, slots=True)
class LoadedThemes:
    themes: list[Theme]
    warnings: list[str]  # one line per skipped file


def shipped_themes_dir() -> Path:
    """The themes in the package (wheel), else the repository's themes/ (editable install)."""
    try:
        packaged = resources.files("newsreader") / "themes"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, OSError):
        pass
    return Path(__file__).resolve().parents[2] / "themes"


def parse_theme(text: str, name: str) -> Theme:
    """One theme file's text to a Theme; raises ValueError with a one-line reason."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc)) from None
    raw.setdefault("name", name)
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise ValueError(f"unknown field {unknown[0]}")
    if not isinstance(raw.get("primary"), str):
        raise ValueError("primary colour missing")
    for key in _COLOR_FIELDS:
        if key in raw and not isinstance(raw[key], str):
            raise ValueError(f"{key} must be a colour string")
    if "dark" in raw and not isinstance(raw["dark"], bool):
        raise ValueError("dark must be true or false")
    if not isinstance(raw.get("variables", {}), dict):
        raise ValueError("variables must be a table")
    theme = Theme(**raw)
    try:
        theme.to_color_system()  # rejects colours Textual cannot parse
    except Exception as exc:  # noqa: BLE001 - Textual raises several kinds for bad colours
        raise ValueError(f"bad colour: {exc}") from None
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
                warnings.append(f"theme {path}: skipped: {str(exc).splitlines()[0]}")
                continue
            found[theme.name] = theme
    return LoadedThemes(list(found.values()), warnings)
