"""Worker pools: workers ignore Ctrl+C and die with their parent, even when it is killed with -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.proc import alive, descendants, wait_until

POOL_SCRIPT = r"""
import os, signal, sys, time
from newsreader.pools import worker_pool

def busy(seconds):
    time.sleep(seconds)
    return os.getpid()

if __name__ == "__main__":
    pool = worker_pool(2)
    futures = [pool.submit(busy, 120) for _ in range(2)]
    print("ready", flush=True)
    try:
        if sys.argv[1] == "sigint" and sys.stdin.readline() == "go\n":
            os.killpg(0, signal.SIGINT)  # as a terminal's Ctrl+C reaches the whole group
        time.sleep(120)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        os._exit(130)  # without waiting for the pool: its workers must follow on their own
"""


def start(tmp_path: Path, mode: str) -> subprocess.Popen:
    script = tmp_path / "pool_user.py"
    script.write_text(POOL_SCRIPT)
    return subprocess.Popen(
        [sys.executable, str(script), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def busy_workers(proc: subprocess.Popen) -> set[int]:
    """The pool's processes (a forkserver and its workers) once both workers are at work."""
    assert proc.stdout.readline() == "ready\n"
    wait_until(lambda: len(descendants(proc.pid)) >= 3, "the forkserver and two workers to start")
    return descendants(proc.pid)


def test_workers_die_with_a_parent_killed_with_9(tmp_path):
    proc = start(tmp_path, "kill")
    try:
        pool = busy_workers(proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        wait_until(lambda: not any(alive(p) for p in pool), "the workers to end after their parent")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def test_workers_ignore_ctrl_c_sent_to_the_group(tmp_path):
    proc = start(tmp_path, "sigint")
    try:
        pool = busy_workers(proc)
        proc.stdin.write("go\n")
        proc.stdin.flush()
        # The parent takes the KeyboardInterrupt and ends; its workers print nothing and follow it.
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130  # the parent alone saw the KeyboardInterrupt...
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err  # ...not its workers
        wait_until(lambda: not any(alive(p) for p in pool), "the workers to end after their parent")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
