"""The ? screen: every key from the one table in keys.py, with the user's overrides and action names."""

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
    """Keys, what they do, and the action name that config.toml [keys] takes to change them."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(no_wrap=True)
    table.add_row(Text("Key"), Text("Does"), Text("[keys] name"), style="bold underline")
    for spec in KEYS:
        keys = ", ".join(display_key(k) for k in effective[spec.action]) or "-"
        table.add_row(Text(keys), Text(spec.description), Text(spec.action))
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
            box.border_subtitle = "esc to close; change keys in config.toml \\[keys]"
            yield Static(keys_table(self.effective), id="help-keys")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_down() if direction == "down" else box.scroll_up()
