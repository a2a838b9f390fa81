"""Where newsreader keeps things. NEWSREADER_HOME=DIR puts everything under DIR."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "newsreader"


def _home() -> Path | None:
    home = os.environ.get("NEWSREADER_HOME")
    return Path(home).expanduser() if home else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP))


def config_file() -> Path:
    return config_dir() / "config.toml"


def store_file() -> Path:
    return data_dir() / "newsreader.db"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def download_dir() -> Path:
    """Where downloaded enclosures go unless [enclosures] dir says otherwise."""
    home = _home()
    return home / "downloads" if home else Path(platformdirs.user_downloads_dir())


def documents_dir() -> Path:
    """Where saved articles go unless save_dir says otherwise."""
    home = _home()
    return home / "documents" if home else Path(platformdirs.user_documents_dir())
