"""End to end: the installed `newsreader` in a real terminal (tmux), read back from capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.ui_store import build_store, standard_subs

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def installed_newsreader() -> str:
    beside = Path(sys.executable).with_name("newsreader")
    found = str(beside) if beside.exists() else shutil.which("newsreader")
    if found is None:
        pytest.skip("the newsreader command is not installed")
    return found


class Terminal:
    """One tmux session on a private server socket, so nothing else of the user's is touched."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"newsreader-test-{uuid.uuid4().hex[:8]}"
        self.env = env
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            f"env {exports} {' '.join(command)}",
        )

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=20, check=True
        )
        return out.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.3)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, *texts: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{texts} not on screen:\n{screen}")

    def ended(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = subprocess.run([TMUX, "-L", self.socket, "has-session", "-t", "t"], capture_output=True)
            if alive.returncode != 0:
                return True
            time.sleep(0.2)
        return False

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True, timeout=20)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)


def test_read_an_article_in_a_real_terminal(tmp_path):
    home = tmp_path / "home"
    build_store(home / "data" / "newsreader.db", standard_subs())
    env = {"NEWSREADER_HOME": str(home), "TERM": "xterm-256color", "TZ": "UTC", "PATH": os.environ["PATH"]}
    term = Terminal([installed_newsreader()], env)
    try:
        term.wait_for("Harbour News", "Weather Desk")
        term.keys("Enter")
        term.wait_for("Ferry timetable changes", "Library lends tools")
        term.keys("j", "Enter")
        screen = term.wait_for("Drills and ladders on a shelf.", "Priya Natarajan")
        assert "Library lends tools" in screen
        term.keys("q")
        assert term.ended(timeout=10), "q did not quit"
    finally:
        term.close()


def test_q_quits_at_once_while_a_feed_is_still_fetching(tmp_path, server):
    import threading

    from newsreader.store import Store

    release = threading.Event()
    asked = threading.Event()

    def never_answers(req) -> None:
        asked.set()
        release.wait(30)

    url = server.route("/slow.xml", handler=never_answers)
    home = tmp_path / "home"
    with Store(home / "data" / "newsreader.db") as store:
        store.add_feed(url, title="Slow Feed")
    env = {"NEWSREADER_HOME": str(home), "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    term = Terminal([installed_newsreader()], env)
    try:
        term.wait_for("Slow Feed")  # the welcome is not shown: there is a feed
        term.keys("R")
        assert asked.wait(10), "the refresh never reached the server"
        term.wait_for("refreshing")
        term.keys("q")
        assert term.ended(timeout=5), "q waited for the refresh"
    finally:
        release.set()
        term.close()


def text_browser_env(tmp_path: Path, home: Path) -> tuple[dict[str, str], Path]:
    """The program's environment with $BROWSER a terminal browser that says what it was given, waits
    for enter (holding the terminal as lynx would) and writes the address into the file returned."""
    visited = tmp_path / "visited.txt"
    browser = tmp_path / "textbrowser"
    browser.write_text(f'#!/bin/sh\necho "TEXT BROWSER AT $1"\nread answer\necho "$1" > {visited}\n')
    browser.chmod(0o755)
    env = {
        "NEWSREADER_HOME": str(home),
        "TERM": "xterm-256color",
        "PATH": os.environ["PATH"],
        "BROWSER": str(browser),
        "DISPLAY": "",
    }
    return env, visited


def test_o_gives_a_terminal_browser_the_terminal_then_comes_back(tmp_path):
    home = tmp_path / "home"
    build_store(home / "data" / "newsreader.db", standard_subs())
    env, visited = text_browser_env(tmp_path, home)
    term = Terminal([installed_newsreader()], env)
    try:
        term.wait_for("Harbour News")
        term.keys("Enter", "Enter")
        term.wait_for("The ferry runs every twenty minutes")
        term.keys("o")
        screen = term.wait_for("TEXT BROWSER AT https://one.example/ferry")
        assert "Harbour News" not in screen  # the browser has the terminal to itself
        term.keys("Enter")
        term.wait_for("The ferry runs every twenty minutes", "Harbour News")  # and the reader is back
        assert visited.read_text().strip() == "https://one.example/ferry"
    finally:
        term.close()


def test_the_feed_list_shows_the_selected_feed_at_start_and_after_a_resize(tmp_path):
    from newsreader.store import Store
    from tests.ui_store import Story, Sub

    home = tmp_path / "home"
    path = home / "data" / "newsreader.db"
    subs = [
        Sub(f"https://f{i}.example/feed", f"Feed number {i:02}", [Story(f"Story {i}")]) for i in range(60)
    ]
    ids = build_store(path, subs)
    with Store(path) as store:
        store.set_state("ui.view", f"feed:{ids['https://f50.example/feed']}")
    env = {"NEWSREADER_HOME": str(home), "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    env.update({k: v for k, v in os.environ.items() if k == "PYTHONPATH"})
    term = Terminal([installed_newsreader()], env, size=(100, 30))
    try:
        term.wait_for("Story 50", "Feed number 50")
        term.tmux("resize-window", "-t", "t", "-x", "90", "-y", "14")
        term.wait_for("Feed number 50")
        term.tmux("resize-window", "-t", "t", "-x", "120", "-y", "40")
        term.wait_for("Feed number 50")
    finally:
        term.close()
