"""The feeds pane: views (all unread, starred, search results) above the feeds with their counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from textual import work

from newsreader.models import Feed
from newsreader.text import one_line
from newsreader.ui.messages import FeedsLoaded, View
from newsreader.ui.widgets.virtual_list import Parts, VirtualList

if TYPE_CHECKING:
    from newsreader.ui.data import UiData


@dataclass(frozen=True, slots=True)
class FeedEntry:
    view: View
    name: str  # as stored; `title` is what may be shown
    unread: int = 0
    tags: tuple[str, ...] = ()
    error: str | None = None  # the last refresh's one-line failure

    @property
    def title(self) -> str:
        # Made safe when shown, not when listed: 5,000 feeds cost the first paint ~0.1 s otherwise,
        # and only the rows on screen (and the view's title) are ever shown.
        return one_line(self.name)


FIRST_FEEDS = 200  # listed before the rest: more than any screen shows


class FeedList(VirtualList):
    """Views then feeds; a feed whose last refresh failed is marked with a red '!'."""

    def __init__(self, data: UiData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.entries: list[FeedEntry] = []
        self.border_title = "Feeds"

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def load(self) -> None:
        """Read the feeds and their counts in a worker; FeedsLoaded comes back to the screen."""
        first = not self.entries  # later loads keep the cursor where it is: every feed at once
        feeds = self.data.feeds(limit=FIRST_FEEDS if first else None)
        if (
            first and len(feeds) == FIRST_FEEDS
        ):  # a screenful now, every feed next: 5,000 cost the first paint ~0.1 s
            self.post_message(FeedsLoaded(feeds, self.data.unread_total(), more=True))
            feeds = self.data.feeds()
        self.post_message(FeedsLoaded(feeds))

    def set_feeds(
        self,
        feeds: list[Feed],
        *,
        search: str | None = None,
        keep: View | None = None,
        unread_total: int | None = None,
    ) -> None:
        keep = keep or self.current_view()
        total_unread = sum(f.unread for f in feeds) if unread_total is None else unread_total
        entries = [
            FeedEntry(View("unread"), "All unread", total_unread),
            FeedEntry(View("starred"), "Starred"),
        ]
        if search is not None:
            entries.append(FeedEntry(View("search", query=search), f"Search: {search}"))
        entries += [
            FeedEntry(View("feed", f.id), f.display_title, f.unread, f.tags, f.last_error) for f in feeds
        ]
        self.entries = entries
        index = self.index_of(keep) if keep else None
        self.set_count(len(entries), index if index is not None else self.cursor)

    def index_of(self, view: View) -> int | None:
        for i, entry in enumerate(self.entries):
            if entry.view.key == view.key:
                return i
        return None

    def current_view(self) -> View | None:
        return self.entries[self.cursor].view if 0 <= self.cursor < len(self.entries) else None

    def title_of(self, feed_id: int | None) -> str:
        return next((e.title for e in self.feed_views() if e.view.feed_id == feed_id), "A feed")

    def feed_views(self) -> list[FeedEntry]:
        return [e for e in self.entries if e.view.kind == "feed"]

    def row_parts(self, index: int) -> Parts:
        entry = self.entries[index]
        width = self.row_width
        if entry.error:
            parts: Parts = [("! ", self.style_of("error"))]
        elif entry.view.kind != "feed":
            parts = [("» ", self.style_of("mark"))]
        else:
            parts = [("  ", None)]
        parts.append((entry.title, self.style_of("strong") if entry.unread else None))
        if entry.tags:
            parts.append((" " + " ".join(f"#{one_line(t)}" for t in entry.tags), self.style_of("dim")))
        count = f" {entry.unread}" if entry.unread else ""
        used = sum(cell_len(text) for text, _ in parts)
        room = width - len(count)
        if used > room:  # cut the title (and tags), keep the count
            parts = _cut(parts, max(0, room - 1)) + [("…", None)]
            used = room
        parts.append((" " * (room - used) + count, self.style_of("mark")))
        return parts


def _cut(parts: Parts, cells: int) -> Parts:
    out: Parts = []
    for text, style in parts:
        if cells <= 0:
            break
        piece = set_cell_size(text, cells) if cell_len(text) > cells else text
        out.append((piece, style))
        cells -= cell_len(piece)
    return out
