"""The metadata pane: authors, published, feed, link, contacts, credits and notes of the open article.

It takes the focus (Tab) like the other panes, so a long one can be scrolled from the keyboard.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.models import Article
from newsreader.ui.render import metadata


class MetaPane(VerticalScroll, can_focus=True):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Static("", id="meta-text"), id=id)
        self.border_title = "About"

    def show(self, article: Article | None) -> None:
        self.query_one("#meta-text", Static).update(metadata(article) if article else "")
        self.display = article is not None
