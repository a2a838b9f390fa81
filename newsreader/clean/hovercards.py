"""Cards that pop up over a name in the story (a photo, the name again, links to other stories).

They sit inside the paragraph, hidden until the pointer rests on the name, so the page's text reads
"Rep. Jo RoeJo RoeCouncil passes budget | Roads to close ..." where a reader sees "Rep. Jo Roe".
"""

from __future__ import annotations

import re

import lxml.html

_CARD = re.compile(
    r"^(?:[\w-]*[-_])?(?:tooltip|popover|rollover|hover-?card|hover-?box|flyout|pop-?up)(?:[-_][\w-]*)?$",
    re.I,
)
_INLINE_PARENTS = frozenset("p li h2 h3 h4 blockquote".split())


def drop_hover_cards(root: lxml.html.HtmlElement) -> int:
    """Remove pop-up cards inside the story's paragraphs, keeping the words they hang from; how many."""
    cards = []
    for el in root.iter("span", "div", "aside"):
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if not any(_CARD.match(t) for t in tokens):
            continue
        if not any(a.tag in _INLINE_PARENTS for a in el.iterancestors()):
            continue
        # The name the card hangs from is the card's first link when the card wraps it: that stays.
        cards.append(el)
    dropped = 0
    for el in cards:
        if el.getparent() is None:
            continue
        inner = [c for c in el if isinstance(c.tag, str)]
        if inner and inner[0].tag == "a" and len(inner) > 1:
            for c in inner[1:]:
                c.drop_tree()
        else:
            el.drop_tree()
        dropped += 1
    return dropped
