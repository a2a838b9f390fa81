"""The article view: loads an article, asks for its cleaning, and shows its text as Markdown, scrollable.

Reading, the feed text's parse and the wait for the cleaner all happen in a worker thread; the cleaning
itself in a worker process. Until the cleaned text arrives the view says it is cleaning.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.models import Article
from newsreader.text import one_line
from newsreader.ui.data import start_resource_tracker
from newsreader.ui.highlight import mark_markdown
from newsreader.ui.messages import ArticleLoaded
from newsreader.ui.render import article_markdown, escape_markdown

if TYPE_CHECKING:
    from newsreader.ui.data import UiData

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

    def __init__(self, data: UiData, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data
        self.border_title = "Article"
        self.article_id: int | None = None  # the one shown
        self.wanted: int | None = None  # the one asked for
        self.article: Article | None = None
        self.final = True
        self.highlight: tuple[str, ...] = ()  # the search's words, marked in the text

    def open(self, article_id: int) -> None:
        """Load an article (fetching the page its feed wants and cleaning it first if needed): ArticleLoaded follows."""
        self.wanted = article_id
        start_resource_tracker()  # on this thread: the cleaner's process is spawned from the worker
        self._load(article_id)

    def cleaned_elsewhere(self, article_id: int) -> None:
        """The background pass cleaned an article: show it again if it is the one waiting."""
        if article_id == self.wanted and not self.final:
            self._load(article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load(self, article_id: int) -> None:
        article = self.data.article(article_id)
        if article is None:
            return
        if not self.data.needs_opening(article):
            self.post_message(ArticleLoaded(article, article_markdown(article), final=True))
            return
        title = escape_markdown(one_line(article.title) or "(untitled)")
        self.post_message(ArticleLoaded(article, f"# {title}\n\n*cleaning…*\n", final=False))
        self.post_message(ArticleLoaded(article, article_markdown(article), final=False))  # the feed's text
        try:
            opened = self.data.open_article(article_id)  # fetches a missing page first, here in the worker
        except Exception as exc:  # noqa: BLE001 - a page the cleaner chokes on must not end the app
            error = one_line(str(exc)) or type(exc).__name__
            self.post_message(ArticleLoaded(article, article_markdown(article), final=True, error=error))
            return
        if opened is not None:
            done = opened.article
            self.post_message(ArticleLoaded(done, article_markdown(done), final=True, note=opened.page_note))

    async def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Show it (then the screen fills the metadata); an article no longer wanted is dropped here."""
        article = message.article
        if article.id != self.wanted:
            message.stop()
            return
        self.article, self.final = article, message.final
        if not message.final:
            note = "cleaning…"
        else:
            note = "feed text: " + message.error if message.error else (message.note or "")
        await self.show(article.id, message.markdown, note=note)
        self.border_title = Text(one_line(article.feed_title) or "Article")

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="italic"), id="body-placeholder")

    async def show(self, article_id: int | None, markdown: str, *, note: str = "") -> None:
        """Show markdown; the same article again keeps its scroll position (the cleaned text replacing the feed's)."""
        from textual.widgets import Markdown

        same = article_id == self.article_id
        self.article_id = article_id
        markdown = mark_markdown(markdown, self.highlight)
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
