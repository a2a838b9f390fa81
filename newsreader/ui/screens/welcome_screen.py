"""The first-run screen: how to add feeds, and a key that loads the bundled sample feed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

WELCOME = """\
No feeds yet.

Subscribe from the shell, then start newsreader again:

    newsreader add https://example.org/feed.xml
    newsreader import FILE    (OPML, or a newsboat urls file)
    newsreader refresh

Or press enter to load the sample feed that comes with newsreader:
a few short stories written for it, read without any network, so you
can see the article list, the cleaned body and its byline, tips,
credits and notes side by side. There, `a` adds your own feeds
(a feed's address, or any web page that names one)."""


class WelcomeScreen(Screen[bool]):
    """Dismissed with True when the user asks for the sample feed."""

    BINDINGS = [
        Binding("enter", "sample", "Load the sample feed"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        # Scrolls (arrows, page keys) when the terminal is too small for it: never clipped.
        with VerticalScroll(id="welcome-box") as box:
            box.border_title = "Welcome to newsreader"
            yield Static(Text(WELCOME), id="welcome-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-box").focus()

    def action_sample(self) -> None:
        self.dismiss(True)
