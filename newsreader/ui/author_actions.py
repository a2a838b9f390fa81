"""`@` and `B` on the reading screen: the authors view, straight to an article's author, or a choice of them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.models import Person
from newsreader.text import one_line
from newsreader.ui.authors import AuthorsScreen


class AuthorChooser(ModalScreen[int | None]):
    """B on an article with several authors: pick one (dismissed with their id, or None)."""

    CSS_PATH = "authors.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Cancel", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, people: list[Person]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-box") as box:
            box.border_title = "Which author?"
            box.border_subtitle = "enter to open, esc to cancel"
            yield OptionList(
                *[Option(Text(one_line(p.name)), id=str(p.id)) for p in self.people], id="chooser-options"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id) if event.option.id else None)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if delta > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass
class AuthorsFound(Message):
    """The authors of the article B was pressed on."""

    article_id: int
    people: list[Person]


class AuthorActions:
    """The reading screen's `@` and `B`, mixed into MainScreen (its data, current_row and open_article)."""

    def action_authors(self) -> None:
        self.app.push_screen(AuthorsScreen(self.data), callback=self._read_from_authors)

    def action_article_author(self) -> None:
        row = self.current_row()
        if row is None:
            self.notify("No article here: choose one first.", severity="warning")
            return
        self.run_worker(
            lambda: self.post_message(AuthorsFound(row.id, self.data.authors_of(row.id))),
            thread=True,
            group="article-author",
            exit_on_error=False,
        )

    def on_authors_found(self, message: AuthorsFound) -> None:
        people = message.people
        if not people:
            self.notify("No author is known for this article.", severity="warning")
        elif len(people) == 1:
            self._show_author(people[0].id)
        else:
            self.app.push_screen(AuthorChooser(people), callback=self._show_author)

    def _show_author(self, person_id: int | None) -> None:
        if person_id is not None:
            self.app.push_screen(
                AuthorsScreen(self.data, person_id=person_id), callback=self._read_from_authors
            )

    def _read_from_authors(self, article_id: int | None) -> None:
        if article_id is not None:
            self.open_article(article_id)
