"""Feed discovery against loopback pages: one feed named, several, none, the usual paths, a feed itself."""

from __future__ import annotations

import pytest

from newsreader.config import Config
from newsreader.engine import Engine, EngineError
from newsreader.models import DiscoveredFeed
from tests.conftest import run_cli, write_config


def rss(title: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>http://127.0.0.1/</link>
<item><title>Ferry timetable changes</title><link>http://127.0.0.1/1</link><guid>g-1</guid>
<description>From Monday.</description></item>
</channel></rss>"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Side</title><id>urn:x</id>
<updated>2026-01-01T00:00:00Z</updated>
<entry><title>One</title><id>urn:x:1</id><updated>2026-01-01T00:00:00Z</updated></entry></feed>"""


def page(*links: str) -> str:
    head = "".join(links)
    return f"<!doctype html><html><head><title>The Loop</title>{head}</head><body><p>News.</p></body></html>"


def alternate(href: str, kind: str = "application/rss+xml", title: str | None = None) -> str:
    named = f' title="{title}"' if title else ""
    return f'<link rel="alternate" type="{kind}" href="{href}"{named}>'


@pytest.fixture
def quiet(home):
    write_config(home, "full_text = 'never'\n[fetch]\ntimeout = 3\nconnect_timeout = 2\n")
    return home


@pytest.fixture
def engine(home):
    with Engine.open(Config()) as e:
        yield e


def feeds_of(home) -> list[str]:
    out = run_cli("feeds", home=home)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


# The engine


def test_discover_finds_the_feed_a_page_names_by_relative_address(server, engine):
    server.route("/news/feed.xml", rss("The Loop Gazette"))
    url = server.route("/news/", page(alternate("feed.xml", title="Gazette &amp; more")))
    assert engine.discover(url) == [DiscoveredFeed(server.url("/news/feed.xml"), "Gazette & more", "rss")]


def test_discover_lists_every_feed_named_in_page_order_once(server, engine):
    url = server.route(
        "/",
        page(
            alternate("/a.xml", title="Articles"),
            alternate("/c.atom", "application/atom+xml", "Comments"),
            alternate("/a.xml#again", title="Articles again"),
            '<link rel="stylesheet" type="text/css" href="/s.css">',
            alternate("/j.json", "application/feed+json"),  # a JSON feed is not one this reader parses
        ),
    )
    found = engine.discover(url)
    assert [(f.url, f.type) for f in found] == [
        (server.url("/a.xml"), "rss"),
        (server.url("/c.atom"), "atom"),
    ]
    assert server.hits("/a.xml") == []  # named by the page: not fetched until subscribed


def test_discover_tries_the_usual_paths_when_the_page_names_none(server, engine):
    url = server.route("/about", page())
    server.route("/rss", rss("The Loop Gazette"))
    server.route("/rss.xml", rss("The Loop Gazette"))  # the same document again: listed once
    server.route("/atom.xml", ATOM)
    server.route("/index.xml", "<html><body>not a feed</body></html>")
    found = engine.discover(url)
    assert found == [
        DiscoveredFeed(server.url("/rss"), "The Loop Gazette", "rss"),
        DiscoveredFeed(server.url("/atom.xml"), "Atom Side", "atom"),
    ]


def test_discover_finds_nothing_on_a_page_without_feeds(server, engine):
    url = server.route("/plain.html", page())
    assert engine.discover(url) == []


def test_a_page_that_is_a_feed_is_found_as_itself(server, engine):
    url = server.route("/feed.atom", ATOM, headers={"Content-Type": "application/atom+xml"})
    assert engine.discover(url) == [DiscoveredFeed(url, "Atom Side", "atom")]
    assert len(server.requests) == 1  # no usual path tried


def test_discover_says_why_a_page_cannot_be_fetched(server, engine):
    missing = server.url("/gone")
    with pytest.raises(EngineError, match=r"HTTP 404"):
        engine.discover(missing)
    with pytest.raises(EngineError, match="not a feed address"):
        engine.discover("ftp://example.org/")


def test_discover_refuses_offline(home, server):
    url = server.route("/", page(alternate("/a.xml")))
    with Engine.open(Config(), offline=True) as offline, pytest.raises(EngineError, match="offline"):
        offline.discover(url)
    assert server.requests == []


# The command line


def test_add_a_page_subscribes_to_the_feed_it_names_and_says_which(server, quiet):
    feed = server.route("/feed.xml", rss("The Loop Gazette"))
    url = server.route("/", page(alternate("/feed.xml", title="Gazette")))
    p = run_cli("add", url, "--tag", "local", home=quiet)
    assert p.returncode == 0, p.stderr
    assert p.stdout == f"found at {url}: {feed} (Gazette)\nadded: {feed}\n"
    (line,) = feeds_of(quiet)
    assert f"<{feed}>" in line and "[local]" in line


def test_add_a_page_naming_several_lists_them_and_subscribes_to_none(server, quiet):
    one = server.route("/a.xml", rss("Articles"))
    two = server.route("/c.xml", rss("Comments"))
    url = server.route("/", page(alternate("/a.xml", title="Articles"), alternate("/c.xml")))
    p = run_cli("add", url, home=quiet)
    assert p.returncode == 1
    assert p.stdout.splitlines() == [f"  {one}  (rss: Articles)", f"  {two}  (rss)"]
    assert (
        p.stderr == f"newsreader: 2 feeds found at {url}: add one of them by its address, or all with --all\n"
    )
    assert feeds_of(quiet) == []

    p = run_cli("add", "--all", url, home=quiet)
    assert p.returncode == 0, p.stderr
    assert f"added: {one}" in p.stdout.splitlines() and f"added: {two}" in p.stdout.splitlines()
    assert len(feeds_of(quiet)) == 2


def test_add_a_page_without_feeds_says_so_in_one_line(server, quiet):
    url = server.route("/plain.html", page())
    p = run_cli("add", url, home=quiet)
    assert p.returncode == 1 and p.stdout == ""
    assert (
        p.stderr
        == f"newsreader: not added: {url}: no feed found (the page names none, and no usual address is one)\n"
    )
    assert feeds_of(quiet) == []


def test_add_a_feed_is_as_before_fetched_once(server, quiet):
    url = server.route("/feed.xml", rss("The Loop Gazette"))
    p = run_cli("add", url, home=quiet)
    assert p.returncode == 0 and p.stdout == f"added: {url}\n"
    assert len(server.hits("/feed.xml")) == 1
    again = run_cli("add", url, home=quiet)
    assert again.stdout == f"already subscribed: {url}\n" and len(server.hits("/feed.xml")) == 1


def test_add_a_named_feed_that_is_not_one_is_refused(server, quiet):
    url = server.route("/", page(alternate("/broken.xml")))
    server.route("/broken.xml", "<html>no</html>")
    p = run_cli("add", url, home=quiet)
    assert p.returncode == 1 and p.stderr.startswith(f"newsreader: not added: {server.url('/broken.xml')}: ")
    assert feeds_of(quiet) == []
