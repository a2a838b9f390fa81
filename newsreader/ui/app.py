"""The newsreader app: opens the store, themes and keys, then the reading screen (or the welcome)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from newsreader import locations
from newsreader.config import Config
from newsreader.text import one_line
from newsreader.ui.background_clean import BackgroundCleaner
from newsreader.ui.data import Engine, UiData, tell_upgrading
from newsreader.ui.images import prepare_meanwhile as prepare_images
from newsreader.ui.keys import KEYS, KeyConfigError, display_key, effective_keys, keymap
from newsreader.ui.messages import ArticleCleaned, CleanPending, FeedsCounted, SampleLoaded
from newsreader.ui.screens.help_screen import HelpScreen
from newsreader.ui.screens.main_screen import MainScreen
from newsreader.ui.screens.theme_picker import ThemePicker
from newsreader.ui.screens.welcome_screen import WelcomeScreen
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
    _HERE / "dialogs.tcss",
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
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.store_path = Path(store_path)
        self.effective_keys = effective_keys(self.config.keys, self.config.keymap)  # KeyConfigError if bad
        self.clean_on_start = clean_on_start
        images_ready = (
            prepare_images()
        )  # textual-image asks the terminal what it can draw, before the app runs
        # The one engine of the interface (StoreError if the store cannot open); offline is enforced there.
        self.data = UiData(
            Engine.open(self.config, offline=offline, path=self.store_path, upgrading=tell_upgrading)
        )
        self.cleaner = BackgroundCleaner(
            self.data,
            cleaned=lambda article_id: self.post_message(ArticleCleaned(article_id)),
            failed=lambda text: self.notify(text, severity="warning", markup=False),
        )
        self._started = False
        loaded = load_themes(shipped_themes_dir(), user_themes_dir or locations.user_themes_dir())
        self.theme_warnings = [*notices, *loaded.warnings]  # notices: config.toml's problems, one line each
        self.theme_names = [t.name for t in loaded.themes]
        for theme in loaded.themes:
            self.register_theme(theme)
        self.theme = self._starting_theme()
        # Read before the app runs, like the theme: the first frame depends on it.
        self.session = self.data.session()
        self.read_only = self.data.read_only
        images_ready()

    def _starting_theme(self) -> str:
        """The theme last chosen with t while config.toml's theme stays as it was, else the file's."""
        # Read before the app runs (the theme is part of the first frame), so not on the interface thread.
        chosen, over = self.data.state(CHOSEN_KEY), self.data.state(CHOSEN_OVER_KEY)
        name, warnings = starting_theme(self.config.theme, chosen, over, set(self.available_themes))
        self.theme_warnings.extend(warnings)
        return name

    def on_mount(self) -> None:
        self.set_keymap(keymap(self.effective_keys))
        self.data.start_writer(on_error=self._writer_error)
        for warning in self.theme_warnings:
            self.notify(one_line(warning), severity="warning", markup=False, timeout=10)
        if self.read_only:
            self.notify(
                one_line(f"store is read-only: {self.store_path}; nothing will be saved"), markup=False
            )
        self.push_screen(MainScreen(self.data, self.effective_keys, session=self.session))

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
        elif self.clean_on_start and not self.read_only:
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
                self.data.save_state(CHOSEN_KEY, name)
                self.data.save_state(CHOSEN_OVER_KEY, self.config.theme or "")

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
