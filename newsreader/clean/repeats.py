"""Blocks the story already said: slideshows repeat each caption (in the slide, its list, its thumbnail)."""

from __future__ import annotations

import lxml.html

from newsreader.clean.blocks import block_text, leaf_blocks

_MIN_WORDS = 15  # shorter lines repeat for good reasons (a recipe's measures, an interview's question)
_MAX_WORDS = 80  # a caption's length: a whole paragraph said twice is the writer's doing, and kept
_NEAR = 2  # blocks back: a slideshow repeats a caption at once; a story repeats a line much later


def drop_repeats(root: lxml.html.HtmlElement) -> int:
    """Remove each block whose words were all said by one of the blocks just before it; how many went."""
    said: list[str] = []
    dropped = 0
    for el in leaf_blocks(root):
        if el.getparent() is None:
            continue
        text = block_text(el)
        words = len(text.split())
        if _MIN_WORDS <= words <= _MAX_WORDS and any(text in earlier for earlier in said[-_NEAR:]):
            el.drop_tree()
            dropped += 1
        elif text:
            said.append(text)
    return dropped
