"""The authors view's two lists: every author, and one author's articles, each drawn a screenful at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from textual import work
from textual.message import Message

from newsreader.models import ArticleRow, Person
from newsreader.text import one_line
from newsreader.ui.render import article_date
from newsreader.ui.widgets.virtual_list import Parts, VirtualList

if TYPE_CHECKING:
    from newsreader.ui.data import UiData

DETAILS_KEPT = 4000  # authors' feeds and latest articles kept for the rows drawn
WITH_DETAILS = 56  # columns from which a row shows the feeds and the latest article too


@dataclass
class AuthorDetails(Message):
    """Feeds and latest articles for the rows of the list on screen."""

    people: list[Person]


def _fit(parts: Parts, width: int, tail: str) -> Parts:
    """parts cut to leave room for tail at the right edge."""
    room = max(0, width - cell_len(tail))
    out: Parts = []
    used = 0
    for text, style in parts:
        if used + cell_len(text) > room:
            text = set_cell_size(text, max(0, room - used - 1)) + "…"  # cells, not characters: CJK is 2 wide
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
