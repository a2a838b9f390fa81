"""Enclosures, saving and the browser in the interface: d (progress in the status bar, resume, size
cap), P, S, and the browser setting, against a loopback server and real programs."""

from __future__ import annotations

import stat
import sys

import pytest
import yaml

from newsreader import locations
from newsreader.config import Config, EnclosureSettings
from newsreader.ui.app import NewsApp
from newsreader.ui.widgets.meta_pane import MetaPane
from tests.media_server import FileRoute
from tests.media_store import podcast_store
from tests.ui_store import Toasts, screen_text, settle, utc, wait_until  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
WIDE = (160, 40)
AUDIO = bytes(range(256)) * 4096  # 1 MiB


def recorder(tmp_path, name: str):
    """A program that writes its arguments, one a line, to a file: a stand-in for a browser or player."""
    out = tmp_path / f"{name}.args"
    script = tmp_path / name
    script.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\npathlib.Path({str(out)!r}).write_text('\\n'.join(sys.argv[1:]))\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, out


async def open_episode(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the feed
    await settle(pilot)
    await pilot.press("enter")  # its episode
    await settle(pilot)


def app_for(tmp_path, url: str, length: int | None = None, **config) -> NewsApp:
    store = locations.store_file()
    podcast_store(store, url, length)
    config.setdefault("enclosures", EnclosureSettings(dir=tmp_path / "podcasts"))
    return NewsApp(store, Config(**config), clean_on_start=False)


async def test_the_metadata_pane_lists_type_size_and_duration(home, tmp_path):
    app = app_for(tmp_path, "http://127.0.0.1:9/media/ep1.mp3", 5_242_880)
    async with app.run_test(size=WIDE) as pilot:
        await open_episode(pilot)
        assert app.screen.query_one(MetaPane).display
        text = screen_text(app)
        # The address is too long to stand beside the label: the whole line goes under it, unbroken.
        lines = [line.strip("│ ") for line in text.splitlines() if "│" in line]
        meta = [line.rsplit("│", 1)[-1].strip() for line in lines]
        at = meta.index("Enclosures")
        assert meta[at + 1 : at + 3] == ["audio/mpeg, 5.0 MiB, 1:02:03", "http://127.0.0.1:9/media/ep1.mp3"]


async def test_d_downloads_with_progress_in_the_status_bar(home, tmp_path, server):
    route = FileRoute(AUDIO, hold_at=300_000)
    url = server.route("/media/ep1.mp3", handler=route)
    app = app_for(tmp_path, url, len(AUDIO))
    toasts = Toasts()
    target = tmp_path / "podcasts" / "ep1.mp3"
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("d")
        # The server holds the rest of the file until the status bar has shown the download under way.
        await wait_until(pilot, lambda: "downloading ep1.mp3:" in screen_text(app), then_settle=False)
        assert "of 1.0 MiB" in screen_text(app)
        route.go.set()
        await wait_until(pilot, lambda: any(m.startswith("Downloaded") for m in toasts.messages()))
        assert toasts.messages() == [f"Downloaded: {target}"]
        assert "downloaded" in screen_text(app)
    assert target.read_bytes() == AUDIO


async def test_a_second_d_resumes_a_stopped_download_with_a_range(home, tmp_path, server):
    route = FileRoute(AUDIO, cut_at=300_000)
    url = server.route("/media/ep1.mp3", handler=route)
    app = app_for(tmp_path, url)
    toasts = Toasts()
    target = tmp_path / "podcasts" / "ep1.mp3"
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: toasts.messages("error"))
        (failure,) = toasts.messages("error")
        assert failure.startswith("download failed: ") and failure.endswith("kept, download again to resume")
        assert "download failed" in screen_text(app)
        (part,) = target.parent.glob("ep1.mp3.*.part")
        kept = part.stat().st_size
        await pilot.press("d")
        await wait_until(pilot, lambda: any(m.startswith("Downloaded") for m in toasts.messages()))
    assert route.ranges == [None, f"bytes={kept}-"]
    assert target.read_bytes() == AUDIO
    assert list(target.parent.glob("*.part")) == []


async def test_d_refuses_a_file_over_the_cap_in_one_line_and_leaves_nothing(home, tmp_path, server):
    url = server.route("/media/ep1.mp3", handler=FileRoute(AUDIO))
    app = app_for(tmp_path, url, enclosures=EnclosureSettings(dir=tmp_path / "podcasts", max_bytes=100_000))
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: toasts.messages("error"))
        assert toasts.messages("error") == ["download refused: larger than 97.7 KiB ([enclosures] max_bytes)"]
        assert "Episode 1" in screen_text(app)  # still reading
    folder = tmp_path / "podcasts"
    assert not folder.exists() or list(folder.iterdir()) == []


async def test_p_plays_the_downloaded_file_else_the_address(home, tmp_path, server):
    url = server.route("/media/ep1.mp3", handler=FileRoute(AUDIO))
    player, played = recorder(tmp_path, "player")
    app = app_for(tmp_path, url, player=f"{player} --no-video %u")
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("P")
        await wait_until(pilot, played.exists)
        assert played.read_text().splitlines() == ["--no-video", url]
        played.unlink()
        await pilot.press("d")
        await wait_until(pilot, lambda: any(m.startswith("Downloaded") for m in toasts.messages()))
        await pilot.press("P")
        await wait_until(pilot, played.exists)
        assert played.read_text().splitlines() == ["--no-video", str(tmp_path / "podcasts" / "ep1.mp3")]
        assert f"Playing with {player}" in toasts.messages()


async def test_p_without_a_player_says_how_to_set_one(home, tmp_path):
    app = app_for(tmp_path, "http://127.0.0.1:9/media/ep1.mp3")
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("P")
        await wait_until(pilot, lambda: toasts.messages("error"))
        assert toasts.messages("error") == ['no player set: add player = "mpv %u" (for one) to config.toml']


async def test_s_saves_markdown_into_save_dir_and_says_where(home, tmp_path):
    app = app_for(tmp_path, "http://127.0.0.1:9/media/ep1.mp3", save_dir=tmp_path / "saved")
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("S")
        await wait_until(pilot, lambda: toasts.messages())
        await pilot.press("S")  # again: a second file, the first one kept
        await wait_until(pilot, lambda: len(toasts.messages()) == 2)
    first, second = tmp_path / "saved" / "episode-1.md", tmp_path / "saved" / "episode-1 (2).md"
    assert toasts.messages() == [f"Saved to {first}", f"Saved to {second}"]
    head = first.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n")
    assert yaml.safe_load(head)["title"] == "Episode 1"
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


async def test_the_browser_setting_opens_the_link(home, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER", "false")  # the setting comes first
    browser, opened = recorder(tmp_path, "browser")
    app = app_for(tmp_path, "http://127.0.0.1:9/media/ep1.mp3", browser=f"{browser} --new-tab %u")
    async with app.run_test(size=WIDE) as pilot:
        await open_episode(pilot)
        await pilot.press("o")
        await wait_until(pilot, opened.exists)
    assert opened.read_text().splitlines() == ["--new-tab", "http://127.0.0.1:9/ep1"]


async def test_a_browser_that_cannot_start_is_one_line(home, tmp_path):
    app = app_for(tmp_path, "http://127.0.0.1:9/media/ep1.mp3", browser=f"{tmp_path / 'no-such-browser'} %u")
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("o")
        await wait_until(pilot, lambda: toasts.messages("warning"))
    (said,) = toasts.messages("warning")
    assert said.startswith("browser: cannot run ") and "\n" not in said


async def test_d_on_an_article_without_enclosures_says_so_in_one_line(home, tmp_path):
    from tests.ui_store import build_store, standard_subs

    store = locations.store_file()
    build_store(store, standard_subs())
    app = NewsApp(
        store, Config(enclosures=EnclosureSettings(dir=tmp_path / "podcasts")), clean_on_start=False
    )
    toasts = Toasts()
    async with app.run_test(size=WIDE, message_hook=toasts) as pilot:
        await open_episode(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: toasts.messages("error"))
        (said,) = toasts.messages("error")
        assert said.startswith("article ") and said.endswith(" has no enclosure")
        assert "download failed" not in screen_text(app)
        assert "Enclosures" not in screen_text(app)
