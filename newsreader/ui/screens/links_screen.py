"""The L list of an article's links: enter opens one, y copies it; and the # prompt for a link's number."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from newsreader.text import one_line
from newsreader.ui import browser
from newsreader.ui.links import Link


class LinksScreen(ModalScreen[None]):
    """Every link of the article, by number; stays open so that several can be opened or copied."""

    CSS_PATH = "links_screen.tcss"
    BINDINGS = [
        Binding("escape,q,L", "close", "Close", show=False),
        Binding("y", "copy", "Copy the link", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, links: tuple[Link, ...]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        width = len(str(len(self.links)))
        options = [
            Option(
                Text.assemble((f"[{link.number}]".rjust(width + 2), "bold"), " ", one_line(link.label), "\n")
                + Text("   " + " " * width + one_line(link.url), style="dim")
            )
            for link in self.links
        ]
        with Vertical(id="links-box") as box:
            box.border_title = "Links"
            box.border_subtitle = "enter opens, y copies, esc closes"
            yield OptionList(*options, id="links-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _chosen(self) -> Link | None:
        index = self.query_one(OptionList).highlighted
        return self.links[index] if index is not None and 0 <= index < len(self.links) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        link = self._chosen()
        if link is not None:
            browser.open_link(self.app, link.url)

    def action_copy(self) -> None:
        link = self._chosen()
        if link is not None:
            browser.copy_link(self.app, link.url)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)


class LinkNumberPrompt(ModalScreen[int | None]):
    """# then a number and enter: dismissed with the number, or None when cancelled."""

    CSS_PATH = "links_screen.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="number-box") as box:
            box.border_title = f"Open link (1-{self.count})"
            yield Input(type="integer", placeholder="number, then enter", id="link-number")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        self.dismiss(int(text) if text.isdigit() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
