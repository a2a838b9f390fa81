"""Where a key sits in a TOML text: tomllib gives values but no positions, so problems find their line here."""

from __future__ import annotations

import re
import tomllib

_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_DEEP = 32  # brackets on one line past which a nesting error is pinned to that line


def _path(dotted: str) -> tuple[str, ...] | None:
    """The key path a dotted TOML key names, read by tomllib itself so quoting rules match."""
    try:
        node = tomllib.loads(f"{dotted} = 0")
    except tomllib.TOMLDecodeError:
        return None
    path: list[str] = []
    while isinstance(node, dict) and len(node) == 1:
        key, node = next(iter(node.items()))
        path.append(key)
    return tuple(path)


class KeyLines:
    """Line numbers (1-based) of the tables and keys of a TOML text, found on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: dict[tuple[str, ...], int] | None = None

    def _build(self) -> dict[tuple[str, ...], int]:
        index: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(self.text.splitlines(), start=1):
            if header := _HEADER.match(line):
                table = _path(header.group(1)) or table
                index.setdefault(table, number)
            elif assign := _ASSIGN.match(line):
                key = _path(assign.group(1))
                if key:
                    index.setdefault(table + key, number)
        return index

    def line_of(self, path: tuple[str, ...]) -> int | None:
        """The line of path, else of its nearest enclosing table or key found."""
        if self._index is None:
            self._index = self._build()
        for end in range(len(path), 0, -1):
            if path[:end] in self._index:
                return self._index[path[:end]]
        return None


def deep_nesting_line(text: str) -> int | None:
    """The first line opening many arrays or inline tables at once."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count("[") + line.count("{") > _DEEP:
            return number
    return None
