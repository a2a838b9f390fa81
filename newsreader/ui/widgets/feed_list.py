"""The feeds pane: views (all unread, starred, search results) above the feeds with their counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from newsreader.models import Feed
from newsreader.text import one_line
from newsreader.ui.messages import View
from newsreader.ui.widgets.virtual_list import VirtualList


@dataclass(frozen=True, slots=True)
class FeedEntry:
    view: View
    title: str
    unread: int = 0
    tags: tuple[str, ...] = ()
    error: str | None = None  # the last refresh's one-line failure


class FeedList(VirtualList):
    """Views then feeds; a feed whose last refresh failed is marked with a red '!'."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[FeedEntry] = []
        self.border_title = "Feeds"

    def set_feeds(self, feeds: list[Feed], *, search: str | None = None, keep: View | None = None) -> None:
        keep = keep or self.current_view()
        total_unread = sum(f.unread for f in feeds)
        entries = [
            FeedEntry(View("unread"), "All unread", total_unread),
            FeedEntry(View("starred"), "Starred"),
        ]
        if search is not None:
            entries.append(FeedEntry(View("search", query=search), f"Search: {one_line(search)}"))
        entries += [
            FeedEntry(View("feed", f.id), one_line(f.display_title), f.unread, f.tags, f.last_error)
            for f in feeds
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

    def feed_views(self) -> list[FeedEntry]:
        return [e for e in self.entries if e.view.kind == "feed"]

    def row_text(self, index: int, width: int) -> Text:
        entry = self.entries[index]
        count = str(entry.unread) if entry.unread else ""
        text = Text()
        if entry.error:
            text.append("! ", style=self.style_of("error"))
        elif entry.view.kind != "feed":
            text.append("» ", style=self.style_of("mark"))
        else:
            text.append("  ")
        text.append(entry.title, style=self.style_of("strong") if entry.unread else None)
        if entry.tags:
            text.append(" " + " ".join(f"#{one_line(t)}" for t in entry.tags), style=self.style_of("dim"))
        room = width - len(count) - 1
        text.truncate(max(0, room), overflow="ellipsis", pad=True)
        text.append(" " + count, style=self.style_of("mark"))
        return text
