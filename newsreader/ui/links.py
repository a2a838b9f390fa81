"""The links of an article's body, numbered in reading order like newsboat's `[3]`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.text import one_line

# The cleaner writes links as [label](address): no brackets in the label, no spaces or parentheses in
# the address. An image (![alt](address)) is not a link; an escaped \[ is text.
_LINK = re.compile(r"(?<![!\\])\[((?:[^\[\]\\\n]|\\.)*)\]\(([^()\s]+)\)")


_SHOWN_AS_LINKS = ("http://", "https://", "mailto:")


@dataclass(frozen=True, slots=True)
class Link:
    number: int
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Numbered:
    """The body with a `[n]` after each link, and the links by number (the same address keeps its number)."""

    markdown: str
    links: tuple[Link, ...]

    def get(self, number: int) -> Link | None:
        return self.links[number - 1] if 1 <= number <= len(self.links) else None


def number_links(markdown: str) -> Numbered:
    numbers: dict[str, int] = {}
    links: list[Link] = []

    def number(match: re.Match[str]) -> str:
        url = match.group(2)
        n = numbers.get(url)
        if n is None:
            n = numbers[url] = len(links) + 1
            label = one_line(re.sub(r"\\(.)", r"\1", match.group(1))) or url
            links.append(Link(n, label, url))
        if not url.lower().startswith(_SHOWN_AS_LINKS):  # the Markdown widget would show its raw syntax
            return f"{match.group(1)}\\[{n}\\]"
        return f"{match.group(0)}\\[{n}\\]"

    return Numbered(_LINK.sub(number, markdown), tuple(links))
