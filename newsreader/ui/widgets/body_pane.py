"""The article view: loads an article, asks for its cleaning, and shows its text as Markdown, scrollable.

Reading, the feed text's parse and the wait for the cleaner all happen in a worker thread; the cleaning
itself in a worker process. Until the cleaned text arrives the view says it is cleaning. Links are
numbered, images drawn between the Markdown blocks once they scroll near, and the line the reader is at
kept in the store so that reopening the article goes back to it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from newsreader.models import Article
from newsreader.text import one_line
from newsreader.ui.data import start_resource_tracker
from newsreader.ui.highlight import mark_markdown
from newsreader.ui.images import ImageRef, Part, Picture, body_parts, decode
from newsreader.ui.links import Link, number_links
from newsreader.ui.messages import ArticleLoaded
from newsreader.ui.render import article_markdown, escape_markdown
from newsreader.ui.widgets.image_block import LOADING, WAITING, ImageBlock

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


SAVE_AFTER = 0.5  # seconds of stillness before the reading position is written
DOWNLOADS = 3  # images downloaded at once
RESTORE_WAIT = 3.0  # seconds the text may take to be laid out tall enough to scroll back into
RESTORE_STEP = 0.05


@dataclass
class PositionRead(Message):
    """Where the reader left an article (None: at the top), read before it is shown."""

    article_id: int
    line: int | None


@dataclass
class ImageReady(Message):
    """An image of the body downloaded and decoded (picture), or why it could not be (error)."""

    block: ImageBlock
    picture: Picture | None
    error: str | None = None


class BodyPane(VerticalScroll):
    """Scrolls one article's Markdown, its links numbered and its images between the blocks.

    Links clicked go to the screen, which opens only http, https and mailto.

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
        self.links: tuple[Link, ...] = ()  # numbered as shown
        self.images = data.engine.config.images != "off"
        self.markdown = ""  # the article's Markdown as last shown, before numbering
        # The parts shown, str for a Markdown one and the ImageRef of an image: the same again updates in place.
        self._shape: tuple[object, ...] | None = None
        self._parts: tuple[Part, ...] = ()
        self._resume: dict[int, int | None] = {}
        self._tracking: int | None = None  # the article whose scrolling is being kept
        self._dirty = False
        self._save_timer: Timer | None = None
        self._downloads = 0

    def open(self, article_id: int) -> None:
        """Load an article (fetching the page its feed wants and cleaning it first if needed): ArticleLoaded follows."""
        self.save_position()
        self._tracking = None
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
        if article_id not in self._resume:
            self.post_message(PositionRead(article_id, self.data.reading_position(article_id)))
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
        if message.final:
            self._go_back(article.id, round(RESTORE_WAIT / RESTORE_STEP))

    def on_position_read(self, message: PositionRead) -> None:
        self._resume[message.article_id] = message.line

    def compose(self) -> ComposeResult:
        yield Static(Text(PLACEHOLDER, style="italic"), id="body-placeholder")

    async def show(self, article_id: int | None, markdown: str, *, note: str = "") -> None:
        """Show markdown; the same article again keeps its scroll position (the cleaned text replacing the feed's)."""
        same = article_id == self.article_id
        self.article_id = article_id
        self.markdown = markdown
        numbered = number_links(markdown)
        self.links = numbered.links
        await self._fill(body_parts(mark_markdown(numbered.markdown, self.highlight), images=self.images))
        self.border_subtitle = Text(note)  # may quote a cleaner error: never markup
        if not same:
            # At once: a deferred scroll would land after the reading position is restored.
            self.scroll_to(y=0, animate=False, immediate=True)
        self.call_after_refresh(self.load_near_images)

    async def _fill(self, parts: tuple[Part, ...]) -> None:
        """Update the Markdown in place when the parts are the same kind as shown, else build them anew."""
        from textual.widgets import Markdown

        if parts == self._parts:
            # The same text again (an article opened twice): re-rendering it would drop the scroll to the top.
            return
        self._parts = parts
        shape = tuple(p if isinstance(p, ImageRef) else str for p in parts)
        if shape == self._shape:
            texts = [p for p in parts if isinstance(p, str)]
            for widget, part in zip(self.query_children(Markdown), texts, strict=False):
                widget.update(part)
            return
        self._shape = shape
        await self.remove_children()
        widgets = []
        first = True
        for part in parts:
            if isinstance(part, ImageRef):
                widgets.append(ImageBlock(part))
            else:
                # The first has the id the tests and the styles know; each renders its text when mounted.
                widgets.append(Markdown(part, open_links=False, id="body-markdown" if first else None))
                first = False
        await self.mount_all(widgets)

    # Images

    def toggle_images(self) -> bool:
        """Images on or off for every article from now on (the setting in config.toml is the start); returns on."""
        self.images = not self.images
        if self.article_id is not None:
            line = round(self.scroll_y)
            self.run_worker(self._reshow(line), group="images-toggle", exclusive=True)
        return self.images

    async def _reshow(self, line: int) -> None:
        await self.show(self.article_id, self.markdown, note=str(self.border_subtitle or ""))
        self.call_after_refresh(self.scroll_to, y=line, animate=False)

    def load_near_images(self) -> None:
        """Download the images on screen or one screen below it, a few at a time."""
        if not self.images:
            return
        top, height = self.scroll_y, max(1, self.size.height)
        for block in self.query_children(ImageBlock):
            if self._downloads >= DOWNLOADS:
                return
            region = block.virtual_region
            if block.state == WAITING and region.y < top + 2 * height and region.bottom >= top:
                block.loading()
                self._downloads += 1
                self._download(block)

    @work(thread=True, group="images", exit_on_error=False)
    def _download(self, block: ImageBlock) -> None:
        try:
            fetched = self.data.image(block.ref.url)
            if fetched.data is None:
                self.post_message(ImageReady(block, None, fetched.error or "not downloaded"))
                return
            self.post_message(ImageReady(block, decode(fetched.data)))
        except Exception as exc:  # noqa: BLE001 - one bad image is a line under it, not the end of the app
            self.post_message(ImageReady(block, None, one_line(str(exc)) or type(exc).__name__))

    async def on_image_ready(self, message: ImageReady) -> None:
        self._downloads -= 1
        block = message.block
        if block.is_attached and block.state == LOADING:
            if message.picture is not None:
                await block.show_picture(message.picture)
            else:
                block.failed(message.error or "not downloaded")
        self.load_near_images()

    # The reading position

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    def _scrolled(self) -> None:
        self.load_near_images()
        if self._tracking is None or self._tracking != self.article_id:
            return
        self._dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self.save_position)

    def save_position(self) -> None:
        """Write the line scrolled to, if it moved since the last write (also called on quitting)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        article_id = self._tracking
        if not self._dirty or article_id is None or self.data.read_only:
            return
        self._dirty = False
        line = round(self.scroll_y)
        self._resume[article_id] = line
        self.data.save_reading_position(article_id, line)

    def _go_back(self, article_id: int, tries: int) -> None:
        """Scroll to where the reader left the article, once its text is laid out tall enough.

        Its Markdown is parsed on a thread and laid out after: on a busy machine that takes a while.
        The reader scrolling first wins; a text that stays shorter (a narrower window) goes to its end.
        """
        if article_id != self.article_id or self._tracking == article_id:
            return
        line = self._resume.get(article_id)
        if line and self.scroll_y == 0:
            if self.max_scroll_y < line and tries > 0:
                self.set_timer(RESTORE_STEP, lambda: self._go_back(article_id, tries - 1))
                return
            self.scroll_to(y=line, animate=False, immediate=True)
        self._tracking = article_id
