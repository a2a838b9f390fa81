"""A store file with damaged pages: every command says so in one line, nothing writes, recover saves the rest."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.models import Cleaned, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store, StoreDamaged, recover
from tests.conftest import run_cli

FEEDS, PER_FEED = 4, 250


def build(path: Path) -> dict[str, tuple[bool, bool]]:
    """A store of FEEDS x PER_FEED articles, some read, starred or cleaned; key -> (read, starred)."""
    flags: dict[str, tuple[bool, bool]] = {}
    with Store(path) as store:
        for f in range(FEEDS):
            feed, _ = store.add_feed(f"http://127.0.0.1:9/feed{f}.xml", title=f"Feed {f}")
            entries = tuple(
                ParsedEntry(
                    key=f"{f}-{i}",
                    guid=f"{f}-{i}",
                    link=f"http://127.0.0.1:9/{f}/{i}",
                    title=f"Harbour story {i} of feed {f}",
                    authors=("Ann Lee",),
                    published=1_700_000_000.0 - i * 60 - f,
                    updated=None,
                    content_html="<p>" + "The ferry left the harbour at dawn. " * 30 + "</p>",
                    content_hash=f"h{f}-{i}",
                )
                for i in range(PER_FEED)
            )
            parsed = ParsedFeed(title=f"Feed {f}", site_url=None, entries=entries)
            store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=1.0, feed=parsed))
        for n, row in enumerate(store.articles()):
            read, starred = n % 3 == 0, n % 7 == 0
            if read:
                store.set_read([row.id])
            if starred:
                store.set_starred(row.id, True)
            if n % 5 == 0:
                store.save_cleaned(row.id, Cleaned(title=row.title, body="Cleaned text."))
            flags[store.article(row.id).key] = (read, starred)
        store.set_state("ui.theme", "newsprint")
    return flags


def damage(path: Path, fraction: float) -> None:
    size = path.stat().st_size
    garbage = random.Random(fraction).randbytes(8192)
    with path.open("r+b") as f:
        f.seek(int(size * fraction))
        f.write(garbage)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


COMMANDS = [
    ("feeds",),
    ("list",),
    ("list", "--json"),
    ("search", "harbour"),
    ("export",),
    ("add", "--no-check", "http://127.0.0.1:9/new.xml"),
    ("mark-read", "--all"),
    ("refresh",),
    ("remove", "http://127.0.0.1:9/feed0.xml"),
]


@pytest.mark.parametrize("fraction", [0.30, 0.60, 0.95])
def test_damaged_store_one_line_no_writes_and_recover(home, fraction):
    path = locations.store_file()
    flags = build(path)
    damage(path, fraction)
    before = digest(path)

    for args in COMMANDS:
        out = run_cli(*args, home=home)
        assert out.returncode == 1, (args, out.stdout, out.stderr)
        assert out.stderr == f"newsreader: store is damaged: {path}; run `newsreader recover`\n", args
        assert digest(path) == before, f"{args} wrote to the damaged store"

    out = run_cli("recover", home=home)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert len(out.stdout.splitlines()) == 1 and out.stdout.startswith("recovered ")
    kept = [p for p in path.parent.iterdir() if p.name.startswith("newsreader.db.damaged-")]
    assert [digest(p) for p in kept] == [before]
    assert str(kept[0]) in out.stdout

    with Store(path) as store:
        assert store.integrity_ok()
        feeds = store.feeds()
        rows = store.articles()
        assert len(feeds) >= FEEDS - 1 and {f.display_title for f in feeds} <= {
            f"Feed {n}" for n in range(FEEDS)
        }
        # 8 KiB is two pages: a few dozen articles at most are lost, and every one saved keeps its flags.
        assert FEEDS * PER_FEED - 60 <= len(rows) <= FEEDS * PER_FEED
        for row in rows:
            article = store.article(row.id)
            assert (article.read, article.starred) == flags[article.key]
        assert f"{len(rows)} articles" in out.stdout
        assert store.get_state("ui.theme") in ("newsprint", None)

    # The recovered store works: reading, searching, writing.
    assert run_cli("list", home=home).returncode == 0
    found = run_cli("search", "harbour", home=home)
    assert found.returncode == 0 and len(found.stdout.splitlines()) == min(len(rows), 1000)
    assert run_cli("mark-read", "--all", home=home).stdout.startswith("marked ")
    assert run_cli("add", "--no-check", "http://127.0.0.1:9/new.xml", home=home).returncode == 0


def test_the_interface_says_the_store_is_damaged_in_one_line(home):
    path = locations.store_file()
    build(path)
    damage(path, 0.60)
    out = run_cli(home=home, timeout=60)
    assert out.returncode == 1
    assert out.stderr == f"newsreader: store is damaged: {path}; run `newsreader recover`\n"


def test_damage_found_after_open_refuses_later_writes(tmp_path):
    """A store too large for the check at open is checked before its first write."""
    path = tmp_path / "big.db"
    build(path)
    damage(path, 0.60)
    before = digest(path)
    store = Store(path, check=False)
    try:
        with pytest.raises(StoreDamaged):
            store.set_state("ui.theme", "dark")
        with pytest.raises(StoreDamaged):
            store.mark_all_read()
    finally:
        store.close()
    assert digest(path) == before


def test_recover_of_a_missing_store_is_one_line(home):
    out = run_cli("recover", home=home)
    assert out.returncode == 1
    assert out.stderr.startswith("newsreader: no store to recover at ")
    assert recover  # the function is public: the interface and the facade call it too
