"""The user's settings, read from config.toml and checked in one place.

Every value is checked for type and range here, and every problem is a value (ConfigProblem) naming
the file and line, so a command can print them and go on with defaults, or refuse.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsreader import __version__, locations
from newsreader.config_media import EnclosureSettings, check_command, check_enclosures, check_folder
from newsreader.config_query import Filter, Retention, check_filters, check_retention, check_views
from newsreader.config_sync import SyncSettings, check_sync
from newsreader.models import FullText
from newsreader.text import one_line

FULL_TEXT_CHOICES = ("auto", "always", "never")
Images = Literal["auto", "off"]  # the images setting: drawn in the body, or their alt text only


class ConfigError(Exception):
    """A one-line, user-facing problem with the configuration file."""

    def __init__(self, message: str, problems: tuple[ConfigProblem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One thing wrong in config.toml; str() is the one line shown to the user."""

    path: Path | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = str(self.path) if self.path else "config"
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"


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
    keymap: str = "default"  # a preset from newsreader.ui.keys.PRESETS
    keys: dict[str, list[str]] = field(default_factory=dict)  # action -> keys, overriding the preset
    busy_timeout: float = 30.0
    reload_on_start: bool = False  # refresh every feed when the interface opens
    reload_every: float | None = None  # seconds between refreshes while it is open; None: never
    images: Images = "auto"  # drawn in the body, or their alt text only
    path: Path | None = None
    browser: str | None = None  # a command line, %u the address (appended when absent); None: $BROWSER
    player: str | None = None  # the same, %u the downloaded file or else the enclosure's address
    save_dir: Path | None = None  # where S saves articles; None: the platform's documents folder
    enclosures: EnclosureSettings = field(default_factory=EnclosureSettings)
    views: dict[str, str] = field(default_factory=dict)  # name -> query, in the file's order
    filters: tuple[Filter, ...] = ()  # applied to new articles at refresh, in order
    retention: Retention = field(default_factory=Retention)
    sync: SyncSettings | None = None  # None: no [sync], refresh fetches the feeds itself

    def full_text_for(self, url: str, stored: FullText | None = None) -> FullText:
        return self.feed_full_text.get(url) or stored or self.full_text


@dataclass(frozen=True, slots=True)
class ConfigResult:
    """The settings to use (defaults where the file was wrong) and what was wrong, one line each."""

    config: Config
    problems: tuple[ConfigProblem, ...] = ()


# name: (type, lowest, highest). Upper bounds keep every value usable: an infinite timeout or byte
# count overflows asyncio and SQLite, and a fractional job count never starts a worker.
_WHOLE = {"jobs": (1, 256), "per_host": (1, 64), "max_bytes": (1, 1 << 40), "max_redirects": (0, 30)}
_SECONDS = {"connect_timeout": (0.1, 3600.0), "timeout": (0.1, 86400.0), "retry_after_max": (0.0, 3600.0)}
BUSY_TIMEOUT_RANGE = (0.0, 3600.0)
IMAGES_CHOICES: tuple[Images, ...] = ("auto", "off")


def _show(value: Any) -> str:
    """A user value quoted for a message: short, one line, no control characters, no deep repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = one_line(value)
        return repr(text if len(text) <= 40 else text[:39] + "…")
    return {list: "an array", dict: "a table"}.get(type(value), type(value).__name__)


class _Checker:
    def __init__(self, text: str, path: Path | None) -> None:
        from newsreader.config_lines import KeyLines

        self.lines = KeyLines(text)
        self.path = path
        self.problems: list[ConfigProblem] = []

    def problem(self, where: tuple[str, ...], message: str) -> None:
        self.problems.append(ConfigProblem(self.path, self.lines.line_of(where), message))

    def whole(self, where: tuple[str, ...], name: str, value: Any, low: int, high: int) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.problem(where, f"{name} must be a whole number from {low} to {high} (got {_show(value)})")
        return None

    def seconds(self, where: tuple[str, ...], name: str, value: Any, low: float, high: float) -> float | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if ok and low <= value <= high:
            return float(value)
        self.problem(
            where, f"{name} must be a number of seconds from {low:g} to {high:g} (got {_show(value)})"
        )
        return None

    def table(self, where: tuple[str, ...], name: str, value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.problem(where, f"{name} must be a table")
        return {}

    def unknown(self, where: tuple[str, ...], name: str) -> None:
        self.problem(where, f"unknown setting {name}")


def _name(key: str) -> str:
    """A key as TOML would write it, made safe to print."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else '"' + one_line(key).replace('"', '\\"') + '"'


def _limits(check: _Checker, raw: dict[str, Any]) -> FetchLimits:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where, name = ("fetch", key), f"[fetch] {_name(key)}"
        if key in _WHOLE:
            got: Any = check.whole(where, name, value, *_WHOLE[key])
        elif key in _SECONDS:
            got = check.seconds(where, name, value, *_SECONDS[key])
        elif key == "user_agent":
            got = value if isinstance(value, str) and value.isprintable() and 0 < len(value) <= 300 else None
            if got is None:
                check.problem(where, f"{name} must be one line of printable text")
        else:
            check.unknown(where, name)
            continue
        if got is not None:
            values[key] = got
    return FetchLimits(**values)


def _full_text(check: _Checker, where: tuple[str, ...], name: str, value: Any) -> FullText | None:
    if isinstance(value, str) and value in FULL_TEXT_CHOICES:
        return value  # type: ignore[return-value]
    check.problem(where, f"{name} must be one of auto, always, never (got {_show(value)})")
    return None


def _feeds(check: _Checker, raw: dict[str, Any]) -> dict[str, FullText]:
    chosen: dict[str, FullText] = {}
    for url, settings in raw.items():
        label = f"[feeds.{_name(url)}]"
        for key, value in check.table(("feeds", url), label, settings).items():
            if key == "full_text":
                got = _full_text(check, ("feeds", url, key), f"{label} full_text", value)
                if got is not None:
                    chosen[url] = got
            else:
                check.unknown(("feeds", url, key), f"{label} {_name(key)}")
    return chosen


def _keys(check: _Checker, preset: str, raw: dict[str, Any]) -> dict[str, list[str]]:
    from newsreader.ui.keys import check_keys  # the key table lives with the interface

    wanted: dict[str, list[str]] = {}
    for action, value in raw.items():
        keys = [value] if isinstance(value, str) else value
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            check.problem(("keys", action), f"[keys] {_name(action)} must be a key or a list of keys")
            continue
        wanted[action] = keys
    accepted, problems = check_keys(preset, wanted)
    for action, message in problems:
        check.problem(("keys", action), message)
    return accepted


_INTERVAL = re.compile(r"(?:(\d{1,6})d)?(?:(\d{1,6})h)?(?:(\d{1,6})m)?(?:(\d{1,6})s)?")
RELOAD_EVERY_RANGE = (1.0, 7 * 86400.0)


def reload_interval(value: Any) -> float | None | bool:
    """reload_every in seconds ("30m", "1h30m", "90s"); None for "" (never); False when it is not one."""
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    if not text:
        return None
    m = _INTERVAL.fullmatch(text)
    if m is None or not any(m.groups()):
        return False
    days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    total = float(((days * 24 + hours) * 60 + minutes) * 60 + seconds)
    low, high = RELOAD_EVERY_RANGE
    return total if low <= total <= high else False


def _check(check: _Checker, raw: dict[str, Any]) -> Config:
    from newsreader.ui.keys import PRESETS

    settings: dict[str, Any] = {}
    keys_raw: dict[str, Any] = {}
    for key, value in raw.items():
        where = (key,)
        if key == "fetch":
            settings["limits"] = _limits(check, check.table(where, "[fetch]", value))
        elif key == "feeds":
            settings["feed_full_text"] = _feeds(check, check.table(where, "[feeds]", value))
        elif key == "keys":
            keys_raw = check.table(where, "[keys]", value)
        elif key == "sync":
            settings["sync"] = check_sync(check, check.table(where, "[sync]", value))
        elif key == "full_text":
            got = _full_text(check, where, "full_text", value)
            if got is not None:
                settings["full_text"] = got
        elif key == "theme":
            if isinstance(value, str) and value.isprintable() and 0 < len(value) <= 100:
                settings["theme"] = value
            else:
                check.problem(where, "theme must be a theme's name (see the t picker)")
        elif key == "keymap":
            if isinstance(value, str) and value in PRESETS:
                settings["keymap"] = value
            else:
                choices = ", ".join(PRESETS)
                check.problem(where, f"keymap must be one of {choices} (got {_show(value)})")
        elif key in ("browser", "player"):
            if (command := check_command(check, where, key, value)) is not None:
                settings[key] = command
        elif key == "save_dir":
            if (folder := check_folder(check, where, key, value)) is not None:
                settings[key] = folder
        elif key == "enclosures":
            settings["enclosures"] = check_enclosures(check, check.table(where, "[enclosures]", value))
        elif key == "views":
            settings["views"] = check_views(check, check.table(where, "[views]", value))
        elif key == "filters":
            settings["filters"] = check_filters(check, value)
        elif key == "retention":
            settings["retention"] = check_retention(check, check.table(where, "[retention]", value))
        elif key == "reload_on_start":
            if isinstance(value, bool):
                settings["reload_on_start"] = value
            else:
                check.problem(where, f"reload_on_start must be true or false (got {_show(value)})")
        elif key == "reload_every":
            got_every = reload_interval(value)
            if got_every is False:
                check.problem(
                    where,
                    'reload_every must be a time like "30m", "2h" or "90s" from 1s to 7d, '
                    f'or "" for never (got {_show(value)})',
                )
            else:
                settings["reload_every"] = got_every
        elif key == "images":
            if isinstance(value, str) and value in IMAGES_CHOICES:
                settings["images"] = value
            else:
                check.problem(
                    where, f"images must be one of {', '.join(IMAGES_CHOICES)} (got {_show(value)})"
                )
        elif key == "busy_timeout":
            got_s = check.seconds(where, "busy_timeout", value, *BUSY_TIMEOUT_RANGE)
            if got_s is not None:
                settings["busy_timeout"] = got_s
        else:
            check.unknown(where, _name(key))
    settings["keys"] = _keys(check, settings.get("keymap", "default"), keys_raw) if keys_raw else {}
    return Config(path=check.path, **settings)


def check_config(text: str, path: Path | None) -> ConfigResult:
    """Parse and check config.toml's text: the usable settings and every problem, one line each."""
    import tomllib  # here: most start-ups (no config file) never parse TOML

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = int(found.group(1)) if found else None
        return ConfigResult(Config(path=path), (ConfigProblem(path, line, one_line(reason)),))
    except RecursionError:
        from newsreader.config_lines import deep_nesting_line

        problem = ConfigProblem(path, deep_nesting_line(text), "arrays or tables nested too deeply")
        return ConfigResult(Config(path=path), (problem,))
    check = _Checker(text, path)
    config = _check(check, raw)
    return ConfigResult(config, tuple(check.problems))


def parse_config(text: str, path: Path) -> Config:
    """Parse config.toml's text; raise ConfigError with a one-line message naming file and line."""
    return _strict(check_config(text, path))


def _strict(result: ConfigResult) -> Config:
    if result.problems:
        first = str(result.problems[0])
        more = len(result.problems) - 1
        message = first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
        raise ConfigError(message, result.problems)
    return result.config


def read_config(path: Path | None = None) -> ConfigResult:
    """Read and check the config file; an absent default file means defaults, an absent named file
    is a problem. Never raises for anything in the file."""
    explicit = path is not None
    path = path or locations.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            return ConfigResult(Config(path=path), (ConfigProblem(path, None, "no such file"),))
        return ConfigResult(Config(path=path))
    except (OSError, UnicodeDecodeError) as exc:
        reason = one_line(exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))
        return ConfigResult(Config(path=path), (ConfigProblem(path, None, f"cannot read: {reason}"),))
    return check_config(text, path)


def load_config(path: Path | None = None, strict: bool = True) -> Config:
    """The settings; strict raises ConfigError (one line) on any problem, else defaults stand in."""
    result = read_config(path)
    return _strict(result) if strict else result.config
