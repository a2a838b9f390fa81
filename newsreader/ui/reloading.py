"""Reload on start and on a timer (config.toml's reload_on_start and reload_every). Mixed into MainScreen.

Each reload is the R refresh: its progress and what it brought show in the status bar. A reload that
comes due while a refresh runs is skipped, not queued; offline, read-only or with nothing to fetch
(only the bundled sample) there is none.
"""

from __future__ import annotations

from newsreader.ui.messages import FeedsLoaded


class Reloading:
    """Mixed into MainScreen, whose refresh, feeds and data these use."""

    reloaded_on_start = False

    def on_mount(self) -> None:
        every = self.app.config.reload_every
        if every and self._may_reload():
            self.set_interval(every, self._reload_due, name="reload-every")

    def on_feeds_loaded(self, message: FeedsLoaded) -> None:
        if self.reloaded_on_start or message.more:
            return
        self.reloaded_on_start = True
        if self.app.config.reload_on_start and self._may_reload() and self._fetchable():
            self.start_refresh(None)

    def _reload_due(self) -> None:
        if not self.refreshing and self._fetchable():
            self.start_refresh(None)

    def _may_reload(self) -> bool:
        return not self.data.offline and not self.data.read_only

    def _fetchable(self) -> bool:
        return any(f.url.startswith(("http:", "https:")) for f in self.feeds)
