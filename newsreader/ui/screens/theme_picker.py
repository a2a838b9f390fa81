"""The t dialog: pick a theme; moving through the list previews it on the real screen, escape undoes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

WHERE = (
    "Your pick is saved with your articles and wins over theme = in config.toml "
    "until you change that line; then the file wins."
)


class ThemePicker(ModalScreen[str | None]):
    """Dismissed with the chosen theme's name, or None when cancelled."""

    BINDINGS = [
        Binding("escape,q", "cancel", "Cancel", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, names: list[str], current: str) -> None:
        super().__init__()
        self.names = names
        self.original = current

    def compose(self) -> ComposeResult:
        with Vertical(id="theme-box") as box:
            box.border_title = "Theme"
            box.border_subtitle = "enter to keep, esc to cancel"
            yield OptionList(*[Option(Text(name), id=name) for name in self.names], id="theme-options")
            yield Static(WHERE, id="theme-where")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.original in self.names:
            options.highlighted = self.names.index(self.original)
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.app.theme = event.option.id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.app.theme = self.original
        self.dismiss(None)
