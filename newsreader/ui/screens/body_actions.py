"""The article body's keys: L lists its links, 1-9 and # open one by number, i turns images on or off.

Mixed into MainScreen beside ReadingActions; the keys are rows of keys.KEYS like every other.
"""

from __future__ import annotations

from newsreader.ui import browser
from newsreader.ui.screens.links_screen import LinkNumberPrompt, LinksScreen


class BodyActions:
    """Mixed into MainScreen, whose body pane (self.body) these act on."""

    def _shown_links(self) -> tuple | None:
        """The links of the article in the body, or None (said in one line) when no article is open."""
        if self.body.article_id is None:
            self.notify("No article open: open one first.", severity="warning")
            return None
        return self.body.links

    def action_list_links(self) -> None:
        links = self._shown_links()
        if links is None:
            return
        if not links:
            self.notify("This article has no links.")
            return
        self.app.push_screen(LinksScreen(links))

    def open_link_number(self, number: int | None) -> None:
        links = self._shown_links()
        if links is None or number is None:
            return
        if not 1 <= number <= len(links):
            count = f"{len(links)} link{'s' if len(links) != 1 else ''}" if links else "no links"
            self.notify(f"No link {number}: this article has {count}.", severity="warning")
            return
        browser.open_link(self.app, links[number - 1].url)

    def action_open_link_by_number(self) -> None:
        links = self._shown_links()
        if links is None:
            return
        if not links:
            self.notify("This article has no links.")
            return
        self.app.push_screen(LinkNumberPrompt(len(links)), callback=self.open_link_number)

    def action_open_link_1(self) -> None:
        self.open_link_number(1)

    def action_open_link_2(self) -> None:
        self.open_link_number(2)

    def action_open_link_3(self) -> None:
        self.open_link_number(3)

    def action_open_link_4(self) -> None:
        self.open_link_number(4)

    def action_open_link_5(self) -> None:
        self.open_link_number(5)

    def action_open_link_6(self) -> None:
        self.open_link_number(6)

    def action_open_link_7(self) -> None:
        self.open_link_number(7)

    def action_open_link_8(self) -> None:
        self.open_link_number(8)

    def action_open_link_9(self) -> None:
        self.open_link_number(9)

    def action_toggle_images(self) -> None:
        on = self.body.toggle_images()
        self.notify("Images shown." if on else "Images off: their descriptions shown instead.")
