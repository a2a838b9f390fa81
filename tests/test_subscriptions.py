"""Subscribing: add, remove, OPML and newsboat urls files, as a user does it from the shell."""

from __future__ import annotations

from lxml import etree

from tests.conftest import run_cli

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
