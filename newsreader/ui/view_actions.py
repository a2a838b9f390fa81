"""Deleting a saved view from the feed list: D on a view asks, then forgets it (D on a feed removes the feed).

Mixed into MainScreen as FeedActions extended: its remove action is taken over on a view's entry only.
A view of config.toml's [views] is the file's to change: D says which file, in one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader import locations
from newsreader.models import SavedView
from newsreader.text import one_line
from newsreader.ui.dialogs import ChoiceDialog
from newsreader.ui.feed_actions import FeedActions
from newsreader.ui.messages import View


@dataclass
class ViewDeleted(Message):
    name: str


class ViewActions(FeedActions):
    """Mixed into MainScreen, whose feed list, data and dialogs these use."""

    def action_remove_feed(self) -> None:
        if not self.delete_highlighted_view():
            super().action_remove_feed()

    def delete_highlighted_view(self) -> bool:
        """Offer to delete the saved view under the feed list's cursor; False when the entry is no view."""
        if self.pane != "feeds":
            return False
        saved = self.feed_list.saved_view(self.feed_list.current_view())
        if saved is None:
            return False
        name = one_line(saved.name)
        if saved.source == "config":
            path = self.app.config.path or locations.config_file()
            self.notify(
                f"The view {name} comes from {path}: remove it from [views] there.",
                severity="warning",
                markup=False,
            )
            return True
        prompt = f"{name}: {one_line(saved.query)}. Its articles stay in their feeds."
        choices = [("delete", f"Delete the view {name}"), ("keep", "Keep it")]
        self.app.push_screen(
            ChoiceDialog("Delete a view", prompt, choices),
            callback=lambda answer: self._delete_view(saved) if answer == "delete" else None,
        )
        return True

    def _delete_view(self, saved: SavedView) -> None:
        def work() -> Message:
            self.data.delete_view(saved.name)
            return ViewDeleted(saved.name)

        self._organize(work, "delete-view")  # an EngineError becomes one line

    def on_view_deleted(self, message: ViewDeleted) -> None:
        self.notify(f"Deleted the view {one_line(message.name)}.", markup=False)
        view = self.wanted_view or self.view
        if view is not None and view.kind == "view" and view.name == message.name:
            # Its articles are listed no more: All unread is, under the cursor.
            self.feed_list.move_to(0)
            self.load_view(View("unread"))
        self.feed_list.load()
