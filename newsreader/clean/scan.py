"""One pass over the parsed page: number the elements and note bylines, captions and dates on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from newsreader.clean.byline import AUTHOR_HREF, BIO_BOX, is_byline_element

INDEX = "data-nr"  # survives readability's copy, so its output can be traced back to the page
_MARKS = re.compile(r"byline|author|dateline|writtenby|caption|credit|photographer|bio")  # on lower case
_CAPTION = re.compile(r"caption|credit|photographer", re.I)
_MAX_CANDIDATES = 40


@dataclass
class Scan:
    count: int = 0
    bylines: list[lxml.html.HtmlElement] = field(default_factory=list)
    captions: list[lxml.html.HtmlElement] = field(default_factory=list)
    bios: list[lxml.html.HtmlElement] = field(default_factory=list)
    author_links: list[lxml.html.HtmlElement] = field(default_factory=list)
    time: str | None = None
    elements: list[lxml.html.HtmlElement] = field(default_factory=list)  # by INDEX, to find them again


def scan(doc: lxml.html.HtmlElement) -> Scan:
    """Number every element (attribute INDEX) and collect byline and caption candidates."""
    found = Scan()
    elements = found.elements
    n = 0
    for el in doc.iter(lxml.etree.Element):  # elements only: no comments or processing instructions
        attrs = el.attrib
        marked = bool(attrs)  # read before INDEX is added: most elements carry no attribute at all
        el.set(INDEX, str(n))
        elements.append(el)
        n += 1
        tag = el.tag
        if tag == "figcaption":
            if len(found.captions) < _MAX_CANDIDATES:
                found.captions.append(el)
            continue
        if not marked:
            continue
        get = attrs.get
        if tag == "time" and found.time is None:
            found.time = get("datetime")
        if tag == "a" and len(found.author_links) < 10 and AUTHOR_HREF.search(get("href") or ""):
            found.author_links.append(el)
        cls, ident, rel, itemprop, testid = (
            get("class"), get("id"), get("rel"), get("itemprop"), get("data-testid")
        )  # fmt: skip
        if not (cls or ident or rel or itemprop or testid):
            continue  # nothing that could mark a byline, caption or author box
        marks = f"{cls or ''} {ident or ''} {rel or ''} {itemprop or ''} {testid or ''}"
        if len(marks) > 3 and _MARKS.search(marks.lower()):
            if BIO_BOX.search(marks):
                if len(found.bios) < 5 and not any(b in found.bios for b in el.iterancestors()):
                    found.bios.append(el)
            elif _CAPTION.search(marks):
                if len(found.captions) < _MAX_CANDIDATES:
                    found.captions.append(el)
            elif len(found.bylines) < _MAX_CANDIDATES and is_byline_element(el):
                found.bylines.append(el)
    found.count = n
    return found
