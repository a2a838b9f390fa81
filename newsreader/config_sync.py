"""The [sync] table of config.toml: the Google Reader API server to sync with, checked with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.config import _Checker

SYNC_SERVICES = ("greader",)


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """`[sync]`: the server to sync with. The password comes from password_command or
    NEWSREADER_SYNC_PASSWORD when a sync starts; it is never stored."""

    url: str
    user: str
    service: str = "greader"
    password_command: str | None = None


def check_sync(check: _Checker, raw: dict[str, Any]) -> SyncSettings | None:
    from newsreader.config import _name, _show  # config imports this module

    values: dict[str, str] = {}
    for key, value in raw.items():
        where, name = ("sync", key), f"[sync] {_name(key)}"
        if key not in ("service", "url", "user", "password_command"):
            check.unknown(where, name)
        elif not (isinstance(value, str) and value.isprintable() and 0 < len(value) <= 2000):
            check.problem(where, f"{name} must be one line of printable text")
        elif key == "service" and value not in SYNC_SERVICES:
            check.problem(where, f"{name} must be one of {', '.join(SYNC_SERVICES)} (got {_show(value)})")
        elif key == "url" and not re.match(r"https?://[^/\s]+", value):
            check.problem(where, f"{name} must be an http:// or https:// address (got {_show(value)})")
        else:
            values[key] = value
    missing = [k for k in ("url", "user") if k not in values and k not in raw]
    if missing:
        check.problem(("sync",), f"[sync] needs {' and '.join(missing)}")
    if "url" not in values or "user" not in values:
        return None
    return SyncSettings(**values)
