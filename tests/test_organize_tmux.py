"""End to end in a real terminal: add a feed by its web page, tag it, and open the tag."""

from __future__ import annotations

import os

from tests.test_ui_tmux import Terminal, installed_newsreader, pytestmark  # noqa: F401
from tests.ui_store import Story, Sub, build_store

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Loop Gazette</title>
<item><title>Night ferry returns</title><guid>n1</guid><link>http://127.0.0.1:9/1</link>
<description>From Friday.</description></item></channel></rss>"""
PAGE = """<!doctype html><html><head><title>The Loop</title>
<link rel="alternate" type="application/rss+xml" title="Loop Gazette" href="/gazette.xml">
</head><body><p>Our news.</p></body></html>"""


def test_add_a_feed_by_its_page_tag_it_and_open_the_tag(tmp_path, server):
    server.route("/gazette.xml", RSS)
    page = server.route("/", PAGE)
    home = tmp_path / "home"
    build_store(
        home / "data" / "newsreader.db", [Sub("https://one.example/f.xml", "Weather Desk", [Story("Fog")])]
    )
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text("full_text = 'never'\n")
    env = {"NEWSREADER_HOME": str(home), "TERM": "xterm-256color", "TZ": "UTC", "PATH": os.environ["PATH"]}
    term = Terminal([installed_newsreader()], env)
    try:
        term.wait_for("Weather Desk")
        term.keys("a")
        term.wait_for("Add a feed")
        term.tmux("send-keys", "-t", "t", "-l", page)
        term.keys("Enter")
        term.wait_for("Loop Gazette", "Night ferry returns")  # found on the page, added, refreshed
        term.keys("T")
        term.wait_for("Tags of Loop Gazette")
        term.tmux("send-keys", "-t", "t", "-l", "harbour")
        term.keys("Enter")
        term.wait_for("▾ harbour", "▾ untagged")
        term.keys("t")
        term.wait_for("Show one tag", "#harbour")
        term.keys("j", "Enter")
        screen = term.wait_for("Feeds: #harbour", "Tag: harbour")
        assert "Night ferry returns" in screen and "Weather Desk" not in screen
        term.keys("q")
        assert term.ended(timeout=10), "q did not quit"
    finally:
        term.close()
