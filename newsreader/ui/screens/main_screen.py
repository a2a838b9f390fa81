"""The reading screen: feeds and articles on the left, the article and its metadata on the right.

It lays the panes out and routes between them; each widget reads what it shows in its own worker and
answers with a message from messages.py. Nothing here touches the store: ui/data.py does, off this thread.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from newsreader.models import Article
from newsreader.text import one_line
from newsreader.ui import data as ui_data
from newsreader.ui import keys
from newsreader.ui.author_actions import AuthorActions
from newsreader.ui.data import UiData
from newsreader.ui.enclosures import MediaActions
from newsreader.ui.marking import Marking
from newsreader.ui.messages import (
    ArticleLoaded,
    FeedsCounted,
    FeedsLoaded,
    View,
    ViewLoaded,
)
from newsreader.ui.reloading import Reloading
from newsreader.ui.screens.body_actions import BodyActions
from newsreader.ui.screens.reading_actions import ReadingActions
from newsreader.ui.session import ARTICLE, CURSOR, VIEW, Session
from newsreader.ui.view_actions import ViewActions  # FeedActions, with D on a saved view
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.body_pane import BodyPane, preload_markdown
from newsreader.ui.widgets.feed_list import FeedList
from newsreader.ui.widgets.key_bar import KeyBar
from newsreader.ui.widgets.meta_pane import MetaPane
from newsreader.ui.widgets.search_input import SearchInput
from newsreader.ui.widgets.status_bar import StatusBar
from newsreader.ui.widgets.virtual_list import VirtualList

NARROW = 100  # below this many columns, one pane at a time
WIDE = 150  # from this many, the metadata gets its own column
RELOAD_EVERY = 0.4  # seconds between list reloads while a refresh reports feeds
PANES = {"feeds": "feeds", "articles": "articles", "body": "article", "meta": "meta"}  # widget id -> pane


class MainScreen(
    MediaActions, ViewActions, Marking, Reloading, ReadingActions, BodyActions, AuthorActions, Screen
):
    BINDINGS = keys.bindings()

    def __init__(self, data: UiData, effective_keys: dict[str, tuple[str, ...]], *, session: Session) -> None:
        super().__init__()
        self.data = data
        self.effective_keys = effective_keys
        self.session = session  # what the last run left
        self.view: View | None = None
        self.wanted_view: View | None = None  # asked for, not loaded yet
        self.unread_only = False
        self.search_query: str | None = None
        self.open_id: int | None = None
        self.pane = "feeds"
        self.refreshing = False
        self.search_capped = False
        self.first_feeds = True
        self.feeds: list = []
        self.open_first = False
        self._reload_timer: Timer | None = None
        self._reload_view = False

    @property
    def feed_list(self) -> FeedList:
        return self.query_one(FeedList)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def body(self) -> BodyPane:
        return self.query_one(BodyPane)

    @property
    def meta(self) -> MetaPane:
        return self.query_one(MetaPane)

    @property
    def article(self) -> Article | None:
        """The article open in the body (the cleaned one once it is in)."""
        return self.body.article

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield FeedList(self.data, id="feeds")
                yield ArticleList(self.data, id="articles")
            with Vertical(id="right"):
                yield MetaPane(id="meta")
                yield BodyPane(self.data, id="body")
        yield SearchInput(id="search")
        yield StatusBar(id="status")
        yield KeyBar(self.effective_keys, id="keys")

    def on_mount(self) -> None:
        self.meta.show(None)
        self.apply_layout(self.app.size.width)
        self.unread_only = self.session.unread_only
        self.wanted_view = self.session.view
        self.set_pane("articles" if self.wanted_view is not None else "feeds")
        self.status_where()
        if self.data.offline:  # shown, not checked: the engine refuses the network itself
            self.status.progress("offline")
        self.feed_list.load()
        if self.wanted_view is not None:  # list it while the feeds load, not after
            self.start_view(self.wanted_view)

    # Layout

    def on_resize(self, event: Resize) -> None:
        self.apply_layout(event.size.width)

    def apply_layout(self, width: int) -> None:
        narrow, wide = width < NARROW, width >= WIDE
        if narrow != self.has_class("-narrow") or wide != self.has_class("-wide"):
            # one restyle for both classes (set_class(..., update=False) then an unchanged one skipped it)
            self.update_classes({"-narrow": narrow, "-wide": wide})
        self.show_panes()

    def show_panes(self) -> None:
        """In a narrow terminal, the lists or the article; otherwise everything.

        Set on the two columns directly: a class on the screen would restyle every widget on each move.
        """
        narrow = self.has_class("-narrow")
        reading = self.pane in ("article", "meta")
        self.query_one("#left").display = not narrow or not reading
        self.query_one("#right").display = not narrow or reading

    def set_pane(self, pane: str) -> None:
        self.pane = pane
        self.show_panes()
        target: Widget = {
            "feeds": self.feed_list,
            "articles": self.article_list,
            "article": self.body,
            "meta": self.meta,
        }[pane]
        if self.focused is not target:
            target.focus()

    def on_descendant_focus(self, event) -> None:
        if event.widget is not self.focused:
            # Stale: focus has moved on since (focus() is deferred). Following it would move the focus
            # back, and two such moves in flight bounced it between the lists for seconds.
            return
        pane = PANES.get(event.widget.id or "")
        if pane and pane != self.pane:
            self.set_pane(pane)

    # Feeds and views

    def on_feeds_loaded(self, message: FeedsLoaded) -> None:
        feeds = self.feed_list
        self.feeds = message.feeds
        keep = None  # after the first load the cursor stays on the entry it is on
        if self.first_feeds:
            keep = self.wanted_view
            if keep is None and message.feeds:
                keep = View("feed", message.feeds[0].id)
        feeds.set_feeds(
            message.feeds,
            search=self.search_query,
            keep=keep,
            unread_total=message.unread_total,
            views=message.views,
        )
        if self.first_feeds and message.more and keep is not None and feeds.index_of(keep) is None:
            return  # the view to restore is further down: wait for every feed
        if self.first_feeds:
            self.first_feeds = False
            self.app.post_message(FeedsCounted(len(message.feeds)))
            view = feeds.current_view()
            if view is not None and (
                self.wanted_view is None or view.key != self.wanted_view.key or self.open_first
            ):
                self.start_view(view)
        self.article_list.border_title = Text(self.view_title())
        self.status_where()

    def start_view(self, view: View) -> None:
        """The first view shown: the one saved at the last quit (or the first feed), with its article."""
        opening = self.session.article is not None or self.open_first
        self.load_view(view, select_id=self.session.cursor, open_selected=opening)
        self.open_first = False

    def show_feed(self, feed_id: int, *, open_first: bool = False) -> None:
        """Put a feed (just added, like the sample) under the cursor, and open its first article if asked."""
        self.wanted_view = View("feed", feed_id)
        self.first_feeds = True
        self.session = Session()
        self.open_first = open_first
        self.feed_list.load()

    def load_view(
        self,
        view: View,
        *,
        select_id: int | None = None,
        open_selected: bool = False,
        focus_list: bool = False,
    ) -> None:
        self.wanted_view = view
        self.article_list.list_view(
            view, self.unread_only, select_id=select_id, open_selected=open_selected, focus_list=focus_list
        )

    def on_view_loaded(self, message: ViewLoaded) -> None:
        if message.navigate:  # n/N chose the view: follow it in the feed list too
            self.wanted_view = message.view
            index = self.feed_list.index_of(message.view)
            if index is not None:
                self.feed_list.move_to(index)
        elif self.wanted_view is None or message.view.key != self.wanted_view.key:
            return  # the user moved on while this view was being listed
        changed = self.view is None or self.view.key != message.view.key
        self.search_capped = message.view.kind == "search" and len(message.rows) >= ui_data.SEARCH_LIMIT
        if self.view is None:
            preload_markdown()  # the lists are in: load the body's widget before the first article is opened
        self.view = message.view
        select = message.select_id
        if select is None and not changed:
            select = self.article_list.current_id()
        self.article_list.set_ids(
            message.ids, rows=message.rows, select_id=select, show_feed=message.view.kind != "feed"
        )
        self.article_list.border_title = Text(self.view_title())
        if changed:
            self.data.save_state(VIEW, message.view.key if message.view.kind != "search" else None)
        if message.focus_list:
            self.set_pane("articles")
        target = message.select_id if message.select_id is not None else next(iter(message.ids), None)
        if message.open_selected and target is not None and target in message.ids:
            self.open_article(target)
        self.status_where()

    def reload_view(self) -> None:
        view = self.wanted_view or self.view  # a view the user just asked for wins over the shown one
        if view is not None:
            select = self.article_list.current_id() if self.view and view.key == self.view.key else None
            self.load_view(view, select_id=select)

    def schedule_reload(self, *, view: bool = True) -> None:
        """Reload counts (and the list) soon, once for a burst of changes like 500 feeds finishing."""
        self._reload_view |= view
        if self._reload_timer is None:
            self._reload_timer = self.set_timer(RELOAD_EVERY, self._reload_now)

    def _reload_now(self) -> None:
        self._reload_timer = None
        self.feed_list.load()
        if self._reload_view:
            self.reload_view()
        self._reload_view = False

    def view_title(self) -> str:
        view = self.view
        if view is None:
            return "Articles"
        if view.kind == "feed":
            entry = next((e for e in self.feed_list.entries if e.view.key == view.key), None)
            title = entry.title if entry else "Feed"
        else:
            title = {
                "unread": "All unread",
                "starred": "Starred",
                "view": f"View: {one_line(view.name)}",
                "tag": f"Tag: {one_line(view.name) or 'untagged'}",
            }.get(view.kind, f"Search: {one_line(view.query)}")
        filtered = self.unread_only and view.kind not in ("unread", "starred")
        return f"{title} (unread only)" if filtered else title

    def status_where(self) -> None:
        self.show_feed_error()
        total = sum(e.unread for e in self.feed_list.feed_views())
        count = len(self.article_list.ids)
        noun = "article" if count == 1 else "articles"
        if self.search_capped:
            noun += f" (the best {ui_data.SEARCH_LIMIT} matches; add words to narrow it)"
        where = f"{self.view_title()}: {count} {noun}" if self.view else "newsreader"
        self.status.where(f"{where} · {total} unread")

    def show_feed_error(self) -> None:
        """A feed whose last refresh failed says why under its articles (the notification is long gone)."""
        view = self.view
        entry = None
        if view is not None and view.kind == "feed":
            entry = next((e for e in self.feed_list.feed_views() if e.view.key == view.key), None)
        error = one_line(entry.error) if entry and entry.error else ""
        self.article_list.border_subtitle = Text(f"last refresh failed: {error}") if error else ""
        self.article_list.set_class(bool(error), "-failed")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed (the store unreadable, say) is a notification, not the end of the app."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{one_line(str(error)) or type(error).__name__}", severity="error", markup=False)

    # Lists

    @on(VirtualList.Highlighted, "#feeds")
    def feed_highlighted(self, message: VirtualList.Highlighted) -> None:
        view = self.feed_list.current_view()
        if view is not None and (self.wanted_view is None or view.key != self.wanted_view.key):
            self.load_view(view)

    @on(VirtualList.Selected, "#feeds")
    def feed_selected(self, message: VirtualList.Selected) -> None:
        self.feed_list.move_to(message.index)
        self.enter_feed()

    @on(VirtualList.Selected, "#articles")
    def article_selected(self, message: VirtualList.Selected) -> None:
        self.article_list.move_to(message.index)
        article_id = self.article_list.current_id()
        if article_id is not None:
            self.open_article(article_id)

    def enter_feed(self) -> None:
        if self.feed_list.expand_here():  # a closed section opens first
            return
        view = self.feed_list.current_view()
        if view is None:
            return
        if self.view is not None and self.view.key == view.key:
            self.set_pane("articles")
        else:
            self.load_view(view, focus_list=True)

    # Articles

    def open_article(self, article_id: int) -> None:
        self.open_id = article_id
        self.set_pane("article")
        self.data.save_state(ARTICLE, str(article_id))
        self.body.open(article_id)
        lst = self.article_list
        row = lst.row(lst.cursor) if lst.current_id() == article_id else None
        if row is not None and not row.read:
            self.set_read(row, True)
        elif row is None:  # not drawn yet: marked all the same
            self.data.set_read(article_id, True, self.changed)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.meta.show(message.article)

    def article_cleaned(self, article_id: int) -> None:
        for body in self.query(BodyPane):  # none while the app is closing
            body.cleaned_elsewhere(article_id)

    async def action_back_or_quit(self) -> None:
        if self.pane == "feeds":
            await self.action_quit()
        else:
            self.action_back()

    def save_selection(self) -> None:
        """Remember the article under the cursor, and where the open one was read to, for the next start."""
        self.body.save_position()
        current = self.article_list.current_id()
        if current is not None:
            self.data.save_state(CURSOR, str(current))
