"""A marks everything shown read (the feed, the tag, the view, or all), asking first above CONFIRM_FROM
articles; z undoes the last such mark. Mixed into MainScreen.

The ids marked are those unread when A was pressed, so undo gives back exactly those (an article read
before stays read); every change goes through the store's set_read, like m.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader.ui.dialogs import ConfirmDialog
from newsreader.ui.messages import View

CONFIRM_FROM = 100  # more unread articles than this: A asks first


@dataclass
class MarkPlanned(Message):
    """The unread articles of what is shown, that A is about to mark read."""

    view: View
    ids: list[int]


@dataclass
class MarkDone(Message):
    count: int
    undone: bool = False


class Marking:
    """Mixed into MainScreen, whose article list, view and data these use."""

    last_marked: list[int] | None = None

    def action_mark_feed_read(self) -> None:
        """Everything the article list shows (the view, or the feed under the cursor in the feed list)."""
        view = self.wanted_view or self.view
        if self.pane == "feeds":
            view = self.feed_list.current_view() or view
        if view is None:
            self.notify("Nothing shown to mark.", severity="warning")
            return
        shown = view is not None and self.view is not None and view.key == self.view.key
        ids = list(self.article_list.ids) if shown else None
        unread_only = self.unread_only

        def work() -> None:
            listed = ids if ids is not None else self.data.view(view, unread_only)[0]
            self.post_message(MarkPlanned(view, self.data.unread_among(listed)))

        self.run_worker(work, thread=True, group="mark", exit_on_error=False)

    def on_mark_planned(self, message: MarkPlanned) -> None:
        ids = message.ids
        if not ids:
            self.notify("Nothing unread here.")
            return
        if len(ids) <= CONFIRM_FROM:
            self._mark(ids)
            return
        dialog = ConfirmDialog(
            "Mark read",
            f"Mark {len(ids)} articles read? (z undoes it)",
            f"Mark {len(ids)} read",
            "Leave them unread",
        )
        self.app.push_screen(dialog, callback=lambda answer: self._mark(ids) if answer == "yes" else None)

    def _mark(self, ids: list[int]) -> None:
        self.last_marked = ids
        self.article_list.show_read(set(ids), True)  # the dots go now; the store follows
        self.data.set_read_many(ids, True, lambda _: self.post_message(MarkDone(len(ids))))

    def action_undo_mark(self) -> None:
        ids = self.last_marked
        if not ids:
            self.notify("No mark to undo.")
            return
        self.last_marked = None
        self.article_list.show_read(set(ids), False)
        self.data.set_read_many(ids, False, lambda _: self.post_message(MarkDone(len(ids), undone=True)))

    def on_mark_done(self, message: MarkDone) -> None:
        noun = "article" if message.count == 1 else "articles"
        verb = "unread again" if message.undone else "marked read (z undoes it)"
        self.notify(f"{message.count} {noun} {verb}.")
        self.feed_list.load()
        self.reload_view()
