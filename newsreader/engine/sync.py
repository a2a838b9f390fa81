"""The engine's sync face: `sync`, `sync_status`, and refresh by sync when `[sync]` is set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.models import RefreshSummary, SyncStatus, SyncSummary

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.store import Store


class SyncMixin:
    """Mixed into Engine: talks to the Google Reader API server of `[sync]` (newsreader.sync)."""

    config: Config
    offline: bool
    _store: Store

    def _network(self, what: str) -> None:  # provided by Engine
        raise NotImplementedError

    @property
    def sync_configured(self) -> bool:
        """Whether `[sync]` is set: refresh then syncs instead of fetching the feeds itself."""
        return self.config.sync is not None

    def sync(self) -> SyncSummary:
        """Send the queued changes and pull what is new; raises EngineError (one line), the queue kept."""
        from newsreader.engine.engine import EngineError

        if self.config.sync is None:
            raise EngineError("no [sync] in the config file: see README, Sync")
        self._network("sync")
        from newsreader.sync.client import SyncError
        from newsreader.sync.run import run_sync

        try:
            return run_sync(self._store, self.config)
        except SyncError as exc:
            raise EngineError(f"sync failed: {exc}; {self._queued_note()}") from None

    def sync_status(self, *, ask: bool = True) -> SyncStatus:
        """Last sync, queued changes, and (unless offline or ask=False) whether the server takes our login."""
        from newsreader.sync.run import sync_status

        return sync_status(self._store, self.config, ask=ask and not self.offline)

    def sync_targets(self) -> int:
        """What a refresh by sync fetches, for a progress count: the one server (OfflineError offline)."""
        self._network("sync")
        return 1

    def sync_refresh(self) -> RefreshSummary:
        """A sync reported as a refresh (for faces that show refresh results); a failure is one failed entry."""
        from newsreader.engine.engine import EngineError

        try:
            done = self.sync()
        except EngineError as exc:
            url = self.config.sync.url if self.config.sync else "sync"
            return RefreshSummary(failed=[(url, str(exc))])
        return RefreshSummary(new=done.pulled_items, ok=1)

    def _queued_note(self) -> str:
        n = self._store.sync_queue_size()
        return f"{n} queued change{'' if n == 1 else 's'} kept for the next sync"
