"""The status line above the footer: refresh progress first (notifications cover the right), then where you are."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static("", id="status-progress")
        yield Static("", id="status-where")

    def where(self, text: str) -> None:
        self.query_one("#status-where", Static).update(Text(text))

    def progress(self, text: str) -> None:
        """The refresh's progress or outcome, set apart from where-you-are by a dot."""
        self.query_one("#status-progress", Static).update(Text.assemble(text, (" ·", "dim")) if text else "")
