"""The edge rules, in the order they are tried: each a small function of one block, named in a table.

A rule returns None when the block is not its business, else a Verdict (drop the block, skip past it,
keep it as story, or cut a caption's credit off) with the findings it yields. The first rule that answers
decides; a failing golden page names it (Finding.rule).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import lxml.html

from newsreader.clean.bios import in_bio_box
from newsreader.clean.blocks import HEADINGS, block_lines, links_of
from newsreader.clean.byline import BYLINE_CLASS, by_line_names, is_bio_line, reporting_names, tip_names
from newsreader.clean.contacts import contacts_in, is_contact_line, links_in_line, social_link
from newsreader.clean.credits import is_credit_line, split_caption
from newsreader.clean.elsewhere import photo_credit_area, same_headline, teaser_byline
from newsreader.clean.findings import SKIP, STORY, Finding, Verdict
from newsreader.clean.junk import is_link_only, is_promo
from newsreader.clean.names import MONTH, split_names
from newsreader.clean.notes import is_lead_note, is_note

_DATE_ONLY = re.compile(
    rf"^\W*(?:(?:published|updated|posted|last\s+updated|modified|on)\s*:?\s*)?(?:\w+day,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
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
_WORDY = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Block:
    """One leaf block at the story's edge, with what the rules need to judge it."""

    el: lxml.html.HtmlElement
    text: str
    title: str | None = None
    known: frozenset[str] = frozenset()  # author names already known, lower-cased
    site: str | None = None

    @cached_property
    def links(self) -> list[str]:
        return links_of(self.el)


Rule = Callable[[Block], Verdict | None]


def in_caption(el: lxml.html.HtmlElement) -> bool:
    return el.tag in ("figcaption", "figure") or any(
        a.tag in ("figure", "figcaption") for a in el.iterancestors()
    )


def byline_findings(rule: str, b: Block, names: list[str]) -> tuple[Finding, ...]:
    """A by-line, its addresses ("By Jane Roe | jane@outlet.example") and a photo credit riding on it."""
    contacts = tuple(c for c in contacts_in(b.text, b.links) if c.kind in ("email", "social"))
    found = [Finding(rule, "byline", b.text, tuple(names), contacts)]
    credit = _CREDIT_IN_BYLINE.search(b.text)  # 'Story by Jane Roe, photos by John Doe'
    if credit:
        found.append(Finding(f"{rule}/photo-credit", "credit", credit.group(0).strip(" .,;|")))
    return tuple(found)


# -- Lead rules: blocks above the story ---------------------------------------------------------------


def lead_in_caption(b: Block) -> Verdict | None:
    captioned = in_caption(b.el)
    if (captioned or photo_credit_area(b.el)) and by_line_names(b.text, b.site):
        # "By Mark Lee" under the lead photo credits the photo; it is no by-line.
        return Verdict("drop", (Finding("lead-photo-credit", "credit", b.text),))
    return SKIP if captioned else None


def lead_heading(b: Block) -> Verdict | None:
    if b.el.tag not in HEADINGS or by_line_names(b.text, b.site):
        return None
    # The page's own headline repeated above the story: the reader shows the title already.
    if b.title and same_headline(b.text, b.title):
        return Verdict("drop", (Finding("lead-heading", "dropped", b.text),))
    return SKIP


def lead_byline(b: Block) -> Verdict | None:
    names = by_line_names(b.text, b.site)
    if not names and len(b.text) <= 100:
        marks = f"{b.el.get('class') or ''} {b.el.get('id') or ''}"
        if BYLINE_CLASS.search(marks):
            names = split_names(b.text, site_name=b.site)
    if names and teaser_byline(b.el, b.title):
        return SKIP  # beside a linked headline: another story's (a "Related" card above this one)
    return Verdict("drop", byline_findings("lead-byline", b, names)) if names else None


def lead_name_or_role(b: Block) -> Verdict | None:
    if b.text.lower().strip(" .") in b.known or _ROLE_LINE.match(b.text):
        return Verdict("drop", (Finding("lead-name-or-role", "dropped", b.text),))
    return None


def lead_credit(b: Block) -> Verdict | None:
    if is_credit_line(b.text):
        return Verdict("drop", (Finding("lead-credit", "credit", b.text.strip("() ")),))
    return None


def lead_caption_credit(b: Block) -> Verdict | None:
    # A caption above the story that ends in its photo's credit: the credit goes, the caption stays.
    # (Lines split by <br> are a different shape: a title block, a poem, an address.)
    if len(b.text) > 300 or b.el.find(".//br") is not None:
        return None
    caption, credit = split_caption(b.text)
    # "... Courtesy of the city, residents got passes." goes on as a sentence: a credit does not.
    if credit and caption and len(credit.split()) <= 10 and not re.search(r"[,;]\s+[a-z]", credit):
        return Verdict("caption", (Finding("lead-caption-credit", "credit", credit),))
    return None


def lead_date(b: Block) -> Verdict | None:
    if len(b.text) <= 80 and _DATE_ONLY.match(b.text):
        return Verdict("drop", (Finding("lead-date", "dropped", b.text),))
    return None


def lead_promo(b: Block) -> Verdict | None:
    return Verdict("drop", (Finding("lead-promo", "dropped", b.text),)) if is_promo(b.text) else None


def lead_note(b: Block) -> Verdict | None:
    return Verdict("drop", (Finding("lead-note", "note", b.text),)) if is_lead_note(b.text) else None


LEAD_RULES: tuple[Rule, ...] = (
    lead_in_caption,
    lead_heading,
    lead_byline,
    lead_name_or_role,
    lead_credit,
    lead_caption_credit,
    lead_date,
    lead_promo,
    lead_note,
)


# -- Trail line rules: one line below the story ----------------------------------------------------


def trail_sign_off(b: Block) -> Verdict | None:
    names = by_line_names(b.text)  # a sign-off under the story: "— By Jane Roe"
    if names and teaser_byline(b.el, b.title):
        return SKIP  # the by-line of a story listed below this one
    return Verdict("drop", (Finding("trail-sign-off", "byline", b.text, tuple(names)),)) if names else None


def trail_contact(b: Block) -> Verdict | None:
    names = tip_names(b.text)
    if not is_contact_line(b.text, names=names):
        return None
    contacts = tuple(contacts_in(b.text, b.links))
    return Verdict("drop", (Finding("trail-contact", "contact", b.text, tuple(names), contacts),))


def trail_note(b: Block) -> Verdict | None:
    if not is_note(b.text):
        return None
    return Verdict("drop", (Finding("trail-note", "note", b.text, tuple(reporting_names(b.text))),))


def trail_credit(b: Block) -> Verdict | None:
    if is_credit_line(b.text):
        return Verdict("drop", (Finding("trail-credit", "credit", b.text.strip("() ")),))
    return None


def trail_bio(b: Block) -> Verdict | None:
    if not is_bio_line(b.text):
        return None
    found = tuple(c for c in contacts_in(b.text, b.links) if c.kind != "other")
    names = tuple(tip_names(b.text))
    # A biography with a handle or address in it is a way to reach the writer; without, a note.
    kind = "contact" if found else "note"
    return Verdict("drop", (Finding("trail-bio", kind, b.text, names, found),))


TRAIL_LINE_RULES: tuple[Rule, ...] = (trail_sign_off, trail_contact, trail_note, trail_credit, trail_bio)


def first_verdict(rules: tuple[Rule, ...], b: Block) -> Verdict:
    """The verdict of the first rule that answers; story when none does."""
    for rule in rules:
        verdict = rule(b)
        if verdict is not None:
            return verdict
    return STORY


def trail_line(b: Block) -> Verdict:
    return first_verdict(TRAIL_LINE_RULES, b)


# -- Trail block rules: a whole block below the story ------------------------------------------------


def trail_in_caption(b: Block) -> Verdict | None:
    return SKIP if in_caption(b.el) else None


def trail_separator(b: Block) -> Verdict | None:
    # A separator ("* * *") between the story and what follows it.
    return (
        None if _WORDY.search(b.text) else Verdict("drop", (Finding("trail-separator", "dropped", b.text),))
    )


def trail_bio_box(b: Block) -> Verdict | None:
    if not in_bio_box(b.el):
        return None
    verdict = trail_line(b)
    if verdict.action != "story" or is_link_only(b.el, b.text):
        return Verdict("drop", verdict.findings)
    names = tuple(tip_names(b.text))
    # The biography itself is a note; "View profile" and the like are not.
    kind = "note" if len(b.text.split()) >= 4 else "dropped"
    return Verdict("drop", (Finding("trail-bio-box", kind, b.text, names),))


def trail_promo(b: Block) -> Verdict | None:
    if is_promo(b.text) and not is_note(b.text):
        return Verdict("drop", (Finding("trail-promo", "dropped", b.text),))
    return None


def trail_link_only(b: Block) -> Verdict | None:
    if not is_link_only(b.el, b.text):
        return None
    # "Email the author | Follow on X" made of mailto: and profile links is a contact line.
    if any(h.lower().startswith(("mailto:", "tel:")) or social_link(h) for h in b.links):
        verdict = trail_line(b)
        if verdict.action == "drop":
            return verdict
    return SKIP  # related links below the story: left alone, but the walk goes on above them


def trail_lines(b: Block) -> Verdict | None:
    lines = block_lines(b.el)
    if len(lines) <= 1:
        return None
    # Every line must be edge material, or the block is story.
    if not all(trail_line(_LineOf(b.el, line)).action == "drop" for line in lines):
        return STORY
    found = [
        f for line in lines for f in trail_line(_LineOf(b.el, line, links_in_line(b.links, line))).findings
    ]
    return Verdict("drop", tuple(found))


TRAIL_BLOCK_RULES: tuple[Rule, ...] = (
    trail_in_caption,
    trail_separator,
    trail_bio_box,
    trail_promo,
    trail_link_only,
    trail_lines,
    trail_line,
)


@dataclass(frozen=True)
class _LineOf(Block):
    """One line of a block, with only the links that sit in that line."""

    line_links: tuple[str, ...] | list[str] = ()

    @cached_property
    def links(self) -> list[str]:
        return list(self.line_links)
