"""Markup made cheap to parse: attributes and elements capped before libxml2 sees them.

libxml2 checks each attribute of a tag against all the ones before it, so one tag with 150,000 attributes
costs minutes; past that, every pass over the tree (readability, its cleaner, ours) costs a few
microseconds per element and per attribute, so a page of millions of tiny elements or attributes costs
seconds and gigabytes. One linear pass over the text, reading tags as an HTML tokenizer does (quoted
values hide `<` and `>`, comments and scripts are skipped whole), counts both and cuts them down.
Ordinary pages come out unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

MAX_ATTRIBUTES = 1_000  # per element: real pages use a few dozen (broken quoting makes a few hundred)
MAX_ELEMENTS = 100_000  # per page: big real pages have 10,000-40,000
# Attributes per page: the biggest of 369 real test pages has 14,000. Past this, every tag keeps a share.
ATTRIBUTE_BUDGET = 100_000
MIN_ATTRIBUTES = 4  # per element, however crowded the page: href, src, alt and one more survive
_LONG_TAG = 2_000  # characters of attributes: past this, attributes are counted one by one up to the cap

# A start tag up to where its attributes end: quoted values are skipped whole, so `>` or `<` inside them
# end nothing. Possessive, so a failed match never backtracks.
_TAG = re.compile(r"<([A-Za-z][^\s/<>]*+)((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)")
_BODY = re.compile(r"<[A-Za-z][^\s/<>]*+((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)")  # _TAG's attributes alone
_ATTRIBUTE = re.compile(r"[^\s/<>=\"']+(?:\s*=\s*(?:\"[^\"]*+\"|'[^']*+'|[^\s<>\"']*+))?")
_RAW_END = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style")}


@dataclass(frozen=True, slots=True)
class Bounded:
    """The text to parse, and what was cut to get it."""

    text: str
    tags_capped: int = 0  # tags that lost attributes
    elements_cut: bool = False  # the page was cut at MAX_ELEMENTS
    attributes: int = 0  # attributes left in the text (0 when nothing needed counting)


def bound_markup(text: str) -> Bounded:
    """The text with at most MAX_ATTRIBUTES attributes per tag and ATTRIBUTE_BUDGET per page, cut before
    its MAX_ELEMENTS+1th tag."""
    if _within_bounds(text):
        return Bounded(text)
    first, crowded = _bound(text, MAX_ATTRIBUTES)
    if first.attributes <= ATTRIBUTE_BUDGET:
        return first
    share = max(MIN_ATTRIBUTES, ATTRIBUTE_BUDGET // max(1, crowded))
    second, _ = _bound(first.text, share)
    return Bounded(second.text, first.tags_capped + second.tags_capped, first.elements_cut, second.attributes)


def _within_bounds(text: str) -> bool:
    """Whether the text surely needs no cut, told in a few passes of the regex engine (most pages).

    Every tag is found at a "<", so their count bounds the elements. An attribute takes a character and a
    separator, so a tag body of n characters holds at most (n + 1) // 2 of them: only bodies longer than
    _LONG_TAG can pass MAX_ATTRIBUTES, and those few are counted one by one.
    """
    if text.count("<") > MAX_ELEMENTS:
        return False
    bodies = _BODY.findall(text)
    if not bodies:
        return True
    most = (sum(map(len, bodies)) + len(bodies)) // 2
    if most <= ATTRIBUTE_BUDGET and max(map(len, bodies)) <= _LONG_TAG:
        return True
    if most > ATTRIBUTE_BUDGET:
        return False
    long = [b for b in bodies if len(b) > _LONG_TAG]
    return all(
        sum(1 for _ in islice(_ATTRIBUTE.finditer(b), MAX_ATTRIBUTES + 1)) <= MAX_ATTRIBUTES for b in long
    )


def _bound(text: str, cap: int) -> tuple[Bounded, int]:
    """One pass: tags keep their first cap attributes; also how many tags have attributes at all."""
    out: list[str] = []
    copied = pos = elements = capped = attributes = with_attributes = 0
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
            return Bounded("".join(out), capped, True, attributes), with_attributes
        pos = m.end()
        body_start, body_end = m.span(2)
        if body_end - body_start > 1:
            if body_end - body_start > _LONG_TAG:
                found = [a.group(0) for a in islice(_ATTRIBUTE.finditer(text, body_start, body_end), cap + 1)]
            else:
                found = _ATTRIBUTE.findall(text, body_start, body_end)
            if found:
                with_attributes += 1
                attributes += min(len(found), cap)
            if len(found) > cap:
                capped += 1
                out.append(text[copied:body_start])
                out.append(" " + " ".join(found[:cap]))
                copied = body_end
        raw_end = _RAW_END.get(m.group(1).lower())
        if raw_end is not None and text.startswith(">", pos):
            close = raw_end.search(text, pos)
            pos = len(text) if close is None else close.start()
    if not copied:
        return Bounded(text, capped, False, attributes), with_attributes
    out.append(text[copied:])
    return Bounded("".join(out), capped, False, attributes), with_attributes
