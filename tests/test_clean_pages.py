"""Held-out pages in tests/clean_pages/: each NAME.html cleaned and checked against NAME.expect.json.

The checks are the sample corpus's (shared/corpus/score.py): names among the authors, contacts, credits and
notes found (value or label), text kept in the body and text kept out of it. Each page is one test that lists
every check it fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsreader.clean import clean_html
from newsreader.models import Cleaned

PAGES = Path(__file__).resolve().parent / "clean_pages"
NAMES = sorted(p.name.removesuffix(".expect.json") for p in PAGES.glob("*.expect.json"))


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip().lower()


def failed_checks(expect: dict, got: Cleaned) -> list[str]:
    """The checks of score.py that got fails, described one per line."""
    authors = _norm(" ; ".join(got.authors))
    contacts = _norm(" ; ".join(f"{c.value} {c.label}" for c in got.contacts))
    credits = _norm(" ; ".join(got.credits))
    notes = _norm(" ; ".join(got.notes))
    body = _norm(got.body)
    checks = (
        [(f"byline has {n!r} (got {list(got.authors)})", _norm(n) in authors) for n in expect["byline"]]
        + [(f"contacts have {c!r}", _norm(c) in contacts) for c in expect["contacts"]]
        + [(f"credits have {c!r} (got {list(got.credits)})", _norm(c) in credits) for c in expect["credits"]]
        + [(f"notes have {n[:50]!r} (got {list(got.notes)})", _norm(n) in notes) for n in expect["notes"]]
        + [(f"body keeps {s[:50]!r}", _norm(s) in body) for s in expect["body_include"]]
        + [(f"body drops {s[:50]!r}", _norm(s) not in body) for s in expect["body_exclude"]]
    )
    # An empty expectation is a claim too: a page that names no credit must get none.
    for field, found in (("byline", got.authors), ("contacts", got.contacts), ("credits", got.credits), ("notes", got.notes)):
        if not expect[field] and found:
            checks.append((f"{field} should be empty (got {[getattr(x, 'value', x) for x in found]})", False))
    return [what for what, ok in checks if not ok]


def _clean(name: str) -> Cleaned:
    html = (PAGES / f"{name}.html").read_bytes()
    return clean_html(html, feed_item=True if name.endswith("-feed-content") else None)


def test_there_are_enough_pages_to_mean_something():
    assert len(NAMES) >= 25


@pytest.mark.parametrize("name", NAMES)
def test_page(name):
    expect = json.loads((PAGES / f"{name}.expect.json").read_text())
    failures = failed_checks(expect, _clean(name))
    assert not failures, "\n".join(failures)
