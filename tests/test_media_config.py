"""config.toml's media settings: browser, player, save_dir, [enclosures] dir and max_bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.config import check_config
from newsreader.engine.launch import command_line
from tests.conftest import run_cli, write_config


def test_media_settings_are_read():
    text = (
        'browser = "firefox --new-tab %u"\nplayer = "mpv"\nsave_dir = "~/Saved articles"\n'
        '[enclosures]\ndir = "/srv/podcasts"\nmax_bytes = 500000000\n'
    )
    result = check_config(text, None)
    assert result.problems == ()
    config = result.config
    assert config.browser == "firefox --new-tab %u" and config.player == "mpv"
    assert config.save_dir == Path("~/Saved articles").expanduser()
    assert config.enclosures.dir == Path("/srv/podcasts") and config.enclosures.max_bytes == 500_000_000


def test_defaults_leave_the_choice_to_the_platform():
    config = check_config("", None).config
    assert config.browser is None and config.player is None and config.save_dir is None
    assert config.enclosures.dir is None and config.enclosures.max_bytes == 2 * 1024**3


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "browser = 'firefox \"%u'",
            '1: browser must be a command line, %u for the address (like "firefox %u")',
        ),
        ('player = ""', "1: player must be a command line"),
        ("player = 3", "1: player must be a command line"),
        ("save_dir = 7", "1: save_dir must be a folder's path (got 7)"),
        ("[enclosures]\nmax_bytes = -1", "2: [enclosures] max_bytes must be a whole number from 1 to"),
        ("[enclosures]\ndirectory = 'x'", "2: unknown setting [enclosures] directory"),
        ("enclosures = 1", "1: [enclosures] must be a table"),
    ],
)
def test_bad_media_settings_are_named_with_their_line(text, says, tmp_path):
    problems = [str(p) for p in check_config(text, tmp_path / "config.toml").problems]
    assert len(problems) == 1 and problems[0].startswith(f"{tmp_path / 'config.toml'}:{says}")


def test_a_bad_setting_stops_download_in_one_line(home):
    path = write_config(home, "[enclosures]\nmax_bytes = 0\n")
    out = run_cli("download", "1", home=home)
    assert out.returncode == 1
    assert out.stderr.startswith(f"newsreader: {path}:2: [enclosures] max_bytes must be")
    assert out.stderr.count("\n") == 1


def test_the_address_replaces_every_percent_u_and_is_appended_without_one():
    assert command_line("firefox %u", "https://a.example/x?y=1&z") == ["firefox", "https://a.example/x?y=1&z"]
    assert command_line("mpv --no-video", "/m/a b.mp3") == ["mpv", "--no-video", "/m/a b.mp3"]
    assert command_line("open -a 'Web Browser' %u", "$(rm -rf ~)") == [
        "open",
        "-a",
        "Web Browser",
        "$(rm -rf ~)",
    ]
