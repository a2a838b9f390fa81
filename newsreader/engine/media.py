"""The engine's media part: an article's enclosures (download, play) and saving an article to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsreader import locations
from newsreader.engine.download import Downloaded, DownloadError, OnProgress, download, file_name
from newsreader.engine.launch import LaunchError, command_line, start_detached
from newsreader.engine.saving import FORMATS, Format, file_stem, render
from newsreader.models import Enclosure

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.store import Store

_DOWNLOADED = "download:"  # state key prefix: enclosure address -> the file it was saved to


def _error(message: str) -> Exception:
    from newsreader.engine.engine import EngineError  # here: engine.py imports this module

    return EngineError(message)


class MediaMixin:
    """Mixed into Engine: needs its `_store`, `config`, `read_only`, `_network` and `cleaned_article`."""

    _store: Store
    config: Config

    # Enclosures

    def enclosures(self, article_id: int) -> tuple[Enclosure, ...]:
        """The article's enclosures in its feed's order."""
        return self._store.enclosures(article_id)

    def enclosure(self, article_id: int, number: int = 1) -> Enclosure:
        """The article's enclosure number (from 1); raises EngineError when there is no such one."""
        files = self._store.enclosures(article_id)
        if not files:
            try:
                self._store.article(article_id)
            except KeyError:
                raise _error(f"no article {article_id}") from None
            raise _error(f"article {article_id} has no enclosure")
        if not 1 <= number <= len(files):
            raise _error(f"article {article_id} has {len(files)} enclosure(s), not {number}")
        return files[number - 1]

    def downloads_dir(self) -> Path:
        return self.config.enclosures.dir or locations.download_dir()

    def downloaded_file(self, enclosure: Enclosure) -> Path | None:
        """The whole file an earlier download of this enclosure left, if it is still there."""
        saved = self._store.get_state(_DOWNLOADED + enclosure.url)
        return Path(saved) if saved and Path(saved).is_file() else None

    def download_enclosure(
        self, article_id: int, number: int = 1, *, on_progress: OnProgress | None = None
    ) -> Downloaded:
        """Download the enclosure into [enclosures] dir, resuming a stopped download; raises EngineError.

        on_progress(bytes so far, whole size or None) is called as bytes arrive, on this thread.
        """
        enc = self.enclosure(article_id, number)
        done = self.downloaded_file(enc)
        if done is not None:
            return Downloaded(done, done.stat().st_size, already=True)
        self._network(f"download {enc.url}")  # type: ignore[attr-defined]
        folder = self.downloads_dir()
        try:
            name = file_name(enc, f"enclosure-{article_id}-{number}")
            got = download(
                enc.url, folder, name, self.config.limits, self.config.enclosures.max_bytes, on_progress
            )
        except DownloadError as exc:
            raise _error(str(exc)) from None
        if not self.read_only:  # type: ignore[attr-defined]
            self._store.set_state(_DOWNLOADED + enc.url, str(got.path))
        return got

    def play_enclosure(self, article_id: int, number: int = 1) -> list[str]:
        """Start the `player` on the downloaded file, else on the address; returns the command started."""
        if not self.config.player:
            raise _error('no player set: add player = "mpv %u" (for one) to config.toml')
        enc = self.enclosure(article_id, number)
        done = self.downloaded_file(enc)
        argv = command_line(self.config.player, str(done) if done else enc.url)
        try:
            start_detached(argv)
        except LaunchError as exc:
            raise _error(f"player: {exc}") from None
        return argv

    # The browser

    def browse(self, url: str) -> bool:
        """Start config.toml's `browser` on url, detached; False when none is set (then $BROWSER decides).

        Raises EngineError when the browser cannot be started.
        """
        if not self.config.browser:
            return False
        try:
            start_detached(command_line(self.config.browser, url))
        except LaunchError as exc:
            raise _error(f"browser: {exc}") from None
        return True

    # Saving

    def article_as(self, article_id: int, fmt: Format = "md") -> str:
        """The article (cleaned first if need be) as Markdown with front matter, an HTML page or JSON."""
        if fmt not in FORMATS:
            raise _error(f"unknown format {fmt}: choose one of {', '.join(FORMATS)}")
        try:
            article = self.cleaned_article(article_id)  # type: ignore[attr-defined]
        except KeyError:
            raise _error(f"no article {article_id}") from None
        return render(article, fmt)

    def save_article(self, article_id: int, fmt: Format = "md", path: Path | None = None) -> Path:
        """Write the article to path, or to a new file named for its title in save_dir; returns where."""
        text = self.article_as(article_id, fmt)
        folder = None
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                return path
            folder = self.config.save_dir or locations.documents_dir()
            folder.mkdir(parents=True, exist_ok=True)
            stem = file_stem(self._store.article(article_id))
            for n in range(1, 1000):  # a file already there is never overwritten
                path = folder / (f"{stem}.{fmt}" if n == 1 else f"{stem} ({n}).{fmt}")
                try:
                    with path.open("x", encoding="utf-8") as out:
                        out.write(text)
                    return path
                except FileExistsError:
                    continue
        except OSError as exc:
            raise _error(f"cannot write {path or folder}: {exc.strerror or exc}") from None
        raise _error(f"too many files named {stem}.{fmt} in {folder}")
