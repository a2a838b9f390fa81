"""The reading settings of config.toml that run or write things: browser, player, save_dir, [enclosures]."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.config import _Checker


@dataclass(frozen=True, slots=True)
class EnclosureSettings:
    """[enclosures]: where `d` and `newsreader download` put files, and the largest they fetch."""

    dir: Path | None = None  # None: the platform's download folder (locations.download_dir)
    max_bytes: int = 2 * 1024**3


def check_command(check: _Checker, where: tuple[str, ...], name: str, value: Any) -> str | None:
    """A command line to run (browser, player): one printable line that splits into words."""
    import shlex

    try:
        ok = (
            isinstance(value, str) and value.isprintable() and len(value) <= 1000 and bool(shlex.split(value))
        )
    except ValueError:  # an unclosed quote
        ok = False
    if ok:
        return value
    check.problem(where, f'{name} must be a command line, %u for the address (like "firefox %u")')
    return None


def check_folder(check: _Checker, where: tuple[str, ...], name: str, value: Any) -> Path | None:
    from newsreader.config import _show  # config imports this module

    if isinstance(value, str) and value.isprintable() and 0 < len(value) <= 4096:
        return Path(value).expanduser()
    check.problem(where, f"{name} must be a folder's path (got {_show(value)})")
    return None


def check_enclosures(check: _Checker, raw: dict[str, Any]) -> EnclosureSettings:
    from newsreader.config import _WHOLE, _name  # config imports this module

    values: dict[str, Any] = {}
    for key, value in raw.items():
        where, name = ("enclosures", key), f"[enclosures] {_name(key)}"
        if key == "dir":
            got: Any = check_folder(check, where, name, value)
        elif key == "max_bytes":
            got = check.whole(where, name, value, *_WHOLE["max_bytes"])
        else:
            check.unknown(where, name)
            continue
        if got is not None:
            values[key] = got
    return EnclosureSettings(**values)
