"""The commands as a user runs them: against a loopback feed server and a real store, by exit code and output."""

from __future__ import annotations

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.engine import Engine
from newsreader.store import Store
from tests.conftest import run_cli, write_config

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Loop Gazette</title><link>http://127.0.0.1/</link>
<item><title>Harbour bridge reopens</title><link>http://127.0.0.1/1</link><guid>g-1</guid>
<description>The bridge reopened on Monday.</description></item>
<item><title>Library opens Sundays</title><link>http://127.0.0.1/2</link><guid>g-2</guid>
<description>From January.</description></item>
</channel></rss>"""


@pytest.fixture
def quiet(home):
    """Feeds only, no page fetching, short timeouts: the commands' own behaviour is what is tested."""
    write_config(home, "full_text = 'never'\n[fetch]\ntimeout = 3\nconnect_timeout = 2\n")
    return home


def feed_lines(home) -> list[str]:
    out = run_cli("feeds", home=home)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def one_error_line(p, *, code: int = 1) -> str:
    assert p.returncode == code, (p.stdout, p.stderr)
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, p.stderr
    return p.stderr


# Exit codes (issue 7, item 10)


def test_refresh_exits_0_when_every_feed_updated_and_3_when_one_failed(server, quiet):
    good = server.route("/feed.xml", FEED)
    assert run_cli("add", good, home=quiet).returncode == 0
    ok = run_cli("refresh", home=quiet)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("2 new articles, 0 unchanged feeds, 0 failed")
    server.route("/feed.xml", b"gone", status=500)
    failed = run_cli("refresh", home=quiet)
    assert failed.returncode == 3
    assert failed.stdout.splitlines() == [
        "0 new articles, 0 unchanged feeds, 1 failed:",
        f"  {good}: HTTP 500",
    ]


def test_refresh_clean_runs_the_cleaning_stage_after_storing(server, quiet):
    assert run_cli("add", server.route("/feed.xml", FEED), home=quiet).returncode == 0
    p = run_cli("refresh", "--clean", home=quiet)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[-1] == "cleaned 2 articles"
    with Engine.open(Config()) as engine:
        ids = [r.id for r in engine.articles()]
        assert len(ids) == 2 and engine.uncleaned_of(ids) == []
    again = run_cli("refresh", "--clean", home=quiet)
    assert again.stdout.splitlines()[-1] == "cleaned 0 articles"


def test_search_with_no_match_says_so_and_exits_1(server, quiet):
    assert run_cli("add", server.route("/feed.xml", FEED), home=quiet).returncode == 0
    assert run_cli("refresh", home=quiet).returncode == 0
    found = run_cli("search", "bridge", home=quiet)
    assert found.returncode == 0 and "Harbour bridge reopens" in found.stdout
    none = run_cli("search", "zeppelin", home=quiet)
    assert one_error_line(none) == "newsreader: no articles match zeppelin\n"
    assert none.stdout == ""
    as_json = run_cli("search", "zeppelin", "--json", home=quiet)
    assert as_json.returncode == 1 and as_json.stdout.strip() == "[]"


# One address form everywhere, and add checks what it adds (item 14)


def test_the_short_form_add_accepted_works_in_every_command(server, quiet):
    url = server.route("/feed.xml", FEED)
    short = url.removeprefix("http://")
    added = run_cli("add", short, home=quiet)
    assert added.returncode == 0 and added.stdout == f"added: {url}\n"
    assert run_cli("add", url, home=quiet).stdout == f"already subscribed: {url}\n"
    refreshed = run_cli("refresh", short, home=quiet)
    assert refreshed.returncode == 0 and refreshed.stdout.startswith("2 new articles")
    listed = run_cli("list", "--feed", short, home=quiet)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2
    marked = run_cli("mark-read", "--feed", short, home=quiet)
    assert marked.returncode == 0 and marked.stdout == "marked 2 articles read\n"
    assert run_cli("list", "--unread", home=quiet).stdout == ""
    removed = run_cli("remove", short, home=quiet)
    assert removed.returncode == 0 and removed.stdout == f"removed: {url}\n"
    assert feed_lines(quiet) == []


def test_add_refuses_what_is_not_a_feed_and_stores_nothing(server, quiet):
    page = server.route("/page.html", b"<!doctype html><html><body><p>hello</p></body></html>")
    missing = server.route("/missing.xml", b"no", status=404)
    for url in (page, missing):
        p = run_cli("add", url, home=quiet)
        line = one_error_line(p)
        assert line.startswith(f"newsreader: not added: {url}: "), line
    assert "HTTP 404" in run_cli("add", missing, home=quiet).stderr
    assert feed_lines(quiet) == []


def test_add_no_check_and_offline_store_without_fetching(server, quiet):
    one = server.route("/one.xml", FEED)
    two = server.route("/two.xml", FEED)
    unchecked = run_cli("add", "--no-check", one, home=quiet)
    assert unchecked.returncode == 0 and unchecked.stdout == f"added: {one}\n"
    offline = run_cli("add", two, "--offline", home=quiet)
    assert offline.returncode == 0 and offline.stdout == f"added (not checked: offline): {two}\n"
    assert server.requests == []
    assert len(feed_lines(quiet)) == 2


def test_add_goes_on_past_a_bad_address_and_exits_1(server, quiet):
    good = server.route("/feed.xml", FEED)
    p = run_cli("add", "ftp://nowhere/x", good, home=quiet)
    assert one_error_line(p) == "newsreader: not a feed address: ftp://nowhere/x\n"
    assert p.stdout == f"added: {good}\n"


# remove, extract, plurals (item 15)


def test_remove_keeps_a_feed_with_starred_articles_unless_forced(server, quiet):
    url = server.route("/feed.xml", FEED)
    assert run_cli("add", url, home=quiet).returncode == 0
    assert run_cli("refresh", home=quiet).returncode == 0
    with Engine.open(Config()) as engine:
        engine.set_starred(engine.articles()[0].id, True)
    refused = run_cli("remove", url, home=quiet)
    assert (
        one_error_line(refused)
        == f"newsreader: {url} has 1 starred article: add --force to remove them too\n"
    )
    assert "* " in run_cli("list", "--starred", home=quiet).stdout
    forced = run_cli("remove", url, "--force", home=quiet)
    assert forced.returncode == 0 and forced.stdout == f"removed: {url}\n"
    assert feed_lines(quiet) == []


def test_extract_of_a_feed_says_it_is_a_feed(server, quiet, tmp_path):
    url = server.route("/feed.xml", FEED, headers={"Content-Type": "application/rss+xml"})
    p = run_cli("extract", url, home=quiet)
    assert one_error_line(p) == (
        f"newsreader: {url} is a feed, not a page: subscribe with `newsreader add {url}`\n"
    )
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0"?>\n<!-- saved -->\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>'
    )
    p = run_cli("extract", str(atom), "--json", home=quiet)
    assert "is a feed, not a page" in one_error_line(p) and p.stdout == ""


def test_counts_are_plural_only_when_they_should_be(tmp_path, quiet):
    one = tmp_path / "one.urls"
    one.write_text("http://127.0.0.1:9/a.xml\n")
    assert run_cli("import", str(one), home=quiet).stdout == f"imported 1 feed (1 new) from {one}\n"
    two = tmp_path / "two.urls"
    two.write_text("http://127.0.0.1:9/a.xml\nhttp://127.0.0.1:9/b.xml\n")
    assert run_cli("import", str(two), home=quiet).stdout == f"imported 2 feeds (1 new) from {two}\n"
    assert run_cli("mark-read", "--all", home=quiet).stdout == "marked 0 articles read\n"


# --help and global options (item 22)


def test_help_names_the_real_config_file(quiet):
    p = run_cli("--help", home=quiet)
    assert p.returncode == 0
    assert str(quiet / "config" / "config.toml") in "".join(p.stdout.split())  # however it wraps
    assert "None" not in p.stdout


def test_global_options_after_the_command(server, quiet, tmp_path):
    url = server.route("/feed.xml", FEED)
    assert run_cli("add", url, home=quiet).returncode == 0
    p = run_cli("refresh", "--offline", home=quiet)
    assert one_error_line(p) == "newsreader: --offline: refusing to fetch\n"
    assert len(server.hits("/feed.xml")) == 1  # the check of add, nothing since
    other = tmp_path / "other.toml"
    other.write_text("full_text = 'sometimes'\n")
    bad = run_cli("refresh", "--config", str(other), home=quiet)  # feeds would go on: it only reads
    assert one_error_line(bad).startswith("newsreader: ") and "full_text" in bad.stderr
    assert run_cli("feeds", "--offline", home=quiet).returncode == 0


# User titles (item 13): the store keeps them (engineer "store"); these pass once both branches meet.

_needs_user_titles = pytest.mark.xfail(
    not hasattr(Store, "set_feed_title"),
    reason="Store.set_feed_title comes with the store branch",
    strict=True,
)


@_needs_user_titles
def test_rename_wins_over_the_feeds_own_title_and_clear_goes_back(server, quiet):
    url = server.route("/feed.xml", FEED)
    assert run_cli("add", url, home=quiet).returncode == 0
    renamed = run_cli("rename", url, "Harbour news", home=quiet)
    assert renamed.returncode == 0, renamed.stderr
    assert run_cli("refresh", home=quiet).returncode == 0
    assert "Harbour news" in feed_lines(quiet)[0]
    cleared = run_cli("rename", url, "--clear", home=quiet)
    assert cleared.returncode == 0, cleared.stderr
    assert "The Loop Gazette" in feed_lines(quiet)[0]


@_needs_user_titles
def test_imported_titles_survive_a_refresh(server, quiet, tmp_path):
    url = server.route("/feed.xml", FEED)
    urls = tmp_path / "urls"
    urls.write_text(f'{url} "~My harbour"\n')
    assert run_cli("import", str(urls), home=quiet).returncode == 0
    assert run_cli("refresh", home=quiet).returncode == 0
    assert "My harbour" in feed_lines(quiet)[0]


def test_rename_needs_a_title_or_clear(server, quiet):
    url = server.route("/feed.xml", FEED)
    assert run_cli("add", url, home=quiet).returncode == 0
    for args in (("rename", url), ("rename", url, "T", "--clear")):
        p = run_cli(*args, home=quiet)
        assert p.returncode == 2 and "usage:" in p.stderr
    unknown = run_cli("rename", "http://127.0.0.1:9/nope.xml", "T", home=quiet)
    assert one_error_line(unknown) == "newsreader: not subscribed to http://127.0.0.1:9/nope.xml\n"


def test_store_file_is_where_help_says_data_lives(quiet):
    assert locations.store_file().is_relative_to(quiet)
