"""The cleaner: a page or feed item becomes a story body plus byline, contacts, credits and notes."""

from newsreader.clean.cleaner import clean_html
from newsreader.clean.errors import CleanError

__all__ = ["CleanError", "clean_html"]
