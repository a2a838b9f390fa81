"""The query commands as a user runs them: tag, star, unstar, mark-read --id, list --query, search, import."""

from __future__ import annotations

import json

import pytest

from newsreader import locations
from newsreader.config import Config
from newsreader.engine import Engine, EngineError, QueryError
from tests.conftest import run_cli, write_config
from tests.query_store import feed_url, fill


@pytest.fixture
def ids(home):
    locations.store_file().parent.mkdir(parents=True, exist_ok=True)
    return fill(locations.store_file())


def listed(home, *args: str) -> list[dict]:
    out = run_cli("list", *args, "--json", home=home)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_list_query_json_lists_the_matches_newest_first(home, ids):
    rows = listed(home, "--query", "tag:news unread")
    assert [r["id"] for r in rows] == [ids["ferry"], ids["sponsor"], ids["storm"], ids["budget"]]
    assert listed(home, "--query", "ferry", "--unread", "--feed", feed_url("harbour")) and all(
        not r["read"] for r in listed(home, "--query", "ferry", "--unread")
    )
    assert [r["id"] for r in listed(home, "--query", "tag:news", "--starred")] == [ids["budget"]]
    text = run_cli("list", "--query", "pandas OR budget", home=home)
    assert text.returncode == 0 and text.stdout.count("\n") == 2 and "Pandas arrive" in text.stdout


def test_search_takes_the_language_and_a_bad_query_is_one_line(home, ids):
    out = run_cli("search", "ferry -storm", home=home)
    assert out.returncode == 0 and "Ferry timetable" in out.stdout and "Storm" not in out.stdout
    bad = run_cli("search", 'ferry "leaves', home=home)
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr == 'newsreader: unclosed quote at column 7: ferry >>"leaves\n'
    bad = run_cli("list", "--query", "colour:red", home=home)
    assert bad.returncode == 1 and bad.stderr.startswith("newsreader: unknown term colour: ")


def test_star_unstar_and_mark_read_by_id(home, ids):
    out = run_cli("star", str(ids["ferry"]), str(ids["pandas"]), home=home)
    assert (out.returncode, out.stdout) == (0, "starred 2 articles\n")
    assert {r["id"] for r in listed(home, "--starred")} == {ids["ferry"], ids["pandas"], ids["budget"]}
    out = run_cli("unstar", str(ids["budget"]), home=home)
    assert (out.returncode, out.stdout) == (0, "unstarred 1 article\n")
    out = run_cli("mark-read", "--id", str(ids["ferry"]), "--id", str(ids["storm"]), home=home)
    assert (out.returncode, out.stdout) == (0, "marked 2 articles read\n")
    assert {r["id"] for r in listed(home, "--unread")} == {ids["budget"], ids["sponsor"]}
    assert {r["id"] for r in listed(home, "--starred")} == {ids["ferry"], ids["pandas"]}


def test_an_unknown_id_changes_nothing_and_says_which(home, ids):
    out = run_cli("star", str(ids["ferry"]), "999999", home=home)
    assert (out.returncode, out.stderr) == (1, "newsreader: no article with id 999999\n")
    assert ids["ferry"] not in {r["id"] for r in listed(home, "--starred")}
    assert run_cli("mark-read", "--id", "x", home=home).returncode == 2
    assert run_cli("unstar", home=home).returncode == 2


def test_tag_adds_and_removes_and_tag_queries_follow(home, ids):
    url = feed_url("wire")
    out = run_cli("tag", url, "+wire", "-news", "+World news", home=home)
    assert (out.returncode, out.stdout) == (0, f"{url}: wire, World news\n")
    assert run_cli("tag", url, home=home).stdout == f"{url}: wire, World news\n"
    assert {r["id"] for r in listed(home, "--query", 'tag:"world news"')} == {
        ids["budget"],
        ids["sponsor"],
        ids["market"],
    }
    assert {r["id"] for r in listed(home, "--query", "tag:news")} == {
        ids["ferry"],
        ids["pandas"],
        ids["storm"],
    }
    out = run_cli("tag", url, "plain", home=home)
    assert out.returncode == 2 and "write +TAG to add a tag, -TAG to remove one" in out.stderr
    out = run_cli("tag", "http://127.0.0.1:9/none.xml", "+x", home=home)
    assert out.returncode == 1 and out.stderr == "newsreader: not subscribed to http://127.0.0.1:9/none.xml\n"


def test_engine_tags_and_views(home, ids):
    with Engine.open(Config(views={"Wire": "feed:wire unread"})) as engine:
        assert engine.tags() == [("local", 1), ("news", 2)]
        feed = engine.tag_feed(feed_url("harbour"), add=["Ferries", "news"], remove=["LOCAL"])
        assert feed.tags == ("news", "Ferries")
        saved = engine.save_view("Tips", "has:contacts")
        assert saved.source == "store"
        assert [(v.name, v.query, v.source) for v in engine.views()] == [
            ("Wire", "feed:wire unread", "config"),
            ("Tips", "has:contacts", "store"),
        ]
        with pytest.raises(QueryError):
            engine.save_view("Broken", "(x")
        with pytest.raises(EngineError, match="config.toml"):
            engine.delete_view("Wire")
        engine.delete_view("Tips")
        assert [v.name for v in engine.views()] == ["Wire"]
        with pytest.raises(EngineError, match="no saved view named Tips"):
            engine.delete_view("Tips")


def test_views_in_config_toml_are_checked_with_their_line(home):
    write_config(home, '[views]\n"Tips this week" = "has:contacts age:<7d"\nbroken = "title:"\n')
    out = run_cli("refresh", home=home)
    assert out.returncode == 1
    assert out.stderr == (
        f"newsreader: {home / 'config' / 'config.toml'}:3: [views] broken: title: needs a value at column 7: title:>>\n"
    )


def test_import_turns_newsboat_query_feeds_and_ignore_article_into_views_and_filters(server, home, tmp_path):
    feed = server.route(
        "/feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>'
        "<item><title>Sponsored: kettles</title><guid>a</guid><description>x</description></item>"
        "<item><title>Ferry news</title><guid>b</guid><description>x</description></item>"
        "</channel></rss>",
    )
    newsboat = tmp_path / "newsboat"
    newsboat.mkdir()
    (newsboat / "urls").write_text(
        f"{feed} tech\n"
        '"query:Unread tech:unread = \\"yes\\" and tags # \\"tech\\""\n'
        '"query:Flagged:flags # \\"s\\""\n'
    )
    (newsboat / "config").write_text(
        'browser "firefox %u"\n'
        'ignore-article "*" "title =~ \\"Sponsored\\""\n'
        'ignore-article "*" "title =~ \\"^Ad[0-9]+\\""\n'
    )
    out = run_cli("import", str(newsboat / "urls"), home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        'imported view Unread tech: unread tag:"tech"',
        'imported filter (delete): title:"Sponsored"',
        f"imported 1 feed (1 new) from {newsboat / 'urls'}",
    ]
    assert out.stderr.splitlines() == [
        f'newsreader: {newsboat / "urls"}:3: skipped query feed flags # "s": flags # has no equivalent',
        f'newsreader: {newsboat / "config"}:3: skipped ignore-article title =~ "^Ad[0-9]+": '
        "the pattern 'Ad[0-9]+' is not plain text",
    ]
    assert run_cli("refresh", home=home).stdout.startswith("1 new article")
    assert "Sponsored" not in run_cli("list", home=home).stdout
    with Engine.open(Config()) as engine:
        assert [(v.name, v.query) for v in engine.views()] == [("Unread tech", 'unread tag:"tech"')]
        assert [r.title for r in engine.rows(engine.query_ids(engine.views()[0].query))] == ["Ferry news"]
