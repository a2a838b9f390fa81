"""Sync without a FreshRSS: the [sync] settings, conflict rules, and servers that answer garbage."""

from __future__ import annotations

import pytest

from newsreader.config import check_config
from newsreader.models import QueuedChange
from newsreader.store.sync import KnownItem
from newsreader.sync.reconcile import plan_states
from tests.conftest import write_config
from tests.sync_server import cli


class FakeApi:
    """A loopback server answering GET and POST by path (bodies read and kept): a broken sync server."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes: dict[str, tuple[int, bytes]] = {}
        self.bodies: list[bytes] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.command == "POST":
                    api.bodies.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                status, body = api.routes.get(self.path.split("?")[0], (404, b"not found"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up on this answer: nothing to report
                    pass

            do_POST = do_GET  # noqa: N815

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api"


@pytest.fixture
def fake_api():
    api = FakeApi()
    yield api
    api.httpd.shutdown()
    api.httpd.server_close()


def test_sync_settings_are_checked_with_their_line():
    good = check_config('[sync]\nurl = "https://rss.example.org/api/greader.php"\nuser = "alice"\n', None)
    assert not good.problems and good.config.sync.url.startswith("https://")
    bad = check_config('[sync]\nservice = "fever"\nurl = "rss.example.org"\npassword = "x"\n', None)
    assert [str(p) for p in bad.problems] == [
        "config:2: [sync] service must be one of greader (got 'fever')",
        "config:3: [sync] url must be an http:// or https:// address (got 'rss.example.org')",
        "config:4: unknown setting [sync] password",
        "config:1: [sync] needs user",
    ]
    assert bad.config.sync is None


def known(read: bool, server_read: bool) -> dict[str, KnownItem]:
    return {"7": KnownItem(1, read=read, starred=False, sync_read=server_read, sync_starred=False)}


def mark(at: float, read: bool, n: int = 1) -> QueuedChange:
    return QueuedChange(n, at, "read", 1, "7", None, "1" if read else "0")


def test_a_local_change_alone_is_sent_and_a_server_change_alone_is_taken():
    sent = plan_states(known(True, False), {"7"}, set(), [mark(150, True)], 100, 200)
    assert sent.pushes == {("read", True): ["7"]} and sent.pushed == [1] and not sent.local
    taken = plan_states(known(False, False), set(), set(), [], 100, 200)  # read on the server
    assert taken.local == [(1, True, None)] and not taken.pushes and taken.pulled == 1


def test_a_conflict_goes_to_the_later_side_dated_mid_way_between_syncs():
    # Last seen unread on both sides; the server marked it read; here it was read and unread again.
    queue = [mark(110, True, 1), mark(120, False, 2)]
    server_wins = plan_states(known(False, False), set(), set(), queue, 100, 200)
    assert (server_wins.local_won, server_wins.server_won) == (0, 1)
    assert server_wins.local == [(1, True, None)] and server_wins.settled == [1, 2]
    late = [mark(110, True, 1), mark(190, False, 2)]
    local_wins = plan_states(known(False, False), set(), set(), late, 100, 200)
    assert (local_wins.local_won, local_wins.server_won) == (1, 0)
    assert local_wins.pushes == {("read", False): ["7"]} and local_wins.pushed == [1, 2]


def test_the_same_change_on_both_sides_is_no_conflict():
    same = plan_states(known(True, False), set(), set(), [mark(150, True)], 100, 200)
    assert not same.pushes and same.settled == [1] and (same.local_won, same.server_won) == (0, 0)


@pytest.mark.parametrize(
    ("status", "body", "says"),
    [
        (200, b"<html>not the API</html>", "not JSON"),
        (500, b"oops", "answered HTTP 500"),
    ],
)
def test_a_garbage_answer_is_one_line_and_changes_nothing(home, fake_api, monkeypatch, status, body, says):
    fake_api.routes["/api/accounts/ClientLogin"] = (200, b"SID=x\nAuth=alice/token\n")
    fake_api.routes["/api/reader/api/0/stream/items/ids"] = (200, b'{"itemRefs": []}')
    fake_api.routes["/api/reader/api/0/subscription/list"] = (status, body)
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", "secret")
    write_config(home, f'[sync]\nurl = "{fake_api.url}"\nuser = "alice"\n')
    done = cli("sync", home=home)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert says in done.stderr and "0 queued changes kept" in done.stderr
    assert cli("feeds", home=home).stdout == ""


def test_no_password_anywhere_is_one_line(home, monkeypatch):
    monkeypatch.delenv("NEWSREADER_SYNC_PASSWORD", raising=False)
    write_config(home, '[sync]\nurl = "http://127.0.0.1:9/api"\nuser = "alice"\n')
    done = cli("sync", home=home)
    assert done.returncode == 1
    assert done.stderr.startswith("newsreader: sync failed: no sync password: set [sync] password_command")


def test_password_command_gives_the_password_and_its_failure_is_one_line(home, fake_api, tmp_path):
    fake_api.routes["/api/accounts/ClientLogin"] = (401, b"Error=BadAuthentication")
    script = tmp_path / "pw.sh"
    script.write_text("#!/bin/sh\necho 's3cret'\necho 'second line is not the password'\n")
    script.chmod(0o755)
    write_config(home, f'[sync]\nurl = "{fake_api.url}"\nuser = "alice"\npassword_command = "{script}"\n')
    done = cli("sync", home=home)
    assert "refused the user name or password" in done.stderr
    assert fake_api.bodies == [b"Email=alice&Passwd=s3cret"]
    write_config(home, f'[sync]\nurl = "{fake_api.url}"\nuser = "alice"\npassword_command = "false"\n')
    failed = cli("sync", home=home)
    assert failed.returncode == 1 and "password_command failed with exit status 1" in failed.stderr
