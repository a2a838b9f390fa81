"""Downloading an enclosure to a file: streamed through the fetcher, resumable, under a size cap.

The bytes go to NAME.HASH.part beside the final file (HASH: of the address, so two enclosures both
called episode.mp3 never share one); a download that stops keeps them, and the next one asks for the
rest with an HTTP Range. Only a whole file is renamed to NAME.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsreader.config import FetchLimits
from newsreader.inflate import size_text
from newsreader.models import Enclosure
from newsreader.text import one_line

OnProgress = Callable[[int, "int | None"], None]  # (bytes so far, whole size if known)
DOWNLOAD_TIMEOUT = 3600.0  # the one deadline of a download (a feed's or page's is 30 s)
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


class DownloadError(Exception):
    """A download that failed; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Downloaded:
    """A whole file on disk."""

    path: Path
    size: int
    resumed_from: int = 0  # bytes kept from an earlier, stopped download
    already: bool = False  # it was there from an earlier download: nothing fetched


def file_name(enclosure: Enclosure, fallback: str) -> str:
    """A safe file name for the enclosure: its address's last segment, else fallback plus an extension."""
    try:
        last = unquote(urlsplit(enclosure.url).path.rsplit("/", 1)[-1])
    except ValueError:
        last = ""
    name = _UNSAFE_NAME.sub("_", one_line(last)).strip(" .")[:150]
    if not name:
        ext = mimetypes.guess_extension(enclosure.type or "") or ""
        name = fallback + ext
    return name


def target_path(folder: Path, name: str) -> Path:
    """folder/name, or "name (2)"... when another file already has that name."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 1000):
        path = folder / (name if n == 1 else f"{stem} ({n}){suffix}")
        if not path.exists():
            return path
    raise DownloadError(f"too many files named {name} in {folder}")


def part_of(folder: Path, name: str, url: str) -> Path:
    """Where the bytes of url go until the file is whole: the same however often it is resumed."""
    tag = hashlib.sha1(url.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:8]
    return folder / f"{name}.{tag}.part"


class _PartFile:
    """The fetcher's sink: appends to the .part file, or starts it over when the server sends it whole."""

    def __init__(self, part: Path, offset: int, cap: int, on_progress: OnProgress | None) -> None:
        self.part, self.offset, self.cap, self.on_progress = part, offset, cap, on_progress
        self.received = offset
        self.total: int | None = None
        self.too_big = False
        self.file = None

    def start(self, status: int, headers: Mapping[str, str]) -> None:
        from newsreader.inflate import FetchError

        encoding = headers.get("Content-Encoding", "").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError(f"the server sent it compressed ({one_line(encoding)[:40]})")
        length = headers.get("Content-Length", "")
        ranged = _CONTENT_RANGE.match(headers.get("Content-Range", ""))
        if status == 206 and ranged and int(ranged.group(1)) == self.offset:
            self.total = int(ranged.group(3)) if ranged.group(3).isdigit() else None
        elif status == 206:
            raise FetchError("the server sent a part that was not asked for")
        else:  # 200: the whole file again; what the .part held is replaced
            self.received = self.offset = 0
            self.total = int(length) if length.isdigit() else None
        if self.total is not None and self.total > self.cap:
            self.too_big = True
            raise FetchError(f"larger than {size_text(self.cap)}")
        try:
            self.file = self.part.open("ab" if self.offset else "wb")
        except OSError as exc:
            raise FetchError(f"cannot write {self.part}: {exc.strerror or exc}") from None
        self._report()

    def write(self, chunk: bytes) -> None:
        from newsreader.inflate import FetchError

        try:
            self.file.write(chunk)
        except OSError as exc:
            raise FetchError(f"cannot write {self.part}: {exc.strerror or exc}") from None
        self.received += len(chunk)
        self._report()

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.received, self.total)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


def download(
    url: str, folder: Path, name: str, limits: FetchLimits, cap: int, on_progress: OnProgress | None = None
) -> Downloaded:
    """Fetch url into folder/name (resuming its .part; "name (2)" if taken), at most cap bytes in all.

    Raises DownloadError.
    """
    from newsreader.fetch import fetch_into

    part = part_of(folder, name, url)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        offset = part.stat().st_size if part.exists() else 0
    except OSError as exc:
        raise DownloadError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    if offset >= cap:
        part.unlink(missing_ok=True)
        offset = 0
    sink = _PartFile(part, offset, cap, on_progress)
    # The cap on the whole file: what the .part already holds counts against it.
    bounds = replace(limits, max_bytes=cap - offset, timeout=max(limits.timeout, DOWNLOAD_TIMEOUT))
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    try:
        result = fetch_into(url, sink, bounds, headers=headers)
    finally:
        sink.close()
    if result.error is None:
        if sink.total is not None and sink.received != sink.total:
            raise DownloadError(f"download stopped at {size_text(sink.received)} of {size_text(sink.total)}")
        path = target_path(folder, name)
        try:
            part.replace(path)
        except OSError as exc:
            raise DownloadError(f"cannot write {path}: {exc.strerror or exc}") from None
        return Downloaded(path, sink.received, resumed_from=sink.offset)
    if sink.too_big or result.error.startswith("larger than"):
        part.unlink(missing_ok=True)  # never resumed: no file is left behind
        raise DownloadError(f"download refused: larger than {size_text(cap)} ([enclosures] max_bytes)")
    if result.status == 416:  # the .part is not a prefix the server knows: start over next time
        part.unlink(missing_ok=True)
    kept = (
        f"; {size_text(sink.received)} kept, download again to resume"
        if part.exists() and sink.received
        else ""
    )
    raise DownloadError(f"download failed: {one_line(result.error)}{kept}")
