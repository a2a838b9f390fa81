"""Who wrote it: byline elements, 'By X and Y' lines, and the names in tip and bio lines."""

from __future__ import annotations

import re

import lxml.html

from newsreader.clean.chrome import in_chrome
from newsreader.clean.elsewhere import photo_credit_area, teaser_byline
from newsreader.clean.names import byline_portion, looks_like_name, reads_as_names, split_names, stamp_then_by
from newsreader.text import one_line

# The same cue Readability uses for byline elements, minus the parts of author boxes that are not names.
BYLINE_CLASS = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
_NOT_BYLINE_CLASS = re.compile(
    r"avatar|img|image|photo|thumb|icon|bio\b|-bio|desc|about|social|share|follow|more-by|other|related|"
    r"comment|reply",
    re.I,
)
# Author boxes: a short biography with links to reach the writer, usually just below the story.
BIO_BOX = re.compile(
    r"author[-_]?(?:bio|info|box|details|card|about|profile)|about[-_]?(?:the[-_]?)?author|"
    r"contributor[-_]?(?:bio|info)|bio[-_]?box|\bbio\b",
    re.I,
)
_IN_COMMENTS = re.compile(r"comment|reply|replies|disqus|respond|discussion", re.I)
_BY_LINE = re.compile(
    r"^\W{0,3}(?:(?:(?:written|words|story|text|reporting|posted|report)"
    r"(?:\s+and\s+(?:photos?|photographs|pictures|images|video|graphics))?\s+)?(?:by|par|von|por|door|di)\s+|"
    r"(?:words|text|story|reporting)\s*:\s*)\S",
    re.I,
)

_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:(?:de|da|di|du|van|von|der|del|la|le|bin|al|el)\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*){1,3}"
# Names in tip and bio lines: "Follow Jane Roe on ...", "Reach Jane Roe at ...", "Jane Roe can be reached",
# "Jane Roe is a reporter ...".
_TIP_NAMES = (
    re.compile(
        rf"(?i:\b(?:follow|reach|contact|e-?mail|message|call|write\s+to|dm|tweet\s+at)\s+"
        r"(?:(?:our\s+|the\s+)?(?:reporter|writer|columnist|editor|correspondent|author)\s+)?)"
        rf"({_NAME})\s+(?i:on|at|via|by|@)\b"
    ),
    re.compile(rf"(?i:\b(?:tips?|questions?|ideas?|comments?)\s+for)\s+({_NAME})\s*\?"),
    re.compile(rf"^\W{{0,3}}({_NAME})\s+(?:can|may)\s+be\s+(?:reached|contacted|e-?mailed|found)\b"),
    re.compile(rf"^\W{{0,3}}({_NAME})\s+is\s+on\s+\w+"),
    re.compile(
        rf"^\W{{0,3}}({_NAME})(?:\s*\([^)]{{1,40}}\))?\s+(?:covers|writes\s+about|reports\s+on)\s+\w+"
    ),
    re.compile(
        rf"^\W{{0,3}}({_NAME})(?:\s*\([^)]{{1,40}}\))?,?\s+(?:is|was|has\s+been|covers|writes|reports)\s+(?:an?\s+|the\s+)?(?:\w+\s+){{0,4}}?"
        r"(?:reporter|writer|correspondent|editor|journalist|columnist|contributor|photographer|producer|"
        r"intern|fellow|critic|analyst|covers|writes|reports|based)\b"
    ),
)
_PRONOUNS = {"him", "her", "them", "us", "me", "our", "the", "this", "you", "your"}
# Offices and services a story tells readers to call are not people ("Contact the County Clerk's Office").
_INSTITUTION = re.compile(
    r"\b(?:office|department|dept|county|city|council|board|center|centre|agency|service|services|hotline|line|"
    r"clinic|hospital|school|university|police|sheriff|court|commission|authority|bureau|library)\b",
    re.I,
)
_BIO = re.compile("|".join(p.pattern for p in _TIP_NAMES[4:]))
# "Jane Roe: jane@outlet.example | @janeroe": a name labelling the addresses after it.
_LABELLED_ADDRESSES = re.compile(
    rf"^\W{{0,3}}({_NAME})\s*[:|,–—-]\s*(?:[\w.+-]+@[\w-]|@\w|\+?\(?\d|https?://)"
)


def is_byline_element(el: lxml.html.HtmlElement) -> bool:
    """An element marked as a byline (rel/itemprop author, or a byline-ish class or id), outside comments."""
    rel = el.get("rel") or ""
    itemprop = el.get("itemprop") or ""
    marks = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('data-testid') or ''}"
    if "author" not in rel and "author" not in itemprop:
        if len(marks) < 4 or not BYLINE_CLASS.search(marks) or _NOT_BYLINE_CLASS.search(marks):
            return False
    for anc in el.iterancestors():
        if _IN_COMMENTS.search(f"{anc.get('class') or ''} {anc.get('id') or ''}"):
            return False
    # A photo's credit, or the by-line of a teaser for another story, is not this story's.
    return not (photo_credit_area(el) or teaser_byline(el))


AUTHOR_HREF = re.compile(
    r"/(?:author|authors|staff|writers?|reporters?|people|profiles?|contributors?|journalists?|columnists?)/[^/?#]+",
    re.I,
)


def author_link_names(a: lxml.html.HtmlElement) -> list[str]:
    """The name on a link to an author page (/author/jane-roe), when it is not in page chrome."""
    if not AUTHOR_HREF.search(a.get("href") or "") or in_chrome(a) or teaser_byline(a):
        return []
    text = " ".join(a.text_content().split())
    if not text or len(text) > 60:
        return []
    return split_names(text, strict=True)


def byline_element_names(el: lxml.html.HtmlElement, site_name: str | None) -> list[str]:
    """Names in a byline element, preferring an itemprop=name child as schema.org markup intends,
    then one link per author ("By <a>Jane Roe</a>, <a>John Doe</a>")."""
    name_el = el.find(".//*[@itemprop='name']")
    # Text pieces joined with spaces: "<span>Jane Roe</span><span>Senior Reporter</span>" is two parts.
    text = " ".join((name_el if name_el is not None else el).itertext())
    if not text or len(text) > 200:
        return []
    text = " ".join(text.split())
    if len(text) > 100:
        return []
    linked = [" ".join(a.text_content().split()) for a in el.iter("a")]
    linked = [t for t in linked if t and looks_like_name(t, strict=True)]
    if len(linked) >= 2 and name_el is None:
        return split_names(" and ".join(linked), strict=True, site_name=site_name)
    return split_names(text, strict=not el.get("rel") and not el.get("itemprop"), site_name=site_name)


def by_line_names(text: str, site_name: str | None = None) -> list[str]:
    """Names in a short 'By X and Y' line, else nothing."""
    text = one_line(text)
    if len(text) > 120 or not (_BY_LINE.match(text) or stamp_then_by(text)):
        return []
    portion = byline_portion(text)
    if portion and portion.count(",") == 1 and not text.rstrip("*_ ").endswith((".", "!", "?")):
        names, role = portion.split(",")
        if len(role.split()) <= 4:
            portion = names  # "By Sam Ilori, weather desk": a short lower-case role after the name
    if not portion or not reads_as_names(portion):
        return []  # "By Grace Liu's account, the plan failed" is a sentence
    return split_names(text, strict=True, site_name=site_name)


def tip_names(text: str) -> list[str]:
    """The person named in a tip or bio line ('Follow Jane Roe on X', 'Jane Roe can be reached at')."""
    for pattern in (*_TIP_NAMES, _LABELLED_ADDRESSES):
        m = pattern.search(text)
        if m:
            name = m.group(1).strip(" .")
            if (
                name.split()[0].lower() not in _PRONOUNS
                and looks_like_name(name, strict=True)
                and not _INSTITUTION.search(name)
            ):
                return [name]
    return []


# "(Reporting by Jane Roe and John Doe in Kyiv; Editing by ...)": the wire's credit line names the reporters.
_REPORTING_BY = re.compile(r"^\W{0,3}(?:reporting|reported|writing|written)\s+by\s+([^;()]{3,120})", re.I)


def reporting_names(text: str) -> list[str]:
    """The reporters a wire credit line names ('Reporting by X; Editing by Y' gives X), else nothing."""
    m = _REPORTING_BY.match(text) if len(text) <= 300 else None
    return split_names(m.group(1), strict=True) if m else []


def is_bio_line(text: str) -> bool:
    """'Jane Roe is a reporter covering ...': a short line about the author."""
    return len(text) <= 400 and bool(_BIO.search(text))


# "WASHINGTON (Reuters) -", "NEW YORK (AP) —": the wire that filed the story, in its dateline.
_DATELINE_WIRE = re.compile(
    r"^\W{0,3}[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .,'’-]{1,40}(?:,\s*[\w. ]{1,30})?\s*\(([A-Z][\w&.’' -]{1,30})\)\s*(?:-{1,2}|[–—:])\s"
)


def dateline_wire(text: str) -> list[str]:
    """The wire named in a story's dateline ("LONDON (Reuters) - ..." gives Reuters), else nothing."""
    m = _DATELINE_WIRE.match(text)
    if not m or any(c.isdigit() for c in m.group(1)):
        return []
    return [m.group(1).strip()]
