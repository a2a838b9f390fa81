"""A loopback file server for the enclosure tests: HTTP Range, a first answer cut short, a pause mid-file."""

from __future__ import annotations

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler


class FileRoute:
    """Serves data like a podcast host: whole (200) or from a Range (206).

    cut_at: the first answer stops after this many bytes and the connection drops.
    hold_at: every answer stops after this many bytes until `go` is set, then sends the rest.
    """

    def __init__(
        self, data: bytes, *, cut_at: int | None = None, hold_at: int | None = None, ranges: bool = True
    ) -> None:
        self.data = data
        self.serves_ranges = ranges  # False: every answer is the whole file (200), as some hosts do
        self.cut_at = cut_at
        self.hold_at = hold_at
        self.go = threading.Event()
        self.ranges: list[str | None] = []  # the Range header of each request, in order

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        asked = h.headers.get("Range")
        self.ranges.append(asked)
        start = int(re.match(r"bytes=(\d+)-", asked).group(1)) if asked and self.serves_ranges else 0
        body = self.data[start:]
        h.send_response(206 if start else 200)
        if start:
            h.send_header("Content-Range", f"bytes {start}-{len(self.data) - 1}/{len(self.data)}")
        h.send_header("Content-Type", "audio/mpeg")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if self.cut_at is not None and len(self.ranges) == 1:
            h.wfile.write(body[: self.cut_at])
            h.wfile.flush()
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if self.hold_at is not None:
            h.wfile.write(body[: self.hold_at])
            h.wfile.flush()
            self.go.wait(30)
            body = body[self.hold_at :]
        h.wfile.write(body)
