"""A list that draws only the rows on screen (Textual's line API), however many rows there are."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class VirtualList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows 0..count-1 with a cursor; subclasses say how one row looks (row_text)."""

    COMPONENT_CLASSES = {
        "virtual-list--cursor",
        "virtual-list--dim",
        "virtual-list--strong",
        "virtual-list--mark",
        "virtual-list--error",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, source: VirtualList, index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.source

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0

    # What subclasses provide

    def row_text(self, index: int, width: int) -> Text:
        raise NotImplementedError

    # Size and cursor

    def set_count(self, count: int, cursor: int = 0) -> None:
        self.count = count
        self.virtual_size = Size(0, count)
        cursor = max(0, min(cursor, count - 1))
        self.set_reactive(VirtualList.cursor, cursor)
        top, height = round(self.scroll_y), max(1, self.size.height)
        if not top <= cursor < top + height:
            self.scroll_to(y=max(0, cursor - height // 2), animate=False, immediate=True)
        self.refresh()

    def move(self, delta: int) -> None:
        if self.count:
            self.cursor = max(0, min(self.count - 1, self.cursor + delta))

    def move_to(self, index: int) -> None:
        if self.count:
            self.cursor = max(0, min(self.count - 1, index))

    def watch_cursor(self, old: int, new: int) -> None:
        height = max(1, self.size.height)
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh_line(old)
        self.refresh_line(new)
        self.post_message(self.Highlighted(self, new))

    def refresh_row(self, index: int) -> None:
        self.refresh_line(index)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh_line(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh_line(self.cursor)

    def style_of(self, component: str):
        return self.get_component_rich_style(f"virtual-list--{component}", partial=True)

    # Drawing

    def render_line(self, y: int) -> Strip:
        scroll_y = round(self.scroll_y)
        width = self.size.width
        index = scroll_y + y
        base = self.rich_style
        if index >= self.count:
            return Strip.blank(width, base)
        text = self.row_text(index, width)
        text.truncate(width, overflow="ellipsis", pad=True)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("virtual-list--cursor")
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console, end="")
        ]
        return Strip(segments).crop_extend(0, width, style)

    # Mouse

    def _index_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = round(self.scroll_y) + offset.y
        return index if 0 <= index < self.count else None

    async def _on_click(self, event: events.Click) -> None:
        index = self._index_at(event)
        if index is None:
            return
        event.stop()
        self.focus()
        if index == self.cursor or event.chain >= 2:
            self.post_message(self.Selected(self, index))
        else:
            self.cursor = index
