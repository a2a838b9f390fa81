"""Mutated config.toml and theme files: never a traceback, every problem one printable line."""

from __future__ import annotations

import random

import pytest

from newsreader.config import check_config
from newsreader.ui.themes import parse_theme, shipped_themes_dir
from tests.unsafe import CONTROL

SEED_CONFIG = """theme = "newsprint"
keymap = "newsboat"
full_text = "auto"
busy_timeout = 30
[fetch]
jobs = 16
per_host = 2
connect_timeout = 10
timeout = 30
max_bytes = 10485760
max_redirects = 5
retry_after_max = 5
user_agent = "newsreader"
[keys]
cursor_down = ["j", "ctrl+n"]
quit = "Q"
[feeds."https://example.org/feed.xml"]
full_text = "always"
"""
NASTY = [
    "inf", "-inf", "nan", "0", "-1", "0.5", "1e400", "true", '""', "[]", "{}", '"\\u001b[2J"', '"\\u009b"',
    "[" * 2000 + "]" * 2000, "{a={b={c=1}}}", '"j"', '["q", "j"]', "9" * 40, "'''x\ny'''", "\x1b", "\x00",
]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        choice = rng.random()
        if choice < 0.4 and "=" in lines[i]:
            lines[i] = lines[i].split("=", 1)[0] + "= " + rng.choice(NASTY)
        elif choice < 0.55:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif choice < 0.7:
            lines.insert(
                i, rng.choice(["[fetch]", "[keys]", '[feeds."\\u001b"]', "x = 1", "[[a]]", "fetch = 5"])
            )
        elif choice < 0.85:
            key = lines[i].split("=", 1)[0]
            lines[i] = (
                key[:-2]
                + rng.choice("_x\x1b\u202e")
                + key[-2:]
                + ("=" + lines[i].split("=", 1)[1] if "=" in lines[i] else "")
            )
        else:
            lines.insert(i, lines[rng.randrange(len(lines))])
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(300))
def test_mutated_config_gives_one_printable_line_per_problem(seed, tmp_path):
    text = mutate(SEED_CONFIG, random.Random(seed))
    result = check_config(text, tmp_path / "config.toml")
    for problem in result.problems:
        line = str(problem)
        assert "\n" not in line and not CONTROL.search(line) and len(line) < 400


THEMES = [p.read_text() for p in sorted(shipped_themes_dir().glob("*.toml"))]


@pytest.mark.parametrize("seed", range(200))
def test_mutated_theme_loads_or_gives_one_printable_reason(seed):
    rng = random.Random(seed)
    text = mutate(rng.choice(THEMES), rng)
    try:
        parse_theme(text, "fuzzed")
    except ValueError as exc:
        assert "\n" not in str(exc) and not CONTROL.search(str(exc))
