"""The footer: the keys from keys.KEYS that have a short label, with the user's overrides, as one line.

One widget drawing one line, rather than Textual's Footer (a widget per key, rebuilt on every focus change):
the reading screen's keys are the same whichever pane has the focus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import events
from textual.widget import Widget

from newsreader.ui.keys import KEYS, display_key

_SYMBOLS = {"enter": "⏎", "escape": "esc", "ctrl+p": "^p"}


def key_label(key: str) -> str:
    return _SYMBOLS.get(key) or display_key(key)


class KeyBar(Widget):
    """Clicking a key runs its action on the screen, as Textual's Footer does."""

    COMPONENT_CLASSES = {"key-bar--key"}

    def __init__(self, effective: Mapping[str, Sequence[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = [
            (key_label(effective[spec.action][0]), spec.short, spec.action)
            for spec in KEYS
            if spec.short and effective[spec.action]
        ]
        palette = effective.get("command_palette") or ()
        self.palette = key_label(palette[0]) if palette else None
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        for key, label, action in self.items:
            start = text.cell_len
            text.append(f" {key} ", style=key_style)
            text.append(f"{label} ")
            self._spans.append((start, text.cell_len, action))
        if self.palette:
            tail = f"{self.palette} palette "
            room = self.size.width - text.cell_len - len(tail)
            if room > 0:
                start = text.cell_len + room
                text.append(" " * room)
                text.append(tail)
                self._spans.append((start, text.cell_len, "app.command_palette"))
        return text

    async def _on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                event.stop()
                await self.screen.run_action(action)
                return
