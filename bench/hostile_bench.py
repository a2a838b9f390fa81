"""Hostile-feed benchmark: time and peak memory of `newsreader refresh` against one loopback server
serving 8.8 kB of gzip that inflates to 3,000,000 nested elements.

    .venv/bin/python bench/hostile_bench.py
    PYTHONPATH=../main .venv/bin/python bench/hostile_bench.py   # the same against another checkout
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from refresh_bench import become_subreaper, measure  # noqa: E402

NESTED = b'<?xml version="1.0"?><rss version="2.0"><channel>' + b"<a>" * 3_000_000


def serve(body: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=300, help="seconds before the refresh is stopped")
    a = p.parse_args()
    become_subreaper()
    body = gzip.compress(NESTED, compresslevel=9)
    httpd = serve(body)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/bomb.xml"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NEWSREADER_HOME": tmp}
        cmd = [sys.executable, "-m", "newsreader"]
        subprocess.run([*cmd, "add", url], env=env, check=True, capture_output=True)
        run = measure(["timeout", str(a.limit), *cmd, "refresh"], env, Path(tmp))
    print(f"gzip {len(body):,} bytes -> {len(NESTED):,} bytes, 3,000,000 nested elements")
    print(f"refresh: {run.wall:.2f} s wall, {run.cpu:.2f} s cpu, peak {run.tree_mb:.0f} MB (process tree)")
    if run.returncode == 124:
        print(f"stopped after the {a.limit} s limit")
    print(f"exit {run.returncode}: {run.stdout.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
