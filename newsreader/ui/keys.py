"""Every key binding of the main screen, declared once.

The help screen, the footer, the command palette and the `[keys]` overrides in config.toml all read
this table, so a key shown anywhere is the key that works.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class KeySpec:
    action: str  # the screen's action_<name>, and the name used in config.toml [keys]
    keys: tuple[str, ...]
    description: str
    short: str | None = None  # the footer's label; None keeps it to the help screen and the palette


KEYS: tuple[KeySpec, ...] = (
    KeySpec("cursor_down", ("j", "down"), "Move down"),
    KeySpec("cursor_up", ("k", "up"), "Move up"),
    KeySpec("open", ("enter", "l"), "Open the feed or article", "Open"),
    KeySpec("back", ("h", "escape"), "Go back", "Back"),
    KeySpec("page_body_down", ("space",), "Page the body down"),
    KeySpec("page_body_up", ("b",), "Page the body up"),
    KeySpec("page_down", ("pagedown",), "Page down in the list"),
    KeySpec("page_up", ("pageup",), "Page up in the list"),
    KeySpec("first", ("home", "g"), "To the top of the list or article"),
    KeySpec("last", ("end", "G"), "To the bottom of the list or article"),
    KeySpec("next_unread", ("n",), "Next unread article, across feeds"),
    KeySpec("prev_unread", ("N", "p"), "Previous unread article, across feeds"),  # p: newsboat's key
    KeySpec("refresh_feed", ("r",), "Refresh the selected feed", "Refresh"),
    KeySpec("refresh_all", ("R",), "Refresh all feeds"),
    KeySpec("toggle_read", ("m",), "Toggle read"),
    KeySpec("mark_feed_read", ("A",), "Mark the feed read"),
    KeySpec("toggle_star", ("s",), "Star or unstar"),
    KeySpec("open_link", ("o",), "Open the link in the browser"),
    KeySpec("copy_link", ("y",), "Copy the link"),
    KeySpec("search", ("slash",), "Search every cached article", "Search"),
    KeySpec("toggle_unread_only", ("u",), "Show unread only, or all"),
    KeySpec("choose_theme", ("t",), "Choose a theme"),
    KeySpec("help", ("question_mark",), "Show the keys", "Help"),
    KeySpec("command_palette", ("ctrl+p",), "Command palette"),
    KeySpec("quit", ("q",), "Quit", "Quit"),
)

SPECS: dict[str, KeySpec] = {spec.action: spec for spec in KEYS}

_DISPLAY = {"slash": "/", "question_mark": "?", "space": "space", "escape": "esc"}


class KeyConfigError(ValueError):
    """An unknown action in config.toml [keys]; the message is one line."""


def effective_keys(overrides: Mapping[str, Sequence[str]] | None = None) -> dict[str, tuple[str, ...]]:
    """Action -> keys after the user's overrides (an override replaces the defaults of its action)."""
    overrides = overrides or {}
    unknown = sorted(set(overrides) - set(SPECS))
    if unknown:
        raise KeyConfigError(f"[keys] {unknown[0]}: no such action (see the ? help screen)")
    return {spec.action: tuple(overrides.get(spec.action, spec.keys)) for spec in KEYS}


def display_key(key: str) -> str:
    return _DISPLAY.get(key, key)


def bindings() -> list[Binding]:
    """Textual bindings with the default keys; overrides are applied with App.set_keymap(keymap(...))."""
    return [
        Binding(
            ",".join(spec.keys),
            spec.action,
            spec.short or spec.description,
            show=spec.short is not None,
            id=spec.action,
            tooltip=spec.description,
        )
        for spec in KEYS
    ]


def keymap(overrides: Mapping[str, Sequence[str]] | None) -> dict[str, str]:
    """A Textual keymap (binding id -> comma-separated keys) from config.toml [keys]."""
    return {action: ",".join(keys) for action, keys in (overrides or {}).items() if action in SPECS}
