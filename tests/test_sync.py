"""Sync against a real FreshRSS: each rule of issue 11 checked by reading the server back through its API."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.config import read_config
from newsreader.engine import Engine
from tests.conftest import LoopbackServer, run_cli, shared_beside, write_config
from tests.sync_server import Api, FreshRSS, KillingProxy, cli, rss

KIT = shared_beside(Path(__file__).resolve().parents[1]) / "servers" / "freshrss"


@pytest.fixture(scope="session")
def freshrss(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FreshRSS]:
    server = FreshRSS(KIT, tmp_path_factory.mktemp("freshrss"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def feeds() -> Iterator[LoopbackServer]:
    s = LoopbackServer()
    yield s
    s.close()


@pytest.fixture
def api(freshrss: FreshRSS) -> Api:
    """A fresh user on the shared server: tests do not see each other's feeds."""
    return freshrss.new_user()


@pytest.fixture
def synced(home: Path, api: Api, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home whose config syncs with the user's account; the password comes from the environment."""
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", "apipassword")
    write_config(home, f'full_text = "never"\n[sync]\nurl = "{api.url}"\nuser = "{api.user}"\n')
    return home


def feed(feeds: LoopbackServer, name: str, n: int) -> str:
    """Serve (or change) feed `name` with items 0..n-1; returns its address."""
    items = [
        (feeds.url(f"/{name}/{i}"), f"{name} story {i}", f"<p>Story {i} of {name}.</p>") for i in range(n)
    ]
    body = rss(f"{name.title()} News", items)
    return feeds.route(f"/{name}.xml", body, headers={"Content-Type": "application/rss+xml"})


def engine(home: Path) -> Engine:
    """The engine on home's store (the home fixture points NEWSREADER_HOME there)."""
    return Engine.open(read_config(locations.config_file()).config)


def sync_here(home: Path):
    """A sync through the engine, as the interface's R runs it (no process start-up)."""
    with engine(home) as e:
        return e.sync()


def lines(p) -> list[str]:
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def one_line_error(p) -> str:
    assert p.returncode == 1, (p.stdout, p.stderr)
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr, p.stderr
    return p.stderr


def clock_moves_on() -> None:
    """Let the clock pass, so two actions on either side of this call have clearly ordered timestamps."""
    start = time.time()
    while time.time() < start + 1.0:
        time.sleep(0.05)


def test_initial_sync_pulls_subscriptions_labels_items_and_state(synced, api, feeds):
    stream = api.quickadd(feed(feeds, "harbour", 3))
    api.post("subscription/edit", [("ac", "edit"), ("s", stream), ("a", "user/-/label/Local news")])
    items = api.items()
    api.mark([items[feeds.url("/harbour/0")]["id"]], add="read")
    api.mark([items[feeds.url("/harbour/1")]["id"]], add="starred")

    out = lines(run_cli("sync", home=synced))
    assert out[0].startswith("pulled: 3 new items") and "1 subscription change" in out[0]
    assert out[1] == "pushed: 0 read/starred changes, 0 subscription changes"
    assert lines(run_cli("feeds", home=synced)) == [
        f"    2/3     Harbour News [Local news]  <{feeds.url('/harbour.xml')}>"
    ]
    listed = json.loads(run_cli("list", "--json", home=synced).stdout)
    by_link = {a["link"]: a for a in listed}
    assert by_link[feeds.url("/harbour/0")]["read"] and not by_link[feeds.url("/harbour/2")]["read"]
    assert by_link[feeds.url("/harbour/1")]["starred"]
    assert by_link[feeds.url("/harbour/2")]["body"] == "Story 2 of harbour."  # the cleaner ran on it


def test_incremental_sync_brings_only_what_is_new(synced, api, feeds, freshrss):
    api.quickadd(feed(feeds, "bridge", 2))
    assert lines(cli("sync", home=synced))[0].startswith("pulled: 2 new items")
    feed(feeds, "bridge", 4)
    freshrss.actualize(api)
    assert lines(cli("sync", home=synced))[0].startswith("pulled: 2 new items, 0 read/starred")
    assert lines(cli("sync", home=synced))[0].startswith("pulled: 0 new items, 0 read/starred")
    with engine(synced) as e:
        assert len(e.articles()) == 4


def test_local_state_changes_from_every_face_reach_the_server(synced, api, feeds):
    api.quickadd(feed(feeds, "ferry", 4))
    sync_here(synced)
    with engine(synced) as e:
        rows = {r.title: r.id for r in e.articles()}
        e.set_read([rows["ferry story 0"]])
        e.set_starred(rows["ferry story 1"], True)
        e.set_read([rows["ferry story 2"]])
        e.set_read([rows["ferry story 2"]], False)  # read then unread again: unread in the end
    assert "pushed: 2 read/starred changes" in lines(cli("sync", home=synced))[1]
    there = api.items()
    assert there[feeds.url("/ferry/0")]["read"] and not there[feeds.url("/ferry/2")]["read"]
    assert there[feeds.url("/ferry/1")]["starred"]
    assert lines(cli("mark-read", "--all", home=synced)) == ["marked 3 articles read"]
    assert "pushed: 3 read/starred changes" in lines(cli("refresh", home=synced))[1]  # refresh syncs
    assert all(i["read"] for i in api.items().values())


def test_changes_made_while_the_server_is_down_land_on_the_next_sync(synced, api, feeds, freshrss):
    api.quickadd(feed(feeds, "pier", 3))
    sync_here(synced)
    freshrss.kill()
    try:
        assert lines(cli("mark-read", "--all", home=synced)) == ["marked 3 articles read"]
        with engine(synced) as e:
            e.set_starred(e.articles()[0].id, True)
        failed = one_line_error(cli("sync", home=synced))
        assert "cannot reach the sync server" in failed and "4 queued changes kept" in failed
        status = cli("sync", "--status", home=synced)
        assert status.returncode == 1
        assert "queued changes: 4" in status.stdout and "server: unreachable" in status.stdout
    finally:
        freshrss.start()
    assert lines(cli("sync", home=synced))[1].startswith("pushed: 4 read/starred changes")
    there = api.items()
    assert all(i["read"] for i in there.values()) and sum(i["starred"] for i in there.values()) == 1
    assert "queued changes: 0" in lines(cli("sync", "--status", home=synced))


def test_a_conflict_goes_to_the_later_action_and_the_loser_is_counted(synced, api, feeds):
    api.quickadd(feed(feeds, "quay", 2))
    with engine(synced) as e:
        e.sync()
        first, second = (r.id for r in sorted(e.articles(), key=lambda r: r.title))
        ids = {i["canonical"][0]["href"]: i["id"] for i in api.items().values()}
        # Item 0: marked read on the server now; much later marked read and unread again here.
        # Item 1: marked read and unread here now, then marked read on the server.
        api.mark([ids[feeds.url("/quay/0")]], add="read")
        e.set_read([second])
        e.set_read([second], False)
        api.mark([ids[feeds.url("/quay/1")]], add="read")
        clock_moves_on()
        e.set_read([first])
        e.set_read([first], False)
        done = e.sync()
        assert (done.conflicts_local_won, done.conflicts_server_won) == (1, 1)
        read_here = {r.id: r.read for r in e.articles()}
    assert read_here == {first: False, second: True}
    there = api.items()
    assert not there[feeds.url("/quay/0")]["read"] and there[feeds.url("/quay/1")]["read"]


def test_unsubscribe_both_ways(synced, api, feeds):
    api.quickadd(feed(feeds, "dock", 1))
    gone_there = api.quickadd(feed(feeds, "lock", 1))
    sync_here(synced)
    assert lines(cli("remove", feeds.url("/dock.xml"), home=synced)) == [f"removed: {feeds.url('/dock.xml')}"]
    api.post("subscription/edit", [("ac", "unsubscribe"), ("s", gone_there)])
    out = lines(cli("sync", home=synced))
    assert "1 removed feed" in out[0] and "1 subscription change" in out[1]
    assert api.subscriptions() == {}
    assert lines(cli("feeds", home=synced)) == []


def test_subscribe_rename_and_tags_both_ways(synced, api, feeds):
    stream = api.quickadd(feed(feeds, "canal", 1))
    sync_here(synced)
    # Here: a new subscription, a rename and a tag.
    new_url = feed(feeds, "basin", 2)
    assert cli("add", new_url, "--tag", "Water", home=synced).returncode == 0
    assert cli("rename", feeds.url("/canal.xml"), "The Canal", home=synced).returncode == 0
    assert cli("add", feeds.url("/canal.xml"), "--tag", "Boats", "--no-check", home=synced).returncode == 0
    out = lines(cli("sync", home=synced))
    assert out[1] == "pushed: 0 read/starred changes, 3 subscription changes"
    subs = api.subscriptions()
    assert subs[feeds.url("/canal.xml")]["title"] == "The Canal"
    assert [c["label"] for c in subs[feeds.url("/canal.xml")]["categories"]] == ["Boats"]
    assert [c["label"] for c in subs[new_url]["categories"]] == ["Water"]
    assert "2 new items" in out[0]  # the new feed's items, through the server
    # There: a rename and another folder.
    api.post(
        "subscription/edit",
        [("ac", "edit"), ("s", stream), ("t", "Canal Times"), ("a", "user/-/label/Ships")],
    )
    assert "1 subscription change" in lines(cli("sync", home=synced))[0]
    mine = {line.split("<")[1].rstrip(">"): line for line in lines(cli("feeds", home=synced))}
    assert "Canal Times [Ships]" in mine[feeds.url("/canal.xml")]


def test_wrong_password_is_one_line_and_keeps_the_queue(synced, api, feeds, monkeypatch):
    api.quickadd(feed(feeds, "wharf", 2))
    sync_here(synced)
    run_cli("mark-read", "--all", home=synced)
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", "not-the-password")
    failed = one_line_error(run_cli("sync", home=synced))
    assert failed == (
        "newsreader: sync failed: the sync server refused the user name or password; "
        "2 queued changes kept for the next sync\n"
    )
    assert not any(i["read"] for i in api.items().values())


def test_server_killed_mid_sync_leaves_the_store_consistent_and_the_queue_intact(
    synced, api, feeds, freshrss
):
    proxy = KillingProxy(freshrss, kill_at="edit-tag")
    try:
        write_config(synced, f'full_text = "never"\n[sync]\nurl = "{proxy.greader}"\nuser = "{api.user}"\n')
        api.quickadd(feed(feeds, "slip", 2))
        sync_here(synced)
        assert lines(cli("mark-read", "--all", home=synced)) == ["marked 2 articles read"]
        feed(feeds, "slip", 3)
        freshrss.actualize(api)
        proxy.armed = True  # the server dies when the sync starts sending the read marks
        failed = one_line_error(cli("sync", home=synced))
        assert "2 queued changes kept" in failed
        with engine(synced) as e:
            assert e.sync_status(ask=False).queued == 2
            assert len(e.articles()) == 3  # what was pulled before the crash is stored, whole
            assert e.feeds()[0].unread == 1 and e.feeds()[0].total == 3
        freshrss.start()
        assert "pushed: 2 read/starred changes" in lines(cli("sync", home=synced))[1]
        there = api.items()
        assert [there[feeds.url(f"/slip/{i}")]["read"] for i in range(3)] == [True, True, False]
        with engine(synced) as e:
            assert e.sync_status(ask=False).queued == 0
    finally:
        proxy.close()


async def test_the_interface_r_key_syncs_instead_of_fetching(synced, api, feeds, freshrss):
    from newsreader.ui.app import NewsApp
    from tests.ui_store import screen_text, settle, wait_until

    api.quickadd(feed(feeds, "lagoon", 1))
    await asyncio.to_thread(sync_here, synced)  # the test's own loop runs; a sync runs its own
    feed(feeds, "lagoon", 2)
    freshrss.actualize(api)
    fetched_before = len(feeds.hits("/lagoon.xml"))
    app = NewsApp(locations.store_file(), read_config(locations.config_file()).config, clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: "lagoon story 1" in screen_text(app), timeout=60)
        assert "lagoon story 0" in screen_text(app)
    assert len(feeds.hits("/lagoon.xml")) == fetched_before  # the server fetched it, not us


def test_a_summary_item_gets_its_full_page_fetched_by_us(synced, api, feeds):
    page = "<html><body><article><h1>Long story</h1>" + "<p>The whole text of the story, at length.</p>" * 30
    feeds.route("/inlet/page", page + "</article></body></html>", headers={"Content-Type": "text/html"})
    url = feeds.route(
        "/inlet.xml",
        rss("Inlet News", [(feeds.url("/inlet/page"), "Long story", "A short summary…")]),
        headers={"Content-Type": "application/rss+xml"},
    )
    api.quickadd(url)
    write_config(synced, f'full_text = "auto"\n[sync]\nurl = "{api.url}"\nuser = "{api.user}"\n')
    sync_here(synced)
    assert len(feeds.hits("/inlet/page")) == 1
    (article,) = json.loads(cli("list", "--json", home=synced).stdout)
    assert "The whole text of the story, at length." in article["body"]


def test_another_account_starts_afresh_and_loses_nothing(synced, api, feeds, freshrss):
    api.quickadd(feed(feeds, "reef", 2))
    sync_here(synced)
    other = freshrss.new_user()
    write_config(synced, f'full_text = "never"\n[sync]\nurl = "{other.url}"\nuser = "{other.user}"\n')
    out = lines(cli("sync", home=synced))
    assert out[0].startswith("pulled: 0 new items") and "0 removed feeds" in out[0]
    # Our feed, sent to the new account:
    assert out[1] == "pushed: 0 read/starred changes, 1 subscription change"
    assert list(other.subscriptions()) == [feeds.url("/reef.xml")]
    with engine(synced) as e:
        assert len(e.articles()) == 2 and len(e.feeds()) == 1


def test_a_subscription_the_server_refuses_is_named_and_kept_here(synced, api, feeds):
    api.quickadd(feed(feeds, "strand", 1))
    sync_here(synced)
    missing = feeds.url("/nowhere.xml")  # 404: FreshRSS will not subscribe to it
    assert cli("add", missing, "--no-check", home=synced).returncode == 0
    out = lines(cli("sync", home=synced))
    assert out[-1] == (
        f"refused: subscribe {missing}: the sync server refused /reader/api/0/subscription/edit: HTTP 400"
    )
    assert missing in cli("feeds", home=synced).stdout and missing not in api.subscriptions()
