"""The cleaner: a page or feed item becomes a story body plus byline, contacts, credits and notes."""

from newsreader.clean.cleaner import Traced, clean_html, trace_html
from newsreader.clean.errors import CleanError
from newsreader.clean.findings import Finding

__all__ = ["CleanError", "Finding", "Traced", "clean_html", "trace_html"]
