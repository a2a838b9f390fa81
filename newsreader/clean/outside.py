"""What readability left out around the article: the captions and author boxes in its container, and the
blocks just before and after it in the page. They are read for bylines, credits, contacts and notes, never
put in the body."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from newsreader.clean.blocks import BLOCK_TAGS, HEADINGS, block_text
from newsreader.clean.byline import by_line_names
from newsreader.clean.chrome import in_chrome
from newsreader.clean.edge_rules import Block
from newsreader.clean.edges import LEAD_BLOCKS, lead_verdict, trail_verdict
from newsreader.clean.elsewhere import teaser_byline
from newsreader.clean.findings import Edges, Finding
from newsreader.clean.notes import is_note
from newsreader.clean.scan import INDEX

_OUTSIDE_LOOK = 300  # elements looked at on each side of the article
_TRAIL_BLOCKS = 10  # fewer than inside the story (edges.TRAIL_BLOCKS): outside, chrome comes sooner
_BELOW_BLOCKS = 2  # blocks below the story read for a by-line or a note
_BELOW_LOOK = 12  # leaf blocks, chrome included, looked through for them
_STORY_PARAGRAPH = 120  # characters: a kept block this long is the story's text, not a standfirst


@dataclass(frozen=True, slots=True)
class Span:
    """Where the article readability kept sits in the page."""

    kept: frozenset[int]
    lo: int
    hi: int
    first: lxml.html.HtmlElement
    last: lxml.html.HtmlElement
    frame: lxml.html.HtmlElement | None  # the article's own container, when it is not the whole body
    elements: list[lxml.html.HtmlElement]  # the page's, by INDEX


def article_span(
    doc: lxml.html.HtmlElement, root: lxml.html.HtmlElement, elements: list[lxml.html.HtmlElement]
) -> Span | None:
    """Where root (readability's copy) sits in doc; elements are doc's, listed by INDEX."""
    if root.getroottree().getroot() is doc:
        return None  # the content is the page itself: nothing was left out
    indexes = [int(i) for i in root.xpath(f"descendant-or-self::*/@{INDEX}")]
    if not indexes:
        return None
    lo, hi = min(indexes), max(indexes)
    if hi >= len(elements):
        return None
    first, last = elements[lo], elements[hi]
    frame = next((a for a in first.iterancestors() if a.tag in ("article", "main")), first.getparent())
    if frame is not None and frame.tag in ("body", "html"):
        frame = None
    return Span(frozenset(indexes), lo, hi, first, last, frame, elements)


def _following(span: Span, el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Like XPath following::*[position() <= _OUTSIDE_LOOK], from the element list: no whole-page search."""
    index = int(el.get(INDEX, "-1"))
    end = index + 1 + sum(1 for d in el.iterdescendants() if isinstance(d.tag, str))
    return span.elements[end : end + _OUTSIDE_LOOK]


def _preceding(span: Span, el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Like XPath preceding::*[position() <= _OUTSIDE_LOOK] (document order): earlier elements, not ancestors."""
    index = int(el.get(INDEX, "-1"))
    ancestors = set(el.iterancestors())
    window = span.elements[max(0, index - _OUTSIDE_LOOK - len(ancestors)) : index]
    return [e for e in window if e not in ancestors][-_OUTSIDE_LOOK:]


def _inside(el: lxml.html.HtmlElement, frame: lxml.html.HtmlElement | None) -> bool:
    return frame is None or any(a is frame for a in el.iterancestors())


def near_article(span: Span | None, elements: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """Those of elements readability left out that sit in the article's span or container."""
    if span is None:
        return []
    near = []
    for el in elements:
        i = int(el.get(INDEX, "-1"))
        if i in span.kept:
            continue
        if span.lo <= i <= span.hi or (span.frame is not None and _inside(el, span.frame)):
            near.append(el)
    return near


def _is_leaf_block(el: lxml.html.HtmlElement) -> bool:
    if el.tag not in BLOCK_TAGS:
        return False
    return not any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def _blocks(elements: list[lxml.html.HtmlElement], span: Span, limit: int):
    seen = 0
    for el in elements:
        if not isinstance(el.tag, str) or not _is_leaf_block(el) or int(el.get(INDEX, "-1")) in span.kept:
            continue
        if not _inside(el, span.frame):
            return
        if in_chrome(el, span.frame):
            continue
        text = block_text(el)
        if not text:
            continue
        seen += 1
        if seen > limit:
            return
        yield el, text


def _left_out_above_story(span: Span):
    """Short blocks readability left out between what it kept, above the story's first real paragraph
    (a standfirst kept, the "Story by" line under it dropped)."""
    seen = 0
    # From the first kept element on, into it: readability's pick is often the story's container itself.
    for el in span.elements[span.lo + 1 : span.lo + 1 + _OUTSIDE_LOOK]:
        if not isinstance(el.tag, str):
            continue
        index = int(el.get(INDEX, "-1"))
        if index in span.kept:
            if _is_leaf_block(el) and len(block_text(el)) >= _STORY_PARAGRAPH:
                return  # the story has begun
            continue
        if index > span.hi:
            return
        if not _is_leaf_block(el) or in_chrome(el, span.frame):
            continue
        text = block_text(el)
        if text:
            seen += 1
            if seen > LEAD_BLOCKS:
                return
            yield el, text


def outside_edges(
    span: Span | None, *, title: str | None, known_names: list[str], site_name: str | None
) -> Edges:
    """Bylines and credits just before the article, contacts, notes and credits just after it."""
    edges = Edges()
    if span is None:
        return edges
    known = frozenset(n.lower() for n in known_names)
    before = _preceding(span, span.first)
    for lead in (_blocks(list(reversed(before)), span, LEAD_BLOCKS), _left_out_above_story(span)):
        for el, text in lead:
            verdict = lead_verdict(Block(el, text, title, known, site_name))
            edges.add(verdict)
            if verdict.action == "story" and el.tag not in HEADINGS:
                break
    after = _following(span, span.last)
    for el, text in _blocks(after, span, _TRAIL_BLOCKS):
        if el.tag in HEADINGS:
            continue
        verdict = trail_verdict(Block(el, text, title))
        edges.add(verdict)
        if verdict.action == "story":
            break
    _below_story(after, span, site_name, edges, title)
    return edges


def _below_story(
    after: list[lxml.html.HtmlElement], span: Span, site_name: str | None, edges: Edges, title: str | None
) -> None:
    """A by-line or a note just below the story, even outside its container: blogs put "Posted by Jane Roe
    at 9:12 PM" in the post's footer, nonprofits a licence box beside the article."""
    seen = looked = 0
    for el in after:
        if not isinstance(el.tag, str) or not _is_leaf_block(el):
            continue
        looked += 1
        if looked > _BELOW_LOOK:
            return  # past the chrome right under the story: nothing there is "just below" it
        text = block_text(el)
        if not text or in_chrome(el, span.frame):
            continue
        names = by_line_names(text, site_name)
        if names and teaser_byline(el, title):
            return  # the stories listed below this one have begun
        if names:
            edges.add([Finding("below-story-byline", "byline", text, tuple(names))])
            return
        if is_note(text) and not _in_page_footer(el):
            edges.add([Finding("below-story-note", "note", text)])
        seen += 1
        if seen >= _BELOW_BLOCKS:
            return


_PAGE_FOOTER = re.compile(r"^(?:site|page|global|main)?[-_]?footer$", re.I)


def _in_page_footer(el: lxml.html.HtmlElement) -> bool:
    """In the site's footer (its copyright line is not the story's), not an article's own footer."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("article", "main"):
            return False
        tokens = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if node.tag == "footer" or any(_PAGE_FOOTER.match(t) for t in tokens):
            return True
    return False
