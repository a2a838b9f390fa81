"""Links leaving the reader: which may be opened or copied, and handing one to the user's browser.

The browser is config.toml's `browser` command (started detached, %u the address), else $BROWSER
or the system's default through the webbrowser module.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from textual.app import App, SuspendNotSupported

from newsreader.text import one_line

OPENED = ("http", "https", "mailto")
NEVER = ("javascript", "vbscript", "file", "data")  # run code or read local files: neither opened nor copied


def _scheme(link: str) -> str:
    try:
        return urlsplit(link.strip()).scheme.lower()
    except ValueError:
        return ""


def refusal(link: str, *, opening: bool) -> str | None:
    """Why the link may not be opened (opening) or copied, as one line; None when it may."""
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in link):
        return "Refused: the link has control characters."
    scheme = _scheme(link)
    if scheme in NEVER:
        return f"Refused: {scheme}: links are neither opened nor copied."
    if opening and scheme not in OPENED:
        return "Refused: only http, https and mailto links are opened."
    return None


def runs_in_terminal(browser: object) -> bool:
    """A browser webbrowser runs in the foreground of this terminal (lynx, w3m, links, most $BROWSER values)."""
    import webbrowser

    if type(browser) is webbrowser.GenericBrowser:  # BackgroundBrowser, its subclass, detaches
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background


def open_link(app: App, link: str) -> None:
    """Open a link the user chose, or say in one line why not."""
    why = refusal(link, opening=True)
    if why is not None:
        app.notify(why, severity="warning", markup=False)
        return
    app.run_worker(lambda: _open_in_browser(app, link), thread=True, group="browser", exit_on_error=False)


def _open_in_browser(app: App, url: str) -> None:
    import webbrowser

    from newsreader.ui.data import EngineError

    data = getattr(app, "data", None)
    try:
        if data is not None and data.browse(url):  # config.toml's browser
            return
    except EngineError as exc:
        app.notify(str(exc), severity="warning", markup=False)
        return

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        browser = None
    if browser is not None and runs_in_terminal(browser):
        app.call_from_thread(_open_in_terminal, app, browser, url)
    elif not webbrowser.open(url):
        app.notify("No web browser found.", severity="warning")


def _open_in_terminal(app: App, browser, url: str) -> None:
    """lynx, w3m, $BROWSER...: the browser gets the terminal to itself until it exits."""
    try:
        with app.suspend():
            browser.open(url)
    except SuspendNotSupported:
        app.notify("A terminal browser cannot run here; set BROWSER to a graphical one.", severity="warning")


def copy_link(app: App, link: str) -> None:
    """Copy a link to the clipboard, or say in one line why not."""
    why = refusal(link, opening=False)
    if why is not None:
        app.notify(why, severity="warning", markup=False)
        return
    app.copy_to_clipboard(link.strip())
    app.notify(f"Copied {one_line(link)}", markup=False)
