"""Subscribing: add, remove, OPML and newsboat urls files, as a user does it from the shell."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsreader.models import Feed
from newsreader.subscriptions import normalise_url, parse_opml, parse_urls, to_opml
from newsreader.text import one_line
from tests.conftest import run_cli
from tests.unsafe import UNSAFE

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>mine</title></head>
  <body>
    <outline text="Tech">
      <outline type="rss" text="Loopback Weekly" xmlUrl="http://127.0.0.1:9/weekly.xml"/>
      <outline text="Deep">
        <outline type="rss" text="Kernel" xmlUrl="http://127.0.0.1:9/kernel.xml" category="/linux,os"/>
      </outline>
    </outline>
    <outline type="rss" title="Plain &amp; Simple" text="plain" xmlUrl="http://127.0.0.1:9/plain.xml"/>
  </body>
</opml>
"""


def feeds_of(home) -> list[str]:
    out = run_cli("feeds", home=home)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_add_lists_and_removes_feeds(home):
    out = run_cli(
        "add", "--no-check", "http://127.0.0.1:9/a.xml", "127.0.0.1:9/b.xml", "--tag", "news", home=home
    )
    assert out.returncode == 0, out.stderr
    lines = feeds_of(home)
    assert len(lines) == 2
    assert "<http://127.0.0.1:9/a.xml>" in lines[0] and "[news]" in lines[0]
    assert "<http://127.0.0.1:9/b.xml>" in lines[1]
    again = run_cli("add", "http://127.0.0.1:9/a.xml", home=home)
    assert "already subscribed" in again.stdout
    assert len(feeds_of(home)) == 2

    assert run_cli("remove", "http://127.0.0.1:9/a.xml", home=home).returncode == 0
    assert [line for line in feeds_of(home) if "a.xml" in line] == []
    gone = run_cli("remove", "http://127.0.0.1:9/a.xml", home=home)
    assert gone.returncode == 1
    assert gone.stderr.strip() == "newsreader: not subscribed to http://127.0.0.1:9/a.xml"


def test_add_refuses_what_is_not_an_address(home):
    out = run_cli("add", "ftp://example/x", home=home)
    assert out.returncode == 1
    assert "not a feed address: ftp://example/x" in out.stderr
    assert feeds_of(home) == []


def test_bad_arguments_exit_2_with_usage(home):
    for args in (["frobnicate"], ["add"], ["mark-read"], ["refresh", "--jobs", "many"], ["list", "--bogus"]):
        out = run_cli(*args, home=home)
        assert out.returncode == 2, args
        assert "usage:" in out.stderr, args


def test_every_subcommand_has_help(home):
    for cmd in (
        "add",
        "remove",
        "feeds",
        "import",
        "export",
        "refresh",
        "list",
        "search",
        "mark-read",
        "extract",
    ):
        out = run_cli(cmd, "--help", home=home)
        assert out.returncode == 0, cmd
        assert out.stdout.startswith(f"usage: newsreader {cmd}"), cmd


def test_opml_round_trip_keeps_feeds_titles_and_tags(home, tmp_path):
    src = tmp_path / "in.opml"
    src.write_text(OPML)
    out = run_cli("import", str(src), home=home)
    assert out.returncode == 0, out.stderr
    assert "imported 3 feeds (3 new)" in out.stdout

    exported = run_cli("export", home=home).stdout
    root = etree.fromstring(exported.encode())
    outlines = {o.get("xmlUrl"): o for o in root.iter("outline")}
    assert set(outlines) == {
        "http://127.0.0.1:9/weekly.xml",
        "http://127.0.0.1:9/kernel.xml",
        "http://127.0.0.1:9/plain.xml",
    }
    assert outlines["http://127.0.0.1:9/weekly.xml"].get("title") == "Loopback Weekly"
    assert outlines["http://127.0.0.1:9/plain.xml"].get("title") == "Plain & Simple"
    assert outlines["http://127.0.0.1:9/kernel.xml"].get("category") == "Tech,Deep,linux,os"
    assert outlines["http://127.0.0.1:9/weekly.xml"].get("category") == "Tech"

    # Importing the export into a fresh store gives the same feeds, titles and tags.
    again = tmp_path / "again.opml"
    again.write_text(exported)
    other = tmp_path / "other"
    other.mkdir()
    assert run_cli("import", str(again), home=other).returncode == 0
    assert run_cli("export", home=other).stdout == exported


def test_newsboat_urls_file_imports_with_tags_and_titles(home, tmp_path):
    urls = tmp_path / "urls"
    urls.write_text(
        "# my feeds\n"
        'http://127.0.0.1:9/one.xml tech "long tag" "~Custom Title"\n'
        "\n"
        "http://127.0.0.1:9/two.xml   # trailing comment\n"
        '"query:Unread:unread = \\"yes\\""\n'
        "http://127.0.0.1:9/three.xml news !\n"
    )
    out = run_cli("import", str(urls), home=home)
    assert out.returncode == 0, out.stderr
    assert "imported 3 feeds" in out.stdout
    lines = feeds_of(home)
    assert any("Custom Title [tech, long tag]" in line and "one.xml" in line for line in lines)
    assert any("two.xml" in line and "[" not in line.split("<")[0] for line in lines)
    assert any("[news]" in line and "three.xml" in line for line in lines)


def test_broken_import_files_give_one_line_and_change_nothing(home, tmp_path):
    run_cli("add", "--no-check", "http://127.0.0.1:9/keep.xml", home=home)
    bad = tmp_path / "bad.opml"
    bad.write_text('<?xml version="1.0"?>\n<opml>\n<body>\n<outline xmlUrl="x"\n</body></opml>')
    out = run_cli("import", str(bad), home=home)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and f"{bad}:" in out.stderr and "not valid OPML" in out.stderr
    missing = run_cli("import", str(tmp_path / "nope.opml"), home=home)
    assert missing.returncode == 1 and "No such file" in missing.stderr
    bomb = tmp_path / "bomb.opml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        '<opml><body><outline text="&d;" xmlUrl="http://127.0.0.1:9/bomb.xml"/></body></opml>'
    )
    out = run_cli("import", str(bomb), home=home, timeout=30)
    assert out.returncode in (0, 1)
    assert "Traceback" not in out.stderr
    assert any("keep.xml" in line for line in feeds_of(home))


# Issue 7, items 1, 14 and 15: one address normaliser at the door, honest import and export, and
# nothing from outside reaching the terminal raw.


def test_add_normalises_one_way_and_refuses_what_cannot_be_a_feed(home):
    out = run_cli(
        "add",
        "HTTP://Example.COM/x.xml",
        "http://example.com/x.xml#frag",
        "http://example.com:80/x.xml",
        "feed://example.com/x.xml",
        "--no-check",
        home=home,
    )
    assert out.returncode == 0, out.stderr
    assert (
        out.stdout.splitlines()
        == ["added: http://example.com/x.xml"] + ["already subscribed: http://example.com/x.xml"] * 3
    )
    assert len(feeds_of(home)) == 1
    for bad in ("http//host/x.xml", "javascript:alert(1)", "file:///etc/passwd", "http://h/\x1b]0;T\x07.xml"):
        refused = run_cli("add", "--no-check", bad, home=home)
        assert refused.returncode == 1, bad
        assert refused.stderr.startswith("newsreader: not a feed address: "), bad
        assert refused.stderr.count("\n") == 1 and "\x1b" not in refused.stderr
    assert len(feeds_of(home)) == 1


def test_import_says_what_it_skipped_and_why_and_imports_the_rest(home, tmp_path):
    urls = tmp_path / "urls"
    urls.write_text(
        "http://127.0.0.1:9/one.xml tech !hidden\n"
        '"query:Flagged:flags # \\"s\\""\n'  # newsboat's flags have no equivalent here
        'exec:~/bin/make-feed "~Script"\n'
        "filter:~/bin/f.sh:http://127.0.0.1:9/f.xml\n"
        '"unterminated quote\n'
        "http//127.0.0.1:9/typo.xml\n"
        "http://127.0.0.1:9/\x1b]0;x\x07.xml\n"
        "HTTP://127.0.0.1:9/one.xml more\n"
    )
    out = run_cli("import", str(urls), home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"imported 1 feed (1 new) from {urls}\n"
    skipped = out.stderr.splitlines()
    assert [line.split(": skipped ")[0] for line in skipped] == [
        f"newsreader: {urls}:{n}" for n in (1, 2, 3, 4, 5, 6, 7)
    ]
    assert "!hidden" in skipped[0] and "query" in skipped[1] and "program" in skipped[2]
    assert "program" in skipped[3] and "unreadable line" in skipped[4]
    assert "not an http(s) address" in skipped[5] and "control characters" in skipped[6]
    assert not any(UNSAFE.search(line) for line in skipped)
    assert feeds_of(home) == [
        "    0/0     http://127.0.0.1:9/one.xml [tech, more]  <http://127.0.0.1:9/one.xml>"
    ]

    opml = tmp_path / "bad-addresses.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="ok" xmlUrl="http://127.0.0.1:9/two.xml"/>\n'
        '<outline text="bad" xmlUrl="javascript:alert(1)"/></body></opml>'
    )
    out = run_cli("import", str(opml), home=home)
    assert out.returncode == 0 and "imported 1 feed (1 new)" in out.stdout
    assert out.stderr == f"newsreader: {opml}:2: skipped javascript:alert(1): not an http(s) address\n"


HOSTILE_TITLE = 'T\u202eitle & "q" <x> \u200b\'' + "e" + "\u0301" * 50


def test_export_writes_what_import_reads_back_whatever_the_titles_and_tags(home, tmp_path):
    for url, tag in (("http://127.0.0.1:9/a.xml", "a,b"), ("http://127.0.0.1:9/b.xml", "/x/")):
        assert run_cli("add", "--no-check", url, "--tag", tag, "--tag", "<&\"'>", home=home).returncode == 0
    src = tmp_path / "titles.opml"
    title = (
        HOSTILE_TITLE.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
    src.write_text(
        f'<opml version="2.0"><body><outline title="{title}" text="t" xmlUrl="http://127.0.0.1:9/c.xml"/>'
        f'<outline title="{"long " * 20000}" xmlUrl="http://127.0.0.1:9/d.xml"/></body></opml>'
    )
    assert run_cli("import", str(src), home=home).returncode == 0
    exported = run_cli("export", home=home)
    assert exported.returncode == 0 and exported.stderr == ""
    again = tmp_path / "again.opml"
    again.write_text(exported.stdout)
    other = tmp_path / "other"
    other.mkdir()
    out = run_cli("import", str(again), home=other)
    assert out.returncode == 0 and out.stderr == "" and "imported 4 feeds (4 new)" in out.stdout
    assert run_cli("export", home=other).stdout == exported.stdout
    assert feeds_of(other) == feeds_of(home)
    assert any("[a,b, <&\"'>]" in line for line in feeds_of(other))


def _serve_hostile_feed(server) -> tuple[str, str, str]:
    """A feed full of controls, bidi and combining runs; one that moved (301) to an address with an
    OSC title sequence (refused at the door), and one whose redirect fails after it."""
    hostile_path = "/f\x1b]0;PWNED\x07.xml"
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile \u202eeltit</title>'
        "<item><title>Zalgo " + "o" + "\u0336" * 3000 + " \u2066and \u200bfriends</title>"
        "<link>http://127.0.0.1/x\u202ey</link><guid>g\u200b\u00851</guid></item></channel></rss>"
    )

    def answer(handler) -> None:
        body = feed.encode()
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    # however the client encodes the raw Location, it arrives here
    for path in (hostile_path, "/f%1B]0;PWNED%07.xml", "/f%1B%5D0;PWNED%07.xml"):
        server.route(path, handler=answer)
    moved = server.route("/moved.xml", status=301, headers={"Location": hostile_path})
    broken = server.route("/broken.xml", status=301, headers={"Location": "/gone\x1b]0;PWNED\x07\x9b"})
    return server.route("/hostile.xml", handler=answer), moved, broken


def test_nothing_from_a_hostile_server_reaches_the_terminal_raw(server, home):
    hostile, moved, broken = _serve_hostile_feed(server)
    assert run_cli("add", "--no-check", hostile, moved, broken, home=home).returncode == 0
    refreshed = run_cli("refresh", home=home)
    assert refreshed.returncode in (0, 3)
    outputs = [refreshed]
    for args in (["feeds"], ["list"], ["search", "Zalgo"], ["export"], ["list", "--json"]):
        out = run_cli(*args, home=home)
        assert out.returncode == 0, (args, out.stderr)
        outputs.append(out)
    for out in outputs:
        for text in (out.stdout, out.stderr):
            assert not UNSAFE.search(text), (out.args, text)
            assert "\u0336" * 5 not in text and "Traceback" not in text
    listed = json.loads(outputs[-1].stdout)
    assert listed[0]["link"] == "http://127.0.0.1/x\u202ey" and listed[0]["guid"].startswith("g\u200b")
    assert "Zalgo" in listed[0]["title"]
    # the moved feed's new address was refused at the door, never stored
    assert "redirect refused" in outputs[1].stdout and "PWNED" not in outputs[1].stdout


@settings(max_examples=200, derandomize=True)
@given(st.text(max_size=80))
def test_normalise_url_is_one_way_and_never_lets_controls_in(raw):
    url = normalise_url(raw)
    if url is not None:
        assert normalise_url(url) == url
        assert url.startswith(("http://", "https://")) and "#" not in url
        assert not any(c.isspace() or not c.isprintable() for c in url)


feed_titles = st.one_of(
    st.none(), st.text(max_size=40), st.text(alphabet="&<>\"',/ \x00\x1b\x85\u202e", max_size=10)
)
feed_tags = st.lists(
    st.one_of(st.text(max_size=12), st.text(alphabet=",/&<>\"' \x07", max_size=6)), max_size=4
)


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.tuples(feed_titles, feed_tags), max_size=5))
def test_to_opml_is_read_back_exactly_by_parse_opml(specs):
    feeds = [
        Feed(id=i, url=f"http://127.0.0.1:9/{i}.xml", title=title, site_url=None, tags=tuple(tags))
        for i, (title, tags) in enumerate(specs)
    ]
    once = parse_opml(to_opml(feeds).encode("utf-8"))
    assert [s.url for s in once] == [f.url for f in feeds] and once.skipped == ()
    # What was read back is what the store then holds: exporting that gives the same file.
    again = [Feed(id=i, url=s.url, title=s.title, site_url=None, tags=s.tags) for i, s in enumerate(once)]
    assert parse_opml(to_opml(again).encode("utf-8")) == once
    for f, s in zip(feeds, once, strict=True):
        assert s.title == (one_line(f.title) or None)
        assert s.tags == tuple(dict.fromkeys(t for t in map(one_line, f.tags) if t))


def test_a_huge_urls_line_is_skipped_not_a_hang(home, tmp_path):
    urls = tmp_path / "urls"
    urls.write_text('http://127.0.0.1:9/a.xml "' + "<span>" * 100_000 + "\nhttp://127.0.0.1:9/b.xml\n")
    out = run_cli("import", str(urls), home=home, timeout=60)
    assert out.returncode == 0 and "imported 1 feed (1 new)" in out.stdout
    assert (
        out.stderr.startswith(f"newsreader: {urls}:1: skipped http://127.0.0.1:9/a.xml")
        and "longer than" in out.stderr
    )


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("HTTP://Host.Example/x.xml", "http://host.example/x.xml"),
        ("http://host.example/x.xml#frag", "http://host.example/x.xml"),
        ("http://host.example:80/x.xml", "http://host.example/x.xml"),
        ("https://host.example:443", "https://host.example/"),
        ("https://host.example:8443/x?a=1&b=2", "https://host.example:8443/x?a=1&b=2"),
        ("host.example/x.xml", "http://host.example/x.xml"),
        ("127.0.0.1:9/b.xml", "http://127.0.0.1:9/b.xml"),
        ("localhost:8080/feed", "http://localhost:8080/feed"),
        ("feed://host.example/x.xml", "http://host.example/x.xml"),
        ("feed:https://host.example/x.xml", "https://host.example/x.xml"),
        ("  http://host.example/Case/Kept  ", "http://host.example/Case/Kept"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("http//host.example/x.xml", None),
        ("http:/host.example/x.xml", None),
        ("ftp://host.example/x", None),
        ("javascript:alert(1)", None),
        ("data:text/xml,<rss/>", None),
        ("file:///etc/passwd", None),
        ("http://host.example/a b.xml", None),
        ("http://host.example/\x1b]0;x\x07.xml", None),
        ("http://host.example/\u202ex.xml", None),
        ("http:///x.xml", None),
        ("http://host.example:99999/x", None),
        ("", None),
    ],
)
def test_normalise_url_rules(raw, url):
    assert normalise_url(raw) == url


def test_skip_lines_are_one_clean_line_whatever_the_address():
    skipped = parse_urls("http://127.0.0.1:o" + "\u0336" * 40 + "\n", "urls").skipped
    assert [s.where for s in skipped] == ["urls:1"]
    assert "\u0336" * 5 not in str(skipped[0]) and "invalid address" in str(skipped[0])


def test_a_hash_inside_an_address_is_not_a_comment():
    subs = parse_urls('HTTP://A.example/x#top news "#quoted" # a comment\n', "urls")
    assert [(s.url, s.tags) for s in subs] == [("http://a.example/x", ("news", "#quoted"))]
