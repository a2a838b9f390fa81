"""Feed documents (RSS 0.9x/1.0/2.0, Atom, RDF) into our typed `ParsedFeed`.

Plain, well-formed RSS 2.0, RSS 1.0 and Atom 1.0 are read by a fast lxml path (about five times
quicker); everything else, and anything that path is unsure of, goes to feedparser, which is
imported only then. feedparser's HTML sanitizing and relative-URI rewriting of content are turned
off: they are most of its cost, the cleaner re-parses the content HTML anyway, and nothing here ever
shows raw HTML. Entry links are still resolved against the feed URL and xml:base."""

from __future__ import annotations

import calendar
import hashlib
import html
import re
from typing import Any
from urllib.parse import urljoin

from newsreader.models import ParsedEntry, ParsedFeed
from newsreader.text import one_line


class NotAFeed(Exception):
    """The body is not a feed; the message is the one-line reason ("not a feed: ...")."""


# The prolog (everything before the first element) and the entity declarations in it.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECL = re.compile(rb"<!ENTITY\s")
_SAFE_ENTITY = re.compile(rb"<!ENTITY\s+([A-Za-z_][\w.-]{0,40})\s+\"([^\"&%<]{0,16})\"\s*>")
_DOCTYPE_NAME = re.compile(rb"<!DOCTYPE\s+([\w:.-]+)")
_DOCTYPE = re.compile(rb"<!DOCTYPE.*", re.S)
_TAGS = re.compile(r"<[^>]*>")


def defuse_entities(body: bytes) -> bytes:
    """Rewrite an internal DTD so only short, flat entities remain (no billion laughs, no blow-up).

    feedparser has a guard of its own, but it only sees declarations at the start of a line.
    """
    m = _FIRST_ELEMENT.search(body)
    head_end = m.start() if m else len(body)
    head = body[:head_end]
    if not _ENTITY_DECL.search(head):
        return body
    safe = _SAFE_ENTITY.findall(head)[:64]
    name = _DOCTYPE_NAME.search(head)
    doctype = b""
    if safe:
        decls = b"".join(b'\n<!ENTITY %s "%s">' % (k, v) for k, v in safe)
        doctype = b"<!DOCTYPE %s [%s\n]>\n" % (name.group(1) if name else b"feed", decls)
    start = head.find(b"<!DOCTYPE")
    prolog = head[:start] if start >= 0 else _ENTITY_DECL.split(head, 1)[0]
    return prolog + doctype + body[head_end:]


def _epoch(parsed: Any) -> float | None:
    try:
        return float(calendar.timegm(parsed)) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def _text(detail: Any, value: str | None) -> str:
    """A title or name as plain text: markup dropped when the feed said it was HTML."""
    value = value or ""
    if detail and "html" in (detail.get("type") or "") and "<" in value:
        value = html.unescape(_TAGS.sub("", value))
    return one_line(value)


def _content(entry: Any) -> str:
    """The fullest HTML the entry offers: its longest content element, else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or ()]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _authors(entry: Any) -> tuple[str, ...]:
    names: list[str] = []
    for a in entry.get("authors") or ():
        name = one_line(a.get("name") or a.get("email") or "")
        if name and name not in names:
            names.append(name)
    if not names and entry.get("author"):
        names.append(one_line(entry["author"]))
    return tuple(names)


def _digest(*parts: str | None) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _entry(e: Any, base: str) -> ParsedEntry:
    guid = (e.get("id") or "").strip() or None
    link = (e.get("link") or "").strip() or None
    if link and "://" not in link[:12]:  # a permalink guid standing in for the link, left relative
        link = urljoin(base, link)
    title = _text(e.get("title_detail"), e.get("title"))
    content = _content(e)
    authors = _authors(e)
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a warning.
    published = _epoch(dict.get(e, "published_parsed"))
    updated = _epoch(dict.get(e, "updated_parsed"))
    key = guid or link or "hash:" + _digest(title, content)
    return ParsedEntry(
        key=key,
        guid=guid,
        link=link,
        title=title,
        authors=authors,
        published=published if published is not None else updated,
        updated=updated,
        content_html=content,
        content_hash=_digest(title, link, content, "\n".join(authors)),
    )


def _reason(d: Any, body: bytes) -> str:
    head = body[:1024].lstrip().lower()
    if not body.strip():
        return "not a feed: empty document"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "not a feed: an HTML page"
    exc = d.get("bozo_exception")
    detail = one_line(getattr(exc, "getMessage", lambda: str(exc))() if exc else "")
    if detail and "content-type" not in detail.lower():
        return f"not a feed: {detail}"[:200]
    return "not a feed: no RSS, Atom or RDF document found"


# The fast path: well-formed RSS 2.0, RSS 1.0 and Atom 1.0 read with lxml, about ten times faster
# than feedparser. It reads only what we keep, and hands anything it is not sure of to feedparser (a
# DOCTYPE, a charset conflict, markup or elements feedparser would fold into our fields), so the two
# agree on every feed it accepts (tests/test_feeds_fast.py checks that on feedparser's own test feeds).
_ATOM = "http://www.w3.org/2005/Atom"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RSS10 = "http://purl.org/rss/1.0/"
_DC = "http://purl.org/dc/elements/1.1/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_MEDIA = "http://search.yahoo.com/mrss/"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Namespaces whose elements feedparser never folds into title, link, id, authors, dates or content.
_INERT_NS = frozenset(
    {
        "http://purl.org/rss/1.0/modules/slash/",
        "http://wellformedweb.org/CommentAPI/",
        "http://rssnamespace.org/feedburner/ext/1.0",
        "http://purl.org/syndication/thread/1.0",
        "http://www.georss.org/georss",
        "http://www.w3.org/2003/01/geo/wgs84_pos#",
    }
)
_INERT_DC = frozenset({"subject", "language", "rights", "publisher", "format", "type", "coverage", "source"})
_RSS_ITEM = frozenset(
    {
        "title",
        "link",
        "guid",
        "pubDate",
        "author",
        "description",
        "category",
        "comments",
        "enclosure",
        "source",
    }
)
_ATOM_ENTRY = frozenset(
    {
        "id",
        "title",
        "link",
        "updated",
        "published",
        "author",
        "contributor",
        "content",
        "summary",
        "category",
        "rights",
    }
)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_C1 = re.compile("[\x80-\x9f]")  # windows-1252 points that feedparser repairs ("demoronizes")
_RSS_CHANNEL = frozenset(
    {
        "title",
        "link",
        "description",
        "language",
        "copyright",
        "managingEditor",
        "webMaster",
        "pubDate",
        "lastBuildDate",
        "category",
        "generator",
        "docs",
        "cloud",
        "ttl",
        "image",
        "rating",
        "textInput",
        "textinput",
        "skipHours",
        "skipDays",
        "item",
    }
)
_ATOM_FEED = frozenset(
    {
        "title",
        "subtitle",
        "link",
        "id",
        "updated",
        "author",
        "contributor",
        "rights",
        "generator",
        "icon",
        "logo",
        "category",
        "entry",
    }
)
_EMAIL = re.compile(
    r"(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"
)


class _Unsure(Exception):
    """The fast path declines this document; feedparser reads it instead."""


def _same_codec(a: str, b: str) -> bool:
    import codecs

    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


def _fast_parse(body: bytes, url: str, headers: dict[str, str]) -> ParsedFeed | None:
    """ParsedFeed for a plain, well-formed feed; None when feedparser should decide."""
    start = body[:512].lstrip()
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:]
    if not start.startswith(b"<") or b"<!DOCTYPE" in body[:4096] or b"<!ENTITY" in body[:4096]:
        return None
    declared = _DECLARED.match(start)
    declared_name = declared.group(1).decode("ascii") if declared else "utf-8"
    header = _CHARSET.search(headers.get("content-type", ""))
    if header and not _same_codec(header.group(1), declared_name):
        return None
    # Latin-1 with bytes 0x80-0x9F is really windows-1252 (or mis-encoded UTF-8): feedparser repairs it.
    if _same_codec(declared_name, "latin-1") and _C1_BYTES.search(body):
        return None
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(body, parser)
        if root.tag == "rss":
            return _fast_rss(root, url)
        if root.tag == f"{{{_ATOM}}}feed":
            return _fast_atom(root, url)
        if root.tag == f"{{{_RDF}}}RDF":
            return _fast_rdf(root, url)
    except (etree.LxmlError, ValueError, _Unsure):
        return None
    return None


def _base(elem: Any, base: str) -> str:
    b = elem.get(_XML_BASE)
    return urljoin(base, b.strip()) if b else base


def _plain(elem: Any) -> str:
    """Text of a text-only element, stripped; markup inside or encoded content is for feedparser."""
    if elem is None:
        return ""
    if len(elem) or elem.get("mode") is not None:
        raise _Unsure
    text = (elem.text or "").strip()
    if _C1.search(text):
        raise _Unsure
    return text


def _title(value: str, html_type: bool) -> str:
    from feedparser.mixin import _FeedParserMixin

    if html_type or _FeedParserMixin.looks_like_html(value):
        value = html.unescape(_TAGS.sub("", value))
    return one_line(value)


def _rss_author(text: str) -> str:
    """feedparser's reading of "ann@example.com (Ann Writer)": the name, else the address."""
    author, email = text, None
    m = _EMAIL.search(author)
    if m:
        email = m.group(0)
        author = author.replace(email, "").replace("()", "").replace("<>", "").replace("&lt;&gt;", "").strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
    return author or email or ""


def _date(text: str | None) -> float | None:
    from feedparser.datetimes import _parse_date

    return _epoch(_parse_date(text.strip())) if text and text.strip() else None


def _inert(elem: Any) -> None:
    """An element we skip must not hide one feedparser would read (a title in a category's image...)."""
    if len(elem):
        raise _Unsure


def _head_ok(elem: Any, ns: str, name: str) -> None:
    """A feed-level element in another namespace: only those that rename the feed matter."""
    if (ns in (_DC, _MEDIA) and name == "title") or (
        ns == _ATOM and name == "link" and (elem.get("rel") or "alternate") == "alternate"
    ):
        raise _Unsure


def _split(tag: Any) -> tuple[str, str] | None:
    if not isinstance(tag, str):
        return None
    if tag[0] == "{":
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _media_ok(elem: Any) -> None:
    # feedparser reads media:title and media:description as the entry's own title and summary.
    if next(elem.iter(f"{{{_MEDIA}}}title", f"{{{_MEDIA}}}description"), None) is not None:
        raise _Unsure


def _make_entry(
    guid: str | None,
    link: str | None,
    title: str,
    authors: list[str],
    published: float | None,
    updated: float | None,
    content: str,
    base: str,
) -> ParsedEntry:
    guid = guid.strip() if guid else None
    link = link.strip() if link else None
    if link and "://" not in link[:12]:
        link = urljoin(base, link)
    names: list[str] = []
    for a in authors:
        a = one_line(a)
        if a and a not in names:
            names.append(a)
    key = guid or link or "hash:" + _digest(title, content)
    return ParsedEntry(
        key=key,
        guid=guid or None,
        link=link or None,
        title=title,
        authors=tuple(names),
        published=published if published is not None else updated,
        updated=updated,
        content_html=content,
        content_hash=_digest(title, link, content, "\n".join(names)),
    )


def _rss_item(item: Any, base: str, rdf: bool) -> ParsedEntry:
    base = _base(item, base)
    guid = link = None
    guid_is_link = False
    title = ""
    title_seen = False
    authors: list[str] = []
    published = updated = None
    description = content = ""
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        ns, _, name = tag[1:].partition("}") if tag[0] == "{" else ("", "", tag)
        if rdf and ns == _RSS10:
            ns = ""
        if ns == "":
            if name not in _RSS_ITEM:
                raise _Unsure
            if name == "title":
                if title_seen:
                    raise _Unsure
                title_seen = True
                title = _plain(child)
            elif name == "link":
                text = _plain(child)
                link = text if "://" in text[:12] else urljoin(_base(child, base), text)
            elif name == "guid":
                guid = _plain(child)
                guid_is_link = child.get("isPermaLink", "true") == "true"
            elif name == "pubDate":
                published = _date(_plain(child))
            elif name == "author":
                authors.append(_rss_author(_plain(child)))
            elif name == "description":
                description = _plain(child)
            else:
                _inert(child)
        elif ns == _DC:
            if name in ("creator", "author"):
                authors.append(_rss_author(_plain(child)))
            elif name == "date":
                updated = _date(_plain(child))
            elif name in _INERT_DC:
                _inert(child)
            else:
                raise _Unsure
        elif ns == _CONTENT and name == "encoded":
            content = _plain(child)
        elif ns == _MEDIA:
            _media_ok(child)
        elif ns in _INERT_NS:
            _inert(child)
        else:
            raise _Unsure
    if rdf:
        guid = item.get(f"{{{_RDF}}}about") or guid
    if link is None and guid and guid_is_link and not rdf:
        link = guid
    body = content if len(content) >= len(description) else description
    return _make_entry(guid, link, _title(title, False), authors, published, updated, body, base)


def _channel_info(channel: Any, base: str, ns: str = "") -> tuple[str | None, str | None]:
    title = channel.find(f"{{{ns}}}title" if ns else "title")
    link = channel.find(f"{{{ns}}}link" if ns else "link")
    t = _title(title.text or "", False) if title is not None and not len(title) else ""
    site = (link.text or "").strip() if link is not None and not len(link) else ""
    return t or None, urljoin(base, site) if site else None


def _fast_rss(root: Any, url: str) -> ParsedFeed:
    if root.get("version") not in ("2.0", "0.91", "0.92", "0.93", "0.94"):
        raise _Unsure
    channel = root.find("channel")
    if channel is None or len(root) != 1:
        raise _Unsure
    base = _base(channel, _base(root, url))
    for child in channel:
        parts = _split(child.tag)
        if parts is None:
            continue
        if parts[0] == "" and parts[1] not in _RSS_CHANNEL:
            raise _Unsure
        _head_ok(child, *parts)
    title, site = _channel_info(channel, base)
    entries = [_rss_item(item, base, False) for item in channel.iterchildren("item")]
    return _feed_of(title, site, entries)


def _fast_rdf(root: Any, url: str) -> ParsedFeed:
    channel = root.find(f"{{{_RSS10}}}channel")
    if channel is None:
        raise _Unsure
    base = _base(root, url)
    for child in channel:
        parts = _split(child.tag)
        if parts is not None:
            _head_ok(child, *parts)
    title, site = _channel_info(channel, base, _RSS10)
    entries = [_rss_item(item, base, True) for item in root.iterchildren(f"{{{_RSS10}}}item")]
    return _feed_of(title, site, entries)


def _atom_text(elem: Any) -> tuple[str, bool]:
    """(value, is html) of an Atom text construct; xhtml and out-of-line content go to feedparser."""
    kind = (elem.get("type") or "text").lower()
    if kind not in ("text", "html", "text/plain", "text/html") or elem.get("src") is not None:
        raise _Unsure  # xhtml, base64 media types, out-of-line content
    return _plain(elem), kind in ("html", "text/html")


def _fast_atom(root: Any, url: str) -> ParsedFeed:
    a = f"{{{_ATOM}}}"
    base = _base(root, url)
    for child in root:
        parts = _split(child.tag)
        if parts is None:
            continue
        ns, name = parts
        if ns == "" or (ns == _ATOM and name not in _ATOM_FEED):
            raise _Unsure
        if ns != _ATOM:
            _head_ok(child, ns, name)
    title_el = root.find(a + "title")
    title = _title(*_atom_text(title_el)) if title_el is not None else ""
    feed_id = root.find(a + "id")
    site = _atom_link(root, base) or (_plain(feed_id) or None if feed_id is not None else None)
    entries = []
    for entry in root.iterchildren(a + "entry"):
        ebase = _base(entry, base)
        guid = link = None
        etitle = ""
        authors: list[str] = []
        published = updated = None
        content = summary = ""
        seen: set[str] = set()
        for child in entry:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            ns, _, name = tag[1:].partition("}") if tag[0] == "{" else ("", "", tag)
            if ns == _ATOM:
                if name not in _ATOM_ENTRY:
                    raise _Unsure
                if name in seen and name not in ("link", "author", "contributor", "category"):
                    raise _Unsure
                seen.add(name)
                if name == "id":
                    guid = _plain(child)
                elif name == "title":
                    etitle = _title(*_atom_text(child))
                elif name == "updated":
                    updated = _date(_plain(child))
                elif name == "published":
                    published = _date(_plain(child))
                elif name == "author":
                    who = child.find(a + "name")
                    mail = child.find(a + "email")
                    authors.append(_plain(who) or _plain(mail))
                elif name == "content":
                    content = _atom_text(child)[0]
                elif name == "summary":
                    summary = _atom_text(child)[0]
                elif name != "link":
                    _inert(child)
            elif ns == _MEDIA:
                _media_ok(child)
            elif ns in _INERT_NS:
                _inert(child)
            else:
                raise _Unsure
        link = _atom_link(entry, ebase) or guid  # an id stands in for a missing link, as in feedparser
        body = content if len(content) >= len(summary) else summary
        entries.append(_make_entry(guid, link, etitle, authors, published, updated, body, ebase))
    return _feed_of(title or None, site, entries)


def _atom_link(parent: Any, base: str) -> str | None:
    """The first alternate HTML link, as feedparser picks it."""
    for link in parent.iterchildren(f"{{{_ATOM}}}link"):
        rel = link.get("rel") or "alternate"
        kind = (link.get("type") or "text/html").lower()
        href = link.get("href")
        if href is None:
            raise _Unsure
        if rel == "alternate" and kind in ("text/html", "application/xhtml+xml"):
            return urljoin(_base(link, base), href.strip())
    return None


def _feed_of(title: str | None, site: str | None, entries: list[ParsedEntry]) -> ParsedFeed:
    seen: set[str] = set()
    unique = []
    for e in entries:
        if e.key not in seen:
            seen.add(e.key)
            unique.append(e)
    return ParsedFeed(title=title or None, site_url=site, entries=tuple(unique))


def _feedparser():
    import feedparser
    from feedparser.mixin import _FeedParserMixin

    # A guid is an identity, not a link: resolving "1234" against the feed URL would make every
    # article look new once the feed moves (a permanent redirect changes the base).
    _FeedParserMixin.can_be_relative_uri.discard("id")
    import feedparser.encodings as encodings

    if getattr(encodings, "chardet", None) is not None and not isinstance(encodings.chardet, _BoundedChardet):
        encodings.chardet = _BoundedChardet(encodings.chardet)
    return feedparser


class _BoundedChardet:
    """chardet on the first 16 KiB only: on a 10 MiB body of garbage it would run for a minute."""

    def __init__(self, chardet: Any) -> None:
        self._chardet = chardet

    def detect(self, data: bytes) -> dict:
        return self._chardet.detect(data[:16384])


def parse_feed(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse a feed document fetched from url; raise NotAFeed with a one-line reason if it is not one.

    headers: the response headers that matter (content-type gives the charset).
    """
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    fast = _fast_parse(body, url, response_headers)
    if fast is not None:
        return fast
    feedparser = _feedparser()
    response_headers["content-location"] = url
    response_headers.setdefault("content-type", "application/xml")
    d = feedparser.parse(
        defuse_entities(body),
        response_headers=response_headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = d.get("entries") or []
    if not entries and not d.get("version"):
        raise NotAFeed(_reason(d, body))
    f = d.get("feed") or {}
    seen: set[str] = set()
    parsed: list[ParsedEntry] = []
    for e in entries:
        entry = _entry(e, url)
        if entry.key in seen:  # the same item twice in one document: the first one wins
            continue
        seen.add(entry.key)
        parsed.append(entry)
    title = _text(f.get("title_detail"), f.get("title")) or None
    return ParsedFeed(title=title, site_url=(f.get("link") or "").strip() or None, entries=tuple(parsed))


def parse_outcome(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed | str:
    """parse_feed for a worker process: the feed, or the one-line reason it is not one."""
    try:
        return parse_feed(body, url, headers)
    except NotAFeed as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one hostile feed must not end the refresh
        return one_line(f"not a feed: parser failed: {type(exc).__name__}: {exc}")[:200]


def parse_worker_init(parent_pid: int) -> None:
    """Run in each parse worker process: end it once the refresh that started it is gone.

    A worker waits on its task queue forever, and a refresh killed with -9 never closes that queue,
    so without this every kill would leave workers (and their forkserver) behind.
    """
    import os
    import threading

    def watch() -> None:
        import time

        while True:
            time.sleep(0.5)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid was reused by someone else's process: ours is gone
                os._exit(0)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()
