"""The installed program in a real terminal (tmux): a broken config.toml does not block reading."""

from __future__ import annotations

import os

from tests.conftest import write_config
from tests.test_ui_tmux import TMUX, Terminal, installed_newsreader, pytestmark  # noqa: F401
from tests.ui_store import build_store, standard_subs


def test_a_broken_config_opens_the_interface_with_defaults_and_says_what_is_wrong(tmp_path):
    home = tmp_path / "home"
    build_store(home / "data" / "newsreader.db", standard_subs())
    write_config(home, 'keymap = "newsboat"\n[fetch]\njobs = 0.5\n')
    env = {"NEWSREADER_HOME": str(home), "TERM": "xterm-256color", "TZ": "UTC", "PATH": os.environ["PATH"]}
    term = Terminal([installed_newsreader()], env, size=(150, 40))
    try:
        screen = term.wait_for("Harbour News", "▌")
        toast = " ".join(line.split("▌", 1)[1].strip(" │─╯") for line in screen.splitlines() if "▌" in line)
        assert "config.toml:3:[fetch]jobsmustbeawholenumberfrom1to256(got0.5)" in "".join(toast.split()), (
            screen
        )
        term.keys("Enter")
        term.wait_for("Ferry timetable changes")
        term.keys("Enter")
        term.wait_for("The ferry runs every twenty minutes")
        term.keys("q")  # newsboat's q: back to the list, not quit
        term.wait_for("Ferry timetable changes")
        assert not term.ended(timeout=1)
        term.keys("Q")
        assert term.ended(timeout=10), "Q did not quit"
    finally:
        term.close()
