"""The status line above the footer: refresh progress first (notifications cover the right), then where you are.

It follows a refresh from its messages and says how it went in one notification, however many feeds
failed; the messages go on to the screen, which reloads the lists.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from newsreader.text import one_line
from newsreader.ui.messages import RefreshFinished, RefreshProgress


class StatusBar(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.failed_titles: list[str] = []  # of the refresh under way, by the names the feed list shows

    def compose(self) -> ComposeResult:
        yield Static("", id="status-progress")
        yield Static("", id="status-where")

    def where(self, text: str) -> None:
        self.query_one("#status-where", Static).update(Text(text))

    def progress(self, text: str) -> None:
        """The refresh's progress or outcome, set apart from where-you-are by a dot."""
        self.query_one("#status-progress", Static).update(Text.assemble(text, (" ·", "dim")) if text else "")

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        if message.done == 1:
            self.failed_titles = []
        if message.error:
            self.failed_titles.append(message.title)
        self.progress(f"refreshing {message.done}/{message.total}")

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.progress(refresh_outcome(message))
        toast = refresh_toast(message, self.failed_titles)
        self.failed_titles = []
        if toast is not None:
            text, severity = toast
            self.notify(text, severity=severity, markup=False, timeout=10)


def refresh_outcome(message: RefreshFinished) -> str:
    """The status line after a refresh."""
    if message.offline:
        return "offline: not fetching"
    if message.error:
        return "refresh failed"
    if message.fetched == 0:
        return "nothing to fetch"
    failed = f", {len(message.failed)} failed" if message.failed else ""
    return f"{message.new} new{failed}"


def refresh_toast(message: RefreshFinished, titles: list[str] = ()) -> tuple[str, str] | None:
    """The one notification a refresh gives, if any: (text, severity)."""
    if message.offline:
        return None  # the status line says it
    if message.error:
        return f"Refresh failed: {one_line(message.error)}", "error"
    if message.fetched == 0:
        return (
            "Nothing to fetch: no feed here has a web address (the sample is stored, not fetched). "
            "Add one with: newsreader add URL",
            "warning",
        )
    failed = message.failed
    if not failed:
        return None
    if len(failed) == 1:
        url, reason = failed[0]
        name = titles[0] if len(titles) == 1 and titles[0] else url
        return f"{one_line(name)} failed to refresh: {one_line(reason)}", "error"
    of = f" of {message.fetched}" if message.fetched > 0 else ""
    return (
        f"{len(failed)}{of} feeds failed to refresh: marked ! in the feed list, the reason under each.",
        "error",
    )
