"""Subscription lists in and out: OPML files and newsboat `urls` files."""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from lxml import etree

from newsreader.models import Feed, Subscription
from newsreader.text import one_line


class SubscriptionError(Exception):
    """A subscription file that cannot be read; the message names the file and, where known, the line."""


def normalise_url(raw: str) -> str | None:
    """A feed address as the user typed it, made absolute (http is assumed), or None if it cannot be one."""
    url = raw.strip()
    if not url or any(c.isspace() for c in url):
        return None
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def read_subscriptions(path: Path) -> list[Subscription]:
    """Read an OPML file or a newsboat urls file, telling them apart by content."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubscriptionError(f"{path}: {exc.strerror or exc}") from None
    head = data.lstrip()[:200].lower()
    if head.startswith(b"<?xml") or head.startswith(b"<opml") or b"<opml" in head:
        return parse_opml(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_urls(text, path)


def parse_opml(data: bytes, path: Path | str = "OPML") -> list[Subscription]:
    """Feeds of an OPML file; folders and `category` attributes become tags."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else "?")
        raise SubscriptionError(f"{path}:{line}: not valid OPML: {exc.msg}") from None
    if root.tag != "opml":
        raise SubscriptionError(f"{path}: not an OPML file (root element is <{root.tag}>)")
    body = root.find("body")
    out: dict[str, Subscription] = {}

    def walk(node: etree._Element, folders: tuple[str, ...]) -> None:
        for outline in node.iterfind("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            title = one_line(outline.get("title") or outline.get("text")) or None
            if url:
                tags = list(folders)
                for cat in (outline.get("category") or "").split(","):
                    cat = one_line(cat).strip("/")
                    if cat:
                        tags.append(cat)
                tags = list(dict.fromkeys(tags))
                if url in out:
                    tags = list(dict.fromkeys([*out[url].tags, *tags]))
                out[url] = Subscription(url=url, title=title, tags=tuple(tags))
            else:
                walk(outline, (*folders, title) if title else folders)

    if body is not None:
        walk(body, ())
    return list(out.values())


def parse_urls(text: str, path: Path | str = "urls") -> list[Subscription]:
    """Feeds of a newsboat urls file: `URL tag "tag two" "~Title"` per line, # comments."""
    out: dict[str, Subscription] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            raise SubscriptionError(f"{path}:{lineno}: {exc}") from None
        if not words:
            continue
        url, rest = words[0], words[1:]
        if url.startswith(("query:", "exec:", "filter:")):
            continue  # newsboat's query feeds and scripts have no address to fetch
        if normalise_url(url) is None:
            raise SubscriptionError(f"{path}:{lineno}: not a feed address: {url}")
        title = None
        tags = []
        for word in rest:
            if word.startswith("~"):
                title = one_line(word[1:]) or None
            elif word.startswith("!"):
                continue  # newsboat's "hide this feed" mark
            else:
                tags.append(one_line(word))
        out[url] = Subscription(url=url, title=title, tags=tuple(dict.fromkeys(t for t in tags if t)))
    return list(out.values())


def to_opml(feeds: Iterable[Feed]) -> str:
    """OPML 2.0 of the subscriptions, tags in each outline's `category` attribute."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head><title>newsreader subscriptions</title></head>",
        "  <body>",
    ]
    for f in feeds:
        if urlsplit(f.url).scheme not in ("http", "https"):
            continue
        title = quoteattr(f.display_title)
        attrs = f'type="rss" text={title} title={title} xmlUrl={quoteattr(f.url)}'
        if f.site_url:
            attrs += f" htmlUrl={quoteattr(f.site_url)}"
        if f.tags:
            attrs += f" category={quoteattr(','.join(f.tags))}"
        lines.append(f"    <outline {attrs}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
