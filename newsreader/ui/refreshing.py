"""Refreshing from the interface: the engine's refresh on a daemon thread, reported as messages."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from textual.message import Message

from newsreader.text import one_line
from newsreader.ui.data import OfflineError, UiData
from newsreader.ui.messages import RefreshFinished, RefreshProgress

Post = Callable[[Message], object]


def start_refresh(data: UiData, feed_ids: Iterable[int] | None, post: Post) -> threading.Thread:
    """Refresh feed_ids (None: all) in the background; post RefreshProgress per feed, then RefreshFinished.

    Offline, the engine refuses and RefreshFinished says so (offline=True).

    A daemon thread rather than a Textual worker: quitting must not wait for a slow server to answer
    (each feed's store transaction is atomic, so stopping mid-way loses nothing).
    """
    ids = list(feed_ids) if feed_ids is not None else None
    thread = threading.Thread(target=_refresh, args=(data, ids, post), name="newsreader-refresh", daemon=True)
    thread.start()
    return thread


def _refresh(data: UiData, feed_ids: list[int] | None, post: Post) -> None:
    try:
        total = data.refresh_targets(feed_ids)
        if total == 0:
            post(RefreshFinished(0, [], fetched=0))
            return
        done = 0

        def on_feed_done(feed, new: int, error: str | None) -> None:
            nonlocal done
            done += 1
            post(RefreshProgress(done, total, feed.id, error, one_line(feed.display_title)))

        summary = data.refresh(feed_ids, on_feed_done)
    except OfflineError as exc:
        post(RefreshFinished(0, [], error=one_line(str(exc)), fetched=0, offline=True))
        return
    except Exception as exc:  # noqa: BLE001 - whatever breaks, the reader keeps reading
        post(RefreshFinished(0, [], error=one_line(str(exc)) or type(exc).__name__))
        return
    post(RefreshFinished(summary.new, list(summary.failed), fetched=total))
