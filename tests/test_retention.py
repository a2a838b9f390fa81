"""Retention and `cleanup`: old and surplus articles go, oldest read first, starred ones never."""

from __future__ import annotations

import re

from newsreader.config import Config
from newsreader.config_query import Retention
from newsreader.engine import Engine
from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store
from tests.conftest import run_cli, write_config
from tests.query_store import DAY, NOW

FEED = "http://127.0.0.1:9/feed.xml"


def fill(path, count: int, *, body: str = "") -> list[int]:
    """count articles, one a day, newest first; their ids oldest first."""
    with Store(path) as store:
        feed, _ = store.add_feed(FEED)
        entries = tuple(
            ParsedEntry(
                f"k{i}",
                f"k{i}",
                None,
                f"Story {i}",
                (),
                NOW - i * DAY,
                None,
                f"<p>Story {i}. {body}</p>",
                f"h{i}",
            )
            for i in range(count)
        )
        store.apply_update(
            FeedUpdate(feed.id, "ok", NOW, feed=ParsedFeed(title=None, site_url=None, entries=entries))
        )
        by_title = {r.title: r.id for r in store.articles()}
    return [by_title[f"Story {i}"] for i in reversed(range(count))]


def engine(tmp_path, **retention) -> Engine:
    return Engine.open(
        Config(full_text="never", retention=Retention(**retention)), path=tmp_path / "store.db"
    )


def left(e: Engine) -> list[str]:
    return sorted((r.title for r in e.articles()), key=lambda t: int(t.split()[1]))


def test_over_the_limit_the_oldest_read_go_first_and_starred_never(tmp_path):
    ids = fill(tmp_path / "store.db", 10)  # Story 9 (oldest) .. Story 0
    with engine(tmp_path, max_articles_per_feed=5) as e:
        e.set_starred(ids[0], True)  # Story 9, the oldest
        e.set_read([ids[1], ids[5], ids[8]], True)  # Stories 8, 4, 1
        assert e.apply_retention() == 5
        # The three read go first (even the newer ones), then the oldest unread; the starred stays.
        assert left(e) == ["Story 0", "Story 2", "Story 3", "Story 5", "Story 9"]
        assert e.feeds()[0].total == 5


def test_max_age_deletes_what_is_older_except_starred(tmp_path):
    ids = fill(tmp_path / "store.db", 10)
    with engine(tmp_path, max_age=4.5 * DAY) as e:
        e.set_starred(ids[0], True)
        e.set_starred(ids[2], True)
        assert e.apply_retention() == 3  # Stories 5 to 9, less the two starred
        assert left(e) == ["Story 0", "Story 1", "Story 2", "Story 3", "Story 4", "Story 7", "Story 9"]


def test_only_starred_left_over_the_limit_stay(tmp_path):
    ids = fill(tmp_path / "store.db", 4)
    with engine(tmp_path, max_articles_per_feed=1, max_age=DAY / 2) as e:
        for i in ids:
            e.set_starred(i, True)
        assert e.apply_retention() == 0 and len(e.articles()) == 4


def test_what_retention_deleted_is_not_stored_again_by_a_refresh(tmp_path):
    ids = fill(tmp_path / "store.db", 6)
    with engine(tmp_path, max_articles_per_feed=3) as e:
        assert e.apply_retention() == 3
    # The feed still carries all six: storing it again brings none of them back as new.
    with Store(tmp_path / "store.db") as store:
        feed = store.feeds()[0]
        entries = tuple(
            ParsedEntry(f"k{i}", f"k{i}", None, f"Story {i}", (), NOW - i * DAY, None, "<p>x</p>", f"h{i}")
            for i in range(6)
        )
        new, _ = store.apply_update(
            FeedUpdate(feed.id, "ok", NOW, feed=ParsedFeed(title=None, site_url=None, entries=entries))
        )
        assert new == 0 and len(store.articles()) == 3
    assert len(ids) == 6


def test_cleanup_says_what_it_deleted_and_freed(home):
    from newsreader import locations

    locations.store_file().parent.mkdir(parents=True, exist_ok=True)
    fill(locations.store_file(), 300, body="harbour ferry council " * 200)
    write_config(home, '[retention]\nmax_articles_per_feed = 20\nmax_age = "180d"\n')
    out = run_cli("cleanup", home=home)
    assert out.returncode == 0, out.stderr
    m = re.fullmatch(
        r"deleted 280 articles, freed ([\d.]+) (MB|kB) \(([\d.]+) (MB|kB) -> ([\d.]+) (MB|kB)\)\n", out.stdout
    )
    assert m, out.stdout
    assert float(m.group(1)) > 0
    assert run_cli("list", home=home).stdout.count("\n") == 20
    again = run_cli("cleanup", home=home)
    assert again.stdout.startswith("deleted 0 articles, freed ")


def test_a_bad_retention_setting_names_its_line(home):
    write_config(home, '[retention]\nmax_articles_per_feed = 0\nmax_age = "soon"\n')
    out = run_cli("cleanup", home=home)
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert len(lines) == 2
    assert "config.toml:2: [retention] max_articles_per_feed must be a whole number" in lines[0]
    assert 'config.toml:3: [retention] max_age must be a duration like "180d"' in lines[1]
