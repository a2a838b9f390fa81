"""Page chrome: navigation, sidebars, comments, promos and share bars, told by tag and class."""

from __future__ import annotations

import re

import lxml.html

_CHROME_TAGS = frozenset("nav aside form".split())
_PAGE_TAGS = frozenset("header footer".split())  # a story's own header and footer are not chrome
_CHROME_CLASS = re.compile(
    r"comment|related|recommend|promo|newsletter|\bnav|menu|sidebar|widget|share|social|trending|popular|"
    r"most-read|more-stories|subscribe|cookie|banner|\bad\b|ads\b|advert",
    re.I,
)


def in_chrome(el: lxml.html.HtmlElement, frame: lxml.html.HtmlElement | None = None) -> bool:
    """Whether el sits in page chrome, looking up to frame (the article's container, if known)."""
    for node in (el, *el.iterancestors()):
        if node is frame or node.tag in ("body", "html"):
            return False
        if node.tag in _CHROME_TAGS or (frame is None and node.tag in _PAGE_TAGS):
            return True
        if _CHROME_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False
