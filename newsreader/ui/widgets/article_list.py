"""The articles pane: one view's articles, their rows read a screenful at a time by a worker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size
from textual import work

from newsreader.models import ArticleRow
from newsreader.text import one_line
from newsreader.ui.highlight import highlighted
from newsreader.ui.messages import RowsLoaded, View, ViewLoaded
from newsreader.ui.render import article_date
from newsreader.ui.widgets.virtual_list import Parts, VirtualList

if TYPE_CHECKING:
    from newsreader.ui.data import UiData

_CACHE_LIMIT = 4000  # rows kept between screens; enough for several pages, small next to 100,000
FIRST_PAGE = 1000  # ids of a view listed before the rest of it


class ArticleList(VirtualList):
    """Holds only the ids of its view; rows on screen are read by a worker and drawn when they arrive."""

    def __init__(self, data: UiData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.ids: list[int] = []
        self.show_feed = False  # views across feeds show each article's feed
        self.highlight: tuple[str, ...] = ()  # the search's words, marked in the titles
        self._rows: dict[int, ArticleRow] = {}
        self._asked: set[int] = set()
        self.border_title = "Articles"

    def set_ids(
        self,
        ids: list[int],
        *,
        rows: Iterable[ArticleRow] = (),
        select_id: int | None = None,
        show_feed: bool,
    ) -> None:
        self.ids = ids
        self.show_feed = show_feed
        self._rows.update((r.id, r) for r in rows)
        index = 0
        if select_id is not None:
            try:
                index = ids.index(select_id)
            except ValueError:
                index = 0
        self.set_count(len(ids), index)

    def current_id(self) -> int | None:
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def row(self, index: int) -> ArticleRow | None:
        """The row at index if it has been read; else None, and a worker reads it and those around it."""
        article_id = self.ids[index]
        found = self._rows.get(article_id)
        if found is None and article_id not in self._asked:
            if len(self._rows) > _CACHE_LIMIT:
                self._rows.clear()
            start = max(0, index - 10)
            end = min(len(self.ids), index + max(self.size.height, 24) + 30)
            wanted = [i for i in self.ids[start:end] if i not in self._rows and i not in self._asked]
            self._asked.update(wanted)
            self._read_rows(wanted)
        return found

    def list_view(self, view: View, unread_only: bool, **then: Any) -> None:
        """List a view's ids in a worker; ViewLoaded (with then's options) comes back to the screen."""
        self._list_view(view, unread_only, then)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _list_view(self, view: View, unread_only: bool, then: dict[str, Any]) -> None:
        first = self.data.view_first(view, unread_only, FIRST_PAGE)
        select_id = then.get("select_id")
        if len(first) == FIRST_PAGE and (select_id is None or select_id in first):
            # A long view (a million unread) shows its first screen at once; the rest follows. Not when
            # the cursor belongs further down: the list would jump to the top and back.
            self.post_message(ViewLoaded(view, first, **then))
            # The full list keeps the cursor wherever the user has moved it by then.
            then = {**then, "select_id": None, "open_selected": False, "focus_list": False}
        ids, rows = self.data.view(view, unread_only)
        self.post_message(ViewLoaded(view, ids, rows=rows, **then))

    @work(thread=True, group="rows", exit_on_error=False)
    def _read_rows(self, ids: list[int]) -> None:
        self.post_message(RowsLoaded(self.data.rows(ids)))

    def on_rows_loaded(self, message: RowsLoaded) -> None:
        message.stop()
        for r in message.rows:
            self._rows[r.id] = r
            self._asked.discard(r.id)
        self.refresh()

    def update_row(self, row: ArticleRow) -> None:
        self._rows[row.id] = row
        try:
            self.refresh_row(self.ids.index(row.id))
        except ValueError:
            pass

    def mark_feed_read(self, feed_id: int | None) -> None:
        """Show every row of a feed (None: of the list) read at once, before the store has it."""
        for article_id, row in list(self._rows.items()):
            if not row.read and (feed_id is None or row.feed_id == feed_id):
                self._rows[article_id] = replace(row, read=True)
        self.refresh()

    def show_read(self, ids: set[int], read: bool) -> None:
        """Show these rows read (or unread) at once, before the store has it."""
        for article_id in ids & self._rows.keys():
            self._rows[article_id] = replace(self._rows[article_id], read=read)
        self.refresh()

    def row_parts(self, index: int) -> Parts:
        row = self.row(index)
        if row is None:  # being read (or removed since the view was listed)
            return [("  " * 2 + " " * 12 + "…", self.style_of("dim"))]
        mark, dim = self.style_of("mark"), self.style_of("dim")
        parts: Parts = [
            ("● " if not row.read else "  ", mark),
            ("★ " if row.starred else "  ", mark),
            (article_date(row.published, time=False).ljust(10) + "  ", dim),
        ]
        title_style = self.style_of("strong") if not row.read else dim
        parts += highlighted(
            one_line(row.title) or "(untitled)", self.highlight, title_style, self.style_of("match")
        )
        if self.show_feed:
            parts.append((f"  · {one_line(row.feed_title)}", dim))
        return _fit(parts, self.row_width)


def _fit(parts: Parts, width: int) -> Parts:
    """Cut a row that is wider than the list, ending it with an ellipsis so a cut title reads as cut."""
    if sum(cell_len(text) for text, _ in parts) <= width or width < 2:
        return parts
    out: Parts = []
    room = width - 1
    for text, style in parts:
        if room <= 0:
            break
        piece = set_cell_size(text, room) if cell_len(text) > room else text
        out.append((piece, style))
        room -= cell_len(piece)
    last_style = out[-1][1] if out else None
    return [*out, ("…", last_style)]
