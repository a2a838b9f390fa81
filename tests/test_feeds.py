"""parse_feed: the lxml fast path agrees with feedparser, and hostile documents stay cheap."""

from __future__ import annotations

import os
import re
import tracemalloc
from pathlib import Path

import pytest

from newsreader.feeds import NotAFeed, parse_feed
from newsreader.feeds.adapter import parse_with_feedparser
from newsreader.feeds.fast import Malformed, read_fast

CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")

LOL = b'<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"")) * 10)
    for i in range(1, 10)
)


def slow_path(body: bytes, url: str) -> object:
    """What feedparser alone makes of body (the fast reader not asked)."""
    try:
        return parse_with_feedparser(body, url, {})
    except NotAFeed as exc:
        return str(exc)


def fast_path(body: bytes, url: str, headers: dict[str, str]) -> object:
    """What the fast reader makes of body: None when it leaves the document to feedparser."""
    try:
        return read_fast(body, url, headers)
    except Malformed:
        return None


def test_fast_path_agrees_with_feedparser_on_its_own_test_feeds(peers: Path):
    feeds_dir = peers / "feedparser-tests"
    taken, differ = 0, []
    for path in sorted(feeds_dir.rglob("*.xml")):
        body = path.read_bytes()
        url = f"http://127.0.0.1:8000/{path.relative_to(feeds_dir)}"
        fast = fast_path(body, url, {})
        if fast is None:
            continue
        taken += 1
        if fast != slow_path(body, url):
            differ.append(path.name)
    assert taken > 600  # the common, well-formed cases do take the fast path
    assert differ == []


def test_an_ordinary_rss_feed_takes_the_fast_path():
    items = "".join(
        f"<item><title>T{i}</title><link>http://e.com/{i}</link><guid isPermaLink='false'>id{i}</guid>"
        f"<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><dc:creator>Ann</dc:creator>"
        f"<description>&lt;p&gt;Body {i}&lt;/p&gt;</description><category>x</category></item>"
        for i in range(3)
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>F</title><link>http://e.com/</link>'
        f'<atom:link href="http://e.com/feed" rel="self"/>{items}</channel></rss>'
    ).encode()
    fast = fast_path(body, "http://e.com/feed", {"content-type": "application/rss+xml; charset=utf-8"})
    assert fast is not None and fast == slow_path(body, "http://e.com/feed")
    assert [e.key for e in fast.entries] == ["id0", "id1", "id2"]
    assert fast.entries[0].authors == ("Ann",) and fast.entries[0].content_html == "<p>Body 0</p>"


def test_billion_laughs_is_defused_on_one_line_and_on_many():
    for sep in (b"", b"\n"):
        bomb = (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz ['
            + sep
            + LOL.replace(b"><", b">" + sep + b"<")
            + sep
            + b"]>\n"
            b'<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9; &lol;</title>'
            b"<description>&lol9;</description></item></channel></rss>"
        )
        tracemalloc.start()
        parsed = parse_feed(bomb, "http://x/feed")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 20 * 1024 * 1024
        (entry,) = parsed.entries
        assert len(entry.title) < 100 and len(entry.content_html) < 100


def test_quadratic_blowup_is_defused():
    big = b"x" * 100_000
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "'
        + big
        + b'">]><rss version="2.0"><channel><title>t</title>'
        b"<item><title>i</title><description>" + b"&a;" * 50_000 + b"</description></item></channel></rss>"
    )
    parsed = parse_feed(body, "http://x/feed")
    assert len(parsed.entries[0].content_html) < 1_000_000


def test_garbage_bytes_are_not_a_feed_quickly():
    with pytest.raises(NotAFeed, match=r"^not a feed: "):
        parse_feed(os.urandom(2 * 1024 * 1024), "http://x/feed")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "not a feed: empty document"),
        (b"<!doctype html><html><body><p>hello</p></body></html>", "not a feed: an HTML page"),
        (b"<?xml version='1.0'?><foo><bar/></foo>", "not a feed: no RSS, Atom or RDF document found"),
    ],
)
def test_not_a_feed_reasons_are_one_line(body, reason):
    with pytest.raises(NotAFeed) as exc:
        parse_feed(body, "http://x/feed")
    assert str(exc.value) == reason


def test_escape_sequences_never_reach_titles_or_authors():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Evil\x1b]0;pwned\x07 feed</title>'
        b"<item><title>Hi \x1b[31mred\x1b[0m there&#x9b;2J</title><author>\x1b[2Jx@y.com (Mal\x1b[5m)</author>"
        b"<guid>1</guid></item></channel></rss>"
    )
    for parsed in (parse_feed(body, "http://x/"), slow_path(body, "http://x/")):
        assert parsed.title == "Evil feed"
        title = parsed.entries[0].title
        assert title.startswith("Hi red there") and not CONTROLS.search(title)  # a C1 CSI is gone or repaired
        assert parsed.entries[0].authors and not any(CONTROLS.search(a) for a in parsed.entries[0].authors)


RSS_HEAD = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'


def refused(body: bytes) -> str:
    """The one-line reason parse_feed gives, with the memory it took on the way."""
    tracemalloc.start()
    with pytest.raises(NotAFeed) as exc:
        parse_feed(body, "http://x/feed")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < len(body) + 4 * 1024 * 1024  # refused before any parser built anything
    return str(exc.value)


def test_a_nesting_bomb_is_refused_before_any_parser_sees_it():
    # 8.8 kB of gzip on the wire: 3,000,000 nested elements (133 s and 2.4 GB in a refresh before).
    assert refused(RSS_HEAD + b"<a>" * 3_000_000) == "not a feed: more than 300,000 elements"
    assert refused(RSS_HEAD + b"<a>" * 5_000) == "not a feed: elements nested more than 200 deep"
    assert refused(RSS_HEAD + b"<x" + b"".join(b' a%d="1"' % i for i in range(5_000)) + b"/>") == (
        "not a feed: an element with more than 200 attributes"
    )
    flat = b"<item><title>t</title></item>" * 160_000  # 320,000 elements side by side
    assert refused(RSS_HEAD + flat + b"</channel></rss>") == "not a feed: more than 300,000 elements"


def test_markup_that_is_not_elements_does_not_count_against_the_bounds():
    deep_html = "<div>" * 500 + "deep" + "</div>" * 500
    loose = "".join(
        f"<item><title>i{i}</title><description>a<br>b<br>c<img src=x></description></item>"
        for i in range(300)
    )
    body = (
        RSS_HEAD.decode()
        + f"<item><title>cdata</title><guid>c</guid><description><![CDATA[{deep_html}]]></description></item>"
        + f"<!-- {'<b>' * 1000} -->"
        + loose
        + "</channel></rss>"
    ).encode()
    parsed = parse_feed(body, "http://x/feed")
    assert parsed.entries[0].title == "cdata" and "deep" in parsed.entries[0].content_html
    assert len(parsed.entries) == 301


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("jane@newsroom.media (Jane Doe)", "Jane Doe"),
        ("Jane Doe &lt;jane@x.technology&gt;", "Jane Doe"),
        ("jane@x.technology", None),
        ("mailto:jane@x.com", None),
        ("Jane Doe (mailto:jane@x.museum)", "Jane Doe"),
        ("Ann Writer", "Ann Writer"),
        ("Doe (editor)", "Doe (editor)"),
    ],
)
def test_author_fields_give_the_name_never_a_piece_of_the_address(field, name):
    expected = (name,) if name else ()
    for tag in ("author", "dc:creator"):
        body = (
            '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>T</title><item><title>i</title><guid>1</guid><{tag}>{field}</{tag}></item></channel></rss>"
        ).encode()
        assert parse_feed(body, "http://x/").entries[0].authors == expected, (tag, field)
        assert slow_path(body, "http://x/").entries[0].authors == expected, (tag, field)
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>i</title>'
        f"<author><name>{field}</name></author></entry></feed>"
    ).encode()
    assert parse_feed(atom, "http://x/").entries[0].authors == expected
