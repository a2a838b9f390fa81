"""Pages per second of the whole cleaner against readability-lxml alone, on the same pages in one run.

usage: python bench/clean_bench.py [PAGES_DIR] [--rounds N]

PAGES_DIR holds pages as */source.html or *.html (default: the Readability test pages in
../shared/peers/readability-test-pages). Both sides get the same decoded text; each round runs
readability then the cleaner over every page, and the best round of each counts.
Target: the cleaner costs at most 1.3x readability alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from readability import Document

from newsreader.clean import CleanError, clean_html

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "peers" / "readability-test-pages"


def load(folder: Path) -> list[str]:
    files = sorted(folder.glob("*/source.html")) or sorted(folder.glob("*.html"))
    return [f.read_bytes().decode("utf-8", "replace") for f in files]


def readability_alone(page: str) -> None:
    Document(page).summary()


def cleaner(page: str) -> None:
    try:
        clean_html(page)
    except CleanError:
        pass


def best_time(run, pages: list[str]) -> float:
    start = time.perf_counter()
    for page in pages:
        run(page)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    pages = load(args.pages)
    if not pages:
        print(f"no pages under {args.pages}", file=sys.stderr)
        return 1
    size = sum(len(p) for p in pages) / 1e6
    times = {"readability-lxml alone": [], "newsreader cleaner": []}
    for _ in range(args.rounds):
        times["readability-lxml alone"].append(best_time(readability_alone, pages))
        times["newsreader cleaner"].append(best_time(cleaner, pages))
    print(f"{len(pages)} pages, {size:.1f} MB of HTML, best of {args.rounds} rounds")
    base = min(times["readability-lxml alone"])
    for name, ts in times.items():
        t = min(ts)
        print(
            f"  {name:24s} {len(pages) / t:7.1f} pages/s  {1000 * t / len(pages):6.1f} ms/page  {t / base:4.2f}x"
        )
    ratio = min(times["newsreader cleaner"]) / base
    print(f"cleaner / readability: {ratio:.2f}x (target <= 1.30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
