"""The authors directory at scale: filing a store's articles, and what opening the directory reads.

    python bench/people_bench.py [--sizes 10000,100000,1000000] [--dir DIR]

Times are this process's CPU seconds (the machine is shared; SQLite runs in this process, so its work
counts too). Builds a store of 200 articles per feed, each feed its own outlet with 37 writers (so 1,000,000
articles name 185,000 people), every article cleaned with a byline and a tip line on every tenth. Then:

- refresh cost: storing 10,000 new articles (25 feeds) with and without the directory's mark on new rows;
- backfill: filing every article, as the first read after the migration does;
- refile: filing one refresh's worth (10,000 articles) marked again;
- authors: the whole directory with every author's feeds and latest article (`newsreader authors`);
- authors_list: the whole directory as the `@` list draws it (names, outlets, counts), and its first 200
  (what the view shows first);
- author: one author's page (their person, latest 1,000 articles and contact lines);
- named: `contacts --author NAME`'s lookup.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_store import bench_feed

PER_FEED = 200
BATCH = 25


def timed(fn) -> float:  # noqa: ANN001 - any callable
    """Seconds of this process's CPU: the machine is shared, and its wall clock says more about the others."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def best(fn, runs: int = 3) -> float:  # noqa: ANN001
    return min(timed(fn) for _ in range(runs))


def updates(store, first: int, count: int) -> list:  # noqa: ANN001
    out = []
    for f in range(first, first + count):
        update = bench_feed(store, f, PER_FEED)
        out.append(replace(update, feed=replace(update.feed, site_url=f"https://outlet{f}.example/")))
    return out


def build(path: Path, size: int) -> float:
    """Store size articles and clean them all (the cleaner's output written straight to the columns)."""
    from newsreader.store import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    with Store(path) as store:
        for first in range(0, size // PER_FEED, BATCH):
            store.apply_updates(updates(store, first, min(BATCH, size // PER_FEED - first)))
    tip = json.dumps(
        [{"kind": "email", "value": "tips@example.com", "label": "Send tips to tips@example.com"}]
    )
    db = sqlite3.connect(path)
    db.execute(
        "UPDATE articles SET cleaned = 1, clean_authors = authors, clean_organisations = '[]', "
        "contacts = CASE WHEN id % 10 = 0 THEN ? ELSE '[]' END",
        (tip,),
    )
    db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('bench.built', '1')")
    db.commit()
    db.close()
    return time.perf_counter() - start


def unfile(path: Path) -> None:
    """A store built by an earlier run, back to the state the migration leaves: nothing filed."""
    db = sqlite3.connect(path)
    db.executescript(
        "DELETE FROM people_contacts; DELETE FROM people_articles; DELETE FROM people_feeds; DELETE FROM people;"
        "UPDATE articles SET people_indexed = 0; DROP INDEX IF EXISTS people_by_articles;"
        "CREATE INDEX people_by_articles ON people (articles DESC, name COLLATE NOCASE, id) WHERE articles > 0;"
    )
    db.close()


def built(path: Path) -> bool:
    if not path.exists():
        return False
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT value FROM state WHERE key = 'bench.built'").fetchone() == ("1",)
    finally:
        db.close()


def refresh_cost(folder: Path) -> dict[str, float]:
    """Storing 10,000 new articles into a 10,000-article store, with and without the mark on new rows."""
    from newsreader.store import Store

    out = {}
    for label, drop in (("with_mark", False), ("without_mark", True)):
        path = folder / f"refresh-{label}.db"
        path.unlink(missing_ok=True)
        with Store(path) as store:
            store.apply_updates(updates(store, 0, 50))
            if drop:
                store.db.execute("DROP INDEX articles_people_pending")
            fresh = updates(store, 50, 50)
            out[label] = timed(lambda s=store, u=fresh: s.apply_updates(u))
    return out


def measure(path: Path) -> dict[str, float]:
    from newsreader.config import Config
    from newsreader.engine import Engine

    with Engine.open(Config(), path=path) as engine:
        out = {"backfill": timed(engine.index_people)}
        # A refresh's worth of articles changed: marked again as the trigger marks them.
        db = sqlite3.connect(path)
        db.execute(
            "UPDATE articles SET people_indexed = 0 WHERE id IN (SELECT id FROM articles ORDER BY id DESC LIMIT 10000)"
        )
        db.commit()
        db.close()
        out["refile_10000"] = timed(engine.index_people)
        people = engine.authors()
        out["people"] = len(people)
        out["authors"] = best(engine.authors)
        out["authors_list"] = best(lambda: engine.authors(details=False))
        out["authors_first_200"] = best(lambda: engine.authors(details=False, limit=200))
        top = people[0]
        out["author_page"] = best(
            lambda: (
                engine.author(top.id),
                engine.author_articles(top.id, limit=1000),
                engine.author_contacts(top.id),
            )
        )
        out["named"] = best(lambda: engine.authors_named(people[len(people) // 2].name))
    return out


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-people-bench")
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--reuse", action="store_true", help="keep a store an earlier run built (only unfile it)")
    args = p.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    print(json.dumps({"refresh_10000_new": refresh_cost(args.dir)}), flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        path = args.dir / f"people-{size}.db"
        if args.reuse and built(path):
            unfile(path)
            result: dict = {"articles": size, "build": "reused"}
        else:
            result = {"articles": size, "build": round(build(path, size), 1)}
        result.update({k: round(v, 3) for k, v in measure(path).items()})
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
