"""Markup made cheap to parse: attributes per element and elements per page capped before libxml2 sees it.

libxml2 checks each attribute of a tag against all the ones before it, so one tag with 150,000 attributes
costs minutes; a page of millions of tiny elements costs seconds and gigabytes in every pass after the
parse. One linear pass over the text, reading tags as an HTML tokenizer does (quoted values hide `<` and
`>`, comments and scripts are skipped whole), cuts both down. Ordinary pages come out unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

MAX_ATTRIBUTES = 1_000  # per element: real pages use a few dozen (broken quoting makes a few hundred)
MAX_ELEMENTS = 100_000  # per page: big real pages have 10,000-40,000
_LONG_TAG = 2_000  # characters of attributes: below this a tag cannot hold enough to matter

# A start tag up to where its attributes end: quoted values are skipped whole, so `>` or `<` inside them
# end nothing. Possessive, so a failed match never backtracks.
_TAG = re.compile(r"<([A-Za-z][^\s/<>]*+)((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)")
_ATTRIBUTE = re.compile(r"[^\s/<>=\"']+(?:\s*=\s*(?:\"[^\"]*+\"|'[^']*+'|[^\s<>\"']*+))?")
_RAW_END = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style")}


@dataclass(frozen=True, slots=True)
class Bounded:
    """The text to parse, and what was cut to get it."""

    text: str
    tags_capped: int = 0  # tags that lost attributes past MAX_ATTRIBUTES
    elements_cut: bool = False  # the page was cut at MAX_ELEMENTS


def bound_markup(text: str) -> Bounded:
    """The text with at most MAX_ATTRIBUTES attributes per tag, cut before its MAX_ELEMENTS+1th tag."""
    out: list[str] = []
    copied = pos = elements = capped = 0
    find = text.find
    match = _TAG.match
    while (lt := find("<", pos)) >= 0:
        if text.startswith("<!--", lt):
            end = find("-->", lt + 4)
            pos = len(text) if end < 0 else end + 3
            continue
        m = match(text, lt)
        if m is None:
            pos = lt + 1
            continue
        elements += 1
        if elements > MAX_ELEMENTS:
            out.append(text[copied:lt])
            return Bounded("".join(out), capped, True)
        pos = m.end()
        body_start, body_end = m.span(2)
        if body_end - body_start > _LONG_TAG:
            found = islice(_ATTRIBUTE.finditer(text, body_start, body_end), MAX_ATTRIBUTES + 1)
            kept = [a.group(0) for a in found]
            if len(kept) > MAX_ATTRIBUTES:
                capped += 1
                out.append(text[copied:body_start])
                out.append(" " + " ".join(kept[:MAX_ATTRIBUTES]))
                copied = body_end
        raw_end = _RAW_END.get(m.group(1).lower())
        if raw_end is not None and text.startswith(">", pos):
            close = raw_end.search(text, pos)
            pos = len(text) if close is None else close.start()
    if not copied:
        return Bounded(text, capped)
    out.append(text[copied:])
    return Bounded("".join(out), capped)
