"""Bodies decompressed as they stream in, never beyond the size cap (a gzip bomb stops there)."""

from __future__ import annotations

import zlib

from newsreader.text import one_line


class FetchError(Exception):
    """A fetch failed for a reason the user should see; the message is one line."""


def size_text(n: int) -> str:
    """10485760 -> '10 MiB': the size cap as a person would say it."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            value = n / scale
            return f"{value:g} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


class Decoder:
    """Undo Content-Encoding incrementally, never producing more than `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.out = bytearray()
        self.encoding = encoding
        self._first = True
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding in ("", "identity"):
            self._z = None
        else:
            raise FetchError(f"unsupported content encoding {one_line(encoding)[:40]}")

    def feed(self, data: bytes) -> None:
        if self._z is None:
            self.out += data
            self._check()
            return
        if self._first and self.encoding == "deflate" and data:
            self._first = False
            # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
            if (data[0] & 0x0F) != 8 or ((data[0] << 8) | (data[1] if len(data) > 1 else 0)) % 31:
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while data:
                room = self.limit - len(self.out) + 1
                self.out += self._z.decompress(data, room)
                self._check()
                data = self._z.unconsumed_tail
                if self._z.eof:
                    break
        except zlib.error:
            raise FetchError(f"broken {self.encoding} data") from None

    def finish(self) -> bytes:
        if self._z is not None:
            try:
                self.out += self._z.flush()
            except zlib.error:
                raise FetchError(f"broken {self.encoding} data") from None
            self._check()
        return bytes(self.out)

    def _check(self) -> None:
        if len(self.out) > self.limit:
            raise FetchError(f"larger than {size_text(self.limit)}")
