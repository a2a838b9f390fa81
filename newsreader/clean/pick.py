"""Whether readability's pick is the story, and a second pick when it is not.

readability scores containers by the paragraphs in them, so now and then a box of other stories' teasers,
the site's footer or a near-empty block outscores a short story. Each is told by what a reader would see
in it; the second pick is readability again on the page without the wrong block, kept only when it looks
like a story itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

from newsreader.clean.blocks import block_text, leaf_blocks
from newsreader.clean.scan import INDEX

# Teasers end their cut-off excerpt with an ellipsis, sometimes bracketed, sometimes with a "read more".
_CUT_OFF = re.compile(r"(?:\u2026|\.\.\.|\[\u2026\]|\[\.\.\.\])\s*(?:\S+\s*){0,3}$")
# One class or id token naming the page's footer ("footer", "site-footer", "footer-inner"), not one that
# merely mentions it ("active-footer-widgets" on a body).
_FOOTER_TOKEN = re.compile(
    r"^(?:(?:site|page|global|main)[-_]?)?(?:footer|colophon|siteinfo|site-info)(?:[-_](?:wrap|wrapper|inner|container|content|main|area|bottom))?$",
    re.I,
)
_TEASER_WORDS = 12  # words in a block before it can count as a story's paragraph or a teaser's excerpt
_TEASERS = 3  # cut-off excerpts, half the paragraphs or more: a box of other stories
_THIN = 300  # characters: a pick shorter than this is a near-empty body
_RETRIES = 2


def wrong_pick(root: lxml.html.HtmlElement, elements: list[lxml.html.HtmlElement]) -> str | None:
    """Why root (readability's pick) is not the story: "teasers", "footer", "thin"; None when it looks right."""
    paragraphs = [t for t in (p.text_content() for p in root.iter("p")) if len(t.split()) >= _TEASER_WORDS]
    cut = sum(1 for t in paragraphs if _CUT_OFF.search(t))
    if cut >= _TEASERS and cut * 2 >= len(paragraphs):
        return "teasers"
    if _in_footer(root, elements):
        return "footer"
    if len(" ".join(root.text_content().split())) < _THIN:
        return "thin"
    return None


def _in_footer(root: lxml.html.HtmlElement, elements: list[lxml.html.HtmlElement]) -> bool:
    """The pick sits in the page's own footer (a <footer> outside any article, or one marked so)."""
    origin = _origins(root, elements)
    if not origin:
        return False
    for el in (origin[0], *origin[0].iterancestors()):
        if el.tag in ("article", "main", "body"):
            return False
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if (
            el.tag == "footer"
            or el.get("role") == "contentinfo"
            or any(_FOOTER_TOKEN.match(t) for t in tokens)
        ):
            return True
    return False


def _origins(
    root: lxml.html.HtmlElement, elements: list[lxml.html.HtmlElement]
) -> list[lxml.html.HtmlElement]:
    """The page's elements that root's top-level children were copied from."""
    found = []
    for child in root:
        index = child.get(INDEX)
        if index is not None and index.isdigit() and int(index) < len(elements):
            found.append(elements[int(index)])
    return found


def repick(
    root: lxml.html.HtmlElement,
    elements: list[lxml.html.HtmlElement],
    extract: Callable[[frozenset[int]], lxml.html.HtmlElement | None],
) -> lxml.html.HtmlElement:
    """The story when root is a wrong pick: extract(without) is readability on the page minus the elements
    whose INDEX is in without. root itself when no second pick looks right."""
    why = wrong_pick(root, elements)
    if why is None or (why == "thin" and not _story_elsewhere(elements)):
        return root
    first, without = root, set()
    for _ in range(_RETRIES):
        origins = _origins(root, elements)
        if not origins:
            break
        without.update(int(el.get(INDEX)) for el in origins)
        other = extract(frozenset(without))
        if other is None:
            break
        other_why = wrong_pick(other, elements)
        if other_why is None and (why != "thin" or _longer(other, first)):
            return other
        if other_why == "thin" and why != "thin" and _has_paragraph(other):
            return other  # a short story beats a footer or other stories' teasers
        root = other
    return first


def _longer(other: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    """A second pick replaces a near-empty one only when it holds much more text."""
    mine, theirs = len(root.text_content().split()), len(other.text_content().split())
    return theirs >= max(3 * mine, 2 * _THIN // 6)


def _has_paragraph(root: lxml.html.HtmlElement) -> bool:
    return any(len(block_text(b).split()) >= _TEASER_WORDS for b in leaf_blocks(root))


def _story_elsewhere(elements: list[lxml.html.HtmlElement]) -> bool:
    """Whether the page holds enough paragraph text for a story longer than a near-empty pick."""
    total = 0
    for el in elements:
        if el.tag == "p":
            total += len(el.text_content())
            if total >= 2 * _THIN:
                return True
    return False
