"""The feeds pane: views (all unread, starred, search results, saved views) above the feeds with their counts.

With tags, the feeds go in one collapsible section per tag (a feed with several tags under each, the
untagged last), each with its unread count; t shows one tag's section only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from newsreader.models import Feed, SavedView
from newsreader.text import one_line
from newsreader.ui.data import EngineError
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
    header: bool = False  # a tag's section heading
    collapsed: bool = False
    indent: bool = False  # a feed inside a section

    @property
    def title(self) -> str:
        # Made safe when shown, not when listed: 5,000 feeds cost the first paint ~0.1 s otherwise,
        # and only the rows on screen (and the view's title) are ever shown.
        return one_line(self.name)


FIRST_FEEDS = 200  # listed before the rest: more than any screen shows


class FeedList(VirtualList):
    """Views then feeds; a feed whose last refresh failed is marked with a red '!'."""

    @dataclass
    class ViewCounted(Message):
        """A saved view's unread count, counted for its query (None: the query cannot be read)."""

        name: str
        query: str
        unread: int | None

    def __init__(self, data: UiData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.entries: list[FeedEntry] = []
        self.border_title = "Feeds"
        self.feeds: list[Feed] = []
        self.views: list[SavedView] = []
        self.view_unread: dict[str, tuple[str, int]] = {}  # view name -> (its query, unread count)
        self.search: str | None = None
        self.unread_total: int | None = None
        self.collapsed: set[str] = set()  # tags whose sections are closed
        self.tag_filter: str | None = None  # the one tag shown (t), None: every one

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def load(self) -> None:
        """Read the feeds and their counts in a worker; FeedsLoaded comes back to the screen."""
        first = not self.entries  # later loads keep the cursor where it is: every feed at once
        feeds = self.data.feeds(limit=FIRST_FEEDS if first else None)
        views = self.data.views()
        if (
            first and len(feeds) == FIRST_FEEDS
        ):  # a screenful now, every feed next: 5,000 cost the first paint ~0.1 s
            self.post_message(FeedsLoaded(feeds, self.data.unread_total(), more=True, views=views))
            feeds = self.data.feeds()
        self.post_message(FeedsLoaded(feeds, views=views))
        # Then each view's count, one read at a time (a common word costs hundreds of ms at a million
        # articles): the list is shown and used meanwhile, the counts fill in; a newer load takes over.
        worker = get_current_worker()
        for v in views:
            if worker.is_cancelled:
                return
            try:
                unread: int | None = self.data.view_unread(v.query)
            except EngineError:  # a view edited by hand into nonsense: no count, the list goes on
                unread = None
            if not worker.is_cancelled:  # else counted before a change the newer load counts after
                self.post_message(self.ViewCounted(v.name, v.query, unread))

    def on_feed_list_view_counted(self, message: ViewCounted) -> None:
        message.stop()
        if message.unread is None:
            self.view_unread.pop(message.name, None)
        else:
            self.view_unread[message.name] = (message.query, message.unread)
        for i, entry in enumerate(self.entries):
            if (
                entry.view.kind == "view"
                and entry.view.name == message.name
                and entry.view.query == message.query
            ):
                self.entries[i] = replace(entry, unread=message.unread or 0)
                self.refresh_row(i)

    def set_feeds(
        self,
        feeds: list[Feed],
        *,
        search: str | None = None,
        keep: View | None = None,
        unread_total: int | None = None,
        views: list[SavedView] | None = None,
    ) -> None:
        self.feeds = feeds
        self.search = search
        self.unread_total = unread_total
        if views is not None:
            self.views = views
        self.rebuild(keep)

    def rebuild(self, keep: View | None = None) -> None:
        """The entries again from the last feeds, views, sections closed and tag filter."""
        keep = keep or self.current_view()
        feeds = self.feeds
        unread_total = self.unread_total
        total_unread = sum(f.unread for f in feeds) if unread_total is None else unread_total
        entries = [
            FeedEntry(View("unread"), "All unread", total_unread),
            FeedEntry(View("starred"), "Starred"),
        ]
        if self.search is not None:
            entries.append(FeedEntry(View("search", query=self.search), f"Search: {self.search}"))
        entries += [
            FeedEntry(View("view", query=v.query, name=v.name), v.name, self._counted(v)) for v in self.views
        ]
        tags = self.tags()
        if self.tag_filter is not None and self.tag_filter not in tags:
            self.tag_filter = None
        if not tags:
            entries += [_feed_entry(f) for f in feeds]
        else:
            sections = [(t, [f for f in feeds if t in f.tags]) for t in tags]
            sections.append(("", [f for f in feeds if not f.tags]))
            for tag, members in sections:
                if not members or (self.tag_filter is not None and tag != self.tag_filter):
                    continue
                closed = tag in self.collapsed
                unread = sum(f.unread for f in members)
                name = tag or "untagged"
                entries.append(FeedEntry(View("tag", name=tag), name, unread, header=True, collapsed=closed))
                if not closed:
                    entries += [_feed_entry(f, indent=True) for f in members]
        self.entries = entries
        self.border_title = f"Feeds: #{one_line(self.tag_filter)}" if self.tag_filter else "Feeds"
        index = self.index_of(keep) if keep else None
        self.set_count(len(entries), index if index is not None else min(self.cursor, len(entries) - 1))

    def _counted(self, view: SavedView) -> int:
        """The view's last unread count, while it has the query counted (0: not counted yet)."""
        query, unread = self.view_unread.get(view.name, ("", 0))
        return unread if query == view.query else 0

    def saved_view(self, view: View | None) -> SavedView | None:
        """The saved view an entry shows (None: the entry is not one)."""
        if view is None or view.kind != "view":
            return None
        return next((v for v in self.views if v.name == view.name), None)

    def tags(self) -> list[str]:
        """Every tag of the feeds, in the order the sections show them."""
        return sorted({t for f in self.feeds for t in f.tags}, key=str.casefold)

    def show_tag(self, tag: str | None) -> None:
        """Only that tag's section (None: every section), its heading under the cursor."""
        self.tag_filter = tag
        if tag is not None:
            self.collapsed.discard(tag)
        self.rebuild(View("tag", name=tag) if tag is not None else None)

    def collapse_here(self) -> bool:
        """Close the section the cursor is in (its heading under the cursor); False when not in one."""
        heading = self._heading_of(self.cursor)
        if heading is None or self.entries[heading].collapsed:
            return False
        self.collapsed.add(self.entries[heading].view.name)
        self.rebuild(self.entries[heading].view)
        return True

    def expand_here(self) -> bool:
        """Open the closed section whose heading is under the cursor; False when it is not one."""
        entry = self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None
        if entry is None or not entry.header or not entry.collapsed:
            return False
        self.collapsed.discard(entry.view.name)
        self.rebuild(entry.view)
        return True

    def _heading_of(self, index: int) -> int | None:
        entry = self.entries[index] if 0 <= index < len(self.entries) else None
        if entry is None or not (entry.header or entry.indent):
            return None
        while not self.entries[index].header:
            index -= 1
        return index

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
        """Each feed listed, once (a feed with two tags is in two sections)."""
        seen: set[int | None] = set()
        found = []
        for e in self.entries:
            if e.view.kind == "feed" and e.view.feed_id not in seen:
                seen.add(e.view.feed_id)
                found.append(e)
        return found

    def row_parts(self, index: int) -> Parts:
        entry = self.entries[index]
        width = self.row_width
        if entry.header:
            parts: Parts = [("▸ " if entry.collapsed else "▾ ", self.style_of("mark"))]
        elif entry.error:
            parts = [(" ! " if entry.indent else "! ", self.style_of("error"))]
        elif entry.view.kind != "feed":
            parts = [("» ", self.style_of("mark"))]
        else:
            parts = [("   " if entry.indent else "  ", None)]
        parts.append((entry.title, self.style_of("strong") if entry.unread or entry.header else None))
        if entry.tags and not entry.indent:
            parts.append((" " + " ".join(f"#{one_line(t)}" for t in entry.tags), self.style_of("dim")))
        count = f" {entry.unread}" if entry.unread else ""
        used = sum(cell_len(text) for text, _ in parts)
        room = width - len(count)
        if used > room:  # cut the title (and tags), keep the count
            parts = _cut(parts, max(0, room - 1)) + [("…", None)]
            used = room
        parts.append((" " * (room - used) + count, self.style_of("mark")))
        return parts


def _feed_entry(f: Feed, *, indent: bool = False) -> FeedEntry:
    return FeedEntry(View("feed", f.id), f.display_title, f.unread, f.tags, f.last_error, indent=indent)


def _cut(parts: Parts, cells: int) -> Parts:
    out: Parts = []
    for text, style in parts:
        if cells <= 0:
            break
        piece = set_cell_size(text, cells) if cell_len(text) > cells else text
        out.append((piece, style))
        cells -= cell_len(piece)
    return out
