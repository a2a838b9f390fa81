"""The store survives kill -9 in the middle of a refresh, and two refreshes at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsreader import locations
from newsreader.store import Store
from tests.conftest import run_cli, write_config

FEEDS = 40
ITEMS = 20


def rss(feed: int, generation: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {feed} item {generation}-{i}</title><guid>f{feed}-g{generation}-{i}</guid>"
        f"<description>{'words ' * 50}</description></item>"
        for i in range(ITEMS)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'.encode()


def serve_generation(server, generation: int, delay: float = 0.0) -> list[str]:
    """Every feed, now listing the items of this generation, answered after delay seconds."""
    urls = []
    for n in range(FEEDS):
        body = rss(n, generation)

        def answer(req, body=body):
            time.sleep(delay)
            req.send_response(200)
            req.send_header("Content-Type", "application/rss+xml")
            req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            req.wfile.write(body)

        urls.append(server.route(f"/feed/{n}", handler=answer))
    return urls


def start_refresh(home: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "newsreader", "refresh", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def leftovers(home: Path) -> list[int]:
    """Processes still running with this test's NEWSREADER_HOME in their environment."""
    mark = f"NEWSREADER_HOME={home}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and mark in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def count_generation(path: Path, generation: int) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return db.execute(
            "SELECT count(*) FROM articles WHERE key LIKE ?", (f"%-g{generation}-%",)
        ).fetchone()[0]
    finally:
        db.close()


def article_keys(path: Path) -> set[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {k for (k,) in db.execute("SELECT key FROM articles")}
    finally:
        db.close()


def test_kill_9_mid_refresh_keeps_the_store_whole(server, home):
    write_config(home, "full_text = 'never'\n[fetch]\njobs = 4\n")
    urls = serve_generation(server, 1)
    assert run_cli("add", *urls, home=home).returncode == 0
    assert run_cli("refresh", home=home).returncode == 0
    path = locations.store_file()
    earlier = article_keys(path)
    assert len(earlier) == FEEDS * ITEMS

    partial = []
    for generation, kill_after in ((2, 0.0), (3, 0.2), (4, 0.4)):
        serve_generation(server, generation, delay=0.15)  # about 1.5 s for the whole refresh
        proc = start_refresh(home)
        # Kill once a few feeds are committed (so parse workers are running too), then a little later.
        deadline = time.monotonic() + 30
        while count_generation(path, generation) < 3 * ITEMS and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL

        with Store(path) as store:  # opens (and recovers the WAL) without complaint
            assert store.integrity_ok()
            assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
            keys = {k for (k,) in store.db.execute("SELECT key FROM articles")}
            assert earlier <= keys  # every article stored before is still there
            # Feeds are written whole or not at all: each feed has all of a generation's items or none.
            per_feed = store.db.execute(
                "SELECT feed_id, count(*) FROM articles WHERE key LIKE ? GROUP BY feed_id",
                (f"%-g{generation}-%",),
            ).fetchall()
            assert all(count == ITEMS for _, count in per_feed)
            partial.append(0 < len(per_feed) < FEEDS)
            # The search index catches up after a refresh, not inside it: what it holds matches what
            # is marked indexed, and catching up covers every article.
            fts = store.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
            assert fts == store.db.execute("SELECT count(*) FROM articles WHERE indexed = 1").fetchone()[0]
            store.index_pending()
            assert store.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(keys)
        earlier = keys

    assert any(partial)  # the kill did land in the middle of a refresh
    # Nothing the killed refreshes started (parse workers, their forkserver) is left running.
    deadline = time.monotonic() + 5
    while leftovers(home) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert leftovers(home) == []

    # And the next refresh completes what the killed ones left.
    out = run_cli("refresh", home=home)
    assert out.returncode == 0, out.stderr
    assert len(article_keys(path)) == len(
        earlier | {f"f{n}-g4-{i}" for n in range(FEEDS) for i in range(ITEMS)}
    )


def test_two_refreshes_at_once_both_finish(server, home):
    write_config(home, "full_text = 'never'\n")
    urls = serve_generation(server, 1, delay=0.02)
    assert run_cli("add", *urls, home=home).returncode == 0
    first, second = start_refresh(home), start_refresh(home, "--jobs", "3")
    outs = [p.communicate(timeout=120) for p in (first, second)]
    new = 0
    for proc, (stdout, stderr) in zip((first, second), outs, strict=True):
        assert proc.returncode == 0, stderr
        assert "locked" not in stderr and "Traceback" not in stderr
        assert stdout.endswith(" 0 failed\n"), stdout
        new += int(stdout.split()[0])
    assert new == FEEDS * ITEMS  # each article counted once, by whichever process stored it
    with Store(locations.store_file()) as store:
        assert store.integrity_ok()
        assert (
            store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == FEEDS * ITEMS
        )  # no duplicates
        assert all(f.last_error is None for f in store.feeds())
