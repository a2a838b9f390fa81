"""Pages per second of the whole cleaner against readability-lxml alone, on the same pages in one run.

usage: python bench/clean_bench.py [PAGES_DIR] [--rounds N]
       python bench/clean_bench.py --hostile     # seconds per pathological page (issue 7 item 2)

PAGES_DIR holds pages as */source.html, *.html or *.html.gz (default: the article-extraction
benchmark's 181 news pages in ../shared/peers/article-extraction-benchmark/html). Both sides get the
same decoded text; each round runs readability then the cleaner on each page in turn, and each
side's best time per page counts.
Target: the cleaner costs at most 1.1x readability alone.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

from readability import Document

from newsreader.clean import CleanError, clean_html

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "peers" / "article-extraction-benchmark" / "html"


def load(folder: Path) -> list[str]:
    files = sorted(folder.glob("*/source.html")) or sorted(folder.glob("*.html"))
    if files:
        return [f.read_bytes().decode("utf-8", "replace") for f in files]
    return [
        gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in sorted(folder.glob("*.html.gz"))
    ]


def readability_alone(page: str) -> None:
    Document(page).summary()


def cleaner(page: str) -> None:
    try:
        clean_html(page)
    except CleanError:
        pass


def hostile_pages() -> dict[str, str]:
    """Pages built to make a parser slow: each must clean in bounded time, up to the 10 MB fetch cap."""
    story = "<p>" + "A sentence of the story that goes on. " * 40 + "</p>"

    def page(inner: str) -> str:
        return f"<html><body><article><h1>T</h1>{story}{inner}{story}</article></body></html>"

    return {
        "one tag, 150,000 attributes": page(
            "<div " + " ".join(f'a{i}="x"' for i in range(150_000)) + ">x</div>"
        ),
        "same, '<>' inside the values": page(
            "<div " + " ".join(f'a{i}="<>"' for i in range(150_000)) + ">x</div>"
        ),
        "one tag, 200,000 bare names": page("<div " + " ".join(f"a{i}" for i in range(200_000)) + ">x</div>"),
        "500,000 nested divs": page("<div>" * 500_000 + "x" + "</div>" * 500_000),
        "1,200,000 sibling elements": page("<b>x</b>" * 1_200_000),
        "1,400 tags of 1,000 attributes": page(
            ("<i " + " ".join(f"a{i}=1" for i in range(1_000)) + ">x</i>") * 1_400
        ),
        "16,000 tags of 150 attributes": page(
            ("<i " + " ".join(f"a{i}" for i in range(150)) + ">x</i>") * 16_000
        ),
    }


def hostile() -> int:
    for name, html in hostile_pages().items():
        start = time.perf_counter()
        try:
            outcome = f"{len(clean_html(html).body):,} chars of body"
        except CleanError as exc:
            outcome = f"refused: {exc}"
        took = time.perf_counter() - start
        print(f"  {name:30s} {len(html) / 1e6:5.1f} MB  {took:6.2f} s  {outcome}", flush=True)
    return 0


def timed(run, page: str) -> float:
    start = time.perf_counter()
    run(page)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--hostile", action="store_true", help="time pathological pages instead")
    args = ap.parse_args()
    if args.hostile:
        return hostile()
    pages = load(args.pages)
    if not pages:
        print(f"no pages under {args.pages}", file=sys.stderr)
        return 1
    size = sum(len(p) for p in pages) / 1e6
    # Each page is timed by both sides back to back, and each side keeps its best time per page over the
    # rounds: a burst of load on a shared machine then spoils one page's time, not a whole round's.
    best = {
        "readability-lxml alone": [float("inf")] * len(pages),
        "newsreader cleaner": [float("inf")] * len(pages),
    }
    for _ in range(args.rounds):
        for i, page in enumerate(pages):
            for name, run in (("readability-lxml alone", readability_alone), ("newsreader cleaner", cleaner)):
                best[name][i] = min(best[name][i], timed(run, page))
    print(f"{len(pages)} pages, {size:.1f} MB of HTML, best of {args.rounds} rounds per page")
    base = sum(best["readability-lxml alone"])
    for name, ts in best.items():
        t = sum(ts)
        print(
            f"  {name:24s} {len(pages) / t:7.1f} pages/s  {1000 * t / len(pages):6.1f} ms/page  {t / base:4.2f}x"
        )
    ratio = sum(best["newsreader cleaner"]) / base
    print(f"cleaner / readability: {ratio:.2f}x (target <= 1.10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
