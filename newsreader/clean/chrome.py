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


# One class or id token naming chrome, the word standing alone or set off by - or _ ("site-nav", "share_bar").
_CHROME_TOKEN = re.compile(
    r"^(?:[\w-]*[-_])?(?:nav|navbar|navigation|menu|sidebar|share|sharing|social|related|comments?|newsletter|"
    r"trending|popular|promo|subscribe|cookies?|banner|ad|ads|advert|advertisement|masthead|breadcrumbs?)(?:[-_][\w-]*)?$",
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


def _text_length(el: lxml.html.HtmlElement) -> int:
    return len(" ".join(el.text_content().split()))


def narrow_to_story(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """When readability kept more than the story (on short pages it can pick the whole body), keep the one
    <article> or <main> that holds most of the text, else take the page chrome out around the story."""
    if root.find(".//body") is None and root.tag != "body":
        return root  # readability's usual pick: a story container, not the page
    for tag in ("article", "main"):
        found = [el for el in root.iter(tag) if not any(a.tag == tag for a in el.iterancestors())]
        if len(found) == 1 and found[0] is not root:
            total = _text_length(root)
            if total and _text_length(found[0]) >= 0.5 * total:
                return found[0]
    chrome: list[lxml.html.HtmlElement] = []
    taken: set[lxml.html.HtmlElement] = set()
    for el in root.iter():
        if not isinstance(el.tag, str) or any(
            a in taken or a.tag in ("article", "main") for a in el.iterancestors()
        ):
            continue
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if el.tag in _CHROME_TAGS or el.tag in _PAGE_TAGS or any(_CHROME_TOKEN.match(t) for t in tokens):
            chrome.append(el)
            taken.add(el)
    # A page that is all chrome keeps it: some text is better than none.
    if sum(_text_length(el) for el in chrome) <= 0.7 * _text_length(root):
        for el in chrome:
            el.drop_tree()
    return root
