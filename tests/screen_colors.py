"""Read an exported screenshot (App.export_screenshot's SVG) back into cells: text, colour, background."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_CLASS = re.compile(r"\.(terminal-(?:\d+-)?r\d+) \{ fill: (#[0-9a-f]{6})")
_RECT = re.compile(
    r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" shape'
)
_TEXT = re.compile(
    r'<text class="(terminal-(?:\d+-)?r\d+)" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>'
)
_CHAR_W = 12.2
_LINE_H = 24.4


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    char: str
    fg: str
    bg: str


def cells(svg: str) -> list[Cell]:
    """Every printed character with its text colour and the background under it."""
    fills = dict(_CLASS.findall(svg))
    backgrounds: dict[tuple[int, int], str] = {}
    for fill, x, y, width in _RECT.findall(svg):
        row = round((float(y) - 1.5) / _LINE_H)
        start = round(float(x) / _CHAR_W)
        for col in range(start, start + round(float(width) / _CHAR_W)):
            backgrounds[(row, col)] = fill
    out = []
    for cls, x, line, text in _TEXT.findall(svg):
        row, start = int(line), round(float(x) / _CHAR_W)
        for offset, char in enumerate(html.unescape(text)):
            if not char.isspace():
                out.append(
                    Cell(
                        row,
                        start + offset,
                        char,
                        fills.get(cls, "#000000"),
                        backgrounds.get((row, start + offset), "#000000"),
                    )
                )
    return out


def screen_lines(svg: str) -> list[str]:
    """The screen as plain text lines."""
    rows: dict[int, dict[int, str]] = {}
    for cell in cells(svg):
        rows.setdefault(cell.row, {})[cell.col] = cell.char
    return [
        "".join(row.get(c, " ") for c in range(max(row) + 1)) if row else ""
        for _, row in sorted(rows.items())
    ]
