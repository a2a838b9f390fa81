"""Bounds a document must keep before any parser sees it: elements, depth and attributes per element.

A few kilobytes of gzip can inflate to millions of nested elements; libxml2 and expat build or
track every one (the fallback parser then parsed it a second time: 133 s and 2.4 GB). Counting
bytes in C answers most documents at once; only a document with many tags is scanned tag by tag,
skipping CDATA and comments, whose markup no XML parser sees as elements.
"""

from __future__ import annotations

import re

MAX_ELEMENTS = 300_000  # a 10 MiB feed of full articles has about a tenth of this
MAX_DEPTH = 200  # feeds nest a handful deep; libxml2 refuses 256 on its own
MAX_ATTRIBUTES = 200  # per element

_TOKEN = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<[?!][^>]*>?|</[^>]*>?|<([^\s/>]*)[^>]*>?", re.S
)
# 200 attributes (` a=""` each) take at least 1,000 bytes: only a tag that long needs counting.
_LONG_TAG = re.compile(rb"<[^<>]{%d}" % (5 * MAX_ATTRIBUTES))
# HTML's empty elements, often left unclosed in sloppy feeds: they never deepen the document.
_EMPTY = frozenset(b"br img hr input area col embed param track wbr meta".split())


def bounds_problem(body: bytes, *, nesting: bool = True) -> str | None:
    """The one-line reason body is too big a document to parse, or None when it is within bounds.

    nesting=False leaves depth to the parser (libxml2 refuses more than 256 levels on its own), so
    a document without a long tag is answered without a scan.
    """
    marks = body.count(b"<")
    if marks > MAX_ELEMENTS and marks - body.count(b"</") > MAX_ELEMENTS:
        return f"not a feed: more than {MAX_ELEMENTS:,} elements"
    if (marks <= MAX_DEPTH or not nesting) and _LONG_TAG.search(body) is None:
        return None  # too few tags to nest too deep (or depth left to the parser), no tag long enough
    depth = elements = 0
    for m in _TOKEN.finditer(body):
        name = m.group(1)
        if name is None:  # CDATA, a comment, a declaration or an end tag
            if m.group()[1:2] == b"/" and depth:
                depth -= 1
            continue
        elements += 1
        tag = m.group()
        if not tag.endswith(b"/>") and name.lower() not in _EMPTY:
            depth += 1
            if depth > MAX_DEPTH:
                return f"not a feed: elements nested more than {MAX_DEPTH} deep"
        if tag.count(b"=") > MAX_ATTRIBUTES:
            return f"not a feed: an element with more than {MAX_ATTRIBUTES} attributes"
    if elements > MAX_ELEMENTS:
        return f"not a feed: more than {MAX_ELEMENTS:,} elements"
    return None
