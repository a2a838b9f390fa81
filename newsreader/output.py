"""The command line's one sanitising point: everything printed passes through `escape_controls`.

Feed addresses, titles, error text and JSON all reach stdout or stderr through the same wrapper, so a
string from outside cannot move the cursor, retitle the window or reorder a line, whichever command
prints it and however it is cut into columns.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from newsreader.text import escape_controls, trailing_marks


class SafeStream:
    """A text stream that writes to another one with controls shown as visible `\\uXXXX` escapes."""

    def __init__(self, stream: TextIO) -> None:
        self.unsafe = stream  # for the program's own control sequences (a progress bar), never outside text
        self._marks = 0

    def write(self, text: str) -> int:
        self.unsafe.write(escape_controls(text, self._marks))
        self._marks = trailing_marks(text, self._marks)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        # flush, fileno, isatty, encoding, buffer...: the wrapped stream answers
        return getattr(self.unsafe, name)


def install() -> None:
    """Wrap sys.stdout and sys.stderr once (the interface draws on sys.__stderr__, untouched)."""
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


def raw(stream: TextIO) -> TextIO:
    """The stream under the wrapper, for control sequences the program writes itself."""
    return stream.unsafe if isinstance(stream, SafeStream) else stream
