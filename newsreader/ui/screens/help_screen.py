"""The ? screen: every key from the one table in keys.py, with the user's overrides applied."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.ui.keys import KEYS, display_key


def keys_table(effective: Mapping[str, Sequence[str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for spec in KEYS:
        table.add_row(Text(", ".join(display_key(k) for k in effective[spec.action])), Text(spec.description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
    ]

    def __init__(self, effective: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.effective = effective

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc to close"
            yield Static(keys_table(self.effective), id="help-keys")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_down() if direction == "down" else box.scroll_up()
