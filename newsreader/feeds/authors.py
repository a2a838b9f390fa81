"""Author names from what feeds put in an author field: the name, never a piece of an address.

Feeds write "jane@newsroom.media (Jane Doe)", "Jane Doe <jane@x.technology>", a bare address or a
`mailto:` link. feedparser's address pattern allows only 2-4 letter suffixes, so it cut ".media" in
two and left "a (Jane Doe"; here any address is removed whole and an address alone gives no name.
"""

from __future__ import annotations

import re

from newsreader.text import one_line

_ADDRESS = re.compile(r"(?:mailto:)?[^\s<>()\[\]@,;:\"']+@[^\s<>()\[\]@,;\"']+", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]|&lt;\s*&gt;")
_PAIRS = {"(": ")", "<": ">", "[": "]", '"': '"', "'": "'"}
_EDGES = " \t,;:-|/"


def author_name(text: str | None) -> str:
    """The person's name in an author field, or "" when it holds only an address."""
    value = one_line(text or "")
    if "@" in value:
        value = value.replace("&lt;", "<").replace("&gt;", ">")
        value = _EMPTY_BRACKETS.sub(" ", _ADDRESS.sub(" ", value))
    value = " ".join(value.split()).strip(_EDGES)
    # "(Jane Doe)" once the address before it is gone; a name that merely ends in ")" keeps it.
    while len(value) >= 2 and _PAIRS.get(value[0]) == value[-1]:
        value = value[1:-1].strip(_EDGES)
    return value
