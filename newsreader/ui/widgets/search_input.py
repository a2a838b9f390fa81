"""The search line that / opens: enter searches every cached article, escape closes it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchInput(Input):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    class Cancelled(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="Search titles, authors and text (enter to search, esc to cancel)", id=id
        )

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
