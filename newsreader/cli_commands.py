"""The subcommands: each takes the parsed arguments and the engine, prints, and returns an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable

from newsreader.cli_progress import Progress
from newsreader.engine import Added, Engine, EngineError, Extraction
from newsreader.models import ArticleRow, Cleaned, RefreshInterrupted, RefreshSummary, iso_date
from newsreader.text import one_line

# Exit code of `refresh` when it finished but at least one feed failed.
EXIT_FEEDS_FAILED = 3
EXIT_INTERRUPTED = 130
# Below this many, cleaning one by one in this process beats starting a process pool.
POOL_FROM = 16


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def plural(n: int, noun: str) -> str:
    """ "1 feed", "2 feeds", "0 feeds"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _warn(message: str) -> None:
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def cmd_add(args: argparse.Namespace, engine: Engine) -> int:
    failed = 0
    for raw in args.urls:
        try:
            failed += not _add_one(raw, args, engine)
        except EngineError as exc:
            _warn(str(exc))
            failed += 1
    return 1 if failed else 0


def _add_one(raw: str, args: argparse.Namespace, engine: Engine) -> bool:
    """Subscribe to raw, or to the feed its page names; False when nothing was subscribed."""
    if args.no_check or engine.offline or engine.is_subscribed(raw):
        _report_added(engine.add_feed(raw, tags=args.tag, check=not args.no_check), args, engine)
        return True
    found = engine.discover(raw)
    if not found:
        _warn(f"not added: {raw}: no feed found (the page names none, and no usual address is one)")
        return False
    if len(found) > 1 and not args.all:
        for f in found:
            print(f"  {f.url}  ({f.type}{': ' + f.title if f.title else ''})")
        _warn(f"{len(found)} feeds found at {raw}: add one of them by its address, or all with --all")
        return False
    itself = len(found) == 1 and found[0].url == engine.address_of(raw)
    for f in found:
        if not itself:
            print(f"found at {raw}: {f.url}{' (' + f.title + ')' if f.title else ''}")
        _report_added(engine.add_feed(f.url, tags=args.tag, check=not itself), args, engine)
    return True


def _report_added(added: Added, args: argparse.Namespace, engine: Engine) -> None:
    if not added.new:
        print(f"already subscribed: {added.feed.url}")
    elif engine.offline and not args.no_check:
        print(f"added (not checked: offline): {added.feed.url}")
    else:
        print(f"added: {added.feed.url}")


def cmd_remove(args: argparse.Namespace, engine: Engine) -> int:
    feed = engine.remove_feed(args.url, force=args.force)
    print(f"removed: {feed.url}")
    return 0


def cmd_rename(args: argparse.Namespace, engine: Engine) -> int:
    title = None if args.clear else one_line(args.title)
    if not args.clear and not title:
        raise UserError("a title cannot be empty: use --clear to go back to the feed's own title")
    feed = engine.rename_feed(args.url, title)
    print(f"renamed: {feed.url} -> {feed.display_title}")
    return 0


def cmd_feeds(args: argparse.Namespace, engine: Engine) -> int:
    for f in engine.feeds():
        tags = f" [{', '.join(f.tags)}]" if f.tags else ""
        err = f"  ! {f.last_error}" if f.last_error else ""
        print(f"{f.unread:5d}/{f.total:<5d} {f.display_title}{tags}  <{f.url}>{err}")
    return 0


def cmd_import(args: argparse.Namespace, engine: Engine) -> int:
    done = engine.import_subscriptions(args.file)
    for line in done.skipped:
        print(f"newsreader: {line}", file=sys.stderr)
    for line in done.translated:
        print(f"imported {line}")
    print(f"imported {plural(done.total, 'feed')} ({done.new} new) from {args.file}")
    return 0


def cmd_export(args: argparse.Namespace, engine: Engine) -> int:
    opml, left_out = engine.export_opml()
    for f in left_out:
        if f.url.startswith(("http:", "https:")):  # the bundled sample has a file address: no news
            print(f"newsreader: not exported (not a feed address): {f.url}", file=sys.stderr)
    sys.stdout.write(opml)
    return 0


def summary_text(summary: RefreshSummary) -> str:
    """ "N new articles, M unchanged feeds, K failed:" and one line per failed feed."""
    new = plural(summary.new, "new article")
    if summary.updated:
        new += f" ({summary.updated} updated)"
    head = f"{new}, {plural(summary.unchanged, 'unchanged feed')}, {len(summary.failed)} failed"
    lines = [head + (":" if summary.failed else "")]
    lines += [f"  {url}: {reason}" for url, reason in summary.failed]
    return "\n".join(lines)


def cmd_refresh(args: argparse.Namespace, engine: Engine) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise UserError("--jobs must be at least 1")
    if engine.sync_configured:  # [sync]: the server fetches the feeds, we sync with it
        from newsreader.cli_sync import cmd_sync

        code = cmd_sync(argparse.Namespace(status=False), engine)
        if args.clean:
            print(f"cleaned {plural(engine.clean_pending(), 'article')}")
        return code
    feed_ids = [engine.find_feed(u).id for u in args.urls] if args.urls else None
    progress = None
    if sys.stderr.isatty() and not engine.offline:
        total = engine.refresh_targets(feed_ids)
        progress = Progress(total) if total else None
    try:
        try:
            summary = engine.refresh(feed_ids, jobs=args.jobs, on_feed_done=progress)
        finally:
            if progress is not None:
                progress.finish()
    except RefreshInterrupted as stop:
        print(f"interrupted: {plural(stop.feeds_done, 'feed')} done", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:  # before the refresh had started
        print("interrupted: 0 feeds done", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(summary_text(summary))
    if args.clean:
        print(f"cleaned {plural(engine.clean_pending(), 'article')}")
    return EXIT_FEEDS_FAILED if summary.failed else 0


def _print_rows(engine: Engine, rows: Iterable[ArticleRow], as_json: bool) -> None:
    if as_json:
        ids = [r.id for r in rows]
        if len(engine.uncleaned_of(ids)) >= POOL_FROM:
            engine.clean_pending(ids=ids)  # on all cores before printing, so the JSON carries it
        json.dump(
            [engine.cleaned_article(i).to_json() for i in ids], sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
        return
    for r in rows:
        flags = ("N" if not r.read else " ") + ("*" if r.starred else " ")
        date = (iso_date(r.published) or "")[:10]
        print(f"{flags} {date:10s}  {r.feed_title[:24]:24s}  {r.title}")


def cmd_list(args: argparse.Namespace, engine: Engine) -> int:
    feed_id = engine.find_feed(args.feed).id if args.feed else None
    # Streamed: `list --unread | head -2` prints at once and stops, at any size of the store.
    rows = engine.iter_articles(feed_id=feed_id, unread_only=args.unread, starred_only=args.starred)
    _print_rows(engine, rows, args.json)
    return 0


def cmd_search(args: argparse.Namespace, engine: Engine) -> int:
    rows = engine.search(args.query)
    _print_rows(engine, rows, args.json)
    if not rows:
        _warn(f"no articles match {args.query}")
        return 1
    return 0


def cmd_mark_read(args: argparse.Namespace, engine: Engine) -> int:
    n = engine.mark_all_read() if args.all else engine.mark_feed_read(engine.find_feed(args.feed).id)
    print(f"marked {plural(n, 'article')} read")
    return 0


def render_text(c: Cleaned, url: str | None) -> str:
    """A readable rendering: headline and byline, the body, then what was set aside."""
    lines = []
    if c.title:
        lines += [c.title, "=" * min(len(c.title), 80)]
    meta = [x for x in (("By " + ", ".join(c.authors)) if c.authors else None, c.published, url) if x]
    if meta:
        lines.append(" · ".join(meta))
    lines += ["", c.body or "(no article text found)"]
    if c.contacts:
        lines += ["", "Contacts:"] + [f"  {x.kind}: {x.value}" for x in c.contacts]
    if c.credits:
        lines += ["", "Credits:"] + [f"  {x}" for x in c.credits]
    if c.notes:
        lines += ["", "Notes:"] + [f"  {x}" for x in c.notes]
    return "\n".join(lines) + "\n"


def cmd_extract(args: argparse.Namespace, engine: Engine) -> int:
    page: Extraction = engine.extract(args.source, base_url=args.url)
    if args.json:
        json.dump(page.cleaned.to_json(page.url), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(page.cleaned, page.url))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Engine], int]] = {
    "add": cmd_add,
    "remove": cmd_remove,
    "rename": cmd_rename,
    "feeds": cmd_feeds,
    "import": cmd_import,
    "export": cmd_export,
    "refresh": cmd_refresh,
    "list": cmd_list,
    "search": cmd_search,
    "mark-read": cmd_mark_read,
    "extract": cmd_extract,
}
