"""Peer suite: feedparser's own 2,106 test feeds, served on 127.0.0.1 and refreshed as one subscription list.

Well-formed and ill-formed RSS/Atom/RDF/CDF, entity and encoding cases and hundreds of hostile sanitizer
cases. Each file is served with the headers its leading comment names (`Header: Content-type: ...`), as
feedparser's own test server does. One refresh of all of them must finish in bounded time without a
traceback, list every feed with its articles or a one-line reason, and keep every entry feedparser
itself finds in the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.store import Store
from tests.conftest import run_cli, write_config
from tests.unsafe import CONTROL as _CONTROLS

REFRESH_LIMIT = 120  # seconds for all ~2,100 feeds; about 3.5 s measured on 2 shared cores

_HEADER = re.compile(rb"^Header:\s*([A-Za-z-]+):[ \t]*(.*?)\s*$", re.M)


def _comment_headers(body: bytes) -> dict[str, str]:
    """The `Header:` lines of the file's leading comment, as feedparser's test server sends them."""
    end = body.find(b"-->")
    headers = {}
    for name, value in _HEADER.findall(body[: end if end > 0 else 2000]):
        headers[name.decode("latin-1")] = value.decode("latin-1")
    if not any(k.lower() == "content-type" for k in headers):
        headers["Content-Type"] = "application/xml"
    return headers


def _feedparser_entries(body: bytes, url: str, headers: dict[str, str]) -> list:
    """What feedparser itself makes of the same bytes and headers: the reference count of entries."""
    import feedparser

    response_headers = {k.lower(): v for k, v in headers.items()}
    response_headers.setdefault("content-location", url)
    return feedparser.parse(body, response_headers=response_headers).entries


def _reader_key(entry) -> object | None:
    """What makes an entry one article to a reader: its id, else its link, else its text; None if empty.

    The link is the rel=alternate one where there is one: feedparser 6 takes the last <link> of any rel,
    against its own test's expectation (wellformed/atom10/entry_link_*), and a reader means the page.
    """
    if entry.get("id"):
        return ("id", entry["id"])
    alternate = [
        x.get("href") for x in entry.get("links", ()) if x.get("rel") == "alternate" and x.get("href")
    ]
    link = alternate[0] if alternate else entry.get("link")
    if link:
        return ("link", link)
    text = (entry.get("title"), entry.get("summary"), tuple(c.get("value") for c in entry.get("content", ())))
    return ("text", text) if any(text[:2]) or any(text[2]) else None


def _distinct(entries: list) -> int:
    """Articles a reader should keep of feedparser's entries.

    Legitimate differences from len(entries): entries sharing an id, link or (lacking both) their whole
    text are one article (node_precedence/atom10_title.xml has two identical entries), and an entry
    with no id, link, title or content (namespace/unknown-namespace.xml) has nothing to show.
    """
    return len({k for k in map(_reader_key, entries) if k is not None})


@pytest.fixture
def feeds_dir(peers: Path) -> Path:
    return peers / "feedparser-tests"


@pytest.fixture
def served(server, feeds_dir: Path) -> dict[str, tuple[Path, dict[str, str], bytes]]:
    """Every test feed on the loopback server: URL -> (file, headers sent, body)."""
    # Headers and body leave in two writes; with Nagle on, each keep-alive answer waits ~40 ms for the
    # client's delayed ACK, and 2,100 feeds over the 2 connections a host gets take minutes instead of seconds.
    server.httpd.RequestHandlerClass.disable_nagle_algorithm = True
    files = sorted(p for p in feeds_dir.rglob("*.xml") if p.is_file())
    assert len(files) > 2000, f"expected feedparser's ~2,106 test feeds in {feeds_dir}, found {len(files)}"
    out = {}
    for path in files:
        body = path.read_bytes()
        headers = _comment_headers(body)
        url = server.route("/" + path.relative_to(feeds_dir).as_posix(), body, headers=headers)
        out[url] = (path, headers, body)
    return out


def test_feedparser_suite_refreshes_without_loss(home: Path, served, feeds_dir: Path) -> None:
    opml = home / "peers.opml"
    outlines = "\n".join(f'<outline type="rss" text="f{i}" xmlUrl="{u}"/>' for i, u in enumerate(served))
    opml.write_text(f'<?xml version="1.0"?>\n<opml version="2.0"><head/><body>\n{outlines}\n</body></opml>\n')
    write_config(
        home,
        'full_text = "never"\n'  # feed parsing is under test here, not fetching example.com pages
        "[fetch]\nconnect_timeout = 2\ntimeout = 5\nmax_bytes = 1048576\n",
    )
    r = run_cli("import", str(opml), home=home)
    assert r.returncode == 0, r.stderr

    r = run_cli("refresh", home=home, timeout=REFRESH_LIMIT)  # a hang guard, not a timing claim
    # Exit 3: feedparser's suite holds documents that are not feeds, each with its own line.
    assert r.returncode == 3 and "Traceback" not in r.stderr, (r.stdout[-2000:], r.stderr[-2000:])

    with Store(locations.store_file()) as store:
        feeds = {f.url: f for f in store.feeds()}
        titles = [row.title for row in store.articles()]
    assert set(feeds) == set(served), "every subscribed feed is still listed under its own address"

    listing = run_cli("feeds", home=home)
    assert listing.returncode == 0
    listed = listing.stdout.splitlines()
    assert len(listed) == len(served)
    assert all(f"<{url}>" in listing.stdout for url in served)

    lost: list[str] = []
    unexplained: list[str] = []
    for url, (path, headers, body) in served.items():
        feed = feeds[url]
        name = path.relative_to(feeds_dir).as_posix()
        assert feed.last_fetch is not None, f"{name} was never fetched"
        if feed.last_error is not None:
            reason = feed.last_error
            assert reason.strip() and "\n" not in reason and len(reason) <= 300, f"{name}: {reason!r}"
            assert not _CONTROLS.search(reason), f"{name}: control characters in {reason!r}"
        expected = _feedparser_entries(body, url, headers)
        # Entries sharing a guid (or link) are one article; fewer than that is a lost entry.
        if feed.total < _distinct(expected):
            lost.append(f"{name}: feedparser finds {len(expected)}, stored {feed.total} ({feed.last_error})")
        elif feed.total > len(expected):
            unexplained.append(f"{name}: feedparser finds {len(expected)}, stored {feed.total}")
    assert not lost, f"{len(lost)} feeds lost entries:\n" + "\n".join(lost[:40])
    assert not unexplained, "more articles than feedparser finds entries:\n" + "\n".join(unexplained[:40])

    assert sum(f.total for f in feeds.values()) == len(titles)
    dirty = [t for t in titles if _CONTROLS.search(t)]
    assert not dirty, f"control characters reached stored titles: {dirty[:5]!r}"
