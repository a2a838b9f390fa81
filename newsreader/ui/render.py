"""Turning stored articles into what the panes show, with every string made safe for a terminal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from newsreader.models import Article, Contact
from newsreader.text import one_line, strip_controls

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)(\s)", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n\s*\n(\s*\n)+")
_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "figure",
    "ul",
    "ol",
)


def local_date(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d") if ts is not None else "          "


def local_datetime(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts is not None else ""


def iso_as_local(value: str | None, fallback: float | None) -> str:
    if value:
        try:
            return local_datetime(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
        except ValueError:
            return one_line(value)
    return local_datetime(fallback)


def escape_markdown(text: str) -> str:
    """Plain text shown through the Markdown widget: nothing in it may become markup or a link."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\\\2\3", text)


def feed_html_as_text(html: str) -> str:
    """The feed's own HTML as plain paragraphs, shown until the cleaner's text arrives."""
    if not html.strip():
        return ""
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - any unparsable HTML falls back to its raw text
        return strip_controls(re.sub(r"<[^>]*>", " ", html))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    text = strip_controls(root.text_content())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


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
    from newsreader.clean.networks import SOCIAL_NETWORKS  # here: the first frame loads nothing of clean/

    host = (urlsplit(value).hostname or "") if "://" in value else ""
    host = host.lower().removeprefix("www.").removeprefix("mobile.")
    if host:
        network = SOCIAL_NETWORKS.get(host) or ("mastodon" if host.startswith("mastodon.") else None)
        return f"{network}/social" if network else kind
    named = _PLATFORM_WORDS.search(one_line(contact.label))
    return f"{named.group(1).lower()}/social" if named else kind


def contact_lines(contacts: tuple[Contact, ...]) -> list[RenderableType]:
    """Each contact as its kind and value; the line they were found in once, dimmed, under them."""
    groups: dict[str, list[Contact]] = {}  # one tip line often gives an address and a phone
    for c in contacts:
        if one_line(c.value):
            groups.setdefault(one_line(c.label), []).append(c)
    width = max((len(contact_kind(c)) for members in groups.values() for c in members), default=0)
    lines: list[RenderableType] = []
    for label, members in groups.items():
        pairs = Table.grid(padding=(0, 2))  # kinds in a column of their own: a long address folds beside it
        pairs.add_column(style="italic", no_wrap=True, min_width=width)
        pairs.add_column(overflow="fold")
        values = [one_line(c.value) for c in members]
        for c, value in zip(members, values, strict=True):
            pairs.add_row(contact_kind(c), value)
        lines.append(pairs)
        if label and label not in values:
            lines.append(Text(label, style="dim"))
    return lines


def metadata(article: Article) -> Table:
    """The metadata pane: authors, published, feed, link, contacts, credits, notes; empty ones left out."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")

    def section(label: str, items: Sequence[RenderableType]) -> None:
        for i, item in enumerate(items):
            table.add_row(label if i == 0 else "", item)

    def field(label: str, value: str) -> None:
        if value:
            section(label, [Text(value)])

    field("By", ", ".join(authors_of(article)))
    field(
        "Published", iso_as_local(article.cleaned.published if article.cleaned else None, article.published)
    )
    field("Feed", one_line(article.feed_title))
    field("Link", one_line(article.link))
    cleaned = article.cleaned
    if cleaned is not None:
        section("Contacts", contact_lines(cleaned.contacts))
        section("Credits", [Text(one_line(x)) for x in cleaned.credits if one_line(x)])
        section("Notes", [Text(one_line(x)) for x in cleaned.notes if one_line(x)])
    if article.clean_error:
        field("Cleaner", one_line(article.clean_error))
    return table
