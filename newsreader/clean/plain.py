"""HTML to the plain words a reader sees: the one helper for feed titles, summaries, search text and previews.

Cheap on purpose (no parser): a refresh runs it on every title and the store on every row it indexes.
Scripts and styles are dropped with their content, inline tags vanish, other tags become spaces (block tags and <br> line breaks
when paragraphs are wanted), entities become characters, control characters go.
"""

from __future__ import annotations

import html
import re

from newsreader.text import one_line, strip_controls

_HIDDEN = re.compile(r"<(script|style|template)\b[^>]*+>.*?(?:</\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_BREAK = re.compile(r"<br\b[^>]*+>", re.I)
_BLOCK = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|header|footer|figure|figcaption|dd|dt)\b"
    r"[^>]*+>",
    re.I,
)
# Inline tags sit inside words and before punctuation ("<em>Exclusive</em>: ..."): they go without a space.
_INLINE = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup"
    r"|time|tt|u|var)\b[^>]*+>",
    re.I,
)
_TAG = re.compile(r"<[^>]*+>")
_LINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n\s*\n\s*")


def html_text(markup: str | None, *, paragraphs: bool = False) -> str:
    """The words of an HTML fragment: one line, or paragraphs separated by blank lines."""
    if not markup:
        return ""
    if "<" in markup:
        markup = _COMMENT.sub(" ", _HIDDEN.sub(" ", markup))
        if paragraphs:
            markup = _BLOCK.sub("\n\n", _BREAK.sub("\n", markup))
        markup = _TAG.sub(" ", _INLINE.sub("", markup))
    if "&" in markup:
        markup = html.unescape(markup)
    if not paragraphs:
        return one_line(markup)
    text = strip_controls(markup)
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
