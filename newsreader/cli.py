"""The command line: `newsreader` opens the interface, subcommands manage and read the store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader import __version__, locations
from newsreader.config import Config, ConfigError, load_config
from newsreader.models import Article, ArticleRow
from newsreader.store import Store, StoreError


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def iso(ts: float | None) -> str | None:
    from datetime import UTC, datetime  # here: refresh and most commands print no dates

    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z") if ts is not None else None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsreader", description="A terminal newsreader.")
    p.add_argument("--version", action="version", version=f"newsreader {__version__}")
    p.add_argument("--config", type=Path, help="config file (default: %(default)s)", default=None)
    p.add_argument("--offline", action="store_true", help="never touch the network")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("add", help="subscribe to feeds")
    s.add_argument("urls", nargs="+", metavar="URL")
    s.add_argument("--tag", action="append", default=[], metavar="T", help="tag the feeds (repeatable)")

    s = sub.add_parser("remove", help="unsubscribe from a feed and forget its articles")
    s.add_argument("url", metavar="URL")

    sub.add_parser("feeds", help="list feeds with unread/total counts and last error")

    s = sub.add_parser("import", help="subscribe to the feeds of an OPML file or a newsboat urls file")
    s.add_argument("file", type=Path, metavar="FILE")

    sub.add_parser("export", help="print the subscriptions as OPML")

    s = sub.add_parser("refresh", help="fetch every feed (or the given ones)")
    s.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    s.add_argument("--jobs", type=int, metavar="N", help="feeds fetched at once")

    s = sub.add_parser("list", help="list cached articles")
    s.add_argument("--feed", metavar="URL")
    s.add_argument("--unread", action="store_true", help="unread articles only")
    s.add_argument("--starred", action="store_true", help="starred articles only")
    s.add_argument("--json", action="store_true", help="print one JSON array with every field")

    s = sub.add_parser("search", help="search titles, authors and text of every cached article")
    s.add_argument("query", metavar="QUERY")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("mark-read", help="mark articles read")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--feed", metavar="URL")
    g.add_argument("--all", action="store_true")

    s = sub.add_parser("extract", help="clean one page into body, byline, contacts, credits and notes")
    s.add_argument("source", metavar="FILE|URL|-")
    s.add_argument("--url", metavar="BASE", help="the page's address, for relative links")
    s.add_argument("--json", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.config)
        if args.command is None:
            from newsreader.ui.app import run_app

            return run_app(config, offline=args.offline)
        if args.command == "extract":
            from newsreader.clean.command import extract_command

            return extract_command(
                args.source, base_url=args.url, as_json=args.json, config=config, offline=args.offline
            )
        with Store(locations.store_file(), busy_timeout=config.busy_timeout) as store:
            return COMMANDS[args.command](args, store, config)
    except (ConfigError, StoreError, UserError) as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _feed_arg(store: Store, url: str):
    feed = store.feed_by_url(url)
    if feed is None:
        raise UserError(f"not subscribed to {url}")
    return feed


def cmd_add(args, store: Store, config: Config) -> int:
    from newsreader.subscriptions import normalise_url

    for raw in args.urls:
        url = normalise_url(raw)
        if url is None:
            raise UserError(f"not a feed address: {raw}")
        feed, new = store.add_feed(url, tags=args.tag)
        print(f"{'added' if new else 'already subscribed'}: {feed.url}")
    return 0


def cmd_remove(args, store: Store, config: Config) -> int:
    if not store.remove_feed(args.url):
        raise UserError(f"not subscribed to {args.url}")
    print(f"removed: {args.url}")
    return 0


def cmd_feeds(args, store: Store, config: Config) -> int:
    for f in store.feeds():
        tags = f" [{', '.join(f.tags)}]" if f.tags else ""
        err = f"  ! {f.last_error}" if f.last_error else ""
        print(f"{f.unread:5d}/{f.total:<5d} {f.display_title}{tags}  <{f.url}>{err}")
    return 0


def cmd_import(args, store: Store, config: Config) -> int:
    from newsreader.subscriptions import SubscriptionError, read_subscriptions

    try:
        subs = read_subscriptions(args.file)
    except SubscriptionError as exc:
        raise UserError(str(exc)) from None
    added = 0
    for s in subs:
        _, new = store.add_feed(s.url, title=s.title, tags=s.tags)
        added += new
    print(f"imported {len(subs)} feeds ({added} new) from {args.file}")
    return 0


def cmd_export(args, store: Store, config: Config) -> int:
    from newsreader.subscriptions import to_opml

    sys.stdout.write(to_opml(store.feeds()))
    return 0


def cmd_refresh(args, store: Store, config: Config) -> int:
    from newsreader.progress import refresh_command

    if args.jobs is not None and args.jobs < 1:
        raise UserError("--jobs must be at least 1")
    feed_ids = [_feed_arg(store, u).id for u in args.urls] if args.urls else None
    if args.offline:
        raise UserError("--offline: refusing to fetch")
    return refresh_command(store, config, feed_ids=feed_ids, jobs=args.jobs)


def _article_json(store: Store, row: ArticleRow) -> dict:
    from newsreader.clean.service import ensure_cleaned

    a: Article = ensure_cleaned(store, row.id)
    c = a.cleaned
    return {
        "id": a.id,
        "feed": a.feed_url,
        "feed_title": a.feed_title,
        "guid": a.guid,
        "link": a.link,
        "title": a.title,
        "authors": list(c.authors) if c and c.authors else list(a.authors),
        "feed_authors": list(a.authors),
        "published": iso(a.published),
        "updated": iso(a.updated),
        "read": a.read,
        "starred": a.starred,
        "body": c.body if c else None,
        "contacts": [{"kind": x.kind, "value": x.value, "label": x.label} for x in c.contacts] if c else [],
        "credits": list(c.credits) if c else [],
        "notes": list(c.notes) if c else [],
        "clean_error": a.clean_error,
        "page_error": a.page_error,
    }


# Below this many, cleaning one by one in this process beats starting a process pool.
POOL_FROM = 16


def _clean_first(store: Store, ids: list[int]) -> None:
    """Clean what has not been cleaned yet on all cores before printing, so --json carries it."""
    if len(store.uncleaned_of(ids)) >= POOL_FROM:
        from newsreader.clean.service import clean_pending

        clean_pending(store.path, ids=ids)


def _print_rows(store: Store, rows: list[ArticleRow], as_json: bool) -> int:
    if as_json:
        _clean_first(store, [r.id for r in rows])
        json.dump([_article_json(store, r) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for r in rows:
        flags = ("N" if not r.read else " ") + ("*" if r.starred else " ")
        date = (iso(r.published) or "")[:10]
        print(f"{flags} {date:10s}  {r.feed_title[:24]:24s}  {r.title}")
    return 0


def cmd_list(args, store: Store, config: Config) -> int:
    feed_id = _feed_arg(store, args.feed).id if args.feed else None
    rows = store.articles(feed_id=feed_id, unread_only=args.unread, starred_only=args.starred)
    return _print_rows(store, rows, args.json)


def cmd_search(args, store: Store, config: Config) -> int:
    return _print_rows(store, store.search(args.query), args.json)


def cmd_mark_read(args, store: Store, config: Config) -> int:
    n = store.mark_all_read() if args.all else store.mark_feed_read(_feed_arg(store, args.feed).id)
    print(f"marked {n} articles read")
    return 0


COMMANDS = {
    "add": cmd_add,
    "remove": cmd_remove,
    "feeds": cmd_feeds,
    "import": cmd_import,
    "export": cmd_export,
    "refresh": cmd_refresh,
    "list": cmd_list,
    "search": cmd_search,
    "mark-read": cmd_mark_read,
}
