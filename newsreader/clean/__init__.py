"""The cleaner: a page or feed item becomes a story body plus byline, contacts, credits and notes.

Pure: page text or bytes and a URL in, a typed result out; no store, network, config or command line.
The names below load on first use, so reading a constant (contacts.SOCIAL_NETWORKS) costs no lxml.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.clean.cleaner import Traced, clean_html, trace_html
    from newsreader.clean.errors import CleanError
    from newsreader.clean.findings import Finding

__all__ = ["CleanError", "Finding", "Traced", "clean_html", "trace_html"]
_HOME = {
    "CleanError": "errors",
    "Finding": "findings",
    "Traced": "cleaner",
    "clean_html": "cleaner",
    "trace_html": "cleaner",
}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"newsreader.clean.{_HOME[name]}"), name)
