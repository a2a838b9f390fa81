"""The main content of a whole page, found by readability-lxml on the tree we already parsed."""

from __future__ import annotations

import logging

import lxml.html
from lxml.etree import tounicode
from readability import Document
from readability.readability import Unparseable

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


class _Readable(Document):
    """Keeps the article tree instead of turning it into attribute-scrubbed HTML text."""

    article: lxml.html.HtmlElement | None = None

    def get_clean_html(self) -> str:
        self.article = self.html
        # readability measures this text's length to decide whether to retry less ruthlessly.
        return tounicode(self.html, method="html")


def main_content(doc: lxml.html.HtmlElement, url: str | None = None) -> lxml.html.HtmlElement | None:
    """The article's subtree (a detached copy: readability works on its own copy of the page)."""
    readable = _Readable(doc, url=url)
    try:
        readable.summary(html_partial=True)
    except (Unparseable, RecursionError, ValueError):
        return None
    return readable.article
