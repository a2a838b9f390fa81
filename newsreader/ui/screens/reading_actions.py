"""The reading screen's actions, one per row of keys.KEYS, each handed to the pane it concerns.

Mixed into MainScreen: the key table binds on the screen (so the help, the footer, the palette and the
user's [keys] all read one table); which widget answers depends on the pane that has the focus.
"""

from __future__ import annotations

from dataclasses import replace

from newsreader.models import ArticleRow
from newsreader.ui import browser
from newsreader.ui.messages import (
    CleanPending,
    LinkFound,
    NothingUnread,
    RefreshFinished,
    RefreshProgress,
    StoreChanged,
    View,
    ViewLoaded,
)
from newsreader.ui.refreshing import start_refresh
from newsreader.ui.session import UNREAD_ONLY
from newsreader.ui.unread import Position
from newsreader.ui.widgets.feed_list import FeedList
from newsreader.ui.widgets.search_input import SearchInput


class ReadingActions:
    """Mixed into MainScreen, whose panes and state these act on."""

    # Moving

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
            self._reading().scroll_relative(y=delta * 2, animate=False)

    def _reading(self):
        """The scrolling pane being read: the body, or the metadata when it has the focus."""
        return self.meta if self.pane == "meta" else self.body

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, sign: int) -> None:
        if self.pane in ("article", "meta"):
            pane = self._reading()
            pane.scroll_page_down(animate=False) if sign > 0 else pane.scroll_page_up(animate=False)
            return
        lst = self.feed_list if self.pane == "feeds" else self.article_list
        lst.move(sign * max(1, lst.size.height - 1))

    def action_first(self) -> None:
        self._jump(last=False)

    def action_last(self) -> None:
        self._jump(last=True)

    def _jump(self, *, last: bool) -> None:
        if self.pane in ("article", "meta"):
            pane = self._reading()
            pane.scroll_end(animate=False) if last else pane.scroll_home(animate=False)
            return
        lst = self.feed_list if self.pane == "feeds" else self.article_list
        lst.move_to(lst.count - 1 if last else 0)

    def action_page_body_down(self) -> None:
        self._reading().scroll_page_down(animate=False)

    def action_page_body_up(self) -> None:
        self._reading().scroll_page_up(animate=False)

    def action_open(self) -> None:
        if self.pane == "feeds":
            self.enter_feed()
        elif self.pane == "articles":
            article_id = self.article_list.current_id()
            if article_id is not None:
                self.open_article(article_id)

    def action_back(self) -> None:
        if self.pane in ("article", "meta"):
            self.set_pane("articles")
        elif self.pane == "articles":
            self.set_pane("feeds")

    # Unread, across feeds

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
        unread_only = self.unread_only
        self.run_worker(
            lambda: self._unread_worker(at, step, unread_only),
            thread=True,
            exclusive=True,
            group="unread",
            exit_on_error=False,
        )

    def _unread_worker(self, at: Position, step: int, unread_only: bool) -> None:
        found = self.data.find_unread(at, step, unread_only=unread_only)
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

    # Refreshing

    def action_refresh_feed(self) -> None:
        feed_id = self.selected_feed_id()
        if feed_id is None:
            self.notify("Choose a feed to refresh (R refreshes all).", severity="warning")
            return
        self.start_refresh([feed_id])

    def action_refresh_all(self) -> None:
        self.start_refresh(None)

    def start_refresh(self, feed_ids: list[int] | None) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.")
            return
        self.refreshing = True
        self.status.progress("refreshing…")
        # Posted to the status bar, which reports them, and bubbling on to this screen, which reloads.
        start_refresh(self.data, feed_ids, self.status.post_message)

    # Writes (optimistic on screen, applied in order on the writer thread)

    def changed(self, _result: object = None) -> None:
        """Called on the writer thread once a write has landed."""
        self.post_message(StoreChanged())

    def set_read(self, row: ArticleRow, read: bool) -> None:
        self.article_list.update_row(replace(row, read=read))
        self.data.set_read(row.id, read, self.changed)

    def on_store_changed(self, message: StoreChanged) -> None:
        for feeds in self.query(FeedList):  # none while the app is closing
            feeds.load()

    # Refresh messages: the status bar reports them; here the lists follow

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        view = self.view
        self.schedule_reload(
            view=view is not None and (view.kind != "feed" or view.feed_id == message.feed_id)
        )

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        self.feed_list.load()
        self.reload_view()
        self.app.post_message(CleanPending())

    # Marks

    def current_row(self) -> ArticleRow | None:
        """The article the keys act on: the open one when reading, else the one under the cursor."""
        lst = self.article_list
        reading = self.pane in ("article", "meta") and self.open_id is not None
        target = self.open_id if reading else lst.current_id()
        if target is None:
            return None
        if lst.current_id() == target:
            row = lst.row(lst.cursor)
            if row is not None:
                return row
        article = self.body.article
        if article is not None and article.id == target:
            return ArticleRow(
                article.id, article.feed_id, article.title, article.published, article.read, article.starred
            )
        return None

    def selected_feed_id(self) -> int | None:
        if self.pane == "feeds":  # the highlighted entry, and only if it is a feed
            view = self.feed_list.current_view()
            return view.feed_id if view and view.kind == "feed" else None
        article = self.body.article
        if self.pane in ("article", "meta") and article is not None:
            return article.feed_id
        if self.view is not None and self.view.kind == "feed":
            return self.view.feed_id
        row = self.current_row()
        return row.feed_id if row else None

    def action_toggle_read(self) -> None:
        row = self.current_row()
        if row is not None:
            self.set_read(row, not row.read)

    def action_mark_feed_read(self) -> None:
        feed_id = self.selected_feed_id()
        if feed_id is None:
            self.notify("Choose a feed first.", severity="warning")
            return
        self.article_list.mark_feed_read(feed_id)  # the dots go now; the store follows
        self.data.mark_feed_read(feed_id, self.changed)

    def action_toggle_star(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.article_list.update_row(replace(row, starred=not row.starred))
        self.data.set_starred(row.id, not row.starred, self.changed)

    # Links

    def action_open_link(self) -> None:
        self._link(copy=False)

    def action_copy_link(self) -> None:
        self._link(copy=True)

    def _link(self, *, copy: bool) -> None:
        row = self.current_row()
        if row is None:
            self.notify("No article here: choose one first.", severity="warning")
            return
        article = self.body.article
        if article is not None and article.id == row.id:
            self.post_message(LinkFound(row.id, article.link, copy))
            return

        def find() -> None:
            found = self.data.article(row.id)
            self.post_message(LinkFound(row.id, found.link if found else None, copy))

        self.run_worker(find, thread=True, group="link", exit_on_error=False)

    def on_markdown_link_clicked(self, message) -> None:  # Markdown.LinkClicked; the widget loads lazily
        message.stop()
        browser.open_link(self.app, message.href or "")

    def on_link_found(self, message: LinkFound) -> None:
        if not message.link:
            self.notify("This article has no link.", severity="warning")
        elif message.copy:
            browser.copy_link(self.app, message.link)
        else:
            browser.open_link(self.app, message.link)

    # Search

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.add_class("-open")
        search.focus()

    def on_input_submitted(self, message: SearchInput.Submitted) -> None:  # the search line's enter
        query = message.value.strip()
        self.close_search()
        if not query:
            return
        self.search_query = query
        view = View("search", query=query)
        self.feed_list.set_feeds(self.feeds, search=query, keep=view)
        self.load_view(view, focus_list=True)

    def on_search_input_cancelled(self, message: SearchInput.Cancelled) -> None:
        self.close_search()

    def close_search(self) -> None:
        search = self.query_one(SearchInput)
        search.remove_class("-open")
        search.value = ""
        self.set_pane(self.pane)  # the focus goes back to the pane the search was opened from

    # The rest

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.data.save_state(UNREAD_ONLY, "1" if self.unread_only else "0")
        self.notify("Showing unread articles only." if self.unread_only else "Showing all articles.")
        self.reload_view()

    async def action_choose_theme(self) -> None:
        await self.app.run_action("choose_theme")

    async def action_help(self) -> None:
        await self.app.run_action("show_keys")

    async def action_quit(self) -> None:
        await self.app.action_quit()
