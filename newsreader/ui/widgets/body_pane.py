"""The body pane: the article's cleaned text rendered as Markdown, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

PLACEHOLDER = "*Choose an article and press enter.*"


class BodyPane(VerticalScroll):
    """Scrolls one article's Markdown; links go to the screen, which opens only http and https."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Article"
        self.article_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Markdown(PLACEHOLDER, open_links=False, id="body-markdown")

    def show(self, article_id: int | None, markdown: str, *, note: str = "") -> None:
        """Show markdown; the same article again keeps its scroll position (the cleaned text replacing the feed's)."""
        same = article_id == self.article_id
        self.article_id = article_id
        self.query_one(Markdown).update(markdown)
        self.border_subtitle = Text(note)  # may quote a cleaner error: never markup
        if not same:
            self.scroll_home(animate=False)

    def clear(self) -> None:
        self.show(None, PLACEHOLDER)
