"""Figure captions: the credit taken out of each, the caption itself left in the story."""

from __future__ import annotations

import re

import lxml.html

from newsreader.clean.blocks import BLOCK_TAGS, block_text
from newsreader.clean.byline import by_line_names
from newsreader.clean.credits import split_caption

_CAPTION_CLASS = re.compile(r"caption|credit", re.I)


def _credit_of(el: lxml.html.HtmlElement, text: str) -> tuple[str, str | None]:
    """(caption left, credit) for one caption element's text."""
    marked = "credit" in f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    leaf = not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el.iterdescendants())
    if marked and leaf and len(text) <= 80 and not by_line_names(text):
        return "", text.strip("() ")  # a small element marked as a credit: all of it is
    return split_caption(text)


def take_captions(root: lxml.html.HtmlElement, credits: list[str]) -> None:
    """Credits out of figure captions (and caption- or credit-classed blocks); the caption itself stays."""
    candidates = list(root.iter("figcaption"))
    for el in root.iter("p", "span", "div", "small", "cite"):
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _CAPTION_CLASS.search(marks) and el not in candidates:
            candidates.append(el)
    for el in candidates:
        if el.getparent() is None:
            continue
        text = block_text(el)
        if not text or len(text) > 400:
            continue
        caption, credit = _credit_of(el, text)
        if credit is None:
            continue
        credits.append(credit)
        if not caption:
            el.drop_tree()
        else:
            for child in list(el):
                child.drop_tree()
            el.text = caption


def caption_credits(captions: list[lxml.html.HtmlElement]) -> list[str]:
    """The credits in caption elements outside the story (readability left them out)."""
    credits = []
    for el in captions:
        text = block_text(el)
        if text and len(text) <= 400:
            credit = _credit_of(el, text)[1]
            if credit:
                credits.append(credit)
    return credits
