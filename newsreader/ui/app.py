"""The newsreader app: opens the store, themes and keys, then the reading screen (or the welcome)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from newsreader import locations
from newsreader.config import Config
from newsreader.text import one_line
from newsreader.ui.background_clean import BackgroundCleaner
from newsreader.ui.data import UiData
from newsreader.ui.keys import KEYS, KeyConfigError, display_key, effective_keys, keymap
from newsreader.ui.messages import ArticleCleaned, CleanPending, FeedsCounted, SampleLoaded
from newsreader.ui.screens.help_screen import HelpScreen
from newsreader.ui.screens.main_screen import MainScreen
from newsreader.ui.screens.theme_picker import ThemePicker
from newsreader.ui.screens.welcome_screen import WelcomeScreen
from newsreader.ui.session import THEME
from newsreader.ui.themes import DEFAULT_THEME, load_themes, shipped_themes_dir

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
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.offline = offline
        self.store_path = Path(store_path)
        self.effective_keys = effective_keys(self.config.keys)  # KeyConfigError on an unknown action
        self.clean_on_start = clean_on_start
        self.data = UiData(self.store_path, busy_timeout=self.config.busy_timeout)
        self.cleaner = BackgroundCleaner(
            self.data,
            cleaned=lambda article_id: self.post_message(ArticleCleaned(article_id)),
            failed=lambda text: self.notify(text, severity="warning", markup=False),
        )
        self._started = False
        loaded = load_themes(shipped_themes_dir(), user_themes_dir or locations.user_themes_dir())
        self.theme_warnings = loaded.warnings
        self.theme_names = [t.name for t in loaded.themes]
        for theme in loaded.themes:
            self.register_theme(theme)
        self.theme = self._starting_theme()
        # Read before the app runs, like the theme: the first frame depends on it.
        self.session = self.data.session()

    def _starting_theme(self) -> str:
        """The theme last chosen with t, else config.toml's, else the default."""
        known = set(self.available_themes)  # ours, the user's, and Textual's own
        wanted = self.config.theme
        if wanted and wanted not in known:
            self.theme_warnings.append(f"theme {wanted!r} not found; using {DEFAULT_THEME}")
        # Read before the app runs (the theme is part of the first frame), so not on the interface thread.
        for name in (self.data.state(THEME), wanted, DEFAULT_THEME):
            if name in known:
                return name
        return "textual-dark"

    def on_mount(self) -> None:
        self.set_keymap(keymap(self.config.keys))
        self.data.start_writer(on_error=self._writer_error)
        for warning in self.theme_warnings:
            self.notify(one_line(warning), severity="warning", markup=False, timeout=10)
        self.push_screen(
            MainScreen(self.data, self.effective_keys, offline=self.offline, session=self.session)
        )

    @property
    def writer(self):
        """The thread applying the interface's writes (tests flush it to see them in the store)."""
        return self.data.writer

    def on_feeds_counted(self, message: FeedsCounted) -> None:
        """The reading screen's first list of feeds is in: welcome a newcomer, or start cleaning."""
        if self._started:
            return
        self._started = True
        if message.count == 0:
            self.push_screen(WelcomeScreen(), callback=self._welcome_done)
        elif self.clean_on_start:
            self.set_timer(CLEAN_DELAY, self.clean_in_background)

    async def action_quit(self) -> None:
        screen = self.main_screen
        if screen is not None:
            screen.save_selection()
        self.exit(0)

    def on_unmount(self) -> None:
        self.cleaner.stop()
        self.data.close()

    def _writer_error(self, message: str) -> None:
        self.notify(one_line(message), severity="error", markup=False)  # notify is thread-safe

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
        try:
            feed_id = self.data.load_sample()
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

    # Cleaning what the cleaner has not seen yet, a batch at a time, in a worker process

    def clean_in_background(self) -> None:
        self.cleaner.start()

    def on_clean_pending(self, message: CleanPending) -> None:
        self.cleaner.start()

    def on_article_cleaned(self, message: ArticleCleaned) -> None:
        screen = self.main_screen
        if screen is not None:
            screen.article_cleaned(message.article_id)

    # Themes, keys, palette

    def action_choose_theme(self) -> None:
        def chosen(name: str | None) -> None:
            if name:
                self.theme = name
                self.data.save_state(THEME, name)

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


def run_app(config: Config, *, offline: bool = False) -> int:
    """Run the interface on the user's store; returns the exit status."""
    try:
        app = NewsApp(locations.store_file(), config, offline=offline)
    except KeyConfigError as exc:
        where = f"{config.path}: " if config.path else ""
        print(f"newsreader: {where}{exc}", file=sys.stderr)
        return 1
    app.run()
    return app.return_code or 0
