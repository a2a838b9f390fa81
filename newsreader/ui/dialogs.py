"""Small keyboard-driven dialogs: a line of text, a choice among a few, and yes or no.

Each is a ModalScreen that dismisses with the answer (None when escaped); the caller decides what
the answer does. Every text shown here was made one clean line by the caller or is ours.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.text import one_line


class TextDialog(ModalScreen[str | None]):
    """One line to type: enter answers with it, escape with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, prompt: str, value: str = "", *, placeholder: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.placeholder = placeholder
        self.error_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            yield Static(Text(self.prompt), classes="dialog-prompt")
            yield Input(self.value, placeholder=self.placeholder, id="dialog-input")
            yield Static("", id="dialog-error")
            yield Static(Text("enter: OK · esc: cancel", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.dismiss(message.value)

    def show_error(self, text: str) -> None:
        """A one-line problem under the input; the dialog stays open to try again."""
        self.query_one("#dialog-error", Static).update(Text(one_line(text), style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """A few choices (id, label), the first highlighted: enter picks, escape answers None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, title: str, prompt: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.prompt = prompt
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.title_text
            yield Static(Text(self.prompt), classes="dialog-prompt")
            yield OptionList(
                *(Option(Text(label), id=key) for key, label in self.choices), id="dialog-choices"
            )
            yield Static(Text("enter: choose · esc: cancel", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.dismiss(message.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ChoiceDialog):
    """Yes or no, no first unless yes_first: answers "yes", "no" or None; y and n answer at once."""

    BINDINGS = [
        *ChoiceDialog.BINDINGS,
        Binding("y", "answer('yes')", "Yes", show=False),
        Binding("n", "answer('no')", "No", show=False),
    ]

    def __init__(self, title: str, prompt: str, yes: str, no: str, *, yes_first: bool = False) -> None:
        choices = [("yes", f"y  {yes}"), ("no", f"n  {no}")]
        super().__init__(title, prompt, choices if yes_first else choices[::-1])

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
