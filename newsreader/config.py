"""The user's settings, read from config.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader import __version__, locations
from newsreader.models import FullText

if TYPE_CHECKING:
    import tomllib

FULL_TEXT_CHOICES = ("auto", "always", "never")


class ConfigError(Exception):
    """A one-line, user-facing problem with the configuration file."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Bounds on every HTTP fetch, feeds and pages alike."""

    jobs: int = 16
    per_host: int = 2
    connect_timeout: float = 10.0
    timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retry_after_max: float = 5.0  # longest Retry-After we wait out inside one refresh
    user_agent: str = f"newsreader/{__version__} (+https://github.com/newsreader/newsreader)"


@dataclass(frozen=True, slots=True)
class Config:
    limits: FetchLimits = field(default_factory=FetchLimits)
    full_text: FullText = "auto"
    feed_full_text: dict[str, FullText] = field(default_factory=dict)
    theme: str | None = None
    keys: dict[str, list[str]] = field(default_factory=dict)  # action -> keys, overriding the defaults
    busy_timeout: float = 30.0
    path: Path | None = None

    def full_text_for(self, url: str, stored: FullText | None = None) -> FullText:
        return self.feed_full_text.get(url) or stored or self.full_text


def _line_of(exc: tomllib.TOMLDecodeError) -> str:
    m = re.search(r"line (\d+)", str(exc))
    return m.group(1) if m else "?"


def _limits(raw: dict[str, Any], where: str) -> FetchLimits:
    known = {f.name: f.type for f in fields(FetchLimits)}
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in known:
            raise ConfigError(f"{where}: unknown setting [fetch] {name}")
        default = getattr(FetchLimits(), name)
        if isinstance(default, str):
            ok = isinstance(value, str)
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
        if not ok:
            raise ConfigError(
                f"{where}: [fetch] {name} must be a positive number"
                if not isinstance(default, str)
                else f"{where}: [fetch] {name} must be a string"
            )
        values[name] = type(default)(value)
    return FetchLimits(**values)


def _full_text(value: Any, where: str, name: str) -> FullText:
    if value not in FULL_TEXT_CHOICES:
        raise ConfigError(f"{where}: {name} must be one of auto, always, never (got {value!r})")
    return value


def parse_config(text: str, path: Path) -> Config:
    """Parse config.toml's text; raise ConfigError with a one-line message naming file and line."""
    import tomllib  # here: most start-ups (no config file) never parse TOML

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"{path}:{_line_of(exc)}: {reason}") from None
    where = str(path)
    limits = _limits(raw.pop("fetch", {}) or {}, where)
    full_text = _full_text(raw.pop("full_text", "auto"), where, "full_text")
    theme = raw.pop("theme", None)
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{where}: theme must be a string")
    keys_raw = raw.pop("keys", {}) or {}
    keys: dict[str, list[str]] = {}
    for action, value in keys_raw.items():
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            raise ConfigError(f"{where}: [keys] {action} must be a key or a list of keys")
        keys[action] = value
    feed_full_text: dict[str, FullText] = {}
    for url, settings in (raw.pop("feeds", {}) or {}).items():
        if not isinstance(settings, dict):
            raise ConfigError(f'{where}: [feeds."{url}"] must be a table')
        if "full_text" in settings:
            feed_full_text[url] = _full_text(settings["full_text"], where, f'[feeds."{url}"] full_text')
    busy = raw.pop("busy_timeout", 30.0)
    if not isinstance(busy, int | float) or busy <= 0:
        raise ConfigError(f"{where}: busy_timeout must be a positive number")
    if raw:
        raise ConfigError(f"{where}: unknown setting {sorted(raw)[0]}")
    return Config(
        limits=limits,
        full_text=full_text,
        feed_full_text=feed_full_text,
        theme=theme,
        keys=keys,
        busy_timeout=float(busy),
        path=path,
    )


def load_config(path: Path | None = None) -> Config:
    """Read the config file; an absent default file means defaults, an absent named file is an error."""
    explicit = path is not None
    path = path or locations.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{path}: no such file") from None
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return parse_config(text, path)
