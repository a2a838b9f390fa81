"""Ctrl+C during `newsreader refresh`: one line, exit 130, what was stored kept, no process left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from newsreader import locations
from newsreader.store import Store
from tests.conftest import run_cli
from tests.proc import alive, descendants, wait_until

GOOD = """<?xml version="1.0"?><rss version="2.0"><channel><title>Good {i}</title>
<item><title>Item {i}</title><guid>g{i}</guid><description>ok</description></item></channel></rss>"""


def test_ctrl_c_ends_refresh_with_one_line_and_exit_130_keeping_what_was_stored(server, home):
    release = threading.Event()

    def stalled(req):  # a server that never answers while the test runs
        release.wait(60)

    goods = [server.route(f"/good{i}", GOOD.format(i=i)) for i in range(6)]
    stalls = [server.route(f"/stall{i}", handler=stalled) for i in range(4)]
    assert run_cli("add", "--no-check", *goods, *stalls, home=home).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "refresh"],
        env={**os.environ, "NEWSREADER_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    try:
        with Store(locations.store_file()) as store:
            wait_until(
                lambda: all(store.feed_by_url(u).last_fetch for u in goods),
                "the answering feeds to be stored",
            )
        # More than INLINE_PARSES bodies were parsed, so the parse pool is up: it must go quietly too.
        wait_until(lambda: len(descendants(proc.pid)) >= 2, "the parse workers to start")
        left = descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
        out, err = proc.communicate(timeout=30)
    finally:
        release.set()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err == "interrupted: 6 feeds done\n" and out == ""
    wait_until(lambda: not any(alive(p) for p in left), "every worker to end with the refresh")
    with Store(locations.store_file()) as store:
        assert [store.feed_by_url(u).total for u in goods] == [1] * 6
        assert all(store.feed_by_url(u).last_fetch is None for u in stalls)
    assert run_cli("list", home=home).stdout.count("Item ") == 6  # the store opens and reads as before
