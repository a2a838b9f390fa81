"""`newsreader download ID` and `newsreader save ID` on the command line, against a loopback server."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

from newsreader import locations
from tests.conftest import run_cli, write_config
from tests.media_server import FileRoute
from tests.media_store import podcast_store

AUDIO = bytes(range(256)) * 4096  # 1 MiB


def store_with_enclosure(url: str, length: int | None = None) -> int:
    return podcast_store(locations.store_file(), url, length)


def run_on_terminal(*args: str, home) -> tuple[int, str, str]:
    """Run the command with stderr on a terminal (a pty), as a user at a shell sees it."""
    leader, follower = pty.openpty()
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        text=True,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the other end closed: the process is gone
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read()
    code = proc.wait(60)
    os.close(leader)
    return code, out, seen.decode("utf-8", "replace")


def test_download_shows_a_progress_line_and_writes_the_whole_file(server, home, tmp_path):
    route = FileRoute(AUDIO)
    url = server.route("/media/ep1.mp3", handler=route)
    folder = tmp_path / "podcasts"
    write_config(home, f'[enclosures]\ndir = "{folder}"\n')
    article = store_with_enclosure(url, len(AUDIO))
    code, out, terminal = run_on_terminal("download", str(article), home=home)
    assert code == 0, terminal
    assert "downloading ep1.mp3: " in terminal and "of 1.0 MiB (100%)" in terminal
    assert out.strip() == f"downloaded {folder / 'ep1.mp3'} (1.0 MiB)"
    assert (folder / "ep1.mp3").read_bytes() == AUDIO
    assert list(folder.glob("*.part")) == []
    again = run_cli("download", str(article), home=home)
    assert again.stdout.strip() == f"already downloaded: {folder / 'ep1.mp3'}"
    assert len(route.ranges) == 1


def test_a_stopped_download_resumes_with_a_range_and_the_file_is_whole(server, home, tmp_path):
    route = FileRoute(AUDIO, cut_at=300_000)
    url = server.route("/media/ep1.mp3", handler=route)
    folder = tmp_path / "podcasts"
    write_config(home, f'[enclosures]\ndir = "{folder}"\n')
    article = store_with_enclosure(url)
    first = run_cli("download", str(article), home=home)
    assert first.returncode == 1
    assert first.stderr.count("\n") == 1 and first.stderr.startswith("newsreader: download failed: ")
    assert "download again to resume" in first.stderr
    (part,) = folder.glob("ep1.mp3.*.part")
    kept = part.stat().st_size
    assert 0 < kept <= 300_000 and not (folder / "ep1.mp3").exists()
    second = run_cli("download", str(article), home=home)
    assert second.returncode == 0, second.stderr
    assert "resumed at" in second.stdout
    assert route.ranges == [None, f"bytes={kept}-"]
    assert (folder / "ep1.mp3").read_bytes() == AUDIO
    assert list(folder.glob("*.part")) == []


def test_a_file_over_the_size_cap_is_refused_in_one_line_and_nothing_is_left(server, home, tmp_path):
    url = server.route("/media/ep1.mp3", handler=FileRoute(AUDIO))
    folder = tmp_path / "podcasts"
    folder.mkdir()
    (folder / "other.mp3").write_bytes(b"an earlier download")
    write_config(home, f'[enclosures]\ndir = "{folder}"\nmax_bytes = 100000\n')
    article = store_with_enclosure(url)
    out = run_cli("download", str(article), home=home)
    assert out.returncode == 1
    assert out.stderr == "newsreader: download refused: larger than 97.7 KiB ([enclosures] max_bytes)\n"
    assert sorted(p.name for p in folder.iterdir()) == ["other.mp3"]
    assert (folder / "other.mp3").read_bytes() == b"an earlier download"
    listed = json.loads(run_cli("list", "--json", home=home).stdout)
    assert [a["title"] for a in listed] == ["Episode 1"]  # nothing else lost


def test_a_server_without_a_length_is_cut_at_the_cap_too(server, home, tmp_path):
    def no_length(h):
        h.send_response(200)
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(AUDIO)

    url = server.route("/media/ep1.mp3", handler=no_length)
    folder = tmp_path / "podcasts"
    write_config(home, f'[enclosures]\ndir = "{folder}"\nmax_bytes = 100000\n')
    article = store_with_enclosure(url)
    out = run_cli("download", str(article), home=home)
    assert out.returncode == 1 and out.stderr.startswith("newsreader: download refused: larger than")
    assert not folder.exists() or list(folder.iterdir()) == []


def test_download_errors_are_one_line(home):
    article = store_with_enclosure("http://127.0.0.1:9/nothing.mp3")
    for args, says in (
        (["download", "999"], "newsreader: no article 999\n"),
        (["download", str(article), "2"], f"newsreader: article {article} has 1 enclosure(s), not 2\n"),
        (["download", str(article), "--offline"], "newsreader: --offline: refusing to download "),
    ):
        out = run_cli(*args, home=home)
        assert out.returncode == 1 and out.stderr.startswith(says), out.stderr
        assert out.stderr.count("\n") == 1


def test_a_server_without_ranges_sends_it_all_again_and_the_file_is_still_whole(server, home, tmp_path):
    route = FileRoute(AUDIO, cut_at=300_000, ranges=False)
    url = server.route("/media/ep1.mp3", handler=route)
    folder = tmp_path / "podcasts"
    write_config(home, f'[enclosures]\ndir = "{folder}"\n')
    article = store_with_enclosure(url)
    assert run_cli("download", str(article), home=home).returncode == 1
    (part,) = folder.glob("ep1.mp3.*.part")
    kept = part.stat().st_size
    second = run_cli("download", str(article), home=home)
    assert second.returncode == 0, second.stderr
    assert route.ranges == [None, f"bytes={kept}-"]
    assert second.stdout.strip() == f"downloaded {folder / 'ep1.mp3'} (1.0 MiB)"  # started over, not resumed
    assert (folder / "ep1.mp3").read_bytes() == AUDIO


def test_two_enclosures_with_one_file_name_never_share_a_part(server, home, tmp_path):
    other = bytes(reversed(AUDIO))
    first = FileRoute(AUDIO, cut_at=300_000)
    url_a = server.route("/a/ep1.mp3", handler=first)
    url_b = server.route("/b/ep1.mp3", handler=FileRoute(other))
    folder = tmp_path / "podcasts"
    write_config(home, f'[enclosures]\ndir = "{folder}"\n')
    a = podcast_store(locations.store_file(), url_a, key="ep1")
    b = podcast_store(locations.store_file(), url_b, key="ep2")
    assert run_cli("download", str(a), home=home).returncode == 1  # stopped: its .part kept
    out_b = run_cli("download", str(b), home=home)
    assert out_b.stdout.strip() == f"downloaded {folder / 'ep1.mp3'} (1.0 MiB)"
    out_a = run_cli("download", str(a), home=home)
    assert out_a.stdout.strip().startswith(f"downloaded {folder / 'ep1 (2).mp3'} (1.0 MiB, resumed at ")
    assert (folder / "ep1.mp3").read_bytes() == other
    assert (folder / "ep1 (2).mp3").read_bytes() == AUDIO
    assert list(folder.glob("*.part")) == []
