"""The sync password: from NEWSREADER_SYNC_PASSWORD or the user's password_command, read when a sync
starts and never written anywhere."""

from __future__ import annotations

import os
import shlex
import subprocess

from newsreader.config import SyncSettings
from newsreader.sync.client import SyncError
from newsreader.text import one_line

ENV = "NEWSREADER_SYNC_PASSWORD"
COMMAND_TIMEOUT = 60.0  # a password manager may ask for its own passphrase


def sync_password(settings: SyncSettings) -> str:
    """The password; SyncError (one line) when there is none or the command fails."""
    if settings.password_command:
        try:
            done = subprocess.run(
                shlex.split(settings.password_command),
                capture_output=True,
                text=True,
                timeout=COMMAND_TIMEOUT,
                check=False,
            )
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            raise SyncError(f"[sync] password_command failed: {one_line(str(exc))[:120]}") from None
        if done.returncode != 0:
            raise SyncError(f"[sync] password_command failed with exit status {done.returncode}")
        lines = done.stdout.splitlines()
        if not lines or not lines[0]:
            raise SyncError("[sync] password_command printed no password")
        return lines[0]
    password = os.environ.get(ENV)
    if not password:
        raise SyncError(f"no sync password: set [sync] password_command or {ENV}")
    return password
