"""Links to other stories set between a story's paragraphs: a headline that is nothing but a link.

Sites drop "read this too" headlines into the story ("SEE MORE: <a>Protests enter a sixth week</a>",
a bold <a>OTHER STORY IN CAPITALS</a> paragraph). A reader skips them; they are not the story's text. A
paragraph of the story that carries a link has words outside it, so it is never taken.
"""

from __future__ import annotations

import re

import lxml.html

from newsreader.clean.blocks import HEADINGS, block_text, leaf_blocks

_LABEL = re.compile(
    r"^[^\w]*(?:[\w.'\u2019-]+\s*){0,4}[:|\u2013\u2014-]\s*$"
)  # "SEE MORE:", "Also on x.com:"
_MIN_WORDS = 4  # a shorter link ("here", a name) is part of a sentence, or chrome other rules handle
_MAX_WORDS = 30  # a headline, not a paragraph
_INSIDE = frozenset("li td th blockquote figcaption figure".split())  # lists and quotes are the story's own


def drop_link_headlines(root: lxml.html.HtmlElement) -> list[str]:
    """Remove blocks whose words are all one link's (bar a short label before it); their texts."""
    found: list[tuple[lxml.html.HtmlElement, str]] = []
    for el in leaf_blocks(root):
        if el.tag not in ("p", "div", *HEADINGS) or el.getparent() is None:
            continue
        if any(a.tag in _INSIDE for a in el.iterancestors()):
            continue
        text = block_text(el)
        words = len(text.split())
        if not _MIN_WORDS <= words <= _MAX_WORDS:
            continue
        links = [a for a in el.iter("a") if (a.get("href") or "").startswith(("http", "/"))]
        if len(links) != 1:
            continue
        link = block_text(links[0])
        rest = text.replace(link, "", 1).strip() if link else text
        if len(link.split()) >= _MIN_WORDS and (not rest or _LABEL.match(rest)):
            found.append((el, text))
    # A page that is mostly such links (a digest, a list of reading) has them for its story: they stay.
    if sum(len(text) for _, text in found) * 2 >= len(" ".join(root.text_content().split())):
        return []
    for el, _ in found:
        el.drop_tree()
    return [text for _, text in found]
