"""Query benchmark: how long the query language takes to answer at 10,000, 100,000 and 1,000,000 articles.

    python bench/query_bench.py [--sizes 10000,100000,1000000] [--dir DIR] [--from SCALE_DIR]

Builds (once, then reuses; keyed by size under DIR) the same store as bench/scale_bench.py, through
bench_store.bench_feed: 200 articles per feed, every fourth feed read, every 97th article starred,
the search index up to date; every tenth feed tagged "news", a contact line on every seventh article
and a credit on every eleventh. With --from, a store scale_bench
already built (its DIR) is copied instead of built again (then upgraded and tagged here, the
original left as it is).

Each query runs through the engine (Engine.query_ids for the first 1,000 ids in list order, as a list
shows them, and Engine.search for 1,000 rows ranked), best of three after one warm-up run, in one
process. Target (issue 12): under 100 ms at every size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import bench_feed  # noqa: E402

PER_FEED = 200
BATCH = 25
LIMIT = 1000  # ids a list reads first, rows a search ranks
TARGET_MS = 100.0
QUERIES = (
    "harbour",  # a common word: a tenth of the store
    "item7x13",  # a rare word: one article
    '"harbour story"',
    "harb*",
    "harbour ferry",
    "harbour OR ferry",
    "harbour -council",
    "title:council unread",
    'author:"Writer 3"',
    "tag:news",
    "tag:news harbour",
    "feed:feed12.bench",
    "starred",
    "starred harbour",
    "unread",
    "after:2026-09-20",
    "before:2026-01-01",
    "(harbour OR ferry) -storm unread after:2026-01-01",
    "-tag:news -starred read",
    "has:contacts",
    "harbour has:contacts",
    "has:credits unread",
    "feed:feed12.bench harbour",
    "starred (harbour OR ferry)",
    "harbour OR starred",
    "tag:news -harbour",
    "harbour after:2026-09-21",
    "harbour feed:feed12.bench OR ferry feed:feed13.bench",
)
BUILT = "2"  # what a store built by an older version of this file lacks: built again


def store_path(folder: Path, size: int) -> Path:
    return folder / f"articles-{size}" / "data" / "newsreader.db"


def build(path: Path, size: int, source: Path | None) -> None:
    """The store of size articles, built (or copied from source) once, then reused."""
    from newsreader.store import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with Store(path) as store:
            if store.get_state("bench.query_built") == BUILT:
                return
    start = time.perf_counter()
    path.unlink(missing_ok=True)
    if source is not None and store_path(source, size).exists():
        shutil.copyfile(store_path(source, size), path)
        how = "copied"
    else:
        how = "built"
        with Store(path) as store:
            for first in range(0, size // PER_FEED, BATCH):
                store.apply_updates(
                    [
                        bench_feed(store, f, PER_FEED)
                        for f in range(first, min(size // PER_FEED, first + BATCH))
                    ]
                )
            for feed in store.feeds(counts=False)[::4]:
                store.mark_feed_read(feed.id)
            for feed in store.feeds(counts=False)[::2]:
                for article_id in store.article_ids(feed_id=feed.id)[::97]:
                    store.set_starred(article_id, True)
    with Store(path) as store:  # opening upgrades a copied store to this schema
        for feed in store.feeds(counts=False)[::10]:
            store.set_feed_tags(feed.id, ["news"])
        store.index_pending()
        # A contact line on every seventh article and a credit on every eleventh, for has:.
        with store.transaction() as db:
            db.execute(
                "UPDATE articles SET contacts = ? WHERE id % 7 = 0",
                ('[{"kind": "email", "value": "desk@bench.example", "label": "Send tips"}]',),
            )
            db.execute("UPDATE articles SET credits = ? WHERE id % 11 = 0", ('["REUTERS/Bench"]',))
        store.set_state("bench.query_built", BUILT)
    print(f"{how} {size:,} articles in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


def best_ms(fn) -> tuple[float, int]:  # noqa: ANN001 - any callable
    """Best of three after a warm-up, in ms (the machine is shared: the best run is the code's cost)."""
    found = len(fn())
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000, found


def measure(path: Path) -> dict[str, tuple[float, int, float, int]]:
    from newsreader.config import Config
    from newsreader.engine import Engine

    out = {}
    with Engine.open(Config(), path=path) as engine:
        for q in QUERIES:
            ids_ms, ids_n = best_ms(lambda q=q: engine.query_ids(q, limit=LIMIT))
            search_ms, search_n = best_ms(lambda q=q: engine.search(q, limit=LIMIT))
            out[q] = (ids_ms, ids_n, search_ms, search_n)
    return out


def table(results: dict[int, dict[str, tuple[float, int, float, int]]]) -> str:
    sizes = list(results)
    head = f"{'query':52s}" + "".join(f"{f'{s:,} list / search (ms)':>32s}" for s in sizes)
    lines = [head, "-" * len(head)]
    worst = 0.0
    for q in QUERIES:
        cells = []
        for s in sizes:
            ids_ms, ids_n, search_ms, search_n = results[s][q]
            worst = max(worst, ids_ms, search_ms)
            cells.append(f"{ids_ms:8.1f} ({ids_n:4d}) {search_ms:8.1f} ({search_n:4d})")
        lines.append(f"{q:52s}" + "".join(f"{c:>32s}" for c in cells))
    verdict = "under" if worst < TARGET_MS else "OVER"
    lines.append(
        f"slowest: {worst:.1f} ms ({verdict} the {TARGET_MS:.0f} ms target); (n) = ids or rows found"
    )
    return "\n".join(lines)


def measured(description: str, measure_store, source_help: str) -> dict:  # noqa: ANN001 - any measure(path)
    """Command-line options read, each size's store built (or reused), then measured: size -> results."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-query-bench")
    p.add_argument("--from", dest="source", type=Path, help=source_help)
    p.add_argument("--sizes", default="10000,100000,1000000")
    args = p.parse_args()
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        path = store_path(args.dir, size)
        build(path, size, args.source)
        results[size] = measure_store(path)
    return results


def main() -> None:
    print(table(measured(__doc__.splitlines()[0], measure, "a scale_bench --dir to copy its stores from")))


if __name__ == "__main__":
    main()
