"""The body pane: the article's cleaned text rendered as Markdown, scrollable."""

from __future__ import annotations

import threading

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

PLACEHOLDER = "Choose an article and press enter."


_preloading = threading.Lock()
_preloaded = False


def preload_markdown() -> None:
    """Import the Markdown widget on a thread (once), so the first article opened does not wait for it."""
    global _preloaded
    with _preloading:
        if _preloaded:
            return
        _preloaded = True
    threading.Thread(target=_import_markdown, name="newsreader-preload", daemon=True).start()


def _import_markdown() -> None:
    import textual.widgets._markdown  # noqa: F401 - importing is the point


class BodyPane(VerticalScroll):
    """Scrolls one article's Markdown; links go to the screen, which opens only http and https.

    The Markdown widget (markdown-it, its styles, a widget per block) is created with the first article,
    not with the screen: the first frame shows the lists sooner without it.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Article"
        self.article_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="italic"), id="body-placeholder")

    async def show(self, article_id: int | None, markdown: str, *, note: str = "") -> None:
        """Show markdown; the same article again keeps its scroll position (the cleaned text replacing the feed's)."""
        from textual.widgets import Markdown

        same = article_id == self.article_id
        self.article_id = article_id
        found = self.query(Markdown)
        if found:
            found.first().update(markdown)
        else:
            await self.query("#body-placeholder").remove()
            # Awaited: a Markdown renders its first text when mounted, so an update made before that
            # (the cleaned text arriving right behind the feed's) would be replaced by the older one.
            await self.mount(Markdown(markdown, open_links=False, id="body-markdown"))
        self.border_subtitle = Text(note)  # may quote a cleaner error: never markup
        if not same:
            self.scroll_home(animate=False)
