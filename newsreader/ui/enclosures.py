"""Enclosures in the interface: listed in the metadata pane, `d` downloads (progress in the status
bar), `P` plays, and `S` saves the article; the work runs in thread workers, never on this thread."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from newsreader.models import Enclosure
from newsreader.text import one_line
from newsreader.ui.data import EngineError, StoreError

PROGRESS_EVERY = 0.1  # seconds between progress messages from a download's worker


def size_text(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def duration_text(seconds: int) -> str:
    """3723 -> "1:02:03", 125 -> "2:05"."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def enclosure_items(enclosures: tuple[Enclosure, ...]) -> list[Text]:
    """The metadata pane's lines: type, size and duration when known, then the address."""
    items = []
    for n, e in enumerate(enclosures, 1):
        facts = [one_line(e.type) or "file"]
        if e.length:
            facts.append(size_text(e.length))
        if e.duration:
            facts.append(duration_text(e.duration))
        prefix = f"{n}. " if len(enclosures) > 1 else ""
        items.append(Text(f"{prefix}{', '.join(facts)} {one_line(e.url)}"))
    return items


@dataclass
class DownloadProgress(Message):
    """Bytes of a download so far (a burst collapses to the latest)."""

    article_id: int
    name: str
    received: int
    total: int | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DownloadProgress) and message.article_id == self.article_id


@dataclass
class MediaDone(Message):
    """A download, play or save finished: one line to show; error says how to show it."""

    article_id: int
    text: str
    error: bool = False
    download: bool = False  # a download's end: its progress leaves the status bar


def progress_text(message: DownloadProgress) -> str:
    of = f" of {size_text(message.total)}" if message.total else ""
    share = f" {100 * message.received // message.total}%" if message.total else ""
    return f"downloading {message.name}: {size_text(message.received)}{of}{share}"


class MediaActions:
    """Mixed into MainScreen (before ReadingActions): the d, P and S keys."""

    @property
    def downloading(self) -> dict[int, bool]:
        """Article -> whether bytes have come, for the downloads under way (a second d waits for the first)."""
        if getattr(self, "_downloading", None) is None:
            self._downloading: dict[int, bool] = {}
        return self._downloading

    def _media_target(self) -> int | None:
        row = self.current_row()
        if row is None:
            self.notify("No article here: choose one first.", severity="warning")
            return None
        return row.id

    def _media_worker(self, work, group: str) -> None:
        self.run_worker(work, thread=True, group=group, exit_on_error=False)

    def action_download_enclosure(self) -> None:
        article_id = self._media_target()
        if article_id is None:
            return
        active = self.downloading
        if article_id in active:
            self.notify("Already downloading this article's enclosure.")
            return
        active[article_id] = False
        data, post = self.data, self.post_message

        def work() -> None:
            last = [0.0]

            def on_progress(received: int, total: int | None) -> None:
                now = time.monotonic()
                if now - last[0] >= PROGRESS_EVERY or received == total:
                    last[0] = now
                    post(DownloadProgress(article_id, name, received, total))

            name = "enclosure"
            try:
                enclosure = data.enclosure(article_id)
                name = one_line(enclosure.url.rsplit("/", 1)[-1])[:40] or "enclosure"
                got = data.download_enclosure(article_id, on_progress=on_progress)
            except (EngineError, StoreError) as exc:
                post(MediaDone(article_id, one_line(str(exc)), error=True, download=True))
                return
            said = "Already downloaded" if got.already else "Downloaded"
            post(MediaDone(article_id, f"{said}: {got.path}", download=True))

        self._media_worker(work, "download")

    def on_download_progress(self, message: DownloadProgress) -> None:
        self.downloading[message.article_id] = True
        self.status.progress(progress_text(message))

    def on_media_done(self, message: MediaDone) -> None:
        if message.download:
            if self.downloading.pop(message.article_id, False) or not message.error:
                self.status.progress("download failed" if message.error else "downloaded")
        self.notify(message.text, severity="error" if message.error else "information", markup=False)

    def action_play_enclosure(self) -> None:
        self._media_job(
            "play", lambda data, article_id: f"Playing with {one_line(data.play_enclosure(article_id)[0])}"
        )

    def action_save_article(self) -> None:
        self._media_job("save", lambda data, article_id: f"Saved to {data.save_article(article_id)}")

    def _media_job(self, group: str, run) -> None:
        """run(data, article_id) -> the line to show, on a worker; an engine or store error is one line."""
        article_id = self._media_target()
        if article_id is None:
            return
        data, post = self.data, self.post_message

        def work() -> None:
            try:
                text = run(data, article_id)
            except (EngineError, StoreError) as exc:
                post(MediaDone(article_id, one_line(str(exc)), error=True))
                return
            post(MediaDone(article_id, text))

        self._media_worker(work, group)
