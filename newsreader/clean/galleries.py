"""Slideshows inside the story: several photos and their captions, browsed one at a time on the page.

As text they are a run of captions (often each said two or three times, for the slide, the list and the
thumbnail) before the story starts. A single figure's caption stays with the story; a slideshow goes.
"""

from __future__ import annotations

import re

import lxml.html

_SLIDESHOW = re.compile(
    r"^(?:[\w-]*[-_])?(?:gallery|resgallery|slideshow|slide-?show|carousel|slider|swiper)(?:[-_][\w-]*)?$",
    re.I,
)
_CAPTION = re.compile(r"caption", re.I)
_MIN_PHOTOS = 2
_STORY_BESIDE = 250  # characters of story outside the slideshow for it to be the story's furniture


def drop_slideshows(root: lxml.html.HtmlElement) -> int:
    """Remove slideshow containers (marked so, with two or more photos or captions) from the story; how many
    went."""
    shows = []
    total = len(root.text_content())
    for el in root.iter("div", "section", "ul", "figure", "aside"):
        tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if not any(_SLIDESHOW.match(t) for t in tokens):
            continue
        if any(a in shows for a in el.iterancestors()):
            continue
        # readability often drops the photos themselves; their captions are left to count.
        photos = sum(1 for _ in el.iter("img", "picture"))
        captions = sum(1 for c in el.iter() if c.tag == "figcaption" or _CAPTION.search(c.get("class") or ""))
        # A photo essay is all slideshow: the story is its captions, and they stay.
        if max(photos, captions) >= _MIN_PHOTOS and total - len(el.text_content()) >= _STORY_BESIDE:
            shows.append(el)
    for el in shows:
        if el.getparent() is not None:
            el.drop_tree()
    return len(shows)
