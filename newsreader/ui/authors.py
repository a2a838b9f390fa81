"""The authors view (`@`, and `B` from an article): everyone who wrote a stored article, and how to reach them.

The left list holds every author (drawn a screenful at a time); the right side shows the one under the
cursor: who they are, their articles from every feed (enter opens one in the reading screen) and every
contact line filed for them, each with the article it came from. Reads run in workers via ui/data.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from newsreader.models import ArticleRow, Person, PersonContact, distinct_contacts
from newsreader.text import one_line
from newsreader.ui.render import article_date
from newsreader.ui.widgets.virtual_list import Parts, VirtualList

if TYPE_CHECKING:
    from newsreader.ui.data import UiData

ARTICLES_SHOWN = 1000  # an author's most recent articles listed (a wire service may have 100,000)
FIRST_AUTHORS = 200  # listed at once; the rest (185,000 at a million articles) follow from the same worker
DETAILS_KEPT = 4000  # authors' feeds and latest articles kept for the rows drawn
WITH_DETAILS = 56  # columns from which a row shows the feeds and the latest article too


@dataclass
class AuthorsLoaded(Message):
    people: list[Person]
    more: bool = False  # only the first screenful: the rest follows in another AuthorsLoaded


@dataclass
class AuthorDetails(Message):
    """Feeds and latest articles for the rows of the list on screen."""

    people: list[Person]


@dataclass
class AuthorPage(Message):
    """One author's articles and contact lines, for the detail side."""

    person: Person
    articles: list[ArticleRow]
    contacts: list[PersonContact]


def _fit(parts: Parts, width: int, tail: str) -> Parts:
    """parts cut to leave room for tail at the right edge."""
    room = max(0, width - cell_len(tail))
    out: Parts = []
    used = 0
    for text, style in parts:
        if used + cell_len(text) > room:
            text = text[: max(0, room - used - 1)] + "…"
        out.append((text, style))
        used += cell_len(text)
        if used >= room:
            break
    return [*out, (" " * max(0, room - used), None), (tail, None)]


class AuthorList(VirtualList):
    """Every author: name, outlet (or "organisation"), and where there is room their feeds and latest
    article, read a screenful at a time by a worker; the article count at the right."""

    def __init__(self, data: UiData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.people: list[Person] = []
        self.border_title = "Authors"
        self._details: dict[int, Person] = {}
        self._asked: set[int] = set()

    def set_people(self, people: list[Person], select_id: int | None = None) -> None:
        self.people = people
        ids = [p.id for p in people]
        self.set_count(len(people), ids.index(select_id) if select_id in ids else 0)

    def current(self) -> Person | None:
        return self.people[self.cursor] if 0 <= self.cursor < len(self.people) else None

    def details(self, index: int) -> Person | None:
        """The author at index with feeds and latest article if read; else None, and a worker reads them."""
        person_id = self.people[index].id
        found = self._details.get(person_id)
        if found is None and person_id not in self._asked:
            if len(self._details) > DETAILS_KEPT:
                self._details.clear()
            end = min(len(self.people), index + max(self.size.height, 24) + 30)
            wanted = [
                p.id
                for p in self.people[max(0, index - 10) : end]
                if p.id not in self._details and p.id not in self._asked
            ]
            self._asked.update(wanted)
            self._read_details(wanted)
        return found

    @work(thread=True, group="author-details", exit_on_error=False)
    def _read_details(self, person_ids: list[int]) -> None:
        self.post_message(AuthorDetails(self.data.author_details(person_ids)))

    def on_author_details(self, message: AuthorDetails) -> None:
        message.stop()
        for p in message.people:
            self._details[p.id] = p
            self._asked.discard(p.id)
        self.refresh()

    def row_parts(self, index: int) -> Parts:
        p = self.people[index]
        where = p.outlet if p.kind == "person" else "organisation"
        dim = self.style_of("dim")
        parts: Parts = [(one_line(p.name), self.style_of("strong")), (f"  {one_line(where)}", dim)]
        if self.row_width >= WITH_DETAILS:
            more = self.details(index)
            if more is not None:
                latest = (
                    f"{article_date(more.latest_published, time=False)} {one_line(more.latest_title)}".strip()
                )
                parts += [(f"  {one_line(', '.join(more.feeds))}", None), (f"  {latest}", dim)]
        return _fit(parts, self.row_width, f" {p.articles}")


class AuthorArticles(VirtualList):
    """The author's articles, newest first, with the feed each is from."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ArticleRow] = []
        self.border_title = "Articles"

    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.rows = rows
        self.set_count(len(rows))

    def current(self) -> ArticleRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def row_parts(self, index: int) -> Parts:
        r = self.rows[index]
        mark = ("  ", None) if r.read else ("• ", self.style_of("mark"))
        parts: Parts = [
            mark,
            (f"{article_date(r.published, time=False)}  ", self.style_of("dim")),
            (one_line(r.title) or "(untitled)", None if r.read else self.style_of("strong")),
        ]
        return _fit(parts, self.row_width, f"  {one_line(r.feed_title)}")


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
