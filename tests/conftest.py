"""Shared fixtures: a real HTTP server on 127.0.0.1, a real store under a temporary NEWSREADER_HOME."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsreader import locations
from newsreader.store import Store

Handler = Callable[[BaseHTTPRequestHandler], None]


def shared_beside(checkout: Path) -> Path:
    """The shared test data beside a checkout (its ../shared), asserted present: missing is a failure, not a skip."""
    path = checkout.resolve().parent / "shared"
    assert path.is_dir(), f"shared test data missing: expected {path} (../shared beside the checkout)"
    return path


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    handler: Handler | None = None  # takes over the whole response when set


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 whose answers a test sets per path."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers) in arrival order
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Without this each keep-alive answer waits ~40 ms on the client's delayed ACK.
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                with server._lock:
                    server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                if route.handler is not None:
                    try:
                        route.handler(self)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer((host, 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.host = host
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        handler: Handler | None = None,
    ) -> str:
        """Serve body (or let handler answer) at path; returns the full URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, status=status, headers=dict(headers or {}), handler=handler)
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [h for p, h in self.requests if p == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = LoopbackServer()
    yield s
    s.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty NEWSREADER_HOME: config under home/config, the store under home/data."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("NEWSREADER_HOME", str(h))
    return h


@pytest.fixture
def store(home: Path):
    s = Store(locations.store_file())
    yield s
    s.close()


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def run_cli(
    *args: str, home: Path, timeout: float = 120, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m newsreader ARGS` as a user would, in its own process."""
    import os

    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        input=stdin,
    )


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared test data, ../shared beside this checkout; a test that needs it fails loudly without it."""
    return shared_beside(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="session")
def peers(shared: Path) -> Path:
    """The peer projects' test data (../shared/peers): feedparser's feeds, Readability's pages."""
    path = shared / "peers"
    assert path.is_dir(), f"peer test data missing: expected {path}"
    return path
