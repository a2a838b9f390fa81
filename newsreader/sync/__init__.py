"""Sync with a Google Reader API server (FreshRSS, Miniflux, Inoreader, ...): client, reconcile, run."""

from newsreader.sync.client import SyncError

__all__ = ["SyncError"]
