"""By-lines on a page that are not this story's: a teaser's for another story, a photo's credit."""

from __future__ import annotations

import re

import lxml.html

_CLIMB = 5  # ancestors looked at for the card or picture a by-line sits in
_PHOTO_MARK = re.compile(
    r"(?:^|[-_])(?:caption|credit|photo|image|img|picture|hero|lead-?art|gallery|slide)s?(?:$|[-_])", re.I
)
# Layout tokens that mention a picture without being one: "grid-container-no-main-image".
_LAYOUT = re.compile(r"container|grid|wrap|body|layout|section|article|no-", re.I)
_PHOTO_CLIMB = 3
_AUTHOR_MARK = re.compile(r"byline|author|writer|contributor", re.I)
_PICTURES = ("img", "picture", "svg", "video")
_HEADLINES = ("h1", "h2", "h3", "h4")
_HEADLINE_WORDS = 3  # fewer is a section label ("Tech Industry"), not a story's headline
_CARD_TEXT = 300  # characters: more is a story or a page section, not one teaser


def same_headline(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= 0.6 or wa <= wb or wb <= wa


def page_title(el: lxml.html.HtmlElement) -> str | None:
    """The page's own title (og:title, else <title>), for telling its headline from a teaser's."""
    root = el.getroottree().getroot()
    for m in root.iter("meta"):
        if (m.get("property") or m.get("name") or "").lower() in ("og:title", "twitter:title"):
            return m.get("content")
    title = root.find(".//title")
    return title.text_content() if title is not None else None


def _linked(h: lxml.html.HtmlElement, card: lxml.html.HtmlElement) -> bool:
    if h.find(".//a[@href]") is not None:
        return True
    for a in h.iterancestors():
        if a is card:
            return False
        if a.tag == "a" and a.get("href"):
            return True
    return False


def _short(el: lxml.html.HtmlElement, limit: int) -> bool:
    """Whether el holds at most limit characters of text, without reading all of a long page section."""
    total = 0
    for piece in el.itertext():
        total += len(piece.strip())
        if total > limit:
            return False
    return True


def _headline_link(card: lxml.html.HtmlElement, el: lxml.html.HtmlElement, title: str | None) -> bool:
    """A small card (a list item, a tile) whose headline is a bare link rather than a heading:
    "<li><a href=...>Storm closes two highways</a> <span>By Mark Lee</span></li>"."""
    if not _short(card, _CARD_TEXT):
        return False
    for a in card.iterdescendants():
        if a is el:
            return False  # only a link before the by-line heads its card
        if a.tag != "a" or el in a.iterancestors():
            continue
        text = " ".join(a.text_content().split())
        # Five words or more: a section link ("Politics and Government") is shorter than a headline.
        if a.get("href") and len(text.split()) >= 5 and not (title and same_headline(text, title)):
            return True
    return False


def teaser_byline(el: lxml.html.HtmlElement, title: str | None = None) -> bool:
    """A by-line in a card whose headline links to another story ("Related", "Up next", a list of
    stories): the nearest ancestor holding a headline decides; the page's own headline there (linked or
    not), or a plain <h1>, makes it this story's."""
    title = title if title is not None else page_title(el)
    ancestors = set(el.iterancestors())
    node = el
    for _ in range(_CLIMB):
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return False
        # Not a heading the by-line is in or holds: a by-line set as a heading is no headline.
        headings = [
            h
            for h in node.iter(*_HEADLINES)
            if h is not el
            and h not in ancestors
            and el not in h.iterancestors()
            and len(h.text_content().split()) >= _HEADLINE_WORDS
        ]
        if not headings:
            if _headline_link(node, el, title):
                return True
            continue
        linked = [_linked(h, node) for h in headings]
        own = any(
            (title and same_headline(" ".join(h.text_content().split()), title)) or (h.tag == "h1" and not ln)
            for h, ln in zip(headings, linked, strict=True)
        )
        return not own and any(linked)
    return False


def photo_credit_area(el: lxml.html.HtmlElement) -> bool:
    """In a figure, a caption, or beside a picture with nothing but it ("<div><img><p>By Mark Lee</p></div>"):
    a "By X" there credits the photo. An avatar beside a by-line (in a byline or author box) is no photo."""
    for depth, node in enumerate([el, *list(el.iterancestors())[:_CLIMB]]):
        if node.tag in ("figure", "figcaption"):
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _AUTHOR_MARK.search(f"{marks} {node.get('data-test') or ''} {node.get('data-testid') or ''}"):
            return False
        tokens = [t for t in marks.split() if not _LAYOUT.search(t)]
        if depth < _PHOTO_CLIMB and any(_PHOTO_MARK.search(t) for t in tokens):
            return True
    parent = el.getparent()
    if parent is None:
        return False
    children = [c for c in parent if isinstance(c.tag, str)]
    pictures = [c for c in children if c.tag in _PICTURES or c.find(".//img") is not None]
    # The picture and its credit alone in their box, the credit after the picture.
    return len(children) <= 3 and bool(pictures) and children.index(el) > children.index(pictures[0])
