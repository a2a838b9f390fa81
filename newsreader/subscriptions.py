"""Subscription lists in and out: OPML files and newsboat `urls` files, and the one address normaliser."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import quoteattr

from lxml import etree

from newsreader.models import Feed, Subscription
from newsreader.text import one_line


class SubscriptionError(Exception):
    """A subscription file that cannot be read; the message names the file and, where known, the line."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in a subscription file that was not imported, and why."""

    where: str  # "FILE:LINE", or the file alone when lxml gives no line
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: skipped {self.item}: {self.reason}"


@dataclass(frozen=True, slots=True)
class NewsboatRule:
    """A newsboat query feed (kind "view": name, expression) or ignore-article line (kind "filter": the
    feed's address or "*", expression), translated by the engine (newsreader.query.newsboat)."""

    where: str
    kind: Literal["view", "filter"]
    name: str
    expression: str


@dataclass(frozen=True, slots=True)
class Subscriptions:
    """The feeds of a file (iterable like a list of them) and what was skipped."""

    feeds: tuple[Subscription, ...]
    skipped: tuple[Skipped, ...] = ()
    rules: tuple[NewsboatRule, ...] = ()
    ignore_mode: str = "download"  # newsboat's: "display" hides what ignore-article matches

    def __iter__(self) -> Iterator[Subscription]:
        return iter(self.feeds)

    def __len__(self) -> int:
        return len(self.feeds)

    def __getitem__(self, index: int) -> Subscription:
        return self.feeds[index]


MAX_URL = 8192
_DEFAULT_PORTS = {"http": 80, "https": 443}
# What may stand before the first "/" of an address typed without a scheme: a host name or address
# and a port. "http//host/x.xml" has "http" there, which is not a host anyone means.
_BARE_HOST = re.compile(r"(?:[\w-]+(?:\.[\w-]+)+\.?|localhost|\[[0-9A-Fa-f:.]+\])(?::\d*)?", re.ASCII)
_HOST = re.compile(r"[\w.-]+|\[[0-9A-Fa-f:.]+\]")


def normalise_url(raw: str) -> str | None:
    """The one form of a feed address, or None if raw cannot be one.

    http is assumed when no scheme is given, feed:// means http://; scheme and host are lower-cased,
    the default port and the #fragment dropped, an empty path becomes "/". Anything with control
    characters or white space inside, another scheme or no host is refused.
    """
    return _normalise(raw)[0]


def _normalise(raw: str) -> tuple[str | None, str | None]:
    url = raw.strip() if isinstance(raw, str) else ""
    if not url:
        return None, "empty address"
    if len(url) > MAX_URL:
        return None, f"address longer than {MAX_URL} characters"
    if any(c.isspace() or not c.isprintable() for c in url):
        return None, "white space or control characters inside the address"
    lowered = url.lower()
    if lowered.startswith("feed:"):
        url = url[5:]
        url = url[2:] if url.startswith("//") else url
        if "://" not in url:
            url = "http://" + url
    elif "://" not in url:
        host = url.split("/", 1)[0]
        if not _BARE_HOST.fullmatch(host):
            return None, "not an http(s) address"
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return None, f"invalid address: {one_line(str(exc))[:100]}"
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return None, f"not an http(s) address (scheme {scheme or 'missing'})"
    host = parts.hostname or ""
    if not host or not _HOST.fullmatch(host if ":" not in host else f"[{host}]"):
        return None, "no valid host name"
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, "")), None


def read_subscriptions(path: Path) -> Subscriptions:
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
    found = parse_urls(text, path)
    beside = path.with_name("config")  # newsboat keeps ignore-article lines in its config file
    if path.name == "urls" and beside.is_file():
        try:
            extra = parse_urls(beside.read_text(encoding="utf-8", errors="replace"), beside, rules_only=True)
        except OSError:
            return found
        mode = extra.ignore_mode if extra.ignore_mode != "download" else found.ignore_mode
        return replace(found, rules=found.rules + extra.rules, ignore_mode=mode)
    return found


class _Collector:
    """Subscriptions by normalised address (a repeated feed merges its tags) and the skipped items."""

    def __init__(self) -> None:
        self.feeds: dict[str, Subscription] = {}
        self.skipped: list[Skipped] = []
        self.rules: list[NewsboatRule] = []
        self.ignore_mode = "download"

    def add(
        self, where: str, raw_url: str, title: str | None, tags: Iterable[str], categories: Iterable[str] = ()
    ) -> None:
        """Tags are kept as they are, categories (OPML's slash-delimited paths) lose outer slashes."""
        url, refusal = _normalise(raw_url)
        if url is None:
            self.skip(where, raw_url, refusal or "not a feed address")
            return
        tags = [t for t in (*map(_xml_text, tags), *map(_tag, categories)) if t]
        if title in (raw_url.strip(), url):
            title = None  # an outline must have a text: exports write the address when there is no title
        old = self.feeds.get(url)
        if old is not None:
            tags = [*old.tags, *tags]
            title = old.title or title
        self.feeds[url] = Subscription(url=url, title=title or None, tags=tuple(dict.fromkeys(tags)))

    def skip(self, where: str, item: str, reason: str) -> None:
        self.skipped.append(Skipped(where, one_line(item)[:200], one_line(reason)))

    def result(self) -> Subscriptions:
        return Subscriptions(
            tuple(self.feeds.values()), tuple(self.skipped), tuple(self.rules), self.ignore_mode
        )


def parse_opml(data: bytes, path: Path | str = "OPML") -> Subscriptions:
    """Feeds of an OPML file; folders and `category` attributes become tags."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else "?")
        raise SubscriptionError(f"{path}:{line}: not valid OPML: {one_line(exc.msg)}") from None
    if not isinstance(root.tag, str) or root.tag != "opml":
        raise SubscriptionError(f"{path}: not an OPML file (root element is <{one_line(str(root.tag))}>)")
    body = root.find("body")
    found = _Collector()

    def walk(node: etree._Element, folders: tuple[str, ...], depth: int) -> None:
        for outline in node.iterfind("outline"):
            url = outline.get("xmlUrl") or outline.get("xmlurl") or ""
            title = one_line(outline.get("title") or outline.get("text")) or None
            where = f"{path}:{outline.sourceline or '?'}"
            if url.strip():
                found.add(where, url, title, folders, (outline.get("category") or "").split(","))
            elif depth >= 100:
                found.skip(where, title or "outline", "folders nested more than 100 deep")
            else:
                walk(outline, (*folders, title) if title else folders, depth + 1)

    if body is not None:
        walk(body, (), 0)
    return found.result()


# newsboat lines that name no address to fetch, and why we do not import them.
_NOT_FEEDS = {
    "query:": "a newsboat query feed (a saved search) has no address to fetch",
    "exec:": "a newsboat exec: feed runs a program, which newsreader never does",
    "filter:": "a newsboat filter: feed runs a program, which newsreader never does",
}


def _rule(found: _Collector, where: str, words: list[str]) -> bool:
    """Collect a newsboat query feed, ignore-article or ignore-mode line; whether words was one."""
    first = words[0]
    if first.startswith("query:") and first.count(":") >= 2:
        _, name, expression = first.split(":", 2)
        found.rules.append(NewsboatRule(where, "view", one_line(name), expression))
    elif first == "ignore-article" and len(words) == 3:
        found.rules.append(NewsboatRule(where, "filter", words[1], words[2]))
    elif first == "ignore-mode" and len(words) == 2:
        found.ignore_mode = words[1]
    else:
        return False
    return True


# shlex takes time quadratic in a line's length: 80,000 characters took 0.4 s, 600,000 over 10 s.
MAX_LINE = 16384


def _uncommented(line: str) -> str:
    """line without its comment: a # that starts a word outside quotes (shlex's would cut `x.xml#frag`)."""
    quote = ""
    escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def parse_urls(text: str, path: Path | str = "urls", *, rules_only: bool = False) -> Subscriptions:
    """Feeds of a newsboat urls file: `URL tag "tag two" "~Title"` per line, # comments; its query feeds
    and ignore-article lines as rules (with rules_only, those alone: newsboat's config file)."""
    found = _Collector()
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        where = f"{path}:{lineno}"
        if not line or line.startswith("#"):
            continue
        if len(line) > MAX_LINE:
            found.skip(where, line[:60] + "...", f"line longer than {MAX_LINE} characters")
            continue
        try:
            words = shlex.split(_uncommented(line))
        except ValueError as exc:
            found.skip(where, line, f"unreadable line ({exc})")
            continue
        if not words:
            continue
        url, rest = words[0], words[1:]
        if _rule(found, where, words) or rules_only:
            continue
        kind = next((k for k in _NOT_FEEDS if url.startswith(k)), None)
        if kind:
            found.skip(where, url, _NOT_FEEDS[kind])
            continue
        title = None
        tags = []
        for word in rest:
            if word.startswith("~"):
                title = one_line(word[1:]) or None
            elif word.startswith("!"):
                found.skip(where, f"tag {word}", "newsboat's hide mark is not supported: the feed is shown")
            else:
                tags.append(word)
        found.add(where, url, title, tags)
    return found.result()


# Characters XML 1.0 cannot hold even as references; one_line already drops the controls among them.
_NOT_XML = re.compile("[\ufffe\uffff]")


def _xml_text(text: str | None) -> str:
    return one_line(_NOT_XML.sub("", text or ""))


def _tag(raw: str) -> str:
    """A tag as import keeps it: one clean line without leading or trailing slashes (OPML's folders)."""
    tag = one_line(_NOT_XML.sub("", raw))
    while (shorter := one_line(tag.strip("/"))) != tag:
        tag = shorter
    return tag


def _tags(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in map(_xml_text, tags) if t))


def to_opml(feeds: Iterable[Feed]) -> str:
    """OPML 2.0 of the subscriptions that `parse_opml` reads back as they are.

    Tags go in each outline's `category` attribute; a feed with a tag that category cannot hold (a
    comma, an outer slash) is written inside one folder per tag instead, which import reads back in order.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head><title>newsreader subscriptions</title></head>",
        "  <body>",
    ]
    for f in feeds:
        url = normalise_url(f.url)
        if url is None:
            continue  # the bundled sample, or an address that could not be imported back
        title = quoteattr(_xml_text(f.display_title) or url)
        attrs = f'type="rss" text={title} title={title} xmlUrl={quoteattr(url)}'
        site = normalise_url(f.site_url or "")
        if site:
            attrs += f" htmlUrl={quoteattr(site)}"
        tags = _tags(f.tags)
        folders = tags if any("," in t or t != _tag(t) for t in tags) else []
        if tags and not folders:
            attrs += f" category={quoteattr(','.join(tags))}"
        indent = "    "
        for tag in folders:
            lines.append(f"{indent}<outline text={quoteattr(tag)}>")
            indent += "  "
        lines.append(f"{indent}<outline {attrs}/>")
        for _ in folders:
            indent = indent[:-2]
            lines.append(f"{indent}</outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def unexportable(feeds: Iterable[Feed]) -> list[Feed]:
    """The feeds `to_opml` leaves out: addresses that are not http(s) feed addresses."""
    return [f for f in feeds if normalise_url(f.url) is None]
