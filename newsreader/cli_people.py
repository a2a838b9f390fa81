"""`authors` and `contacts`: the directory of the people behind the stories, from the command line."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable

from newsreader import output
from newsreader.engine import Engine
from newsreader.models import ContactCard, Person, iso_date
from newsreader.text import one_line

FORMATS = ("table", "json", "csv", "vcard")
CSV_FIELDS = (
    "name",
    "kind",
    "outlet",
    "contact_kind",
    "value",
    "label",
    "article_id",
    "article_title",
    "article_link",
)
_FORMULA_START = tuple("=+-@")
_FORMULA_SIGNS = set("=(!|")


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    s = command("authors", "list every author of the stored articles: kind, articles, feeds, latest")
    s.add_argument("--json", action="store_true", help="print one JSON array, contacts included")
    s = command("contacts", "print every contact line of each author, with the article it came from")
    s.add_argument("--author", metavar="NAME", help="only the authors of this name (one per outlet)")
    s.add_argument("--format", choices=FORMATS, default="table", help="table (default), json, csv or vcard")


def _who(p: Person) -> str:
    where = p.outlet if p.kind == "person" and p.outlet else p.kind
    return f"{one_line(p.name)} ({where})"


def _note_unfiled(engine: Engine) -> None:
    """A read-only store keeps the directory as it was last filed: say what it leaves out."""
    if engine.read_only and (waiting := engine.authors_unfiled()):
        noun = "article is" if waiting == 1 else "articles are"
        print(
            f"newsreader: the store is read-only: {waiting} {noun} not in the authors directory yet",
            file=sys.stderr,
        )


def cmd_authors(args: argparse.Namespace, engine: Engine) -> int:
    people = engine.authors()
    _note_unfiled(engine)
    if args.json:
        cards = engine.contact_cards(people)
        json.dump([c.person.to_json(c.contacts) for c in cards], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for p in people:
        latest = f"{(iso_date(p.latest_published) or '')[:10]} {one_line(p.latest_title)}".strip()
        feeds = one_line(", ".join(p.feeds))
        print(f"{p.articles:5d}  {_who(p)[:40]:40s}  {p.kind:12s}  {feeds[:30]:30s}  {latest}")
    return 0


def _cards(args: argparse.Namespace, engine: Engine) -> list[ContactCard] | None:
    if args.author is None:
        return engine.contact_cards()
    people = engine.authors_named(args.author)
    return engine.contact_cards(people) if people else None


def _print_table(cards: list[ContactCard]) -> None:
    for n, card in enumerate(cards):
        if n:
            print()
        p = card.person
        count = f"{p.articles} article" + ("" if p.articles == 1 else "s")
        print(f"{_who(p)}, {count} in {one_line(', '.join(p.feeds))}")
        for c, n in card.distinct():
            more = f" and {n - 1} more" if n > 1 else ""
            print(f"  {c.kind:6s}  {one_line(c.value)}")
            print(f"          {one_line(c.label)}")
            print(f"          from: {one_line(c.article_title)} (article {c.article_id}){more}")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one line, and no formula (a handle or a phone number stays)."""
    text = one_line(str(value)) if value is not None else ""
    if text.startswith(_FORMULA_START) and _FORMULA_SIGNS & set(text):
        return "'" + text
    return text


def _print_csv(cards: list[ContactCard]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for card in cards:
        p = card.person
        for c in card.contacts:
            row = (
                p.name,
                p.kind,
                p.outlet,
                c.kind,
                c.value,
                c.label,
                c.article_id,
                c.article_title,
                c.article_link,
            )
            writer.writerow([csv_cell(v) for v in row])


def cmd_contacts(args: argparse.Namespace, engine: Engine) -> int:
    cards = _cards(args, engine)
    _note_unfiled(engine)
    if cards is None:
        print(f"newsreader: no author named {one_line(args.author)}", file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump([c.person.to_json(c.contacts) for c in cards], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        _print_csv(cards)
    elif args.format == "vcard":
        # vCard's CRLF would be shown escaped by the sanitising stream; every value in it is already
        # one line without controls (vcard.py), so it is written as it is.
        output.raw(sys.stdout).write(engine.export_vcard(cards))
    else:
        _print_table(cards)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Engine], int]] = {
    "authors": cmd_authors,
    "contacts": cmd_contacts,
}
