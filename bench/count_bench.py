"""Count benchmark: how long a saved view's unread count (Engine.count) takes at 10,000 to 1,000,000 articles.

    python bench/count_bench.py [--sizes 10000,100000,1000000] [--dir DIR] [--from QUERY_BENCH_DIR]

The stores are bench/query_bench.py's (built once under DIR, or copied from another query_bench --dir
with --from). The feed list counts each view on a worker after it paints, so these times are how
long a count takes to fill in, not how long the list waits. Best of three after a warm-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query_bench import QUERIES, best_ms, measured  # noqa: E402


def measure(path: Path) -> dict[str, tuple[float, int, float, int]]:
    from newsreader.config import Config
    from newsreader.engine import Engine

    out = {}
    with Engine.open(Config(), path=path) as engine:
        for q in QUERIES:
            unread_ms, unread = best_ms(lambda q=q: range(engine.count(q, unread_only=True)))
            all_ms, total = best_ms(lambda q=q: range(engine.count(q)))
            out[q] = (unread_ms, unread, all_ms, total)
    return out


def main() -> None:
    results = measured(__doc__.splitlines()[0], measure, "a query_bench --dir to copy its stores from")
    sizes = list(results)
    head = f"{'query':52s}" + "".join(f"{f'{s:,} unread / all (ms)':>36s}" for s in sizes)
    print(head)
    print("-" * len(head))
    for q in QUERIES:
        cells = [
            f"{u_ms:8.1f} ({u:7d}) {a_ms:8.1f} ({a:7d})"
            for u_ms, u, a_ms, a in (results[s][q] for s in sizes)
        ]
        print(f"{q:52s}" + "".join(f"{c:>36s}" for c in cells))
    print("(n) = articles counted")


if __name__ == "__main__":
    main()
