"""The edges of a story: bylines, credits and notes before it; contacts, notes and credits after it.

Only blocks at the start or the end are taken out, and only while each one has the shape of what it is
taken for; the first block that reads as story text ends the walk. Story text is never dropped for
mentioning an address: a mid-story paragraph is not at an edge. Which rule decides each block, and in
what order they are tried, is in edge_rules.py.
"""

from __future__ import annotations

import lxml.html

from newsreader.clean.blocks import HEADINGS, block_text, leaf_blocks
from newsreader.clean.byline import by_line_names, dateline_wire
from newsreader.clean.captions import take_captions
from newsreader.clean.credits import is_credit_line, split_caption, wire_credit
from newsreader.clean.edge_rules import (
    LEAD_RULES,
    TRAIL_BLOCK_RULES,
    Block,
    byline_findings,
    first_verdict,
    in_caption,
)
from newsreader.clean.findings import Edges, Finding, Verdict
from newsreader.clean.junk import is_inline_junk, is_junk_label, is_link_only

LEAD_BLOCKS = 6  # blocks above the story read for edge lines
TRAIL_BLOCKS = 12  # blocks below it
_STANDFIRST = 160  # characters: a first block shorter than this may be a standfirst above the by-line
_LABEL_HEADING = 6  # words: a short heading right above removed trailing blocks is their label


def drop(el: lxml.html.HtmlElement) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def lead_verdict(b: Block) -> Verdict:
    """What the lead rules make of a block above the story."""
    return first_verdict(LEAD_RULES, b)


def trail_verdict(b: Block) -> Verdict:
    """What the trail rules make of a block below the story."""
    return first_verdict(TRAIL_BLOCK_RULES, b)


def known_set(known_names: list[str]) -> frozenset[str]:
    """Author names already known, lower-cased, also as the lists a byline would write them."""
    known = {n.lower() for n in known_names}
    if known_names:
        known.add(", ".join(known_names).lower())
        known.add(" and ".join(known_names).lower())
    return frozenset(known)


def _by_line_under_standfirst(
    blocks: list[tuple[lxml.html.HtmlElement, str]], site: str | None, edges: Edges
):
    """A by-line right under a short standfirst ("A family recipe and a line down the block." then "Story by
    Jane Roe"): the standfirst stays, the by-line goes. Only a by-line is taken there, nothing else."""
    if len(blocks) < 2 or len(blocks[0][1]) >= _STANDFIRST:
        return
    el, text = blocks[1]
    if el.tag in HEADINGS or in_caption(el):
        return
    names = by_line_names(text, site)
    if names:
        edges.add(byline_findings("byline-under-standfirst", Block(el, text, site=site), names))
        drop(el)


def trim_edges(
    root: lxml.html.HtmlElement, *, title: str | None, known_names: list[str], site_name: str | None
) -> Edges:
    """Take bylines, contacts, credits and notes off the start and end of the story (in place)."""
    edges = Edges()
    caption_credits: list[str] = []
    take_captions(root, caption_credits)
    edges.add([Finding("caption-credit", "credit", c) for c in caption_credits])
    blocks = [(b, block_text(b)) for b in leaf_blocks(root)]
    blocks = [(b, t) for b, t in blocks if t]
    known = known_set(known_names)
    start = 0
    for i, (el, text) in enumerate(blocks[:LEAD_BLOCKS]):
        verdict = lead_verdict(Block(el, text, title, known, site_name))
        edges.add(verdict)
        if verdict.action == "story":
            _by_line_under_standfirst(blocks[i:], site_name, edges)
            # The wire in the first paragraph's dateline: an author only when nothing else names one.
            wire = dateline_wire(text)
            if wire:
                edges.add([Finding("lead-dateline-wire", "dropped", text[:80], tuple(wire))])
            break
        if verdict.action == "drop":
            drop(el)
        elif verdict.action == "caption":
            for child in list(el):
                child.drop_tree()
            el.text = split_caption(text)[0]
        start = i + 1
    dropped_any = seen_any = False
    trailing: list[Verdict] = []  # per block, last first: added back in reading order below
    for el, text in reversed(blocks[start:][-TRAIL_BLOCKS:]):
        if el.tag in HEADINGS:
            # A short heading over what was taken out, or over nothing at all, labelled only that.
            if (dropped_any or not seen_any) and len(text.split()) <= _LABEL_HEADING:
                drop(el)
                continue
            break
        seen_any = True
        verdict = trail_verdict(Block(el, text, title))
        if verdict.action == "story":
            break
        trailing.append(verdict)
        if verdict.action == "drop":
            drop(el)
            dropped_any = True
    for verdict in reversed(trailing):
        edges.add(verdict)
    # A block that is nothing but a credit is a credit wherever it sits (e.g. under a photo mid-story);
    # an ad label or a "Read more:" pointer is junk wherever it sits.
    # A heading or line that only labels a box of links or a sign-up ("Related", "Sign up for our newsletter")
    # goes with the links under it.
    after_label = False
    for el, text in blocks[start:]:
        if el.getparent() is None:
            continue
        if el.tag in HEADINGS:
            after_label = is_junk_label(text)
            if after_label:
                drop(el)
            continue
        if after_label and is_link_only(el, text):
            drop(el)
            continue
        after_label = False
        if len(text.split()) <= 8 and is_credit_line(text):
            edges.add([Finding("credit-anywhere", "credit", text.strip("() "))])
            drop(el)
        elif is_inline_junk(el, text):
            after_label = is_junk_label(text)
            drop(el)
        elif len(text) <= 400 and (wired := wire_credit(text)) and not in_caption(el):
            edges.add([Finding("wire-caption-anywhere", "credit", wired[1])])
            _set_text(el, wired[0])
    return edges


def _set_text(el: lxml.html.HtmlElement, text: str) -> None:
    for child in list(el):
        child.drop_tree()
    el.text = text
