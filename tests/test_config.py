"""config.toml: defaults when absent; every bad value, unknown key and broken file named in one line
with its file and line; read-only commands go on with defaults, the others refuse."""

from __future__ import annotations

import pytest

from newsreader.config import ConfigError, check_config, load_config, read_config
from tests.conftest import run_cli, write_config
from tests.unsafe import CONTROL


def problems(text: str, tmp_path) -> list[str]:
    return [str(p) for p in check_config(text, tmp_path / "config.toml").problems]


def test_broken_config_names_file_and_line(home):
    path = write_config(home, 'theme = "nord"\n[fetch]\ntimeout = = 3\n')
    out = run_cli("mark-read", "--all", home=home)
    assert out.returncode == 1
    assert out.stderr.startswith(f"newsreader: {path}:3: ")
    assert out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def test_wrong_values_are_named_with_their_line(home):
    path = write_config(home, '# fetching\n[fetch]\ntimeout = "soon"\n')
    out = run_cli("refresh", home=home)
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"newsreader: {path}:3: [fetch] timeout must be a number of seconds from 0.1 to 86400 (got 'soon')"
    )
    write_config(home, 'full_text = "sometimes"\n')
    out = run_cli("refresh", home=home)
    assert "config.toml:1: full_text must be one of auto, always, never" in out.stderr


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("[fetch]\njobs = 0.5\n", 2, "[fetch] jobs must be a whole number from 1 to 256 (got 0.5)"),
        ("[fetch]\n\nretry_after_max = inf\n", 3, "[fetch] retry_after_max must be a number of seconds"),
        ("[fetch]\nmax_bytes = inf\n", 2, "[fetch] max_bytes must be a whole number"),
        ("busy_timeout = inf\n", 1, "busy_timeout must be a number of seconds from 0 to 3600 (got inf)"),
        ("[fetch]\nconnect_timeout = inf\n", 2, "[fetch] connect_timeout must be a number of seconds"),
        ("[fetch]\nconnect_timeout = 0\n", 2, "[fetch] connect_timeout must be a number of seconds"),
        ("[fetch]\nmax_redirects = -1\n", 2, "[fetch] max_redirects must be a whole number from 0 to 30"),
        ("[fetch]\njobs = true\n", 2, "[fetch] jobs must be a whole number from 1 to 256 (got true)"),
        (
            '[fetch]\nuser_agent = "a\\u001b[2Jb"\n',
            2,
            "[fetch] user_agent must be one line of printable text",
        ),
        ("fetch = 5\n", 1, "[fetch] must be a table"),
        ('keys = "j"\n', 1, "[keys] must be a table"),
        ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "arrays or tables nested too deeply"),
        ("theme = 5\n", 1, "theme must be a theme's name"),
        ('keymap = "emacs"\n', 1, "keymap must be one of default, newsboat (got 'emacs')"),
        (
            '\n\n[feeds."http://x/f"]\nfull_txt = "always"\n',
            4,
            'unknown setting [feeds."http://x/f"] full_txt',
        ),
        ('[feeds]\n"http://x/f" = "always"\n', 2, '[feeds."http://x/f"] must be a table'),
        ("[fetch]\ntimeuot = 3\n", 2, "unknown setting [fetch] timeuot"),
        ("\nthme = 'ink'\n", 2, "unknown setting thme"),
        ("fetch = { jobs = 0 }\n", 1, "[fetch] jobs must be a whole number"),
    ],
)
def test_every_bad_value_is_one_line_with_file_and_line(text, line, says, tmp_path):
    got = problems(text, tmp_path)
    assert len(got) == 1
    assert got[0].startswith(f"{tmp_path / 'config.toml'}:{line}: ")
    assert says in got[0]


def test_every_problem_is_reported_once_and_good_values_are_kept(tmp_path):
    text = (
        'full_text = "never"\nfulltext = "x"\n[fetch]\njobs = 0.5\ntimeout = 2\n[feeds."u"]\nfull_txt = 1\n'
    )
    result = check_config(text, tmp_path / "c.toml")
    assert [p.line for p in result.problems] == [2, 4, 7]
    assert result.config.full_text == "never" and result.config.limits.timeout == 2.0
    assert result.config.limits.jobs == 16  # the default stands in for the bad value
    (tmp_path / "c.toml").write_text(text)
    with pytest.raises(ConfigError, match=r"c.toml:2: unknown setting fulltext \(and 2 more problems\)"):
        load_config(tmp_path / "c.toml")


def test_control_characters_in_keys_are_never_printed(tmp_path):
    got = problems('[feeds."http://x/\\u001b]0;PWNED\\u0007"]\nfull_text = "sometimes"\nbad = 1\n', tmp_path)
    assert len(got) == 2 and not any(CONTROL.search(line) for line in got)
    got = problems('["\\u009b31m"]\nx = 1\n', tmp_path)
    assert len(got) == 1 and not CONTROL.search(got[0])


def test_read_only_commands_go_on_with_defaults(home):
    path = write_config(home, "[fetch]\njobs = 0.5\n")
    for command in (["feeds"], ["list"], ["export"], ["search", "anything"]):
        out = run_cli(*command, home=home)
        assert out.returncode in (0, 1) and "Traceback" not in out.stderr
        assert out.stderr.splitlines()[0] == (
            f"newsreader: {path}:2: [fetch] jobs must be a whole number from 1 to 256 (got 0.5)"
        )
        assert out.returncode == 0 or command[0] == "search"
    out = run_cli("refresh", home=home)
    assert out.returncode == 1 and out.stderr.count("\n") == 1


def test_missing_named_config_is_an_error_default_is_not(home, tmp_path):
    assert run_cli("feeds", home=home).returncode == 0
    out = run_cli("--config", str(tmp_path / "absent.toml"), "refresh", home=home)
    assert out.returncode == 1
    assert out.stderr.strip() == f"newsreader: {tmp_path / 'absent.toml'}: no such file"


def test_settings_are_read(home):
    path = write_config(
        home,
        'full_text = "never"\ntheme = "paper"\nkeymap = "newsboat"\n[fetch]\ntimeout = 2\nmax_bytes = 1000\n'
        '[keys]\nquit = ["Q", "ctrl+q"]\n[feeds."http://x/feed"]\nfull_text = "always"\n',
    )
    cfg = load_config(path)
    assert cfg.limits.timeout == 2.0 and cfg.limits.max_bytes == 1000
    assert cfg.theme == "paper" and cfg.keys == {"quit": ["Q", "ctrl+q"]} and cfg.keymap == "newsboat"
    assert cfg.full_text_for("http://x/feed") == "always"
    assert cfg.full_text_for("http://y/feed") == "never"
    assert read_config(path).problems == ()
