"""The block structure of a content tree: loose text wrapped in paragraphs, leaf blocks in order."""

from __future__ import annotations

import lxml.html

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dir div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main menu nav ol p pre section summary table tbody td tfoot th thead "
    "tr ul".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Containers whose loose text becomes a paragraph of its own when they also hold blocks.
_CONTAINERS = frozenset(
    "article aside body center div footer header main section blockquote figure td li dd".split()
)


def _is_block(el: lxml.html.HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS


def wrap_loose_text(root: lxml.html.HtmlElement) -> None:
    """Put text and inline runs that sit beside blocks into <p>s, so every line belongs to one block."""
    for el in list(root.iter(*_CONTAINERS)):
        children = list(el)
        if any(_is_block(c) for c in children):
            _wrap_runs(el, children)


def _paragraph(text: str | None, inline: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement:
    p = lxml.html.Element("p")
    p.text = text
    for c in inline:
        p.append(c)  # moves c along with its tail
    return p


def _wrap_runs(el: lxml.html.HtmlElement, children: list[lxml.html.HtmlElement]) -> None:
    text = el.text if el.text and el.text.strip() else None
    el.text = None
    rebuilt: list[lxml.html.HtmlElement] = []
    inline: list[lxml.html.HtmlElement] = []
    for c in children:
        if _is_block(c):
            if text or inline:
                rebuilt.append(_paragraph(text, inline))
            text, inline = None, []
            rebuilt.append(c)
            if c.tail and c.tail.strip():
                text, c.tail = c.tail, None
        else:
            inline.append(c)
    if text or inline:
        rebuilt.append(_paragraph(text, inline))
    for c in children:
        if c.getparent() is el:
            el.remove(c)
    el.extend(rebuilt)


def leaf_blocks(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Block elements holding no other block, in document order."""
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    has_block_inside: set = set()
    for el in reversed(elements):
        if el.tag in BLOCK_TAGS or el in has_block_inside:
            parent = el.getparent()
            if parent is not None:
                has_block_inside.add(parent)
    return [e for e in elements if e.tag in BLOCK_TAGS and e not in has_block_inside and e.tag != "hr"]


def block_text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def block_lines(el: lxml.html.HtmlElement) -> list[str]:
    """A block's text split at its <br>s."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "br":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def links_of(el: lxml.html.HtmlElement) -> list[str]:
    return [a.get("href") for a in el.iter("a") if a.get("href")]
