"""The status line above the footer: where you are on the left, refresh progress on the right."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static("", id="status-where")
        yield Static("", id="status-progress")

    def where(self, text: str) -> None:
        self.query_one("#status-where", Static).update(Text(text))

    def progress(self, text: str) -> None:
        self.query_one("#status-progress", Static).update(Text(text))
