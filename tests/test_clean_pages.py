"""Held-out pages in tests/clean_pages/: each NAME.html cleaned and checked against NAME.expect.json.

The checks are the sample corpus's (shared/corpus/score.py): names among the authors, contacts, credits and
notes found (value or label), text kept in the body and text kept out of it. Stricter than score.py both
ways: an empty expectation asserts that nothing of that kind was found. Each page is one test that lists
every check it fails, and for each the edge rule (or the stage) that decided the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsreader.clean import Finding, Traced, trace_html
from newsreader.models import Cleaned, Contact
from tests.conftest import shared_beside

PAGES = Path(__file__).resolve().parent / "clean_pages"
NAMES = sorted(p.name.removesuffix(".expect.json") for p in PAGES.glob("*.expect.json"))
_KIND = {"byline": "byline", "contacts": "contact", "credits": "credit", "notes": "note"}


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip().lower()


def _decided(findings: tuple[Finding, ...], kind: str) -> str:
    """Which rules yielded the lines of one kind, e.g. "[trail-credit: 'Photo: Jo Doe']"."""
    found = [f"{f.rule}: {(f.text or ', '.join(f.names))[:60]!r}" for f in findings if f.kind == kind]
    return f"[{'; '.join(found)}]" if found else "[no edge rule found any: readability or the metadata did]"


def _who_dropped(findings: tuple[Finding, ...], text: str) -> str:
    rules = [f.rule for f in findings if _norm(text)[:40] in _norm(f.text)]
    return (
        f"taken by {', '.join(rules)}" if rules else "no edge rule took it: readability or chrome dropped it"
    )


def failed_checks(expect: dict, traced: Traced) -> list[str]:
    """The checks of score.py that the cleaned page fails, one per line, each naming what decided."""
    got: Cleaned = traced.cleaned
    why = traced.findings
    found = {
        "byline": list(got.authors),
        "contacts": [f"{c.value} {c.label}" for c in got.contacts],
        "credits": list(got.credits),
        "notes": list(got.notes),
    }
    checks: list[tuple[str, bool]] = []
    for field, kind in _KIND.items():
        have = _norm(" ; ".join(found[field]))
        decided = f"got {[_shown(x) for x in _raw(got, field)]}, by {_decided(why, kind)}"
        for wanted in expect[field]:
            checks.append((f"{field} have {wanted[:50]!r} ({decided})", _norm(wanted) in have))
        # An empty expectation is a claim too: a page that names no credit must get none.
        if not expect[field]:
            checks.append((f"{field} should be empty ({decided})", not found[field]))
    body = _norm(got.body)
    checks += [
        (f"body keeps {s[:50]!r} ({_who_dropped(why, s)})", _norm(s) in body) for s in expect["body_include"]
    ]
    checks += [
        (f"body drops {s[:50]!r} (no edge rule took it: readability kept it)", _norm(s) not in body)
        for s in expect["body_exclude"]
    ]
    return [what for what, ok in checks if not ok]


def _raw(got: Cleaned, field: str) -> tuple:
    return got.authors if field == "byline" else getattr(got, field)


def _shown(x: str | Contact) -> str:
    return x.value if isinstance(x, Contact) else x


def _trace(name: str) -> Traced:
    html = (PAGES / f"{name}.html").read_bytes()
    return trace_html(html, feed_item=True if name.endswith("-feed-content") else None)


def test_there_are_enough_pages_to_mean_something():
    assert len(NAMES) >= 25


def test_a_wrong_credit_on_a_page_that_expects_none_fails_and_names_its_rule():
    expect = {
        "byline": [],
        "contacts": [],
        "credits": [],
        "notes": [],
        "body_include": [],
        "body_exclude": [],
    }
    wrong = Finding("trail-credit", "credit", "Photo: Jo Doe")
    failures = failed_checks(expect, Traced(Cleaned(credits=("Photo: Jo Doe",)), (wrong,)))
    assert failures == ["credits should be empty (got ['Photo: Jo Doe'], by [trail-credit: 'Photo: Jo Doe'])"]


def test_a_line_an_edge_rule_dropped_from_the_body_is_named():
    expect = {"byline": [], "contacts": [], "credits": [], "notes": [], "body_include": ["Tips? Call us."]}
    expect["body_exclude"] = []
    why = (Finding("trail-contact", "dropped", "Tips? Call us."),)
    assert failed_checks(expect, Traced(Cleaned(body="Story."), why)) == [
        "body keeps 'Tips? Call us.' (taken by trail-contact)"
    ]


@pytest.mark.parametrize("name", NAMES)
def test_page(name):
    expect = json.loads((PAGES / f"{name}.expect.json").read_text())
    failures = failed_checks(expect, _trace(name))
    assert not failures, "\n".join(failures)


def test_shared_data_is_found_beside_the_checkout_and_its_absence_fails_loudly(shared: Path, tmp_path: Path):
    assert (shared / "corpus").is_dir() and shared.parent == PAGES.parents[2]
    with pytest.raises(AssertionError, match=r"shared test data missing: expected .*shared"):
        shared_beside(tmp_path / "checkout")
