"""`authors` and `contacts` on a store refreshed and cleaned from loopback news pages, the vCard read back."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.models import ContactCard, Person, PersonContact
from newsreader.text import one_line
from newsreader.vcard import to_vcard
from tests.conftest import run_cli
from tests.people_news import news_sites


def run_bytes(*args: str, home: Path) -> subprocess.CompletedProcess:
    """The command's output as bytes, line endings untouched."""
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args], capture_output=True, env=env, timeout=120
    )


_LINE = re.compile(r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[A-Za-z0-9-]+=[^;:\"]*)*):(?P<value>.*)$")
_TEXT = ("FN", "NOTE", "ORG", "EMAIL", "KIND", "VERSION", "PRODID")


def components(value: str) -> list[str]:
    """A structured value (N) split on its unescaped semicolons, each component unescaped."""
    parts, start, i = [], 0, 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == ";":
            parts.append(value[start:i])
            start = i + 1
        i += 1
    return [unescape(p) for p in [*parts, value[start:]]]


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1]
            assert nxt in "\\,;nN", f"bad escape \\{nxt} in {value!r}"
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        assert c not in ",;", f"unescaped {c!r} in a text value: {value!r}"
        out.append(c)
        i += 1
    return "".join(out)


def parse_vcards(data: bytes) -> list[dict[str, list[tuple[dict[str, str], str]]]]:
    """A strict RFC 6350 reader: CRLF lines of at most 75 octets, unfolded, one card per BEGIN/END."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\r" not in p and b"\n" not in p for p in physical), "a bare CR or LF"
    assert all(len(p) <= 75 for p in physical), max(physical, key=len)
    logical: list[str] = []
    for p in physical:
        text = p.decode("utf-8")  # a fold inside a UTF-8 character fails here
        if text.startswith(" "):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    cards: list[dict] = []
    card: dict | None = None
    for line in logical:
        m = _LINE.match(line)
        assert m, f"not a content line: {line!r}"
        name, value = m["name"].upper(), m["value"]
        params = dict(p.split("=", 1) for p in m["params"].split(";")[1:])
        if name == "BEGIN":
            assert card is None and value == "VCARD"
            card = {}
            continue
        assert card is not None, f"{line!r} outside a card"
        if name == "END":
            assert value == "VCARD" and card["VERSION"] == [({}, "4.0")] and "FN" in card
            cards.append(card)
            card = None
            continue
        if name in _TEXT or params.get("VALUE") == "text":
            value = unescape(value)
        elif name == "N":
            assert len(components(value)) == 5
        card.setdefault(name, []).append((params, value))
    assert card is None
    return cards


def values(card: dict, name: str) -> list[str]:
    return [v for _, v in card.get(name, [])]


@pytest.fixture
def news(server, home):
    ridgeline, harbor = news_sites(server)
    assert run_cli("add", ridgeline, harbor, home=home).returncode == 0
    p = run_cli("refresh", "--clean", home=home)
    assert p.returncode == 0 and p.stdout.splitlines()[-1] == "cleaned 4 articles", (p.stdout, p.stderr)
    return server


def test_authors_lists_each_person_once_per_outlet(news, home):
    p = run_cli("authors", home=home)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == 3
    assert re.match(
        r"\s+2  Russ Read \(ridgeline\.example\)\s+person\s+Ridgeline Report\s+2026-11-03 Audit", lines[0]
    )
    assert any(
        re.match(r"\s+1  Russ Read \(harbor\.example\)\s+person\s+Harbor Herald", line) for line in lines
    )


def test_authors_json_has_kind_articles_feeds_latest_and_contacts(news, home):
    p = run_cli("authors", "--json", home=home)
    assert p.returncode == 0, p.stderr
    people = {(a["name"], a["outlet"]): a for a in json.loads(p.stdout)}
    assert set(people) == {
        ("Russ Read", "ridgeline.example"),
        ("Russ Read", "harbor.example"),
        ("Ruth Sato", "ridgeline.example"),
    }
    russ = people["Russ Read", "ridgeline.example"]
    assert (russ["kind"], russ["articles"], russ["feeds"]) == ("person", 2, ["Ridgeline Report"])
    assert russ["latest"]["title"] == "Audit finds gaps in road contracts"
    assert russ["latest"]["published"] == "2026-11-03T12:00:00Z"
    assert {(c["kind"], c["value"]) for c in russ["contacts"]} == {
        ("email", "rread@ridgeline.example"),
        ("phone", "+1 555 014 2231"),
    }
    assert {c["article"]["title"] for c in russ["contacts"]} == {"Council weighs moving the market"}


def test_contacts_vcard_reads_back_one_card_per_person(news, home):
    p = run_bytes("contacts", "--format", "vcard", home=home)
    assert p.returncode == 0, p.stderr
    cards = {(values(c, "FN")[0], values(c, "ORG")[0]): c for c in parse_vcards(p.stdout)}
    assert set(cards) == {
        ("Russ Read", "Ridgeline Report"),
        ("Russ Read", "Harbor Herald"),
        ("Ruth Sato", "Ridgeline Report"),
    }
    russ = cards["Russ Read", "Ridgeline Report"]
    assert components(values(russ, "N")[0]) == ["Read", "Russ", "", "", ""]
    assert values(russ, "EMAIL") == ["rread@ridgeline.example"]
    assert values(russ, "TEL") == ["tel:+15550142231"]
    assert "Council weighs moving the market" in values(russ, "NOTE")[0]
    harbor = cards["Russ Read", "Harbor Herald"]
    assert values(harbor, "X-SOCIALPROFILE") == ["@harborruss"]
    ruth = cards["Ruth Sato", "Ridgeline Report"]
    assert [(params.get("TYPE"), v) for params, v in ruth["URL"]] == [
        ("securedrop", "https://ridgeline.example/securedrop")
    ]


def test_contacts_of_one_author_in_every_format(news, home):
    table = run_cli("contacts", "--author", "RUSS READ", home=home)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0] == "Russ Read (ridgeline.example), 2 articles in Ridgeline Report"
    assert "from: Ferry schedule cut for the winter" in table.stdout and "Ruth Sato" not in table.stdout
    as_json = json.loads(
        run_cli("contacts", "--author", "by russ read", "--format", "json", home=home).stdout
    )
    assert sorted(a["outlet"] for a in as_json) == ["harbor.example", "ridgeline.example"]
    rows = list(csv.DictReader(io.StringIO(run_cli("contacts", "--format", "csv", home=home).stdout)))
    assert {(r["name"], r["outlet"], r["value"]) for r in rows} >= {
        ("Russ Read", "harbor.example", "@harborruss"),
        ("Ruth Sato", "ridgeline.example", "https://ridgeline.example/securedrop"),
    }
    assert all(r["article_title"] and r["label"] for r in rows)


def test_an_unknown_author_is_one_line_and_exit_1(news, home):
    p = run_cli("contacts", "--author", "Nobody Here", home=home)
    assert p.returncode == 1 and p.stderr == "newsreader: no author named Nobody Here\n"


def hostile_card() -> ContactCard:
    person = Person(
        1, "Eve\r\nEND:VCARD\r\nBEGIN:VCARD; Mallory, Jr.\\", "person", "evil.example", 1, ("Feed;X",)
    )
    line = "Tips: eve@evil.example\nFN:Injected, or ; here \\ and a long tail " + "é" * 60
    contacts = (
        PersonContact(1, "email", "eve@evil.example", line, 7, "Title\r\nNOTE:x"),
        PersonContact(1, "url", "https://evil.example/a b;c,d\r\nX:1", line, 7, "T"),
        PersonContact(1, "social", "@eve\nX-INJECTED:1", line, 7, "T"),
    )
    return ContactCard(person, contacts)


def test_names_and_values_from_outside_cannot_add_lines_or_fields_to_a_vcard():
    [card] = parse_vcards(to_vcard([hostile_card()]).encode("utf-8"))
    assert set(card) == {
        "VERSION",
        "PRODID",
        "KIND",
        "FN",
        "N",
        "ORG",
        "EMAIL",
        "URL",
        "X-SOCIALPROFILE",
        "NOTE",
    }
    assert values(card, "FN") == ["Eve END:VCARD BEGIN:VCARD; Mallory, Jr.\\"]
    assert values(card, "ORG") == ["Feed;X"]
    assert components(values(card, "N")[0])[:2] == ["Jr.\\", "Eve END:VCARD BEGIN:VCARD; Mallory,"]
    assert "\n" not in values(card, "URL")[0] and " " not in values(card, "URL")[0]
    assert values(card, "X-SOCIALPROFILE") == ["@eve X-INJECTED:1"]
    assert values(card, "NOTE")[0].count("\n") == 2  # one line per contact, no more


def test_csv_cells_cannot_carry_a_formula_or_a_new_line(home, tmp_path):
    from newsreader.cli_people import csv_cell

    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("@SUM(A1:A2)") == "'@SUM(A1:A2)"
    assert csv_cell("+1 555 014 2231") == "+1 555 014 2231" and csv_cell("@harborruss") == "@harborruss"
    assert csv_cell("two\r\nlines") == "two lines"


def test_a_tip_line_at_the_foot_of_every_story_is_one_line_of_the_card():
    person = Person(1, "Ann Lee", "person", "example.com", 3, ("Example News",))
    line = "Send tips to ann@example.com"
    contacts = tuple(
        PersonContact(1, "email", "ann@example.com", line, i, f"Story {i}", f"https://example.com/{i}")
        for i in (1, 2, 3)
    )
    [card] = parse_vcards(to_vcard([ContactCard(person, contacts)]).encode("utf-8"))
    assert values(card, "EMAIL") == ["ann@example.com"]
    assert values(card, "NOTE") == [
        "ann@example.com: Send tips to ann@example.com (from Story 3 <https://example.com/3> and 2 more)"
    ]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(name=st.text(min_size=1, max_size=120), value=st.text(max_size=80), label=st.text(max_size=200))
def test_any_name_and_contact_make_a_card_that_reads_back(name, value, label):
    person = Person(1, name, "person", "example.com", 1, (label,))
    contacts = tuple(
        PersonContact(1, kind, value, label, 1, name) for kind in ("email", "phone", "social", "url", "other")
    )
    [card] = parse_vcards(to_vcard([ContactCard(person, contacts)]).encode("utf-8"))
    assert values(card, "FN") == [one_line(name)]
    assert values(card, "ORG") == [one_line(label) or "example.com"]  # the feed's title, else the domain


def test_an_organisation_is_a_kind_org_card():
    wire = Person(2, "The Associated Press", "organisation", "", 40, ("Harbour News",))
    tip = PersonContact(2, "email", "tips@ap.example", "Send tips to tips@ap.example", 9, "Storm")
    [card] = parse_vcards(to_vcard([ContactCard(wire, (tip,))]).encode("utf-8"))
    assert values(card, "KIND") == ["org"]
    assert values(card, "FN") == values(card, "ORG") == ["The Associated Press"]
    assert values(card, "EMAIL") == ["tips@ap.example"]
