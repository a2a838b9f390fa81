"""The authors view (`@`, and `B` from an article): everyone who wrote a stored article, and how to reach them.

The left list holds every author (author_lists.py); the right side shows the one under the
cursor: who they are, their articles from every feed (enter opens one in the reading screen) and every
contact line filed for them, each with the article it came from. Reads run in workers via ui/data.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from newsreader.models import ArticleRow, Person, PersonContact, distinct_contacts
from newsreader.text import one_line
from newsreader.ui.author_lists import AuthorArticles, AuthorList
from newsreader.ui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from newsreader.ui.data import UiData

ARTICLES_SHOWN = 1000  # an author's most recent articles listed (a wire service may have 100,000)
FIRST_AUTHORS = 200  # listed at once; the rest (185,000 at a million articles) follow from the same worker


@dataclass
class AuthorsLoaded(Message):
    people: list[Person]
    more: bool = False  # only the first screenful: the rest follows in another AuthorsLoaded


@dataclass
class AuthorPage(Message):
    """One author's articles and contact lines, for the detail side."""

    person: Person
    articles: list[ArticleRow]
    contacts: list[PersonContact]


def describe(person: Person) -> Text:
    """The detail side's heading: who, where, how much."""
    kind = (
        "organisation"
        if person.kind == "organisation"
        else f"person at {person.outlet or 'an unknown outlet'}"
    )
    noun = "article" if person.articles == 1 else "articles"
    text = Text.assemble((one_line(person.name), "bold"), f"  {kind}\n", f"{person.articles} {noun}")
    if person.feeds:
        text.append(f" in {one_line(', '.join(person.feeds))}")
    return text


def contact_lines(contacts: list[PersonContact]) -> Table | Text:
    """Every contact line, each with the article it came from (wrapped under its value, not under its kind)."""
    if not contacts:
        return Text("No contact lines found in their articles.", style="dim")
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    for c, n in distinct_contacts(contacts):
        more = f" and {n - 1} more" if n > 1 else ""
        table.add_row(
            Text(c.kind),
            Text.assemble(
                (one_line(c.value), "bold"),
                "\n",
                one_line(c.label),
                "\n",
                (f"from: {one_line(c.article_title)}{more}", "dim"),
            ),
        )
    return table


class AuthorsScreen(Screen[int | None]):
    """Dismissed with the id of the article to read, or None."""

    CSS_PATH = "authors.tcss"
    BINDINGS = [
        Binding("escape,h", "back", "Back"),
        Binding("q", "close", "Close"),
        Binding("j,down", "move(1)", show=False),
        Binding("k,up", "move(-1)", show=False),
        Binding("enter,l", "open", "Open"),
        Binding("tab", "switch", "Articles/authors", show=False),
    ]

    def __init__(self, data: UiData, *, person_id: int | None = None) -> None:
        super().__init__()
        self.data = data
        self.person_id = person_id  # shown first (B), its articles focused
        self.shown_id: int | None = None  # whose articles and contacts the right side shows

    def compose(self) -> ComposeResult:
        with Horizontal(id="authors-panes"):
            yield AuthorList(self.data, id="authors-list")
            with Vertical(id="author-detail"):
                yield Static("", id="author-head")
                yield AuthorArticles(id="author-articles")
                with VerticalScroll(id="author-contacts-box") as box:
                    box.border_title = "Contact lines"
                    yield Static("", id="author-contacts")
        yield Static(Text("enter: open  ·  tab: switch  ·  esc: back", style="dim"), id="authors-keys")

    @property
    def authors(self) -> AuthorList:
        return self.query_one(AuthorList)

    @property
    def articles(self) -> AuthorArticles:
        return self.query_one(AuthorArticles)

    def on_mount(self) -> None:
        self.query_one("#author-head", Static).update(Text("Reading the authors…", style="dim"))
        (self.articles if self.person_id is not None else self.authors).focus()
        if self.person_id is not None:
            self.show_author(self.person_id)
        self.load_authors()

    @work(thread=True, exit_on_error=False, group="authors")
    def load_authors(self) -> None:
        first = self.data.authors(FIRST_AUTHORS)
        self.post_message(AuthorsLoaded(first, more=len(first) == FIRST_AUTHORS))
        if len(first) == FIRST_AUTHORS:
            self.post_message(AuthorsLoaded(self.data.authors()))

    def on_authors_loaded(self, message: AuthorsLoaded) -> None:
        current = self.authors.current()
        # B's author until the user moves; then whoever is under the cursor stays there.
        select = self.person_id if self.person_id is not None else (current.id if current else None)
        self.authors.set_people(message.people, select)
        count = f"{len(message.people)}+" if message.more else str(len(message.people))
        self.authors.border_title = f"Authors ({count})"
        current = self.authors.current()
        if self.shown_id is None and current is not None:
            self.show_author(current.id)
        elif current is None and not message.more:
            self.query_one("#author-head", Static).update(
                Text("No authors yet: refresh, and open or clean some articles.", style="dim")
            )

    @on(VirtualList.Highlighted, "#authors-list")
    def author_highlighted(self, message: VirtualList.Highlighted) -> None:
        person = self.authors.current()
        if person is not None and person.id != self.shown_id:
            self.person_id = None  # the user has taken over the cursor
            self.show_author(person.id)

    def show_author(self, person_id: int) -> None:
        self.shown_id = person_id
        self.load_author(person_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="author")
    def load_author(self, person_id: int) -> None:
        page = self.data.author_page(person_id, ARTICLES_SHOWN)
        if page is not None:
            self.post_message(AuthorPage(*page))

    def on_author_page(self, message: AuthorPage) -> None:
        if message.person.id != self.shown_id:
            return  # the cursor has moved on
        self.query_one("#author-head", Static).update(describe(message.person))
        self.articles.set_rows(message.articles)
        shown = len(message.articles)
        more = f", the latest {shown}" if shown < message.person.articles else ""
        self.articles.border_title = f"Articles ({message.person.articles}{more})"
        self.query_one("#author-contacts", Static).update(contact_lines(message.contacts))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read that failed (the store damaged meanwhile, say) is one line here, not a view left waiting."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            message = one_line(str(error)) or type(error).__name__
            self.query_one("#author-head", Static).update(Text(message, style="bold red"))
            self.notify(message, severity="error", markup=False)

    @on(VirtualList.Selected, "#authors-list")
    def author_selected(self, message: VirtualList.Selected) -> None:
        self.authors.move_to(message.index)
        self.articles.focus()

    @on(VirtualList.Selected, "#author-articles")
    def article_selected(self, message: VirtualList.Selected) -> None:
        self.articles.move_to(message.index)
        self.action_open()

    def action_move(self, delta: int) -> None:
        focused = self.focused
        if isinstance(focused, VirtualList):
            focused.move(delta)
        elif isinstance(focused, VerticalScroll):
            focused.scroll_relative(y=delta, animate=False)

    def action_open(self) -> None:
        if self.focused is self.authors:
            self.articles.focus()
            return
        row = self.articles.current()
        if row is not None:
            self.dismiss(row.id)

    def action_switch(self) -> None:
        (self.authors if self.focused is self.articles else self.articles).focus()

    def action_back(self) -> None:
        if self.focused is not self.authors:
            self.authors.focus()
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
