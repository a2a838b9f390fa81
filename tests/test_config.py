"""config.toml: defaults when absent, one clear line naming file and line when broken."""

from __future__ import annotations

from tests.conftest import run_cli, write_config


def test_broken_config_names_file_and_line(home):
    path = write_config(home, 'theme = "nord"\n[fetch]\ntimeout = = 3\n')
    out = run_cli("feeds", home=home)
    assert out.returncode == 1
    assert out.stderr.startswith(f"newsreader: {path}:3: ")
    assert out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def test_wrong_values_are_named(home):
    path = write_config(home, '[fetch]\ntimeout = "soon"\n')
    out = run_cli("feeds", home=home)
    assert out.returncode == 1
    assert out.stderr.strip() == f"newsreader: {path}: [fetch] timeout must be a positive number"
    write_config(home, 'full_text = "sometimes"\n')
    out = run_cli("feeds", home=home)
    assert "full_text must be one of auto, always, never" in out.stderr


def test_missing_named_config_is_an_error_default_is_not(home, tmp_path):
    assert run_cli("feeds", home=home).returncode == 0
    out = run_cli("--config", str(tmp_path / "absent.toml"), "feeds", home=home)
    assert out.returncode == 1
    assert out.stderr.strip() == f"newsreader: {tmp_path / 'absent.toml'}: no such file"


def test_settings_are_read(home):
    from newsreader.config import load_config

    path = write_config(
        home,
        'full_text = "never"\ntheme = "paper"\n[fetch]\ntimeout = 2\nmax_bytes = 1000\n'
        '[keys]\nquit = ["q", "ctrl+q"]\n[feeds."http://x/feed"]\nfull_text = "always"\n',
    )
    cfg = load_config(path)
    assert cfg.limits.timeout == 2.0 and cfg.limits.max_bytes == 1000
    assert cfg.theme == "paper" and cfg.keys == {"quit": ["q", "ctrl+q"]}
    assert cfg.full_text_for("http://x/feed") == "always"
    assert cfg.full_text_for("http://y/feed") == "never"
