"""Starting the user's own programs (browser, player) from a command-line template, detached from us."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Sequence

from newsreader.text import one_line


class LaunchError(Exception):
    """The program could not be started; the message is one line."""


def command_line(template: str, target: str) -> list[str]:
    """The words of template with %u replaced by target (appended when the template has no %u)."""
    words = shlex.split(template)
    if not any("%u" in w for w in words):
        return [*words, target]
    return [w.replace("%u", target) for w in words]


def start_detached(argv: Sequence[str]) -> None:
    """Start argv in its own session with no terminal, not waited for; raises LaunchError."""
    try:
        subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C in the reader, or quitting it, leaves the program running
            close_fds=True,
        )
    except OSError as exc:
        raise LaunchError(f"cannot run {one_line(argv[0])}: {one_line(exc.strerror or str(exc))}") from None
