"""The query commands: tag, star, unstar, cleanup, and the query and id forms of list and mark-read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator

from newsreader import cli_commands
from newsreader.cli_commands import plural
from newsreader.engine import Engine
from newsreader.models import ArticleRow

Command = Callable[[str, str], argparse.ArgumentParser]
_CHUNK = 500  # rows read at once when listing a query's matches


def _tag_change(text: str) -> str:
    if len(text) < 2 or text[0] not in "+-" or not text[1:].strip():
        raise argparse.ArgumentTypeError(f"{text!r}: write +TAG to add a tag, -TAG to remove one")
    return text


def add_parsers(command: Command) -> None:
    s = command("tag", "add (+TAG) and remove (-TAG) a feed's tags, or show them")
    s.add_argument("url", metavar="URL")
    s.add_argument("changes", nargs=argparse.REMAINDER, metavar="+TAG|-TAG", help="tags to add or remove")

    s = command("star", "star articles (ids as in list --json)")
    s.add_argument("ids", nargs="+", type=int, metavar="ID")

    s = command("unstar", "unstar articles (ids as in list --json)")
    s.add_argument("ids", nargs="+", type=int, metavar="ID")

    command("cleanup", "delete what [retention] lets go (never starred articles) and compact the store")


def cmd_tag(args: argparse.Namespace, engine: Engine) -> int:
    try:
        changes = [_tag_change(c) for c in args.changes]
    except argparse.ArgumentTypeError as exc:
        print(f"newsreader: tag: {exc}", file=sys.stderr)
        return 2
    add = [c[1:].strip() for c in changes if c[0] == "+"]
    remove = [c[1:].strip() for c in changes if c[0] == "-"]
    feed = engine.tag_feed(args.url, add, remove) if changes else engine.find_feed(args.url)
    print(f"{feed.url}: {', '.join(feed.tags) if feed.tags else '(no tags)'}")
    return 0


def cmd_star(args: argparse.Namespace, engine: Engine) -> int:
    n = engine.star(args.ids, True)
    print(f"starred {plural(n, 'article')}")
    return 0


def cmd_unstar(args: argparse.Namespace, engine: Engine) -> int:
    n = engine.star(args.ids, False)
    print(f"unstarred {plural(n, 'article')}")
    return 0


def cmd_mark_read(args: argparse.Namespace, engine: Engine) -> int:
    if not args.ids:
        return cli_commands.cmd_mark_read(args, engine)
    n = engine.mark_read_ids(args.ids)
    print(f"marked {plural(n, 'article')} read")
    return 0


def _rows(engine: Engine, ids: list[int]) -> Iterator[ArticleRow]:
    for start in range(0, len(ids), _CHUNK):
        yield from engine.rows(ids[start : start + _CHUNK])


def cmd_list(args: argparse.Namespace, engine: Engine) -> int:
    if args.query is None:
        return cli_commands.cmd_list(args, engine)
    ids = engine.query_ids(args.query, unread_only=args.unread)
    rows = _rows(engine, ids)
    if args.feed or args.starred:
        feed_id = engine.find_feed(args.feed).id if args.feed else None
        rows = (
            r for r in rows if (feed_id is None or r.feed_id == feed_id) and (r.starred or not args.starred)
        )
    cli_commands._print_rows(engine, rows, args.json)
    return 0


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def cmd_cleanup(args: argparse.Namespace, engine: Engine) -> int:
    done = engine.cleanup()
    print(
        f"deleted {plural(done.deleted, 'article')}, freed {_size(done.freed)} "
        f"({_size(done.bytes_before)} -> {_size(done.bytes_after)})"
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Engine], int]] = {
    "tag": cmd_tag,
    "star": cmd_star,
    "unstar": cmd_unstar,
    "mark-read": cmd_mark_read,
    "list": cmd_list,
    "cleanup": cmd_cleanup,
}
