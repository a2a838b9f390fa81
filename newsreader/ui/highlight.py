"""A search's words marked in text shown: titles in the lists, the article's Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.style import Style

Parts = list[tuple[str, Style | None]]


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for the words and phrases, each from the start of a word to its end
    (as FTS5 matches them: "ferr" from "ferr*" marks "ferry"); None when there is nothing to mark."""
    words = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\w*", re.I)


def highlighted(text: str, terms: Sequence[str], style: Style | None, match: Style | None) -> Parts:
    """text as parts, the terms in match style on top of style."""
    pattern = term_pattern(terms)
    if pattern is None:
        return [(text, style)]
    marked = (style + match) if style is not None and match is not None else match
    parts: Parts = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            parts.append((text[at : m.start()], style))
        parts.append((m.group(0), marked))
        at = m.end()
    if at < len(text):
        parts.append((text[at:], style))
    return parts or [(text, style)]


def mark_markdown(markdown: str, terms: Sequence[str]) -> str:
    """The Markdown with the terms in **bold** outside code and links, for the body pane."""
    pattern = term_pattern(terms)
    if pattern is None:
        return markdown
    out = []
    fenced = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or line.startswith("    ") or "](" in line or "`" in line:
            out.append(line)  # code and links keep their text exactly
        else:
            out.append(pattern.sub(lambda m: f"**{m.group(0)}**", line))
    return "\n".join(out)
