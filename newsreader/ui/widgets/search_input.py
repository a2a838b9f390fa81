"""The search line that / opens: enter searches every cached article, ctrl+s searches and saves the
search as a view, escape closes it. It takes the query language (words, "phrases", tag:, author:, OR...)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchInput(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save as a view", show=False),
    ]

    class Cancelled(Message):
        pass

    class SaveAsked(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder='Search: words, "a phrase", tag:, author:, unread, OR, NOT '
            "(enter: search · ctrl+s: save as a view · esc: cancel)",
            id=id,
        )

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_save(self) -> None:
        self.post_message(self.SaveAsked(self.value))
