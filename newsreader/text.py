"""Text from feeds and pages made safe for a terminal."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and C1 controls (which some terminals obey as escapes).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPE_SEQ = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
)
_SPACES = re.compile(r"\s+")


def strip_controls(text: str | None) -> str:
    """Remove escape sequences and control characters, keeping newline and tab."""
    if not text:
        return ""
    text = _ESCAPE_SEQ.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def one_line(text: str | None) -> str:
    """A display field: controls removed and all whitespace folded to single spaces."""
    # Most titles and names are already one clean line: isprintable() is False for every control,
    # escape and separator but the ASCII space, so this skips three regex passes (25,000 titles a refresh).
    if text and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text
    return _SPACES.sub(" ", strip_controls(text)).strip()
