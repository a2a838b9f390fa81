"""A list that draws only the rows on screen (Textual's line API), however many rows there are."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Parts = list[tuple[str, Style | None]]


class VirtualList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows 0..count-1 with a cursor; subclasses say what one row holds (row_parts)."""

    COMPONENT_CLASSES = {
        "virtual-list--cursor",
        "virtual-list--dim",
        "virtual-list--strong",
        "virtual-list--mark",
        "virtual-list--error",
        "virtual-list--match",
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
        self._styles: dict[str, Style] = {}

    def row_parts(self, index: int) -> Parts:
        """Row index as (text, style) pieces, the text already safe for a terminal."""
        raise NotImplementedError

    # Size and cursor

    def set_count(self, count: int, cursor: int = 0) -> None:
        self.count = count
        self.virtual_size = Size(0, count)
        cursor = max(0, min(cursor, count - 1))
        self.set_reactive(VirtualList.cursor, cursor)
        self.show_cursor()
        self.call_after_refresh(self.show_cursor)  # again once laid out: at start the size is not known yet
        self.refresh()

    def show_cursor(self) -> None:
        """Scroll so the cursor's row is on screen (centred when it was off it)."""
        top, height = round(self.scroll_y), self.size.height
        if height and not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.show_cursor)

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

    # Styles, looked up once per theme and focus change rather than once per row

    def _on_focus(self, event: events.Focus) -> None:
        self._styles.clear()
        self.refresh_line(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        self._styles.clear()
        self.refresh_line(self.cursor)

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def style_of(self, component: str) -> Style:
        """The style of a component class: dim, strong, mark, error or match (a search's word)."""
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(
                f"virtual-list--{component}", partial=True
            )
        return style

    def _line_style(self, is_cursor: bool) -> Style:
        key = "@cursor" if is_cursor else "@base"
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if is_cursor:
                style += self.get_component_rich_style("virtual-list--cursor")
            self._styles[key] = style
        return style

    # Drawing: only the rows on screen are ever turned into segments

    @property
    def row_width(self) -> int:
        """Cells a row may use: the width less the scrollbar, which a long list draws over the last column."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.row_width
        if index >= self.count:
            return Strip.blank(width, self._line_style(False))
        style = self._line_style(index == self.cursor)
        segments = [Segment(text, style + extra if extra else style) for text, extra in self.row_parts(index)]
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
