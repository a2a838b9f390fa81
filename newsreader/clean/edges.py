"""The edges of a story: bylines, credits and notes before it; contacts, notes and credits after it.

Only blocks at the start or the end are taken out, and only while each one has the shape of what it is
taken for; the first block that reads as story text ends the walk. Story text is never dropped for
mentioning an address: a mid-story paragraph is not at an edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

from newsreader.clean.bios import in_bio_box
from newsreader.clean.blocks import HEADINGS, block_lines, block_text, leaf_blocks, links_of
from newsreader.clean.byline import BYLINE_CLASS, by_line_names, is_bio_line, reporting_names, tip_names
from newsreader.clean.captions import take_captions
from newsreader.clean.contacts import contacts_in, is_contact_line, links_in_line, social_link
from newsreader.clean.credits import is_credit_line, split_caption
from newsreader.clean.junk import is_inline_junk, is_link_only, is_promo
from newsreader.clean.names import split_names
from newsreader.clean.notes import is_lead_note, is_note
from newsreader.models import Contact

_LEAD_BLOCKS = 6
_TRAIL_BLOCKS = 12
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY = re.compile(
    rf"^\W*(?:(?:published|updated|posted|last\s+updated|modified|on)\s*:?\s*)?(?:\w+day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    r"[\w\s:,.|/+-]{0,40}$",
    re.I,
)
_CREDIT_IN_BYLINE = re.compile(
    r"\b(?:photos?|photographs?|photography|pictures|images|illustrations?|video|graphics)(?:\s+by\s+|\s*:\s*)"
    r"[^|;/]{3,80}$",
    re.I,
)
# A writer's job title on a line of its own under the byline: "Education Reporter", "Staff Writer".
_ROLE_LINE = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+){0,3}(?:Reporter|Writer|Correspondent|Editor|Columnist|Photographer|Contributor|"
    r"Producer|Intern|Journalist|Critic|Fellow)s?\.?$"
)
_STANDFIRST = 160  # characters: a first block shorter than this may be a standfirst above the by-line
_LABEL_HEADING = 6  # words: a short heading right above removed trailing blocks is their label
_WORDY = re.compile(r"[^\W_]")


@dataclass
class Edges:
    byline_names: list[str] = field(default_factory=list)
    tip_names: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def drop(el: lxml.html.HtmlElement) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def _in_caption(el: lxml.html.HtmlElement) -> bool:
    return el.tag in ("figcaption", "figure") or any(
        a.tag in ("figure", "figcaption") for a in el.iterancestors()
    )


def _same_headline(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= 0.6 or wa <= wb or wb <= wa


def _take_byline_credit(text: str, edges: Edges) -> None:
    """'Story by Jane Roe, photos by John Doe': the second half is a photo credit."""
    credit = _CREDIT_IN_BYLINE.search(text)
    if credit:
        edges.credits.append(credit.group(0).strip(" .,;|"))


def lead_kind(el, text: str, title: str | None, known: set[str], site: str | None, edges: Edges) -> str:
    if _in_caption(el):
        return "skip"
    names = by_line_names(text, site)
    if el.tag in HEADINGS and not names:
        # The page's own headline repeated above the story: the reader shows the title already.
        return "drop" if title and _same_headline(text, title) else "skip"
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not names and len(text) <= 100 and BYLINE_CLASS.search(marks):
        names = split_names(text, site_name=site)
    if names:
        edges.byline_names.extend(names)
        _take_byline_credit(text, edges)
        # "By Jane Roe | jane@outlet.example | @janeroe": the addresses are contacts.
        edges.contacts.extend(c for c in contacts_in(text, links_of(el)) if c.kind in ("email", "social"))
        return "drop"
    if text.lower().strip(" .") in known or _ROLE_LINE.match(text):
        return "drop"
    if is_credit_line(text):
        edges.credits.append(text.strip("() "))
        return "drop"
    if len(text) <= 300 and el.find(".//br") is None:
        # A caption above the story that ends in its photo's credit: the credit goes, the caption stays.
        # (Lines split by <br> are a different shape: a title block, a poem, an address.)
        caption, credit = split_caption(text)
        # "... Courtesy of the city, residents got passes." goes on as a sentence: a credit does not.
        if credit and caption and len(credit.split()) <= 10 and not re.search(r"[,;]\s+[a-z]", credit):
            edges.credits.append(credit)
            return "caption"
    if len(text) <= 80 and _DATE_ONLY.match(text):
        return "drop"
    if is_promo(text):
        return "drop"
    if is_lead_note(text):
        edges.notes.append(text)
        return "drop"
    return "story"


def _trail_line_kind(line: str, links: list[str], edges: Edges) -> str:
    names = by_line_names(line)
    if names:
        edges.byline_names.extend(names)  # a sign-off under the story: "— By Jane Roe"
        return "drop"
    names = tip_names(line)
    if is_contact_line(line, names=names):
        edges.contacts.extend(contacts_in(line, links))
        edges.tip_names.extend(names)
        return "drop"
    if is_note(line):
        edges.notes.append(line)
        edges.tip_names.extend(reporting_names(line))
        return "drop"
    if is_credit_line(line):
        edges.credits.append(line.strip("() "))
        return "drop"
    if is_bio_line(line):
        found = [c for c in contacts_in(line, links) if c.kind != "other"]
        # A biography with a handle or address in it is a way to reach the writer; without, a note.
        if found:
            edges.contacts.extend(found)
        else:
            edges.notes.append(line)
        edges.tip_names.extend(tip_names(line))
        return "drop"
    return "story"


def trail_kind(el, text: str, edges: Edges) -> str:
    if _in_caption(el):
        return "skip"
    if not _WORDY.search(text):
        return "drop"  # a separator ("* * *") between the story and what follows it
    if in_bio_box(el):
        if _trail_line_kind(text, links_of(el), edges) == "story" and not is_link_only(el, text):
            if len(text.split()) >= 4:  # the biography itself; "View profile" and the like are not notes
                edges.notes.append(text)
            edges.tip_names.extend(tip_names(text))
        return "drop"
    if is_promo(text) and not is_note(text):
        return "drop"
    if is_link_only(el, text):
        # "Email the author | Follow on X" made of mailto: and profile links is a contact line.
        links = links_of(el)
        if any(h.lower().startswith(("mailto:", "tel:")) or social_link(h) for h in links):
            if _trail_line_kind(text, links, edges) == "drop":
                return "drop"
        return "skip"  # related links below the story: left alone, but the walk goes on above them
    lines = block_lines(el)
    if len(lines) > 1:
        # Every line must be edge material, or the block is story; findings only kept when all are.
        trial = Edges()
        if all(_trail_line_kind(line, [], trial) == "drop" for line in lines):
            links = links_of(el)
            for line in lines:
                _trail_line_kind(line, links if len(lines) == 1 else links_in_line(links, line), edges)
            return "drop"
        return "story"
    return _trail_line_kind(text, links_of(el), edges)


def _by_line_under_standfirst(
    blocks: list[tuple[lxml.html.HtmlElement, str]], site: str | None, edges: Edges
):
    """A by-line right under a short standfirst ("A family recipe and a line down the block." then "Story by
    Jane Roe"): the standfirst stays, the by-line goes. Only a by-line is taken there, nothing else."""
    if len(blocks) < 2 or len(blocks[0][1]) >= _STANDFIRST:
        return
    el, text = blocks[1]
    if el.tag in HEADINGS or _in_caption(el):
        return
    names = by_line_names(text, site)
    if names:
        edges.byline_names.extend(names)
        _take_byline_credit(text, edges)
        drop(el)


def trim_edges(
    root: lxml.html.HtmlElement, *, title: str | None, known_names: list[str], site_name: str | None
) -> Edges:
    """Take bylines, contacts, credits and notes off the start and end of the story (in place)."""
    edges = Edges()
    take_captions(root, edges.credits)
    blocks = [(b, block_text(b)) for b in leaf_blocks(root)]
    blocks = [(b, t) for b, t in blocks if t]
    known = {n.lower() for n in known_names}
    if known_names:
        known.add(", ".join(known_names).lower())
        known.add(" and ".join(known_names).lower())
    start = 0
    for i, (el, text) in enumerate(blocks[:_LEAD_BLOCKS]):
        kind = lead_kind(el, text, title, known, site_name, edges)
        if kind == "story":
            _by_line_under_standfirst(blocks[i:], site_name, edges)
            break
        if kind == "drop":
            drop(el)
        elif kind == "caption":
            for child in list(el):
                child.drop_tree()
            el.text = split_caption(text)[0]
        start = i + 1
    dropped_any = seen_any = False
    trailing: list[Edges] = []  # per block, last first: merged back in reading order below
    for el, text in reversed(blocks[start:][-_TRAIL_BLOCKS:]):
        if el.tag in HEADINGS:
            # A short heading over what was taken out, or over nothing at all, labelled only that.
            if (dropped_any or not seen_any) and len(text.split()) <= _LABEL_HEADING:
                drop(el)
                continue
            break
        seen_any = True
        found = Edges()
        kind = trail_kind(el, text, found)
        if kind == "story":
            break
        trailing.append(found)
        if kind == "drop":
            drop(el)
            dropped_any = True
    for found in reversed(trailing):
        edges.byline_names += found.byline_names
        edges.contacts += found.contacts
        edges.notes += found.notes
        edges.credits += found.credits
        edges.tip_names += found.tip_names
    # A block that is nothing but a credit is a credit wherever it sits (e.g. under a photo mid-story);
    # an ad label or a "Read more:" pointer is junk wherever it sits.
    for el, text in blocks[start:]:
        if el.getparent() is None or el.tag in HEADINGS:
            continue
        if len(text.split()) <= 8 and is_credit_line(text):
            edges.credits.append(text.strip("() "))
            drop(el)
        elif is_inline_junk(el, text):
            drop(el)
    return edges
