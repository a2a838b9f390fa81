"""Interface benchmark: first paint and peak memory on 100,000 articles, time per j on a 10,000-article list.

    python bench/ui_bench.py [--dir DIR] [--moves N]

Builds (once, then reuses) a store of 500 feeds x 200 articles plus one feed of 10,000, through
Store.apply_update like a refresh would. Each measurement runs in a fresh process so its memory is its
own. First paint: from process start (before importing Textual) until the screen has drawn the "All
unread" view, which lists all 100,000 articles. Moves: j sent N times on the 10,000-article feed, each timed from
the key event entering the app until the frame showing the moved cursor is written (Textual paces
frames at 60 per second, so up to ~16 ms of that is waiting for the next frame).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # before the heavy imports: first paint includes starting Python's libraries

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from bench_store import bench_feed, peak_mb  # noqa: E402

FEEDS, PER_FEED, BIG = 500, 200, 10_000
TARGET_PAINT_S, TARGET_MB, TARGET_MOVE_MS = 1.0, 250, 50


def build(path: Path) -> None:
    from newsreader.store import Store

    start = time.perf_counter()
    with Store(path) as store:
        if store.get_state("bench.built") == "1":
            return
        for f in range(FEEDS + 1):
            store.apply_update(bench_feed(store, f, PER_FEED if f < FEEDS else BIG, paragraphs=3))
        store.set_state("bench.built", "1")
    print(f"built {FEEDS} x {PER_FEED} + {BIG} articles in {time.perf_counter() - start:.1f} s", flush=True)


def child(mode: str, path: Path, moves: int) -> None:
    from textual import events

    from newsreader.config import Config
    from newsreader.ui.app import NewsApp
    from newsreader.ui.widgets.article_list import ArticleList

    async def paint() -> dict:
        app = NewsApp(path, Config(), clean_on_start=False)
        async with app.run_test(size=(160, 48)) as pilot:
            while True:
                screen = app.screen
                lists = screen.query(ArticleList)
                # the rows on screen are read by a worker: painted means they are in, not just counted
                if lists and lists.first().count > 0 and lists.first().row(0) is not None:
                    break
                await asyncio.sleep(0.005)
            screen._compositor.render_update(full=True)  # the first full frame
            painted = time.perf_counter() - T0
            count = lists.first().count
            await pilot.pause()
        return {"paint_s": painted, "rows": count, "peak_mb": peak_mb()}

    async def keys() -> dict:
        app = NewsApp(path, Config(), clean_on_start=False)
        times = []
        async with app.run_test(size=(160, 48)) as pilot:
            while not (app.screen.query(ArticleList) and app.screen.query_one(ArticleList).count >= BIG):
                await asyncio.sleep(0.01)
            await pilot.pause()
            frames: list[float] = []
            display = app._display

            def spy(screen, update) -> None:  # noqa: ANN001 - Textual's private hook, timed not typed
                frames.append(time.perf_counter())
                display(screen, update)

            app._display = spy
            for _ in range(moves):
                seen = len(frames)
                start = time.perf_counter()
                app._driver.send_message(events.Key("j", "j"))
                while len(frames) == seen:  # until the frame showing the move has been written
                    await asyncio.sleep(0)
                times.append(frames[-1] - start)
                await asyncio.sleep(0.005)
            cursor = app.screen.query_one(ArticleList).cursor
        return {
            "mean_ms": statistics.mean(times) * 1000,
            "p95_ms": sorted(times)[int(len(times) * 0.95)] * 1000,
            "max_ms": max(times) * 1000,
            "cursor": cursor,
            "peak_mb": peak_mb(),
        }

    result = asyncio.run(paint() if mode == "paint" else keys())
    print(json.dumps(result))


def run_child(mode: str, path: Path, moves: int, home: Path) -> dict:
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--dir", str(path.parent), "--moves", str(moves)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    if out.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def tmux_first_paint(path: Path, home: Path) -> float | None:
    """Seconds from starting `newsreader` in a 160x48 tmux pane until the article rows are on screen."""
    import shutil

    tmux = shutil.which("tmux")
    command = Path(sys.executable).with_name("newsreader")
    if tmux is None or not command.exists():
        return None
    from newsreader.store import Store

    with Store(path) as store:
        store.set_state("ui.view", "unread")
    socket = f"newsreader-bench-{os.getpid()}"
    link = home / "data" / "newsreader.db"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        link.symlink_to(path)
    start = time.perf_counter()
    subprocess.run(
        [
            tmux,
            "-L",
            socket,
            "new-session",
            "-d",
            "-x",
            "160",
            "-y",
            "48",
            f"env NEWSREADER_HOME={home} TERM=xterm-256color {command}",
        ],
        check=True,
    )
    try:
        while time.perf_counter() - start < 20:
            screen = subprocess.run(
                [tmux, "-L", socket, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if "story 0 of feed" in screen:
                return time.perf_counter() - start
            time.sleep(0.01)
        return None
    finally:
        subprocess.run([tmux, "-L", socket, "kill-server"], capture_output=True)
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / socket).unlink(missing_ok=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-ui-bench")
    p.add_argument("--moves", type=int, default=300)
    p.add_argument("--repeat", type=int, default=3, help="first-paint runs (the best is reported)")
    p.add_argument("--child", choices=["paint", "keys"])
    args = p.parse_args()
    path = args.dir / "newsreader.db"
    if args.child:
        child(args.child, path, args.moves)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    build(path)

    from newsreader.store import Store

    with Store(path) as store:
        store.set_state("ui.view", "unread")  # the first view: all 100,000+ unread articles
        store.set_state("ui.article", None)
        store.set_state("ui.unread_only", "0")
    runs = [run_child("paint", path, args.moves, args.dir / "home") for _ in range(args.repeat)]
    paint = min(runs, key=lambda r: r["paint_s"])  # best of N: the machine may be busy with other work
    paint_median = statistics.median(r["paint_s"] for r in runs)
    with Store(path) as store:
        big = store.feeds()[-1]
        store.set_state("ui.view", f"feed:{big.id}")
    keys = run_child("keys", path, args.moves, args.dir / "home")

    terminals = [t for t in (tmux_first_paint(path, args.dir / "tmux-home") for _ in range(args.repeat)) if t]
    terminal = min(terminals) if terminals else None

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(
        f"first paint, {paint['rows']:,} articles listed: best {paint['paint_s']:.2f} s, "
        f"median {paint_median:.2f} s of {len(runs)} (target < {TARGET_PAINT_S:.0f} s) "
        f"{verdict(paint['paint_s'] < TARGET_PAINT_S)}"
    )
    if terminal is not None:
        print(
            f"first paint in a real terminal (tmux, the installed command, from its start): best {terminal:.2f} s "
            f"{verdict(terminal < TARGET_PAINT_S)}"
        )
    print(
        f"peak memory at first paint: {paint['peak_mb']:.0f} MB (target < {TARGET_MB} MB) "
        f"{verdict(paint['peak_mb'] < TARGET_MB)}"
    )
    print(
        f"j on a {BIG:,}-article list, {args.moves} moves: mean {keys['mean_ms']:.1f} ms, "
        f"p95 {keys['p95_ms']:.1f} ms, max {keys['max_ms']:.1f} ms (target < {TARGET_MOVE_MS} ms) "
        f"{verdict(keys['p95_ms'] < TARGET_MOVE_MS)}"
    )
    print(f"peak memory while moving: {keys['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
