"""End to end in a real terminal: news refreshed and cleaned by the program's own commands, then read, its
second link followed by its number and back, and the article's author opened with B."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LoopbackServer, run_cli
from tests.people_news import news_sites
from tests.test_ui_tmux import TMUX, Terminal, installed_newsreader, text_browser_env

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def refreshed_news(server: LoopbackServer, home: Path) -> None:
    """Subscribe to the two loopback outlets, then refresh and clean as a user would."""
    assert run_cli("add", *news_sites(server), home=home).returncode == 0
    p = run_cli("refresh", "--clean", home=home)
    assert p.returncode == 0, (p.stdout, p.stderr)


def open_first_article(term: Terminal) -> None:
    """Ridgeline Report's newest article: Ruth Sato's, with a SecureDrop link in its tip line."""
    term.wait_for("Ridgeline Report", "Harbor Herald")
    term.keys("Enter")
    term.wait_for("School board delays the new calendar")
    term.keys("Enter")
    term.wait_for("The council met on Tuesday evening", "Ruth Sato")


def follow_the_second_link(term: Terminal, visited: Path) -> None:
    """2 opens the body's link [2] in the browser ($BROWSER, a terminal one here); leaving it comes back."""
    term.wait_for("plan[1]")  # [2] is further down: its number works from anywhere
    term.keys("2")
    term.wait_for("TEXT BROWSER AT http://127.0.0.1", "vendors.html")
    term.keys("Enter")
    term.wait_for("The council met on Tuesday evening", "plan[1]")
    assert visited.read_text().strip().endswith("/vendors.html")


def author_with_b(term: Terminal) -> None:
    """B: the author's page, their articles and contact lines, each with the article it came from."""
    term.keys("B")
    screen = term.wait_for("Ruth Sato  person at ridgeline.example", "1 article in Ridgeline Report")
    assert "https://ridgeline.example/securedrop" in screen
    assert "from: School board delays" in screen
    assert "Russ Read" in screen  # the directory lists everyone, the author under the cursor


def read_from_the_authors_view(term: Terminal) -> None:
    """enter opens the author's article in the reading screen again."""
    term.keys("Enter")
    term.wait_for("The council met on Tuesday evening", "Ridgeline Report")


def test_open_an_article_follow_its_second_link_come_back_and_open_its_author(tmp_path, server):
    home = tmp_path / "home"
    refreshed_news(server, home)
    env, visited = text_browser_env(tmp_path, home)
    env["TZ"] = "UTC"
    term = Terminal([installed_newsreader()], env)
    try:
        term.tmux("resize-window", "-t", "t", "-x", "140", "-y", "40")
        open_first_article(term)
        follow_the_second_link(term, visited)
        author_with_b(term)
        read_from_the_authors_view(term)
        term.keys("q")
        assert term.ended(timeout=10), "q did not quit"
    finally:
        term.close()
