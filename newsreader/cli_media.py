"""The media commands: `download` an article's enclosure, `save` an article to a file."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.engine import Engine
from newsreader.engine.saving import FORMATS
from newsreader.output import raw
from newsreader.text import one_line


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    s = command("download", "download an article's enclosure (podcast audio, video) into [enclosures] dir")
    s.add_argument("id", type=int, metavar="ID", help="the article's id (as `list --json` gives it)")
    s.add_argument("number", type=int, nargs="?", default=1, metavar="N", help="which enclosure (default 1)")

    s = command("save", "write an article as Markdown with a YAML front matter, an HTML page or JSON")
    s.add_argument("id", type=int, metavar="ID", help="the article's id (as `list --json` gives it)")
    s.add_argument("--format", choices=FORMATS, default="md", help="md (default), html or json")
    s.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


class DownloadLine:
    """The download's progress on one line of stderr, redrawn at most every 50 ms, only on a terminal."""

    def __init__(self, name: str) -> None:
        self.name = one_line(name)[:60]
        self.drawn = 0.0
        self.shown = False
        self.on_terminal = sys.stderr.isatty()

    def __call__(self, received: int, total: int | None) -> None:
        now = time.monotonic()
        if not self.on_terminal or (now - self.drawn < 0.05 and received != total):
            return
        self.drawn = now
        of = f" of {_size(total)} ({100 * received // max(1, total)}%)" if total else ""
        raw(sys.stderr).write(f"\r\x1b[Kdownloading {self.name}: {_size(received)}{of}")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            raw(sys.stderr).write("\r\x1b[K")  # our own sequence: past the sanitiser
            sys.stderr.flush()


def cmd_download(args: argparse.Namespace, engine: Engine) -> int:
    enclosure = engine.enclosure(args.id, args.number)
    line = DownloadLine(enclosure.url.rsplit("/", 1)[-1] or enclosure.url)
    try:
        got = engine.download_enclosure(args.id, args.number, on_progress=line)
    finally:
        line.finish()
    if got.already:
        print(f"already downloaded: {got.path}")
    else:
        resumed = f", resumed at {_size(got.resumed_from)}" if got.resumed_from else ""
        print(f"downloaded {got.path} ({_size(got.size)}{resumed})")
    return 0


def cmd_save(args: argparse.Namespace, engine: Engine) -> int:
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(engine.article_as(args.id, args.format))
        return 0
    path = engine.save_article(args.id, args.format, args.output)
    print(f"saved {path}", file=sys.stderr)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Engine], int]] = {
    "download": cmd_download,
    "save": cmd_save,
}
