"""The command line: `newsreader` opens the interface, subcommands manage and read the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader import __version__, cli_media, cli_people, cli_query, cli_sync, locations
from newsreader.cli_commands import COMMANDS, UserError
from newsreader.config import ConfigError, read_config
from newsreader.engine import Engine, EngineError, StoreError, tell_upgrading
from newsreader.text import one_line


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """--config and --offline, before the command (with defaults) or after it (without, to keep those)."""
    keep = {} if defaults else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=f"config file (default: {locations.config_file()})",
        **({"default": None} if defaults else keep),
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="never touch the network",
        **({"default": False} if defaults else keep),
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsreader", description="A terminal newsreader.")
    p.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _global_options(p, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".", parents=[common])

    s = command("add", "subscribe to feeds, or to the feed a web page names (each is fetched first)")
    s.add_argument("urls", nargs="+", metavar="URL")
    s.add_argument("--all", action="store_true", help="a page naming several feeds: subscribe to every one")
    s.add_argument("--tag", action="append", default=[], metavar="T", help="tag the feeds (repeatable)")
    s.add_argument("--no-check", action="store_true", help="store the addresses without fetching them")

    s = command("remove", "unsubscribe from a feed and forget its articles")
    s.add_argument("url", metavar="URL")
    s.add_argument("--force", action="store_true", help="also when some of its articles are starred")

    s = command("rename", "give a feed your own title, kept across refreshes")
    s.add_argument("url", metavar="URL")
    s.add_argument("title", nargs="?", metavar="TITLE")
    s.add_argument("--clear", action="store_true", help="go back to the feed's own title")

    command("feeds", "list feeds with unread/total counts and last error")

    s = command("import", "subscribe to the feeds of an OPML file or a newsboat urls file")
    s.add_argument("file", type=Path, metavar="FILE")

    command("export", "print the subscriptions as OPML")

    s = command("refresh", "fetch every feed (or the given ones)")
    s.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    s.add_argument("--jobs", type=int, metavar="N", help="feeds fetched at once")
    s.add_argument(
        "--clean", action="store_true", help="then clean every article not cleaned yet, on all cores"
    )

    s = command("list", "list cached articles")
    s.add_argument("--feed", metavar="URL")
    s.add_argument("--unread", action="store_true", help="unread articles only")
    s.add_argument("--starred", action="store_true", help="starred articles only")
    s.add_argument("--query", metavar="QUERY", help="only the articles QUERY matches, newest first")
    s.add_argument("--json", action="store_true", help="print one JSON array with every field")

    s = command("search", "search cached articles with the query language, best matches first")
    s.add_argument("query", metavar="QUERY")
    s.add_argument("--json", action="store_true")

    s = command("mark-read", "mark articles read")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--feed", metavar="URL")
    g.add_argument("--all", action="store_true")
    g.add_argument(
        "--id", type=int, action="append", dest="ids", metavar="ID", help="this article (repeatable)"
    )

    s = command("extract", "clean one page into body, byline, contacts, credits and notes")
    s.add_argument("source", metavar="FILE|URL|-")
    s.add_argument("--url", metavar="BASE", help="the page's address, for relative links")
    s.add_argument("--json", action="store_true")

    command("recover", "copy what is readable of a damaged store into a new one, keeping the old")
    cli_media.add_parsers(command)
    cli_people.add_parsers(command)
    cli_query.add_parsers(command)
    cli_sync.add_parsers(command)
    return p


READ_ONLY_COMMANDS = {None, "list", "search", "feeds", "export", "authors", "contacts"}


def main(argv: Sequence[str] | None = None) -> int:
    from newsreader import output

    output.install()  # the one sanitising point for everything printed, argparse's errors included
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "rename" and (args.title is None) == (not args.clear):
        parser.error("rename: give either a TITLE or --clear")
    try:
        loaded = read_config(args.config)
        for problem in loaded.problems:  # read-only commands go on with defaults; the others refuse
            print(f"newsreader: {problem}", file=sys.stderr)
        if loaded.problems and args.command not in READ_ONLY_COMMANDS:
            return 1
        config = loaded.config
        if args.command is None:
            from newsreader.ui.app import run_app

            return run_app(config, offline=args.offline, notices=[str(p) for p in loaded.problems])
        if args.command == "recover":  # before opening: a damaged store does not open
            print(one_line(Engine.recover().summary()))
            return 0
        with Engine.open(config, offline=args.offline, upgrading=tell_upgrading) as engine:
            handlers = (
                COMMANDS | cli_media.COMMANDS | cli_people.COMMANDS | cli_query.COMMANDS | cli_sync.COMMANDS
            )
            return handlers[args.command](args, engine)
    except (ConfigError, StoreError, EngineError, UserError) as exc:
        print(f"newsreader: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
