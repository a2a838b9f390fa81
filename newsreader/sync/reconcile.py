"""Reconciling: what the server says against what the store knows and what the queue holds (no I/O).

Conflicts (both sides changed the same flag of the same item since the last sync) go to the later
action. The Google Reader API does not say when an item was marked on the server, only that it was
marked since our last sync, so the server's action is dated at the middle of that interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.models import QueuedChange, SyncedFeed
from newsreader.store.sync import FeedChange, KnownItem, SyncFeedRow
from newsreader.subscriptions import normalise_url

FLAGS = ("read", "starred")


def url_key(url: str) -> str:
    return normalise_url(url) or url.strip()


@dataclass(frozen=True, slots=True)
class FeedPlan:
    changes: tuple[FeedChange, ...]
    gone: tuple[int, ...]  # local feed ids the server no longer has
    pulled: int  # feeds new here or changed from the server


def plan_feeds(local: Sequence[SyncFeedRow], server: Sequence[SyncedFeed]) -> FeedPlan:
    """Match the server's subscriptions to ours (by server id, else address) and say what changes here."""
    by_id = {f.sync_id: f for f in local if f.sync_id}
    by_url = {url_key(f.url): f for f in local}
    changes, seen, pulled = [], set(), 0
    taken: set[str] = set()
    for s in server:
        mine = by_id.get(s.sync_id) or by_url.get(url_key(s.url))
        if mine is None:
            if url_key(s.url) not in taken:
                taken.add(url_key(s.url))
                changes.append(FeedChange(s))
                pulled += 1
            continue
        if mine.id in seen:  # two server feeds at one address: the first is ours
            continue
        seen.add(mine.id)
        tags = None
        if s.label != mine.sync_label:
            kept = [t for t in mine.tags if t not in (mine.sync_label, s.label)]
            wanted = ([s.label] if s.label else []) + kept
            tags = tuple(wanted) if wanted != list(mine.tags) else None
        user_title, set_title = None, False
        if mine.sync_title is not None and s.title != mine.sync_title:
            user_title = s.title if s.title and s.title != mine.title else None
            set_title = user_title != mine.user_title
        changes.append(FeedChange(s, mine.id, tags, user_title, set_title))
        pulled += tags is not None or set_title
    gone = tuple(f.id for f in local if f.sync_id and f.id not in seen)
    return FeedPlan(tuple(changes), gone, pulled)


@dataclass(slots=True)
class StatePlan:
    """What to change here, what to send, and which queued changes are done with."""

    local: list[tuple[int, bool | None, bool | None]] = field(default_factory=list)
    pushes: dict[tuple[str, bool], list[str]] = field(default_factory=dict)  # (flag, value) -> item ids
    seen: list[tuple[int, str, bool]] = field(default_factory=list)  # server state after the pushes
    settled: list[int] = field(default_factory=list)  # queued changes dropped now
    pushed: list[int] = field(default_factory=list)  # queued changes dropped once the pushes succeed
    pulled: int = 0
    local_won: int = 0
    server_won: int = 0

    @property
    def push_count(self) -> int:
        return sum(len(ids) for ids in self.pushes.values())


def plan_states(
    known: dict[str, KnownItem],
    unread: set[str],
    starred: set[str],
    queue: Sequence[QueuedChange],
    last_sync: float | None,
    now: float,
) -> StatePlan:
    """Read and starred state, item by item and flag by flag."""
    plan = StatePlan()
    by_article: dict[int, str] = {k.article_id: sync_id for sync_id, k in known.items()}
    latest: dict[tuple[int, str], QueuedChange] = {}
    ids: dict[tuple[int, str], list[int]] = {}
    for q in queue:
        if q.kind not in FLAGS:
            continue
        if q.article_id not in by_article:  # the item is gone here: nothing left to send
            plan.settled.append(q.id)
            continue
        key = (q.article_id, q.kind)
        latest[key] = q
        ids.setdefault(key, []).append(q.id)
    server_dated = ((last_sync or now) + now) / 2
    for sync_id, k in known.items():
        server_read, server_starred = sync_id not in unread, sync_id in starred
        if (
            k.read == server_read == k.sync_read
            and k.starred == server_starred == k.sync_starred
            and (k.article_id, "read") not in latest
            and (k.article_id, "starred") not in latest
        ):
            continue  # the same here, there and at the last sync: nearly every item, nearly every time
        server = {"read": server_read, "starred": server_starred}
        here = {"read": k.read, "starred": k.starred}
        base = {"read": k.sync_read, "starred": k.sync_starred}
        take: dict[str, bool | None] = {"read": None, "starred": None}
        for flag in FLAGS:
            q = latest.get((k.article_id, flag))
            changed_there = base[flag] is not None and server[flag] != base[flag]
            if q is None:
                if here[flag] == server[flag]:
                    if base[flag] != server[flag]:
                        plan.seen.append((k.article_id, flag, server[flag]))
                elif changed_there or base[flag] is None:
                    take[flag] = server[flag]
                else:
                    _push(plan, flag, here[flag], sync_id, k.article_id, [])
                continue
            queued = ids[(k.article_id, flag)]
            if here[flag] == server[flag]:
                plan.settled += queued
                plan.seen.append((k.article_id, flag, server[flag]))
            elif not changed_there:
                _push(plan, flag, here[flag], sync_id, k.article_id, queued)
            elif q.at > server_dated:
                plan.local_won += 1
                _push(plan, flag, here[flag], sync_id, k.article_id, queued)
            else:
                plan.server_won += 1
                plan.settled += queued
                take[flag] = server[flag]
        if take["read"] is not None or take["starred"] is not None:
            plan.local.append((k.article_id, take["read"], take["starred"]))
            plan.pulled += (take["read"] is not None) + (take["starred"] is not None)
    return plan


def _push(plan: StatePlan, flag: str, value: bool, sync_id: str, article_id: int, queued: list[int]) -> None:
    plan.pushes.setdefault((flag, value), []).append(sync_id)
    plan.seen.append((article_id, flag, value))
    plan.pushed += queued
