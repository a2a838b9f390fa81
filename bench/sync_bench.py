"""Sync benchmark: newsreader against a real FreshRSS (../shared/servers/freshrss) holding 10,000 items.

FreshRSS subscribes to the loopback feed farm (50 feeds x 200 items by default) and fetches it before
it starts; then, timed in this process (best and median of --repeat, each on a fresh store):

- the initial sync of every item into an empty store (goal: under 5 s),
- a sync with nothing new (goal: under 0.3 s),
- a sync pushing 1,000 queued read marks (goal: under 2 s),

printed beside the time the same items take through a direct refresh of the farm's feeds.

    .venv/bin/python bench/sync_bench.py                 # 50 x 200 = 10,000 items, 3 repeats
    .venv/bin/python bench/sync_bench.py --feeds 10 --items 100 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.farm import Farm  # noqa: E402
from newsreader.config import Config, SyncSettings  # noqa: E402
from newsreader.engine import Engine  # noqa: E402

KIT = Path(__file__).resolve().parent.parent.parent / "shared" / "servers" / "freshrss"
GOALS = {"initial sync": 5.0, "sync, nothing new": 0.3, "sync, 1,000 pushed": 2.0}


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def start_freshrss(root: Path, opml: str) -> tuple[str, Path]:
    (root / "subs.opml").write_text(opml)
    # Four PHP workers, as a FreshRSS behind php-fpm serves requests in parallel.
    env = {**os.environ, "FRSS_OPML": str(root / "subs.opml"), "FRSS_ACTUALIZE": "1", "FRSS_WORKERS": "4"}
    done = subprocess.run(
        [str(KIT / "up.sh"), str(root / "srv"), "0"], capture_output=True, text=True, env=env, timeout=1800
    )
    if done.returncode != 0:
        raise SystemExit(f"FreshRSS did not start: {done.stderr.strip()}")
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    return values["FRESHRSS_GREADER"], root / "srv"


def one_round(root: Path, config: Config, urls: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    with Engine.open(config, path=root / "synced.db") as engine:
        figures["initial sync"], done = timed(engine.sync)
        figures["items"] = done.pulled_items
        figures["sync, nothing new"], _ = timed(engine.sync)
        ids = engine.article_ids(unread_only=True, limit=1000)
        engine.set_read(ids)
        figures["sync, 1,000 pushed"], done = timed(engine.sync)
        figures["pushed"] = done.pushed_states
    direct = Config(full_text="never")
    with Engine.open(direct, path=root / "direct.db") as engine:
        for url in urls:
            engine.add_feed(url, check=False)
        figures["direct refresh"], summary = timed(engine.refresh)
        figures["direct items"] = summary.new
    for name in ("synced.db", "direct.db"):
        for suffix in ("", "-wal", "-shm"):
            (root / (name + suffix)).unlink(missing_ok=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=200, help="per feed (FreshRSS keeps at most 200)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--server-dir", metavar="DIR", help="where FreshRSS keeps its data (default: /dev/shm)"
    )
    args = parser.parse_args()
    if not KIT.is_dir():
        raise SystemExit(f"no FreshRSS kit at {KIT} (../shared beside the checkout)")
    # FreshRSS on SQLite commits each id of an edit-tag on its own, one fsync each: on a disk, pushing
    # is mostly the server's time. Its data goes to tmpfs unless --server-dir says otherwise.
    base = args.server_dir or ("/dev/shm" if Path("/dev/shm").is_dir() else None)
    with (
        tempfile.TemporaryDirectory(prefix="sync-bench-", dir=base) as tmp,
        Farm(args.feeds, args.items, hosts=1) as farm,
    ):
        root = Path(tmp)
        started = time.perf_counter()
        greader, srv = start_freshrss(root, farm.opml())
        took = time.perf_counter() - started
        print(f"FreshRSS (data in {root}) fetched {args.feeds} x {args.items} items in {took:.1f} s")
        os.environ["NEWSREADER_SYNC_PASSWORD"] = "apipassword"
        config = Config(full_text="never", sync=SyncSettings(url=greader, user="alice"))
        try:
            with tempfile.TemporaryDirectory(prefix="sync-bench-stores-") as stores:  # ours on the usual disk
                rounds = [one_round(Path(stores), config, farm.urls) for _ in range(args.repeat)]
        finally:
            subprocess.run([str(KIT / "down.sh"), str(srv), "--rm"], capture_output=True, timeout=60)
    print(f"items synced: {rounds[0]['items']}, pushed: {rounds[0]['pushed']}, "
          f"direct refresh stored: {rounds[0]['direct items']}")  # fmt: skip
    print(f"{'':24s} {'best':>8s} {'median':>8s}  goal")
    for name in ("initial sync", "sync, nothing new", "sync, 1,000 pushed", "direct refresh"):
        values = [r[name] for r in rounds]
        goal = GOALS.get(name)
        verdict = "" if goal is None else (f"< {goal:g} s " + ("ok" if min(values) < goal else "MISSED"))
        print(f"{name:24s} {min(values):7.2f}s {statistics.median(values):7.2f}s  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
