"""Processes as /proc shows them, for tests that must leave none behind."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

POLL_DEADLINE = 15.0  # seconds to wait for a condition before failing (a hang guard, not a timing claim)


def descendants(pid: int) -> set[int]:
    """Every live process below pid (children of children included)."""
    found: set[int] = set()
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            for child in children:
                if child not in found:
                    found.add(child)
                    stack.append(child)
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat.rsplit(b")", 1)[-1].split()[0] != b"Z"


def wait_until(condition: Callable[[], bool], what: str, deadline: float = POLL_DEADLINE) -> None:
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)
