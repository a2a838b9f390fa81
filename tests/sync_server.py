"""A real FreshRSS (../shared/servers/freshrss) for the sync tests, and a small reader of its API.

The reader is independent of newsreader's own client (urllib, not aiohttp), so the tests check the
server's state as the server tells it, not as our client understands it.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html import escape
from pathlib import Path

from newsreader.cli import main

API_PASSWORD = "apipassword"
_users = itertools.count(1)


def rss(title: str, items: list[tuple[str, str, str]], site: str = "http://127.0.0.1/") -> str:
    """An RSS document; items are (guid/link, title, description)."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><description>{escape(d)}</description></item>"
        for link, t, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{site}</link>{body}</channel></rss>'


@dataclass
class Api:
    """One user's Google Reader API, read back as another client would."""

    url: str
    user: str
    auth: str = ""

    def _open(self, path: str, data: list[tuple[str, str]] | None = None, params: str = "") -> bytes:
        request = urllib.request.Request(
            self.url + path + (("?" + params) if params else ""),
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
            headers={"Authorization": f"GoogleLogin auth={self.auth}"} if self.auth else {},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=30) as response:
            return response.read()

    def login(self) -> Api:
        body = self._open("/accounts/ClientLogin", [("Email", self.user), ("Passwd", API_PASSWORD)])
        self.auth = next(x[5:] for x in body.decode().splitlines() if x.startswith("Auth="))
        return self

    def get(self, path: str, **params: str) -> dict:
        return json.loads(self._open("/reader/api/0/" + path, params=urllib.parse.urlencode(params)))

    def post(self, path: str, data: list[tuple[str, str]]) -> bytes:
        token = self._open("/reader/api/0/token").decode().strip()
        return self._open("/reader/api/0/" + path, [*data, ("T", token)])

    def subscriptions(self) -> dict[str, dict]:
        """By feed address."""
        return {s["url"]: s for s in self.get("subscription/list", output="json")["subscriptions"]}

    def items(self) -> dict[str, dict]:
        """Every item by link, with "read" and "starred" worked out."""
        got = self.get("stream/contents/user/-/state/com.google/reading-list", n="1000")
        out = {}
        for item in got["items"]:
            item["read"] = "user/-/state/com.google/read" in item["categories"]
            item["starred"] = "user/-/state/com.google/starred" in item["categories"]
            out[item["canonical"][0]["href"]] = item
        return out

    def quickadd(self, url: str) -> str:
        got = json.loads(self.post("subscription/quickadd", [("quickadd", url)]))
        assert got.get("numResults") == 1, got
        return got["streamId"]

    def mark(self, item_ids: list[str], *, add: str | None = None, remove: str | None = None) -> None:
        tag = add or remove
        self.post(
            "edit-tag",
            [*(("i", i) for i in item_ids), ("a" if add else "r", f"user/-/state/com.google/{tag}")],
        )


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    """The command line run in this process (the home fixture has set NEWSREADER_HOME): what `run_cli` checks,
    without a Python start-up per command. A few tests below still start the program itself."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


class FreshRSS:
    """One FreshRSS server started by up.sh in root (removed by close)."""

    def __init__(self, kit: Path, root: Path) -> None:
        assert shutil.which("php"), (
            "PHP is missing: apt-get install php8.2-cli php8.2-sqlite3 php8.2-curl ..."
        )
        self.kit = kit
        self.dir = root / "freshrss"
        env = {**os.environ, "FRSS_WORKERS": "2"}
        done = subprocess.run(
            [str(kit / "up.sh"), str(self.dir), "0"], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, f"FreshRSS did not start: {done.stderr}"
        values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
        self.greader = values["FRESHRSS_GREADER"]
        self.base = values["FRESHRSS_URL"]
        self.port = int(self.base.rsplit(":", 1)[1])

    def new_user(self) -> Api:
        name = f"u{os.getpid()}x{next(_users)}"
        subprocess.run(
            ["php", "cli/create-user.php", "--user", name, "--password", "password", "--api-password",
             API_PASSWORD, "--language", "en"],
            cwd=self.dir, check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        return Api(self.greader, name).login()

    def actualize(self, api: Api) -> None:
        """Have the server fetch the user's feeds now (exit 1 only means nothing changed).

        FreshRSS skips a feed fetched in the current second (`time() <= lastUpdate + ttl`, ttl -1 counting
        as 0), so the clock first moves on to the next second.
        """
        time.sleep(1 - time.time() % 1)
        subprocess.run(
            ["php", "cli/actualize-user.php", "--user", api.user],
            cwd=self.dir,
            capture_output=True,
            timeout=120,
        )

    def kill(self) -> None:
        """SIGKILL, as a crash would (its process group: the php -S workers too)."""
        pid = int((self.dir / "php-server.pid").read_text())
        os.killpg(pid, signal.SIGKILL)
        (self.dir / "php-server.pid").unlink()

    def start(self) -> None:
        """Serve the same data again on the same port."""
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": "2"}
        process = subprocess.Popen(
            ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(self.dir / "p")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )  # fmt: skip
        (self.dir / "php-server.pid").write_text(str(process.pid))
        deadline = time.monotonic() + 15  # a hang guard, not a timing claim
        while time.monotonic() < deadline:
            try:
                with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                    self.greader, timeout=2
                ) as r:
                    if r.read() == b"OK":
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        raise AssertionError("FreshRSS did not come back")

    def close(self) -> None:
        if (self.dir / "php-server.pid").exists():
            self.kill()  # php -S workers outlive SIGTERM: down.sh would wait 3 s before its SIGKILL
        subprocess.run([str(self.kit / "down.sh"), str(self.dir), "--rm"], capture_output=True, timeout=30)


class KillingProxy:
    """A loopback HTTP proxy in front of FreshRSS that kills the server at the first request whose path
    contains `kill_at` (while armed) and drops that request: a server dying in the middle of a sync."""

    def __init__(self, fresh: FreshRSS, kill_at: str) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.armed = False
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                self._forward(None)

            def do_POST(self) -> None:  # noqa: N802
                self._forward(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _forward(self, body: bytes | None) -> None:
                if proxy.armed and kill_at in self.path:
                    proxy.armed = False
                    fresh.kill()
                    self.close_connection = True
                    return
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")
                }
                request = urllib.request.Request(fresh.base + self.path, data=body, headers=headers)
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                try:
                    with opener.open(request, timeout=30) as r:
                        status, answer, kept = r.status, r.read(), r.headers
                except urllib.error.HTTPError as e:
                    status, answer, kept = e.code, e.read(), e.headers
                except (urllib.error.URLError, OSError):
                    self.close_connection = True
                    return
                self.send_response(status)
                for k in ("Content-Type", "Google-Bad-Token"):
                    if kept.get(k):
                        self.send_header(k, kept[k])
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        import threading

        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.greader = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/greader.php"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
