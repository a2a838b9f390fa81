"""One sync: send the queued feed changes, pull subscriptions, items and state, settle, send the state.

The store is written in two transactions (what the server says; then what was sent), so a sync
stopped anywhere leaves the store consistent and every unsent change still queued.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence

from newsreader.config import Config, SyncSettings
from newsreader.fetch import is_fetchable
from newsreader.models import QueuedChange, SyncedFeed, SyncedItem, SyncStatus, SyncSummary
from newsreader.store import Store
from newsreader.sync.client import READ, READING_LIST, STARRED, GReaderClient, SyncError, SyncRefused
from newsreader.sync.password import sync_password
from newsreader.sync.reconcile import plan_feeds, plan_states, url_key
from newsreader.text import one_line

FEED_KINDS = ("subscribe", "unsubscribe", "rename", "tags")


def account_of(settings: SyncSettings) -> str:
    return f"{settings.user}@{settings.url}"


def run_sync(store: Store, config: Config) -> SyncSummary:
    """Sync the store with the server of config's [sync]; raises SyncError (one line) when it cannot."""
    settings = config.sync
    if settings is None:
        raise SyncError("no [sync] in the config file")
    password = sync_password(settings)
    client = GReaderClient(settings.url, settings.user, password, config.limits)
    summary, fresh = asyncio.run(_sync(store, client, account_of(settings)))
    # After the sync is whole: a page that cannot be fetched is noted on its article, as in a refresh.
    from newsreader.sync.pages import fetch_pages, wanted_pages

    fetch_pages(store, config, wanted_pages(store, config, fresh))
    return summary


def sync_status(store: Store, config: Config, *, ask: bool) -> SyncStatus:
    """When the last sync ended, what is queued, and (ask) whether the server takes our login now."""
    configured = config.sync is not None
    reachable, problem = None, None
    if configured and ask:
        try:
            settings = config.sync
            client = GReaderClient(settings.url, settings.user, sync_password(settings), config.limits)
            asyncio.run(_login_only(client))
            reachable = True
        except SyncError as exc:
            reachable, problem = False, str(exc)
    return SyncStatus(configured, store.last_sync(), store.sync_queue_size(), reachable, problem)


async def _login_only(client: GReaderClient) -> None:
    async with client:
        await client.login()


async def _sync(store: Store, client: GReaderClient, account: str) -> tuple[SyncSummary, list[SyncedItem]]:
    async with client:
        await client.login()
        started = time.time()
        last = store.last_sync()
        first = store.sync_account() != account
        if first and store.sync_account() is not None:
            store.forget_sync_server()
            last = None
        queue = store.sync_queue()
        feed_ops = [q for q in queue if q.kind in FEED_KINDS]
        server_feeds, recent, unread, starred = await _lists(client, store)
        if first:
            feed_ops += _unsynced_feeds(store, server_feeds)
        if feed_ops:
            pushed_feeds, refused, done = await _push_feeds(client, store, feed_ops, server_feeds)
            store.drop_queued(i for i in done if i > 0)
            if pushed_feeds:  # new subscriptions bring items: ask again
                server_feeds, recent, unread, starred = await _lists(client, store)
        else:
            pushed_feeds, refused = 0, []
        known = store.sync_known_items()
        missing = sorted((recent | unread | starred) - known.keys())
        fresh = {i.sync_id: i for i in await client.items(missing)} if missing else {}

        feeds = plan_feeds(store.sync_feeds(), server_feeds)
        states = plan_states(
            known, unread, starred, [q for q in queue if q.kind not in FEED_KINDS], last, started
        )
        new = store.apply_sync_pull(
            account, feeds.changes, feeds.gone, list(fresh.values()), states.local, states.settled
        )
        for (flag, value), ids in states.pushes.items():
            tag = READ if flag == "read" else STARRED
            await client.edit_tag(ids, add=tag if value else None, remove=None if value else tag)
        store.finish_sync(states.pushed, states.seen, started)
    return SyncSummary(
        pulled_feeds=feeds.pulled,
        removed_feeds=len(feeds.gone),
        pulled_items=new,
        pulled_states=states.pulled,
        pushed_states=states.push_count,
        pushed_feeds=pushed_feeds,
        conflicts_local_won=states.local_won,
        conflicts_server_won=states.server_won,
        refused=tuple(refused),
    ), list(fresh.values())


async def _lists(
    client: GReaderClient, store: Store
) -> tuple[list[SyncedFeed], set[str], set[str], set[str]]:
    """The subscriptions, the ids of recent items, of unread ones and of starred ones.

    Ids first (a few ms for thousands), contents later only for the items not stored yet; asked
    together, as a server serving requests in parallel answers them.
    """
    return await asyncio.gather(
        client.subscriptions(),
        # Unread and starred new items are in the next two lists: only the read ones are asked for here.
        client.item_ids(READING_LIST, include=READ, since_usec=store.newest_synced()),
        client.item_ids(READING_LIST, exclude=READ),
        client.item_ids(STARRED),
    )


def _unsynced_feeds(store: Store, server: Sequence[SyncedFeed]) -> list[QueuedChange]:
    """On a store's first sync, its own feeds the server lacks, as subscriptions to send (id 0: not queued)."""
    there = {url_key(f.url) for f in server}
    return [
        QueuedChange(0, time.time(), "subscribe", None, None, f.url, f.user_title)
        for f in store.sync_feeds()
        if not f.sync_id and is_fetchable(f.url) and url_key(f.url) not in there
    ]


async def _push_feeds(
    client: GReaderClient, store: Store, ops: Sequence[QueuedChange], server: Sequence[SyncedFeed]
) -> tuple[int, list[str], list[int]]:
    """Send subscription changes in the order they were made; returns (sent, refused lines, done ids)."""
    by_url = {url_key(f.url): f for f in server}
    local = {url_key(f.url): f for f in store.sync_feeds()}
    sent, refused, done = 0, [], []
    for q in ops:
        url = url_key(q.feed_url or "")
        there = by_url.get(url)
        stream = (there.sync_id if there else None) or q.item_id
        try:
            if q.kind == "subscribe":
                if there is None and url in local and is_fetchable(local[url].url):
                    mine = local[url]
                    await client.subscribe(q.feed_url or url, q.value, mine.tags[0] if mine.tags else None)
                    sent += 1
            elif q.kind == "unsubscribe":
                if there is not None:
                    await client.unsubscribe(stream)
                    by_url.pop(url, None)
                    sent += 1
            elif there is not None and q.kind == "rename":
                title = q.value or (local[url].title if url in local else None)
                if title and title != there.title:
                    await client.rename(stream, title)
                    sent += 1
            elif there is not None and q.kind == "tags":
                tags = json.loads(q.value or "[]")
                label = tags[0] if tags else None
                if label != there.label:
                    await client.set_label(stream, label, there.label)
                    sent += 1
        except SyncRefused as exc:
            refused.append(f"{q.kind} {one_line(q.feed_url or '')}: {exc}")
        done.append(q.id)
    return sent, refused, done
