"""The articles pane: one view's articles, drawn from the store a screenful at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len, set_cell_size

from newsreader.models import ArticleRow
from newsreader.text import one_line
from newsreader.ui.render import local_date
from newsreader.ui.widgets.virtual_list import Parts, VirtualList

RowFetcher = Callable[[list[int]], list[ArticleRow]]

_CACHE_LIMIT = 4000  # rows kept between screens; enough for several pages, small next to 100,000


class ArticleList(VirtualList):
    """Holds only the ids of its view; the rows on screen are read from the store when drawn."""

    def __init__(self, fetch_rows: RowFetcher, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fetch_rows = fetch_rows
        self.ids: list[int] = []
        self.show_feed = False  # views across feeds show each article's feed
        self._rows: dict[int, ArticleRow] = {}
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
        self._rows = {r.id: r for r in rows}
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
        article_id = self.ids[index]
        found = self._rows.get(article_id)
        if found is None:
            if len(self._rows) > _CACHE_LIMIT:
                self._rows.clear()
            start = max(0, index - 10)
            end = min(len(self.ids), index + max(self.size.height, 24) + 30)
            for r in self.fetch_rows(self.ids[start:end]):
                self._rows[r.id] = r
            found = self._rows.get(article_id)
        return found

    def update_row(self, row: ArticleRow) -> None:
        if row.id in self._rows:
            self._rows[row.id] = row
        try:
            self.refresh_row(self.ids.index(row.id))
        except ValueError:
            pass

    def forget_rows(self) -> None:
        """Drop cached rows (read marks changed in bulk); they are read again when drawn."""
        self._rows.clear()
        self.refresh()

    def row_parts(self, index: int) -> Parts:
        row = self.row(index)
        if row is None:  # removed since the view was listed
            return []
        mark, dim = self.style_of("mark"), self.style_of("dim")
        parts: Parts = [
            ("● " if not row.read else "  ", mark),
            ("★ " if row.starred else "  ", mark),
            (local_date(row.published) + "  ", dim),
            (one_line(row.title) or "(untitled)", self.style_of("strong") if not row.read else dim),
        ]
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
