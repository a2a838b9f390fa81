"""The newsreader app: opens the store, themes and keys, then the reading screen (or the welcome)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from newsreader import locations
from newsreader.config import Config
from newsreader.store import Store
from newsreader.text import one_line
from newsreader.ui.keys import KEYS, KeyConfigError, display_key, effective_keys, keymap
from newsreader.ui.messages import ArticleCleaned, SampleLoaded
from newsreader.ui.screens.help_screen import HelpScreen
from newsreader.ui.screens.main_screen import MainScreen
from newsreader.ui.screens.theme_picker import ThemePicker
from newsreader.ui.screens.welcome_screen import WelcomeScreen
from newsreader.ui.store_writer import StoreWriter
from newsreader.ui.themes import CHOSEN_KEY, CHOSEN_OVER_KEY, load_themes, shipped_themes_dir, starting_theme

_HERE = Path(__file__).parent
CSS_FILES = [
    _HERE / "app.tcss",
    _HERE / "screens" / "main_screen.tcss",
    _HERE / "screens" / "help_screen.tcss",
    _HERE / "screens" / "theme_picker.tcss",
    _HERE / "screens" / "welcome_screen.tcss",
    _HERE / "widgets" / "virtual_list.tcss",
    _HERE / "widgets" / "feed_list.tcss",
    _HERE / "widgets" / "article_list.tcss",
    _HERE / "widgets" / "body_pane.tcss",
    _HERE / "widgets" / "meta_pane.tcss",
    _HERE / "widgets" / "status_bar.tcss",
    _HERE / "widgets" / "search_input.tcss",
    _HERE / "widgets" / "key_bar.tcss",
]

CLEAN_DELAY = 2.0  # seconds after start: the first screen comes before any cleaning
CLEAN_BATCH = 25  # articles per background batch: quitting waits for at most one batch


class NewsApp(App[int]):
    TITLE = "newsreader"
    CSS_PATH = CSS_FILES

    def __init__(
        self,
        store_path: Path | str,
        config: Config | None = None,
        *,
        offline: bool = False,
        user_themes_dir: Path | None = None,
        clean_on_start: bool = True,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.offline = offline
        self.store_path = Path(store_path)
        self.effective_keys = effective_keys(self.config.keys, self.config.keymap)  # KeyConfigError if bad
        self.clean_on_start = clean_on_start
        self.store = Store(self.store_path, busy_timeout=self.config.busy_timeout)
        self.writer: StoreWriter | None = None
        self._cleaning: threading.Thread | None = None
        self._clean_again = False
        self._stopping = threading.Event()
        self._started = False
        loaded = load_themes(shipped_themes_dir(), user_themes_dir or locations.user_themes_dir())
        self.theme_warnings = [*notices, *loaded.warnings]  # notices: config.toml's problems, one line each
        self.theme_names = [t.name for t in loaded.themes]
        for theme in loaded.themes:
            self.register_theme(theme)
        self.theme = self._starting_theme()

    def _starting_theme(self) -> str:
        """The theme last chosen with t while config.toml's theme stays as it was, else the file's."""
        chosen, over = self.store.get_state(CHOSEN_KEY), self.store.get_state(CHOSEN_OVER_KEY)
        name, warnings = starting_theme(self.config.theme, chosen, over, set(self.available_themes))
        self.theme_warnings.extend(warnings)
        return name

    def on_mount(self) -> None:
        self.set_keymap(keymap(self.effective_keys))
        self.writer = StoreWriter(
            self.store_path, busy_timeout=self.config.busy_timeout, on_error=self._writer_error
        )
        for warning in self.theme_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        if self.store.read_only:
            self.notify(
                one_line(f"store is read-only: {self.store_path}; nothing will be saved"), markup=False
            )
        self.push_screen(MainScreen())

    def feeds_counted(self, count: int) -> None:
        """The reading screen's first list of feeds is in: welcome a newcomer, or start cleaning."""
        if self._started:
            return
        self._started = True
        if count == 0:
            self.push_screen(WelcomeScreen(), callback=self._welcome_done)
        elif self.clean_on_start and not self.store.read_only:
            self.set_timer(CLEAN_DELAY, self.clean_in_background)

    async def action_quit(self) -> None:
        screen = self.main_screen
        if screen is not None:
            screen.save_selection()
        self.exit(0)

    def on_unmount(self) -> None:
        self._stopping.set()
        if self.writer is not None:
            self.writer.close()
        self.store.close()

    def _writer_error(self, message: str) -> None:
        self.notify(one_line(message), severity="error", markup=False)  # notify is thread-safe

    def save_state(self, key: str, value: str | None) -> None:
        """Remember a piece of interface state across restarts (written off the interface thread)."""
        if self.writer is not None:
            self.writer.submit(lambda store: store.set_state(key, value))

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # First run

    def _welcome_done(self, wants_sample: bool | None) -> None:
        if wants_sample:
            self.load_sample()

    @work(thread=True, exclusive=True, group="sample", exit_on_error=False)
    def load_sample(self) -> None:
        from newsreader.sample import load_sample

        try:
            with Store(self.store_path, busy_timeout=self.config.busy_timeout) as store:
                feed_id = load_sample(store)
        except Exception as exc:  # noqa: BLE001 - report it; the reader still opens
            self.post_message(SampleLoaded(None, error=one_line(str(exc)) or type(exc).__name__))
            return
        self.post_message(SampleLoaded(feed_id))

    def on_sample_loaded(self, message: SampleLoaded) -> None:
        if message.feed_id is None:
            self.notify(f"Could not load the sample feed: {message.error}", severity="error", markup=False)
            return
        screen = self.main_screen
        if screen is not None:
            screen.show_feed(message.feed_id, open_first=True)
        self.clean_in_background()

    # Cleaning what the cleaner has not seen yet, a batch at a time, off the interface thread

    def clean_in_background(self) -> None:
        """Clean what the cleaner has not seen yet, newest first, in small batches on one process.

        A daemon thread rather than a Textual worker, so quitting waits for one batch at most.
        """
        if self._cleaning is not None and self._cleaning.is_alive():
            self._clean_again = True
            return
        self._clean_again = False
        _start_resource_tracker()  # here, not at start: it is a second Python starting up
        self._cleaning = threading.Thread(target=self._clean_thread, name="newsreader-clean", daemon=True)
        self._cleaning.start()

    def _clean_thread(self) -> None:
        from newsreader.clean.service import clean_pending, clean_pool
        from newsreader.store import Store

        def cleaned(article_id: int) -> None:
            self.post_message(ArticleCleaned(article_id))

        pool = None
        try:
            with Store(self.store_path, busy_timeout=self.config.busy_timeout) as store:
                # Small batches: each is a write transaction that the interface's own writes wait on.
                store.index_pending(batch=500)
            while not self._stopping.is_set():
                # One pool for the whole pass: a new one per batch cost a second of start-up each time.
                pool = pool or clean_pool(self.store_path, workers=1)
                done = clean_pending(self.store_path, limit=CLEAN_BATCH, on_done=cleaned, pool=pool)
                if done < CLEAN_BATCH and not self._clean_again:
                    break
                self._clean_again = False
        except Exception as exc:  # noqa: BLE001 - background cleaning must never take the app down
            if not self._stopping.is_set():
                message = f"Background cleaning stopped: {one_line(str(exc)) or type(exc).__name__}"
                self.notify(message, severity="warning", markup=False)
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    def on_article_cleaned(self, message: ArticleCleaned) -> None:
        screen = self.main_screen
        if screen is not None:
            screen.article_cleaned(message.article_id)

    # Themes, keys, palette

    def action_choose_theme(self) -> None:
        def chosen(name: str | None) -> None:
            if name:
                self.theme = name
                self.save_state(CHOSEN_KEY, name)
                self.save_state(CHOSEN_OVER_KEY, self.config.theme or "")

        self.push_screen(ThemePicker(sorted(self.theme_names), self.theme), callback=chosen)

    def action_show_keys(self) -> None:
        self.push_screen(HelpScreen(self.effective_keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists the same commands as the keys table, with their keys."""
        if isinstance(screen, MainScreen):
            for spec in KEYS:
                if spec.action == "command_palette":
                    continue
                keys = ", ".join(display_key(k) for k in self.effective_keys[spec.action])
                yield SystemCommand(spec.description, f"Key: {keys}", partial(screen.run_action, spec.action))
        else:
            yield from super().get_system_commands(screen)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (once), handing it the terminal's real stderr.

    The background cleaner spawns worker processes, and spawning starts this tracker on first use with
    sys.stderr's file descriptor; Textual's captured stderr answers -1, which spawning rejects. Called on
    the interface thread, so swapping sys.stderr for the moment cannot race Textual's own use of it.
    """
    try:
        from multiprocessing import resource_tracker

        captured = sys.stderr
        sys.stderr = sys.__stderr__
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured
    except Exception:  # noqa: BLE001 - without it, cleaning falls back to cleaning on first view
        pass


def run_app(config: Config, *, offline: bool = False, notices: Sequence[str] = ()) -> int:
    """Run the interface on the user's store; notices (config problems) show as warnings. Returns the exit status."""
    try:
        app = NewsApp(locations.store_file(), config, offline=offline, notices=notices)
    except KeyConfigError as exc:
        where = f"{config.path}: " if config.path else ""
        print(f"newsreader: {where}{exc}", file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0
