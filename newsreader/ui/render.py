"""Turning stored articles into what the panes show, with every string made safe for a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from newsreader.models import Article, Contact
from newsreader.text import one_line, strip_controls
from newsreader.ui.data import feed_text
from newsreader.ui.enclosures import enclosure_items

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)(\s)", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Plain text shown through the Markdown widget: nothing in it may become markup or a link."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\\\2\3", text)


def feed_html_as_text(html: str) -> str:
    """The feed's own HTML as plain paragraphs, shown until the cleaner's text arrives."""
    return feed_text(html)


def article_markdown(article: Article) -> str:
    """The body pane's Markdown: the title, then the cleaned body or, until then, the feed's text."""
    title = one_line((article.cleaned and article.cleaned.title) or article.title) or "(untitled)"
    if article.cleaned is not None and article.cleaned.body.strip():
        body = strip_controls(article.cleaned.body)
    else:
        body = escape_markdown(feed_html_as_text(article.content_html))
    return f"# {escape_markdown(title)}\n\n{body}\n"


def authors_of(article: Article) -> tuple[str, ...]:
    authors = article.cleaned.authors if article.cleaned and article.cleaned.authors else article.authors
    return tuple(a for a in (one_line(x) for x in authors) if a)


_PLATFORM_WORDS = re.compile(
    r"\b(twitter|x|bluesky|threads|instagram|facebook|linkedin|tiktok|youtube|telegram|signal|mastodon)\b",
    re.I,
)
_FEDIVERSE = re.compile(r"^@[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


def contact_kind(contact: Contact) -> str:
    """The kind shown for a contact; a social one names its network when the value or its line does."""
    kind = one_line(contact.kind) or "other"
    if kind != "social":
        return kind
    value = one_line(contact.value)
    if _FEDIVERSE.match(value):
        return "mastodon/social"
    from newsreader.networks import SOCIAL_NETWORKS

    host = (urlsplit(value).hostname or "") if "://" in value else ""
    host = host.lower().removeprefix("www.").removeprefix("mobile.")
    if host:
        network = SOCIAL_NETWORKS.get(host) or ("mastodon" if host.startswith("mastodon.") else None)
        return f"{network}/social" if network else kind
    named = _PLATFORM_WORDS.search(one_line(contact.label))
    return f"{named.group(1).lower()}/social" if named else kind


Item = Text | tuple[tuple[tuple[str, str], ...], str]  # a value, or contacts (kind, value) and their line


class Metadata:
    """Labelled values that never break inside a word: an address, handle or URL is kept whole.

    A value goes beside its label when it fits the pane, else on its own line under the label.
    """

    def __init__(self) -> None:
        self.fields: list[tuple[str, list[Item]]] = []

    def add(self, label: str, items: Sequence[Item]) -> None:
        if items:
            self.fields.append((label, list(items)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        indent = max((cell_len(label) for label, _ in self.fields), default=0) + 1
        kinds = [
            kind
            for _, items in self.fields
            for item in items
            if isinstance(item, tuple)
            for kind, _ in item[0]
        ]
        kind_width = max((cell_len(kind) for kind in kinds), default=0)
        for label, items in self.fields:
            shown = False
            for item in items:
                head = Text(label if not shown else "")
                head.stylize("bold")  # a span: what is put beside it keeps its own style
                shown = True
                if isinstance(item, Text):
                    lines = _field(console, head, item, indent, width)
                else:
                    lines = _contacts(console, head, item, indent, width, kind_width)
                for line in lines:
                    line.rstrip()
                    line.no_wrap, line.overflow = True, "ignore"  # laid out here: never folded again
                    yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _beside(head: Text, indent: int, value: Text) -> Text:
    line = head.copy()
    line.pad_right(indent - head.cell_len)
    return line + value


def _words(value: Text, indent: int, width: int) -> list[Text]:
    """value wrapped at spaces only, each line indented: a word longer than the room stays whole."""
    room = max(1, width - indent)
    lines: list[str] = []
    for word in value.plain.split():
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [Text(" " * indent) + Text(line, style=value.style) for line in lines or [""]]


def _field(console: Console, head: Text, value: Text, indent: int, width: int) -> Iterable[Text]:
    longest = max((cell_len(word) for word in value.plain.split()), default=0)
    if indent + longest <= width:  # beside the label, wrapped at spaces if need be
        lines = _words(value, indent, width)
        yield _beside(head, indent, lines[0][indent:])
        yield from lines[1:]
        return
    if head.plain:
        yield head
    yield from _words(value, min(UNDER, max(0, width - longest)), width)


UNDER = 2  # a value too long to stand beside its label goes under it, this far in


def _contacts(
    console: Console, head: Text, group: tuple, indent: int, width: int, kind_width: int
) -> Iterable[Text]:
    pairs, line = group
    for kind, value in pairs:
        pair = Text.assemble((kind.ljust(kind_width), "italic"), "  " + value)
        if indent + pair.cell_len <= width:
            yield _beside(head, indent, pair)
        else:
            if head.plain:
                yield head
            yield Text(" " * UNDER) + Text(kind, style="italic")
            yield Text(" " * min(UNDER * 2, max(0, width - cell_len(value))) + value)
        head = Text("")
    if line:
        yield from _words(Text(line, style="dim"), indent if indent < width // 2 else UNDER, width)


def contact_items(contacts: tuple[Contact, ...]) -> list[Item]:
    """Contacts grouped by the line they were found in (one tip line often gives an address and a phone)."""
    groups: dict[str, list[Contact]] = {}
    for c in contacts:
        if one_line(c.value):
            groups.setdefault(one_line(c.label), []).append(c)
    items: list[Item] = []
    for label, members in groups.items():
        pairs = tuple((contact_kind(c), one_line(c.value)) for c in members)
        items.append((pairs, label if label and label not in {v for _, v in pairs} else ""))
    return items


def article_date(published: float | None, *, time: bool = True) -> str:
    """The one date rule, for the list and the metadata pane alike: the feed's date, in local time.

    The list, short of room, shows the day alone.
    """
    if published is None:
        return ""
    return datetime.fromtimestamp(published).strftime("%Y-%m-%d %H:%M" if time else "%Y-%m-%d")


def metadata(article: Article) -> Metadata:
    """The metadata pane: authors, published, feed, link, contacts, credits, notes; empty ones left out."""
    meta = Metadata()

    def field(label: str, value: str) -> None:
        if value:
            meta.add(label, [Text(value)])

    field("By", ", ".join(authors_of(article)))
    field("Published", article_date(article.published))
    field("Feed", one_line(article.feed_title))
    field("Link", one_line(article.link))
    meta.add("Enclosures", enclosure_items(article.enclosures))
    cleaned = article.cleaned
    if cleaned is not None:
        meta.add("Contacts", contact_items(cleaned.contacts))
        meta.add("Credits", [Text(one_line(x)) for x in cleaned.credits if one_line(x)])
        meta.add("Notes", [Text(one_line(x)) for x in cleaned.notes if one_line(x)])
    if article.clean_error:
        field("Cleaner", one_line(article.clean_error))
    return meta
