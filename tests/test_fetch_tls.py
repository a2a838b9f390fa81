"""https: certificates are verified (the lazily made TLS context fails closed, never open)."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsreader.aiohttp_setup as aiohttp_setup
from newsreader.config import FetchLimits
from newsreader.fetch import Fetcher

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


class _Feed(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", "6")
        self.end_headers()
        self.wfile.write(b"<rss/>")


@pytest.fixture
def tls_server(tmp_path: Path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}/feed", cert
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fresh_tls_context(monkeypatch):
    """Each test makes its own verifying context; aiohttp's default is put back afterwards."""
    import aiohttp.connector

    monkeypatch.setattr(aiohttp_setup, "_TLS", None)
    monkeypatch.setattr(aiohttp.connector, "_SSL_CONTEXT_VERIFIED", aiohttp.connector._SSL_CONTEXT_VERIFIED)


def get(url: str):
    async def go():
        async with Fetcher(FetchLimits(timeout=5)) as f:
            return await f.get(url)

    return asyncio.run(go())


def test_an_untrusted_certificate_is_refused(tls_server):
    url, _cert = tls_server
    r = get(url)
    assert r.error.startswith("TLS error: certificate verify failed: self"), r.error  # OpenSSL words vary


def test_a_trusted_certificate_is_accepted(tls_server, monkeypatch):
    url, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the context made on first use trusts this CA
    r = get(url)
    assert r.ok and r.body == b"<rss/>"
