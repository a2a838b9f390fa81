"""A store that cannot be written still reads: list, search, export, feeds and the interface; writes fail in one line."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from textual.app import Notify

from newsreader import locations
from newsreader.config import Config
from newsreader.store import Store, StoreReadOnly
from newsreader.ui.app import NewsApp
from tests.conftest import run_cli
from tests.ui_store import Story, Sub, build_store, screen_text, settle

SUBS = [
    Sub(
        "http://127.0.0.1:9/harbour.xml",
        "Harbour News",
        [Story("Ferry timetable changes"), Story("Storm warning")],
    ),
    Sub("http://127.0.0.1:9/council.xml", "Council Notes", [Story("Budget vote", cleaned=False)]),
]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def make_read_only(path: Path) -> None:
    """chmod the store and its folder read-only; root ignores the bits, the store honours them anyway."""
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)


@pytest.fixture
def read_only_home(home: Path):
    path = locations.store_file()
    build_store(path, SUBS)
    make_read_only(path)
    yield home
    path.parent.chmod(stat.S_IRWXU)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_reading_commands_serve_a_read_only_store(read_only_home):
    folder = locations.store_file().parent
    before = digests(folder)
    feeds = run_cli("feeds", home=read_only_home)
    assert feeds.returncode == 0, feeds.stderr
    assert "Harbour News" in feeds.stdout and "Council Notes" in feeds.stdout
    listed = run_cli("list", home=read_only_home)
    assert (
        listed.returncode == 0
        and "Ferry timetable changes" in listed.stdout
        and "Budget vote" in listed.stdout
    )
    as_json = run_cli("list", "--json", home=read_only_home)
    assert as_json.returncode == 0 and '"Budget vote"' in as_json.stdout, as_json.stderr
    found = run_cli("search", "storm", home=read_only_home)  # never indexed: nobody could write the index
    assert found.returncode == 0 and "Storm warning" in found.stdout and "Ferry" not in found.stdout
    exported = run_cli("export", home=read_only_home)
    assert exported.returncode == 0 and "http://127.0.0.1:9/harbour.xml" in exported.stdout
    assert digests(folder) == before


@pytest.mark.parametrize(
    "args",
    [
        ("add", "--no-check", "http://127.0.0.1:9/new.xml"),
        ("mark-read", "--all"),
        ("remove", "http://127.0.0.1:9/harbour.xml"),
        ("refresh",),
    ],
)
def test_writing_commands_fail_in_one_line_on_a_read_only_store(read_only_home, args):
    path = locations.store_file()
    before = digests(path.parent)
    out = run_cli(*args, home=read_only_home)
    assert out.returncode == 1
    assert out.stderr == f"newsreader: store is read-only: {path}; nothing was changed\n"
    assert digests(path.parent) == before


def test_explicit_read_only_mode_reads_and_refuses_writes(home):
    path = locations.store_file()
    build_store(path, SUBS)
    before = digests(path.parent)["newsreader.db"]
    with Store(path, read_only=True) as store:
        assert store.read_only
        assert [f.display_title for f in store.feeds()] == ["Harbour News", "Council Notes"]
        assert len(store.articles(unread_only=True)) == 3
        assert [r.title for r in store.search("ferry")] == ["Ferry timetable changes"]
        feed = store.feeds()[0]
        for write in (
            lambda: store.mark_all_read(),
            lambda: store.set_state("ui.theme", "dark"),
            lambda: store.add_feed("http://127.0.0.1:9/other.xml"),
            lambda: store.set_feed_title(feed.id, "Mine"),
            lambda: store.index_pending(),
        ):
            with pytest.raises(StoreReadOnly, match="store is read-only"):
                write()
    assert digests(path.parent)["newsreader.db"] == before


async def test_the_interface_reads_a_read_only_store_and_says_so(read_only_home):
    path = locations.store_file()
    before = digests(path.parent)
    notices: list[str] = []

    def hook(message) -> None:
        if isinstance(message, Notify):
            notices.append(message.notification.message)

    app = NewsApp(path, Config(), clean_on_start=False)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        assert "Harbour News" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Ferry timetable changes" in screen_text(app)
        await pilot.press("s")  # a write: refused in one line, the interface carries on
        await settle(pilot)
    assert f"store is read-only: {path}; nothing will be saved" in notices
    assert f"could not save: store is read-only: {path}; nothing was changed" in notices
    assert digests(path.parent) == before


def test_data_being_a_regular_file_is_one_line(home):
    (home / "data").write_text("not a folder")
    out = run_cli("feeds", home=home)
    assert out.returncode == 1
    assert out.stderr == f"newsreader: cannot create the store: {home / 'data'} is not a directory\n"


def test_an_uncreatable_home_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = run_cli("list", home=blocker / "home")
    assert out.returncode == 1
    # The config's own line may come first (a reading command goes on with defaults); then the store's.
    lines = out.stderr.splitlines()
    assert all(line.startswith("newsreader: ") for line in lines) and "Traceback" not in out.stderr
    assert lines[-1] == f"newsreader: cannot create the store: {blocker} is not a directory"


def test_an_unwritable_home_without_a_store_is_one_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        out = run_cli("feeds", home=home)
    finally:
        home.chmod(stat.S_IRWXU)
    assert out.returncode == 1
    assert out.stderr == f"newsreader: cannot create the store: {home} is not writable\n"
    assert os.listdir(home) == []
