"""Refresh benchmark: newsreader against `newsboat -x reload` on one loopback feed farm, in one run.

For each repeat and each reader: a cold refresh (empty store, every feed new) and then a warm one
(every feed answers 304), each timed as the wall time of the whole process, with its CPU time and its
peak memory. Other work shares the machine, so every figure is repeated and reported as best and median.
Run it with the project's interpreter, which runs newsreader as `python -m newsreader`:

    .venv/bin/python bench/refresh_bench.py            # 500 feeds x 50 items, 3 repeats
    .venv/bin/python bench/refresh_bench.py --feeds 100 --items 20 --repeat 1 --no-newsboat
    .venv/bin/python bench/refresh_bench.py --full-text auto   # cold refresh fetches summary pages too
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.farm import Farm  # noqa: E402

NEWSBOAT = shutil.which("newsboat") or "/usr/bin/newsboat"
PACKAGE = Path(__file__).resolve().parent.parent / "newsreader"


@dataclass
class Run:
    """One measured process: wall and CPU seconds, its own peak RSS, and the peak PSS of its process tree."""

    wall: float
    cpu: float  # user + system seconds of the process and its reaped descendants: steadier than wall under load
    peak_mb: float
    tree_mb: float
    returncode: int
    stdout: str
    stderr: str
    served: dict = field(default_factory=dict)  # the farm's counters during the run
    articles: int = -1  # articles in the store afterwards


def _tree_pss_kb(root: int, seen: set[int]) -> int:
    """Proportional set size summed over a process and its descendants (0 once it is gone).

    PSS, not RSS: forked workers share their parent's pages, and summing RSS would count them twice.
    Every descendant met is added to seen, so its CPU time can be collected once it is orphaned.
    """
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def become_subreaper() -> bool:
    """Adopt orphaned descendants (a forkserver and its pool outlive their parent by a moment), so
    their CPU time reaches us through wait4 instead of init."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap_orphans(pids: set[int], deadline: float) -> float:
    """CPU seconds of those descendants that were reparented to us, waiting for them until deadline."""
    cpu = 0.0
    pending = set(pids)
    while pending and time.monotonic() < deadline:
        for pid in list(pending):
            try:
                got, _, usage = os.wait4(pid, os.WNOHANG)
            except ChildProcessError:  # reaped by its own parent, whose figures include it
                pending.discard(pid)
                continue
            if got:
                cpu += usage.ru_utime + usage.ru_stime
                pending.discard(pid)
        if pending:
            time.sleep(0.01)
    return cpu


def measure(cmd: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Run cmd to completion; wall time from spawn to reap, peak RSS from wait4 and from sampling."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    peak_tree = 0
    seen: set[int] = set()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_pss_kb(proc.pid, seen))
            done.wait(0.05)  # light enough not to steal the CPU being measured

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    orphans_cpu = _reap_orphans(seen - {proc.pid}, time.monotonic() + 5)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime + orphans_cpu,
        # ru_maxrss is in KiB on Linux: the child's own peak, or that of its largest reaped descendant.
        peak_mb=usage.ru_maxrss / 1024,
        tree_mb=max(peak_tree, usage.ru_maxrss) / 1024,
        returncode=proc.returncode,
        stdout=out.read().decode(errors="replace"),
        stderr=err.read().decode(errors="replace"),
    )


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return -1


class Newsreader:
    name = "newsreader"

    def __init__(self, base: Path, farm: Farm, jobs: int | None, full_text: str) -> None:
        self.home = base / "newsreader"
        self.farm, self.jobs, self.full_text = farm, jobs, full_text
        self.env = {**os.environ, "NEWSREADER_HOME": str(self.home), "PYTHONUNBUFFERED": "1"}
        self.cmd = [sys.executable, "-m", "newsreader"]

    def prepare(self) -> None:
        """An empty store subscribed to every farm feed (not timed)."""
        # An installed package has its bytecode compiled (pip does it); this tree may not, and with
        # PYTHONDONTWRITEBYTECODE set every run would compile newsreader from source (~30 ms a start).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(PACKAGE)], capture_output=True)
        shutil.rmtree(self.home, ignore_errors=True)
        (self.home / "config").mkdir(parents=True)
        (self.home / "config" / "config.toml").write_text(f'full_text = "{self.full_text}"\n')
        opml = self.home / "farm.opml"
        opml.write_text(self.farm.opml())
        r = subprocess.run([*self.cmd, "import", str(opml)], env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"newsreader import failed: {r.stderr.strip() or r.stdout.strip()}")

    def refresh(self) -> Run:
        jobs = ["--jobs", str(self.jobs)] if self.jobs else []
        return measure([*self.cmd, "refresh", *jobs], self.env, self.home)

    def articles(self) -> int:
        dbs = sorted((self.home / "data").rglob("*.db")) or sorted((self.home / "data").rglob("*.sqlite*"))
        return _count(dbs[0], "SELECT count(*) FROM articles") if dbs else -1


class Newsboat:
    name = "newsboat"

    def __init__(self, base: Path, farm: Farm, threads: int) -> None:
        self.dir = base / "newsboat"
        self.farm, self.threads = farm, threads
        # HOME and XDG point inside the temporary folder, so the user's own newsboat is never touched.
        self.env = {
            **os.environ,
            "HOME": str(self.dir),
            "XDG_CONFIG_HOME": str(self.dir / "xdg-config"),
            "XDG_DATA_HOME": str(self.dir / "xdg-data"),
        }

    def prepare(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        (self.dir / "urls").write_text("\n".join(self.farm.urls) + "\n")
        (self.dir / "config").write_text(f"reload-threads {self.threads}\n")

    def refresh(self) -> Run:
        d = self.dir
        cmd = [
            NEWSBOAT,
            "-x",
            "reload",
            "-u",
            str(d / "urls"),
            "-c",
            str(d / "cache.db"),
            "-C",
            str(d / "config"),
        ]
        return measure(cmd, self.env, d)

    def articles(self) -> int:
        return _count(self.dir / "cache.db", "SELECT count(*) FROM rss_item")


@dataclass
class Trial:
    """One reader's refreshes on a fresh store: cold, then warm until every feed answered 304."""

    cold: Run
    second: Run  # the first refresh after the cold one, whatever the server answered
    warm: Run  # the first refresh in which every feed was 304 (else the last one tried)

    @property
    def peak_mb(self) -> float:
        return max(self.cold.peak_mb, self.second.peak_mb, self.warm.peak_mb)

    @property
    def tree_mb(self) -> float:
        return max(self.cold.tree_mb, self.second.tree_mb, self.warm.tree_mb)


def _refresh(reader, farm: Farm) -> Run:
    farm.reset_stats()
    r = reader.refresh()
    r.served = farm.stats()
    r.articles = reader.articles()
    if r.returncode != 0:
        tail = (r.stderr.strip() or r.stdout.strip()).splitlines()[-3:]
        print(f"  {reader.name} exited {r.returncode}: {' | '.join(tail)}", file=sys.stderr)
    return r


def run_reader(reader, farm: Farm, feeds: int) -> Trial:
    """Cold refresh of a fresh store, then warm ones until all feeds are 304 (at most two).

    newsboat 2.21 stores no ETag on a feed's first reload (newsboat/newsboat#2734), so its second
    reload is unconditional again and only the third is a true 304 round; both are reported.
    """
    reader.prepare()
    cold = _refresh(reader, farm)
    second = warm = _refresh(reader, farm)
    if second.served.get("304", 0) < feeds:
        warm = _refresh(reader, farm)
    return Trial(cold, second, warm)


def _fmt(values: list[float], digits: int = 2) -> str:
    if not values:
        return "-"
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f}"


def _served(r: Run) -> str:
    s = r.served
    other = s.get("requests", 0) - s.get("200", 0) - s.get("304", 0)
    pages = f", {s['pages']} pages" if s.get("pages") else ""
    return f"{s.get('200', 0) - s.get('pages', 0)}x200 {s.get('304', 0)}x304 {other}xother{pages}"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--feeds", type=int, default=500)
    p.add_argument("--items", type=int, default=50)
    p.add_argument("--hosts", type=int, default=16, help="loopback addresses the feeds spread over")
    p.add_argument("--repeat", type=int, default=3, help="cold+warm pairs per reader")
    p.add_argument("--jobs", type=int, default=None, help="newsreader refresh --jobs (default: its own)")
    p.add_argument("--threads", type=int, default=8, help="newsboat reload-threads")
    p.add_argument("--no-newsboat", action="store_true", help="measure newsreader only")
    p.add_argument("--no-gzip", action="store_true", help="the farm never compresses")
    p.add_argument(
        "--full-text",
        choices=("never", "auto", "always"),
        default="never",
        help="newsreader's full_text setting; 'never' compares like with like, as newsboat fetches no pages "
        "(default: %(default)s)",
    )
    p.add_argument("--keep", type=Path, default=None, help="keep the stores under this folder")
    a = p.parse_args(argv)

    become_subreaper()
    use_newsboat = not a.no_newsboat
    if use_newsboat and not os.access(NEWSBOAT, os.X_OK):
        print(f"newsboat not found at {NEWSBOAT} (apt-get install newsboat); measuring newsreader only")
        use_newsboat = False

    base = a.keep or Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[Trial]] = {"newsreader": [], "newsboat": []}
    try:
        t = time.perf_counter()
        with Farm(a.feeds, a.items, hosts=a.hosts, gzip=not a.no_gzip) as farm:
            print(
                f"farm: {a.feeds} feeds x {a.items} items on {a.hosts} addresses, "
                f"{farm.body_bytes / 1e6:.1f} MB ({farm.gzip_bytes / 1e6:.1f} MB gzipped), "
                f"up in {time.perf_counter() - t:.1f} s"
            )
            readers = [Newsreader(base, farm, a.jobs, a.full_text)]
            if use_newsboat:
                readers.append(Newsboat(base, farm, a.threads))
            for i in range(a.repeat):
                # Alternate who goes first, so neither always meets the same background load.
                for reader in readers if i % 2 == 0 else readers[::-1]:
                    t = run_reader(reader, farm, a.feeds)
                    results[reader.name].append(t)
                    second = (
                        "" if t.second is t.warm else f"  2nd {t.second.wall:6.2f} s ({_served(t.second)})"
                    )
                    print(
                        f"  #{i + 1} {reader.name:10s} cold {t.cold.wall:6.2f} s, cpu {t.cold.cpu:.2f} s ({_served(t.cold)}, "
                        f"{t.cold.articles} articles){second}  warm {t.warm.wall:6.2f} s, cpu {t.warm.cpu:.2f} s ({_served(t.warm)})  "
                        f"peak {t.peak_mb:.0f} MB, tree {t.tree_mb:.0f} MB"
                    )
    finally:
        if a.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print(f"\nnewsreader with full_text = {a.full_text!r}")
    report(results, a.feeds, a.items, a.repeat)
    return 0


def report(results: dict[str, list[Trial]], feeds: int, items: int, repeat: int) -> None:
    """The side-by-side table and the targets, judged on best times and the worst memory."""
    print()
    print(f"{feeds} feeds x {items} items, {repeat} repeats; best / median")
    print(
        f"{'':12s}{'cold s':>16s}{'warm s (304)':>16s}{'2nd s':>16s}{'peak MB':>14s}{'tree MB':>10s}"
        f"{'cold cpu s':>12s}{'warm cpu s':>12s}"
    )
    for name, trials in results.items():
        if trials:
            print(
                f"{name:12s}{_fmt([t.cold.wall for t in trials]):>16s}{_fmt([t.warm.wall for t in trials]):>16s}"
                f"{_fmt([t.second.wall for t in trials]):>16s}{_fmt([t.peak_mb for t in trials], 0):>14s}"
                f"{max(t.tree_mb for t in trials):>10.0f}"
                f"{min(t.cold.cpu for t in trials):>12.2f}{min(t.warm.cpu for t in trials):>12.2f}"
            )
    print("(2nd: the first refresh after the cold one; warm: the first with every feed 304;")
    print(" peak: largest single process RSS; tree: peak PSS summed over the process and its children;")
    print(" cpu: user + system seconds, best run, a steadier yardstick than wall time on a shared machine)")
    nr, nb = results["newsreader"], results["newsboat"]
    if not nr:
        return
    best_cold = min(t.cold.wall for t in nr)
    best_warm = min(t.warm.wall for t in nr)
    checks = []
    if nb:
        nb_cold = min(t.cold.wall for t in nb)
        nb_warm = min(t.warm.wall for t in nb)
        nb_second = min(t.second.wall for t in nb)
        checks += [
            ("cold <= 1/2 newsboat cold", best_cold, nb_cold / 2, "s"),
            ("warm <= 1/20 newsboat warm", best_warm, nb_warm / 20, "s"),
            ("warm <= 1/20 newsboat 2nd", best_warm, nb_second / 20, "s"),
        ]
    checks.append(("peak < 150 MB (tree)", max(t.tree_mb for t in nr), 150.0, "MB"))
    print()
    for label, value, limit, unit in checks:
        verdict = "met" if value <= limit else "MISSED"
        print(f"target {label:28s} {value:8.2f} {unit:2s} vs {limit:8.2f} {unit:2s}  {verdict}")
    expected = feeds * items
    short = [t.cold.articles for t in nr if t.cold.articles != expected]
    if short:
        print(f"warning: newsreader stored {short} articles after a cold refresh, expected {expected}")
    not_304 = [t.warm.served.get("304", 0) for t in nr if t.warm.served.get("304", 0) != feeds]
    if not_304:
        print(f"warning: newsreader's warm refresh got {not_304} 304s, expected {feeds}")


if __name__ == "__main__":
    sys.exit(main())
