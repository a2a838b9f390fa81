"""The reading screen: feeds and articles on the left, the body and its metadata on the right.

Everything that can take time (listing a view, loading and cleaning an article, refreshing, writing)
runs off the interface thread and comes back as a message from messages.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from newsreader.models import Article, ArticleRow
from newsreader.store import Store
from newsreader.text import one_line
from newsreader.ui import keys
from newsreader.ui.messages import (
    ArticleLoaded,
    FeedsLoaded,
    NothingUnread,
    RefreshFinished,
    RefreshProgress,
    StoreChanged,
    View,
    ViewLoaded,
)
from newsreader.ui.refreshing import start_refresh
from newsreader.ui.render import article_markdown
from newsreader.ui.unread import Position, find_unread
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.body_pane import BodyPane, preload_markdown
from newsreader.ui.widgets.feed_list import FeedList
from newsreader.ui.widgets.key_bar import KeyBar
from newsreader.ui.widgets.meta_pane import MetaPane
from newsreader.ui.widgets.search_input import SearchInput
from newsreader.ui.widgets.status_bar import StatusBar
from newsreader.ui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from newsreader.ui.app import NewsApp


def runs_in_terminal(browser: object) -> bool:
    """A browser webbrowser runs in the foreground of this terminal (lynx, w3m, links, most $BROWSER values)."""
    import webbrowser

    if type(browser) is webbrowser.GenericBrowser:  # BackgroundBrowser, its subclass, detaches
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background


NARROW = 100  # below this many columns, one pane at a time
WIDE = 150  # from this many, the metadata gets its own column
WEB_SCHEMES = ("http", "https")
RELOAD_EVERY = 0.4  # seconds between list reloads while a refresh reports feeds
SEARCH_LIMIT = 1000  # matches listed for one search, best first
ERROR_TOASTS = 3  # failed feeds named in a notification of their own during one refresh


class MainScreen(Screen):
    BINDINGS = keys.bindings()

    def __init__(self) -> None:
        super().__init__()
        self.view: View | None = None
        self.wanted_view: View | None = None  # asked for, not loaded yet
        self.unread_only = False
        self.search_query: str | None = None
        self.article: Article | None = None
        self.open_id: int | None = None
        self.pane = "feeds"
        self.refreshing = False
        self._errors_seen = 0
        self.search_capped = False
        self.first_feeds = True
        self.feeds: list = []
        self.restore_article: int | None = None
        self.restore_cursor: int | None = None
        self.open_first = False
        self._reload_timer: Timer | None = None
        self._reload_view = False

    # Shortcuts to the app's shared things

    @property
    def news(self) -> NewsApp:
        return self.app  # type: ignore[return-value]

    @property
    def store(self) -> Store:
        return self.news.store

    def worker_store(self) -> Store:
        """A connection for the calling worker thread (a Store is one connection, one thread)."""
        return Store(self.news.store_path, busy_timeout=self.news.config.busy_timeout)

    @property
    def feed_list(self) -> FeedList:
        return self.query_one(FeedList)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def body(self) -> BodyPane:
        return self.query_one(BodyPane)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield FeedList(id="feeds")
                yield ArticleList(self.store.rows, id="articles")
            with Vertical(id="right"):
                yield MetaPane(id="meta")
                yield BodyPane(id="body")
        yield SearchInput(id="search")
        yield StatusBar(id="status")
        yield KeyBar(self.news.effective_keys, id="keys")

    def on_mount(self) -> None:
        state = self.store.get_state
        self.unread_only = state("ui.unread_only") == "1"
        self.wanted_view = View.from_key(state("ui.view"))
        cursor, article = state("ui.cursor"), state("ui.article")
        self.restore_cursor = int(cursor) if cursor and cursor.isdigit() else None
        self.restore_article = int(article) if article and article.isdigit() else None
        if self.restore_cursor is None:
            self.restore_cursor = self.restore_article
        elif self.restore_cursor != self.restore_article:
            self.restore_article = None  # the cursor had moved on from the open article: select, don't open
        self.query_one(MetaPane).show(None)
        self.apply_layout(self.app.size.width)
        self.set_pane("articles" if self.wanted_view else "feeds")
        self.status_where()
        if self.news.offline:
            self.query_one(StatusBar).progress("offline")
        self.load_feeds()
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
        self.query_one("#left").display = not narrow or self.pane != "article"
        self.query_one("#right").display = not narrow or self.pane == "article"

    def set_pane(self, pane: str) -> None:
        self.pane = pane
        self.show_panes()
        target: Widget = {"feeds": self.feed_list, "articles": self.article_list, "article": self.body}[pane]
        if self.focused is not target:
            target.focus()

    def on_descendant_focus(self, event) -> None:
        if event.widget is not self.focused:
            # Stale: focus has moved on since (focus() is deferred). Following it would move the focus
            # back, and two such moves in flight bounced it between the lists for seconds.
            return
        pane = {"feeds": "feeds", "articles": "articles", "body": "article"}.get(event.widget.id or "")
        if pane and pane != self.pane:
            self.set_pane(pane)

    # Loading feeds and views

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def load_feeds(self) -> None:
        with self.worker_store() as store:
            self.post_message(FeedsLoaded(store.feeds()))

    def on_feeds_loaded(self, message: FeedsLoaded) -> None:
        feeds = self.feed_list
        self.feeds = message.feeds
        keep = None  # after the first load the cursor stays on the entry it is on
        if self.first_feeds:
            keep = self.wanted_view
            if keep is None and message.feeds:
                keep = View("feed", message.feeds[0].id)
        feeds.set_feeds(message.feeds, search=self.search_query, keep=keep)
        if self.first_feeds:
            self.first_feeds = False
            self.news.feeds_counted(len(message.feeds))
            view = feeds.current_view()
            if view is not None and (
                self.wanted_view is None or view.key != self.wanted_view.key or self.open_first
            ):
                self.start_view(view)
        self.article_list.border_title = Text(self.view_title())
        self.status_where()

    def start_view(self, view: View) -> None:
        """The first view shown: the one saved at the last quit (or the first feed), with its article."""
        opening = self.restore_article is not None or self.open_first
        self.load_view(view, select_id=self.restore_cursor, open_selected=opening)
        self.open_first = False

    def show_feed(self, feed_id: int, *, open_first: bool = False) -> None:
        """Put a feed (just added, like the sample) under the cursor, and open its first article if asked."""
        self.wanted_view = View("feed", feed_id)
        self.first_feeds = True
        self.restore_article = self.restore_cursor = None
        self.open_first = open_first
        self.load_feeds()

    def load_view(
        self,
        view: View,
        *,
        select_id: int | None = None,
        open_selected: bool = False,
        focus_list: bool = False,
    ) -> None:
        self.wanted_view = view
        self._list_view(view, self.unread_only, select_id, open_selected, focus_list)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _list_view(
        self, view: View, unread_only: bool, select_id: int | None, open_selected: bool, focus_list: bool
    ) -> None:
        rows: list[ArticleRow] = []
        with self.worker_store() as store:
            if view.kind == "search":
                rows = store.search(view.query, limit=SEARCH_LIMIT)
                ids = [r.id for r in rows if not (unread_only and r.read)]
            else:
                ids = store.article_ids(
                    feed_id=view.feed_id,
                    # starred articles are kept to be read again: u does not hide the read ones
                    unread_only=(unread_only and view.kind != "starred") or view.kind == "unread",
                    starred_only=view.kind == "starred",
                )
        self.post_message(
            ViewLoaded(
                view, ids, rows=rows, select_id=select_id, open_selected=open_selected, focus_list=focus_list
            )
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
        self.search_capped = message.view.kind == "search" and len(message.rows) >= SEARCH_LIMIT
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
            self.news.save_state("ui.view", message.view.key if message.view.kind != "search" else None)
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
        self.load_feeds()
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
            title = {"unread": "All unread", "starred": "Starred"}.get(
                view.kind, f"Search: {one_line(view.query)}"
            )
        filtered = self.unread_only and view.kind not in ("unread", "starred")
        return f"{title} (unread only)" if filtered else title

    def status_where(self) -> None:
        self.show_feed_error()
        total = sum(e.unread for e in self.feed_list.feed_views())
        count = len(self.article_list.ids)
        noun = "article" if count == 1 else "articles"
        if self.search_capped:
            noun += f" (the best {SEARCH_LIMIT} matches; add words to narrow it)"
        where = f"{self.view_title()}: {count} {noun}" if self.view else "newsreader"
        self.query_one(StatusBar).where(f"{where} · {total} unread")

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
        self.news.save_state("ui.article", str(article_id))
        self._load_article(article_id)
        index = self.article_list.cursor
        row = self.article_list.row(index) if self.article_list.current_id() == article_id else None
        if row is not None and not row.read:
            self.set_read(row, True)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, article_id: int) -> None:
        with self.worker_store() as store:
            try:
                article = store.article(article_id)
            except KeyError:
                return
            self.post_message(ArticleLoaded(article, final=article.cleaned is not None))
            if article.cleaned is not None:
                return
            try:
                from newsreader.clean.service import ensure_cleaned
            except ImportError:  # the cleaner is not installed: the feed's text is all there is
                self.post_message(ArticleLoaded(article, final=True))
                return
            try:
                cleaned = ensure_cleaned(store, article_id)
            except Exception as exc:  # noqa: BLE001 - a page the cleaner chokes on must not end the app
                error = one_line(str(exc)) or type(exc).__name__
                self.post_message(ArticleLoaded(article, final=True, error=error))
                return
            self.post_message(ArticleLoaded(cleaned, final=True))

    async def on_article_loaded(self, message: ArticleLoaded) -> None:
        article = message.article
        if article.id != self.open_id:
            return
        self.article = article
        note = "cleaning…" if not message.final else ("feed text: " + message.error if message.error else "")
        await self.body.show(article.id, article_markdown(article), note=note)
        self.body.border_title = Text(one_line(article.feed_title) or "Article")
        self.query_one(MetaPane).show(article)

    def article_cleaned(self, article_id: int) -> None:
        if article_id == self.open_id and (self.article is None or self.article.cleaned is None):
            self._load_article(article_id)

    def on_markdown_link_clicked(self, message) -> None:  # Markdown.LinkClicked; the widget loads lazily
        message.stop()
        self.open_url(message.href)

    def open_url(self, url: str | None) -> None:
        if not url or urlsplit(url).scheme.lower() not in WEB_SCHEMES:
            self.notify("Only http and https links are opened.", severity="warning")
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        import webbrowser

        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            browser = None
        if browser is not None and runs_in_terminal(browser):
            self.app.call_from_thread(self._open_in_terminal, browser, url)
        elif not webbrowser.open(url):
            self.notify("No web browser found.", severity="warning")

    def _open_in_terminal(self, browser, url: str) -> None:
        """lynx, w3m, $BROWSER...: the browser gets the terminal to itself until it exits."""
        try:
            with self.app.suspend():
                browser.open(url)
        except SuspendNotSupported:
            self.notify(
                "A terminal browser cannot run here; set BROWSER to a graphical one.", severity="warning"
            )

    # Writes (optimistic on screen, applied in order on the writer thread)

    def write(self, op, *, changed: bool = True) -> None:
        done = (lambda _result: self.post_message(StoreChanged())) if changed else None
        self.news.writer.submit(op, done)

    def set_read(self, row: ArticleRow, read: bool) -> None:
        self.article_list.update_row(replace(row, read=read))
        self.write(lambda store: store.set_read([row.id], read))

    def on_store_changed(self, message: StoreChanged) -> None:
        self.load_feeds()

    def current_row(self) -> ArticleRow | None:
        """The article the keys act on: the open one when reading, else the one under the cursor."""
        lst = self.article_list
        target = self.open_id if self.pane == "article" and self.open_id is not None else lst.current_id()
        if target is None:
            return None
        if lst.current_id() == target:
            return lst.row(lst.cursor)
        found = self.store.rows([target])
        return found[0] if found else None

    def current_link(self) -> str | None:
        row = self.current_row()
        if row is None:
            return None
        if self.article is not None and self.article.id == row.id:
            return self.article.link
        try:
            return self.store.article(row.id).link
        except KeyError:
            return None

    def selected_feed_id(self) -> int | None:
        if self.pane == "feeds":  # the highlighted entry, and only if it is a feed
            view = self.feed_list.current_view()
            return view.feed_id if view and view.kind == "feed" else None
        if self.pane == "article" and self.article is not None:
            return self.article.feed_id
        if self.view is not None and self.view.kind == "feed":
            return self.view.feed_id
        row = self.current_row()
        return row.feed_id if row else None

    # Actions (one per row of keys.KEYS)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def _move(self, delta: int) -> None:
        if self.pane == "feeds":
            self.feed_list.move(delta)
        elif self.pane == "articles":
            self.article_list.move(delta)
        else:
            self.body.scroll_relative(y=delta * 2, animate=False)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, sign: int) -> None:
        if self.pane == "article":
            self.body.scroll_page_down(animate=False) if sign > 0 else self.body.scroll_page_up(animate=False)
            return
        lst = self.feed_list if self.pane == "feeds" else self.article_list
        lst.move(sign * max(1, lst.size.height - 1))

    def action_first(self) -> None:
        self._jump(last=False)

    def action_last(self) -> None:
        self._jump(last=True)

    def _jump(self, *, last: bool) -> None:
        if self.pane == "article":
            self.body.scroll_end(animate=False) if last else self.body.scroll_home(animate=False)
            return
        lst = self.feed_list if self.pane == "feeds" else self.article_list
        lst.move_to(lst.count - 1 if last else 0)

    def action_page_body_down(self) -> None:
        self.body.scroll_page_down(animate=False)

    def action_page_body_up(self) -> None:
        self.body.scroll_page_up(animate=False)

    def action_open(self) -> None:
        if self.pane == "feeds":
            self.enter_feed()
        elif self.pane == "articles":
            article_id = self.article_list.current_id()
            if article_id is not None:
                self.open_article(article_id)

    def action_back(self) -> None:
        if self.pane == "article":
            self.set_pane("articles")
        elif self.pane == "articles":
            self.set_pane("feeds")

    def action_next_unread(self) -> None:
        self._find_unread(1)

    def action_prev_unread(self) -> None:
        self._find_unread(-1)

    def _find_unread(self, step: int) -> None:
        feed_views = self.feed_list.feed_views()
        from_list = self.pane != "feeds" and self.view is not None
        at = Position(
            view=self.view if from_list else None,
            ids=list(self.article_list.ids) if from_list else [],
            cursor=self.article_list.cursor,
            highlighted=self.feed_list.current_view(),
            feeds_with_unread=[e.view for e in feed_views if e.unread],
            all_feeds=[e.view.key for e in feed_views],
        )
        self._unread_worker(at, step, self.unread_only)

    @work(thread=True, exclusive=True, group="unread", exit_on_error=False)
    def _unread_worker(self, at: Position, step: int, unread_only: bool) -> None:
        with self.worker_store() as store:
            found = find_unread(store, at, step, unread_only=unread_only)
        if found is None:
            self.post_message(NothingUnread())
        else:
            self.post_message(
                ViewLoaded(
                    found.view, found.ids, select_id=found.article_id, open_selected=True, navigate=True
                )
            )

    def on_nothing_unread(self, message: NothingUnread) -> None:
        self.notify("No more unread articles.")

    def action_refresh_feed(self) -> None:
        feed_id = self.selected_feed_id()
        if feed_id is None:
            self.notify("Choose a feed to refresh (R refreshes all).", severity="warning")
            return
        self.start_refresh([feed_id])

    def action_refresh_all(self) -> None:
        self.start_refresh(None)

    def start_refresh(self, feed_ids: list[int] | None) -> None:
        if self.news.offline:
            self.notify("Offline: not fetching.", severity="warning")
            return
        if self.refreshing:
            self.notify("A refresh is already running.")
            return
        self.refreshing = True
        self._errors_seen = 0
        self.query_one(StatusBar).progress("refreshing…")
        start_refresh(self.news.store_path, self.news.config, feed_ids, self.post_message)

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        self.query_one(StatusBar).progress(f"refreshing {message.done}/{message.total}")
        if message.error:
            self._errors_seen += 1
            if self._errors_seen <= ERROR_TOASTS:  # past a few, the summary at the end speaks for the rest
                title = next(
                    (e.title for e in self.feed_list.feed_views() if e.view.feed_id == message.feed_id),
                    "A feed",
                )
                self.notify(f"{title}: {one_line(message.error)}", severity="error", markup=False, timeout=8)
        view = self.view
        self.schedule_reload(
            view=view is not None and (view.kind != "feed" or view.feed_id == message.feed_id)
        )

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        if message.error:
            self.notify(f"Refresh failed: {message.error}", severity="error", markup=False)
            text = "refresh failed"
        elif message.fetched == 0:
            self.notify(
                "Nothing to fetch: no feed here has a web address (the sample is stored, not fetched). "
                "Add one with: newsreader add URL",
                severity="warning",
                markup=False,
            )
            text = "nothing to fetch"
        else:
            failed = f", {len(message.failed)} failed" if message.failed else ""
            text = f"{message.new} new{failed}"
            unsaid = len(message.failed) - min(self._errors_seen, ERROR_TOASTS)
            if unsaid > 0:
                more = "more feeds" if unsaid > 1 else "more feed"
                self.notify(
                    f"{unsaid} {more} failed to refresh: marked ! in the feed list, the reason under each.",
                    severity="error",
                    timeout=10,
                )
        self.query_one(StatusBar).progress(text)
        self.load_feeds()
        self.reload_view()
        self.news.clean_in_background()

    def action_toggle_read(self) -> None:
        row = self.current_row()
        if row is not None:
            self.set_read(row, not row.read)

    def action_mark_feed_read(self) -> None:
        feed_id = self.selected_feed_id()
        if feed_id is None:
            self.notify("Choose a feed first.", severity="warning")
            return

        def done(_count: int) -> None:
            self.post_message(StoreChanged())

        self.news.writer.submit(lambda store: store.mark_feed_read(feed_id), done)
        self.article_list.forget_rows()

    def action_toggle_star(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.article_list.update_row(replace(row, starred=not row.starred))
        self.write(lambda store: store.set_starred(row.id, not row.starred))

    def link_or_say_why(self) -> str | None:
        """The link o and y act on, or None after telling the user why there is none."""
        if self.current_row() is None:
            self.notify("No article here: choose one first.", severity="warning")
            return None
        link = self.current_link()
        if not link:
            self.notify("This article has no link.", severity="warning")
        return link or None

    def action_open_link(self) -> None:
        link = self.link_or_say_why()
        if link is not None:
            self.open_url(link)

    def action_copy_link(self) -> None:
        link = self.link_or_say_why()
        if link is None:
            return
        self.app.copy_to_clipboard(one_line(link))
        self.notify(f"Copied {one_line(link)}", markup=False)

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.add_class("-open")
        search.focus()

    @on(SearchInput.Submitted)
    def search_submitted(self, message: SearchInput.Submitted) -> None:
        query = message.value.strip()
        self.close_search()
        if not query:
            return
        self.search_query = query
        view = View("search", query=query)
        self.feed_list.set_feeds(self.feeds, search=query, keep=view)
        self.load_view(view, focus_list=True)

    @on(SearchInput.Cancelled)
    def search_cancelled(self) -> None:
        self.close_search()

    def close_search(self) -> None:
        search = self.query_one(SearchInput)
        search.remove_class("-open")
        search.value = ""
        self.set_pane(self.pane)  # the focus goes back to the pane the search was opened from

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.news.save_state("ui.unread_only", "1" if self.unread_only else "0")
        self.notify("Showing unread articles only." if self.unread_only else "Showing all articles.")
        self.reload_view()

    def action_choose_theme(self) -> None:
        self.news.action_choose_theme()

    def action_help(self) -> None:
        self.news.action_show_keys()

    async def action_quit(self) -> None:
        await self.app.action_quit()

    async def action_back_or_quit(self) -> None:
        if self.pane == "feeds":
            await self.action_quit()
        else:
            self.action_back()

    def save_selection(self) -> None:
        """Remember the article under the cursor for the next start."""
        current = self.article_list.current_id()
        if current is not None:
            self.news.save_state("ui.cursor", str(current))
