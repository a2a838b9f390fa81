"""`newsreader sync` and `sync --status`: reconcile the store with the `[sync]` server."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from newsreader.engine import Engine
from newsreader.models import SyncStatus, SyncSummary

EXIT_PROBLEM = 1


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    s = command("sync", "send local changes to the [sync] server and pull what is new there")
    s.add_argument("--status", action="store_true", help="last sync, queued changes, server reachable")


def summary_lines(s: SyncSummary) -> list[str]:
    """What moved each way, one line per direction, then conflicts and refusals."""
    pulled = (
        f"pulled: {_n(s.pulled_items, 'new item')}, {_n(s.pulled_states, 'read/starred change')}, "
        f"{_n(s.pulled_feeds, 'subscription change')}, {_n(s.removed_feeds, 'removed feed')}"
    )
    pushed = (
        f"pushed: {_n(s.pushed_states, 'read/starred change')}, {_n(s.pushed_feeds, 'subscription change')}"
    )
    lines = [pulled, pushed]
    if s.conflicts_local_won or s.conflicts_server_won:
        lines.append(
            f"conflicts: {s.conflicts_local_won} won here (server change overridden), "
            f"{s.conflicts_server_won} won on the server (local change dropped)"
        )
    lines += [f"refused: {line}" for line in s.refused]
    return lines


def status_lines(s: SyncStatus) -> list[str]:
    if not s.configured:
        return ["sync: not set up (no [sync] in the config file)", f"queued changes: {s.queued}"]
    when = time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(s.last_sync)) if s.last_sync else "never"
    server = {None: "not asked (offline)", True: "reachable"}.get(s.reachable, f"unreachable: {s.problem}")
    return [f"last sync: {when}", f"queued changes: {s.queued}", f"server: {server}"]


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def cmd_sync(args: argparse.Namespace, engine: Engine) -> int:
    if args.status:
        status = engine.sync_status()
        print("\n".join(status_lines(status)))
        return 0 if status.reachable is not False else EXIT_PROBLEM
    print("\n".join(summary_lines(engine.sync())))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Engine], int]] = {"sync": cmd_sync}
