"""Text from feeds and pages made safe for a terminal.

Two treatments of the same set of dangerous characters: the interface drops them (`strip_controls`,
`one_line`), the command line's output shows them as visible `\\uXXXX` escapes (`escape_controls`),
which keeps JSON output valid and lossless.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Combining marks kept on one base character: enough for Vietnamese, Hebrew cantillation or Tibetan
# stacks; a 3,000-mark "zalgo" run would otherwise smear over lines the terminal has already drawn.
MAX_MARKS = 4

# Bidi controls (they reorder what follows, even the rest of the line after our text), zero-width
# and other invisible format characters (they make a terminal and the layout disagree on widths),
# and lone surrogates (they cannot be encoded for output at all).
_FORMAT = "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff"
# C0 controls but tab and newline, DEL, and C1 controls (which some terminals obey as escapes).
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}]")
_ESCAPE_SEQ = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
)
_SPACES = re.compile(r"\s+")
# A run that may hold more than MAX_MARKS combining marks; CJK ideographs and Hangul syllables (which
# are never marks) are left out so that East Asian text keeps the fast path.
_MARK_RUN = re.compile(f"[\u0300-\u33ff\ua000-\uabff\ud7b0-\U0010ffff]{{{MAX_MARKS + 1},}}")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _tame_marks(text: str, extra: Callable[[str], str]) -> str:
    """Each mark past MAX_MARKS in a row replaced by extra(mark) ('' drops it)."""

    def tame(match: re.Match[str]) -> str:
        out = []
        run = 0
        for ch in match.group():
            if _is_mark(ch):
                run += 1
                if run > MAX_MARKS:
                    out.append(extra(ch))
                    continue
            else:
                run = 0
            out.append(ch)
        return "".join(out)

    return _MARK_RUN.sub(tame, text)


def _drop(ch: str) -> str:
    return ""


def strip_controls(text: str | None) -> str:
    """Remove escape sequences, control and invisible format characters, and excess combining marks.

    Newline and tab are kept; carriage returns become newlines.
    """
    if not text:
        return ""
    text = _ESCAPE_SEQ.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return text if text.isascii() else _tame_marks(text, _drop)


def one_line(text: str | None) -> str:
    """A display field: controls removed and all whitespace folded to single spaces."""
    # Most titles and names are already one clean line: isprintable() is False for every control,
    # escape, format character and separator but the ASCII space, so this skips the regex passes
    # (25,000 titles a refresh); only combining marks are printable and still need a look.
    if (
        text
        and text.isprintable()
        and "  " not in text
        and text[0] != " "
        and text[-1] != " "
        and (text.isascii() or not _MARK_RUN.search(text))
    ):
        return text
    return _SPACES.sub(" ", strip_controls(text)).strip()


def escape_char(ch: str) -> str:
    """A character as a visible escape that is also a valid JSON string escape."""
    code = ord(ch)
    if code > 0xFFFF:  # JSON has no \U: write the UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def escape_controls(text: str, marks_before: int = 0) -> str:
    """Show every control, DEL, C1, bidi, zero-width character and excess combining mark as `\\uXXXX`.

    Newline and tab pass. The result is harmless on a terminal, and inside a JSON string it decodes
    back to the original text. marks_before: combining marks that ended the text written just before.
    """
    if text.isascii():
        if text.isprintable() or not _CONTROLS.search(text):
            return text
        return _CONTROLS.sub(lambda m: escape_char(m.group()), text)
    text = _CONTROLS.sub(lambda m: escape_char(m.group()), text)
    if marks_before:
        before = min(marks_before, MAX_MARKS)
        return _tame_marks("\u0300" * before + text, escape_char)[before:]
    return _tame_marks(text, escape_char)


def trailing_marks(text: str, marks_before: int = 0) -> int:
    """How many combining marks end text (at most MAX_MARKS), counting those before it if all are marks."""
    n = 0
    for ch in reversed(text):
        if n >= MAX_MARKS:
            return n
        if not _is_mark(ch):
            return n
        n += 1
    return min(MAX_MARKS, n + marks_before)
