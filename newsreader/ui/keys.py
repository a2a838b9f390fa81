"""Every key binding of the main screen, declared once, with the presets config.toml can pick.

The help screen, the footer, the command palette and the `keymap` / `[keys]` settings in config.toml all
read this table, so a key shown anywhere is the key that works.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    KeySpec("mark_feed_read", ("A",), "Mark everything shown read (asks above 100 articles)"),
    KeySpec("toggle_star", ("s",), "Star or unstar"),
    KeySpec("open_link", ("o",), "Open the link in the browser"),
    KeySpec("copy_link", ("y",), "Copy the link"),
    KeySpec("search", ("slash",), "Search every cached article", "Search"),
    KeySpec("toggle_unread_only", ("u",), "Show unread only, or all"),
    KeySpec("choose_theme", (), "Choose a theme"),
    KeySpec("help", ("question_mark",), "Show the keys", "Help"),
    KeySpec("command_palette", ("ctrl+p",), "Command palette"),
    KeySpec("quit", ("q",), "Quit", "Quit"),
    KeySpec("back_or_quit", (), "Go back, or quit from the feed list (newsboat's q)"),
    KeySpec("download_enclosure", ("d",), "Download the enclosure (podcast, video)"),
    KeySpec("play_enclosure", ("P",), "Play the enclosure (the player of config.toml)"),
    KeySpec("save_article", ("S",), "Save the article as Markdown in save_dir"),
    KeySpec("authors", ("at",), "Authors: everyone who wrote, their articles and contacts"),
    KeySpec("article_author", ("B",), "The author of this article"),
    KeySpec("pick_tag", ("t",), "Show one tag's feeds, or all"),
    KeySpec("add_feed", ("a",), "Add a feed (or a web page naming one)"),
    KeySpec("rename_feed", ("e",), "Rename the feed"),
    KeySpec("edit_tags", ("T",), "Edit the feed's tags"),
    KeySpec("remove_feed", ("D",), "Remove the feed, or delete the saved view"),
    KeySpec("undo_mark", ("z",), "Undo the last mark read (A)"),
    KeySpec("save_search", (), "Save the search as a view"),
    KeySpec("list_links", ("L",), "List the article's links (enter opens, y copies)"),
    *(KeySpec(f"open_link_{n}", (str(n),), f"Open the article's link [{n}]") for n in range(1, 10)),
    KeySpec("open_link_by_number", ("number_sign",), "Open the article's link by its number"),
    KeySpec("toggle_images", ("i",), "Show the article's images, or only their descriptions"),
)

SPECS: dict[str, KeySpec] = {spec.action: spec for spec in KEYS}

# newsboat's default keys for the operations we share (newsboat(1), "bind-key"): q steps back and quits
# from the feed list, Q quits, N toggles read, p goes to the previous unread, l shows or hides read items.
NEWSBOAT: dict[str, tuple[str, ...]] = {
    "open": ("enter",),
    "back": ("escape", "h"),
    "back_or_quit": ("q",),
    "quit": ("Q",),
    "refresh_feed": ("r",),
    "refresh_all": ("R",),
    "next_unread": ("n",),
    "prev_unread": ("p",),
    "toggle_read": ("N",),
    "mark_feed_read": ("A",),
    "open_link": ("o",),
    "search": ("slash",),
    "help": ("question_mark",),
    "toggle_unread_only": ("l",),
}

PRESETS: dict[str, Mapping[str, tuple[str, ...]]] = {"default": {}, "newsboat": NEWSBOAT}

_DISPLAY = {
    "slash": "/",
    "question_mark": "?",
    "space": "space",
    "escape": "esc",
    "number_sign": "#",
    "at": "@",
}
_UNBOUND = "unbound-"  # a key no terminal sends: Textual needs one to let a keymap bind the action later


class KeyConfigError(ValueError):
    """An unknown action or a conflict in config.toml [keys]; the message is one line."""


def _valid_key(key: str) -> bool:
    # a comma would split into two keys in Textual's keymap, and no key name has spaces or controls
    return 0 < len(key) <= 40 and key.isprintable() and "," not in key and " " not in key


def _show(text: str) -> str:
    return "".join(c for c in text if c.isprintable())[:40]


def check_keys(
    preset: str, overrides: Mapping[str, Sequence[str]]
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """The overrides that can be used, and (action, one-line message) for each that cannot.

    An override replaces its action's keys; a key left bound to two actions is a conflict, reported
    on the override that caused it (the other action is named) and dropped.
    """
    problems: list[tuple[str, str]] = []
    accepted: dict[str, list[str]] = {}
    for action, keys in overrides.items():
        if action not in SPECS:
            problems.append((action, f"[keys] {_show(action)}: no such action (see the ? help screen)"))
        elif bad := [k for k in keys if not _valid_key(k)]:
            problems.append((action, f"[keys] {action}: {_show(bad[0])!r} is not a key name"))
        else:
            accepted[action] = list(keys)
    base = {spec.action: PRESETS.get(preset, {}).get(spec.action, spec.keys) for spec in KEYS}
    for action in list(accepted):
        effective = base | {a: tuple(k) for a, k in accepted.items()}
        for key in accepted[action]:
            others = [a for a, keys in effective.items() if a != action and key in keys]
            if others:
                problems.append(
                    (action, f"[keys] {action}: {display_key(key)} is already the key for {others[0]}")
                )
                del accepted[action]
                break
    return accepted, problems


def effective_keys(
    overrides: Mapping[str, Sequence[str]] | None = None, preset: str = "default"
) -> dict[str, tuple[str, ...]]:
    """Action -> keys: the preset's, then the user's overrides (which replace their action's keys)."""
    accepted, problems = check_keys(preset, overrides or {})
    if problems:
        raise KeyConfigError(problems[0][1])
    chosen = PRESETS.get(preset, {})
    return {
        spec.action: tuple(accepted.get(spec.action, chosen.get(spec.action, spec.keys))) for spec in KEYS
    }


def display_key(key: str) -> str:
    return _DISPLAY.get(key, key)


def bindings() -> list[Binding]:
    """Textual bindings with the default keys; the preset and overrides come with App.set_keymap."""
    from textual.binding import Binding

    return [
        Binding(
            ",".join(spec.keys) or _UNBOUND + spec.action,
            spec.action,
            spec.short or spec.description,
            show=spec.short is not None,
            id=spec.action,
            tooltip=spec.description,
        )
        for spec in KEYS
    ]


def keymap(effective: Mapping[str, Sequence[str]] | None) -> dict[str, str]:
    """A Textual keymap (binding id -> comma-separated keys) from effective_keys(...)."""
    return {
        action: ",".join(keys) or _UNBOUND + action
        for action, keys in (effective or {}).items()
        if action in SPECS
    }
