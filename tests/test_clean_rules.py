"""The edge rules as data: each line taken off the story is a Finding naming its rule, in reading order.

That clean/ stays pure (no I/O inside it) is tests/test_layers.py's rule."""

from __future__ import annotations

from newsreader.clean import trace_html
from newsreader.clean.edge_rules import LEAD_RULES, TRAIL_BLOCK_RULES, TRAIL_LINE_RULES
from tests.test_clean_edges import page


def test_each_line_taken_off_the_edges_names_the_rule_that_took_it():
    before = "<p>By Jane Roe, photos by John Doe</p><p>March 3, 2026</p>"
    after = "<p>Have a tip? Email jroe@harbour.example</p><p>Photo: Harbour Authority</p>"
    traced = trace_html(page(before=before, after=after))
    # Lines below the story are read inside readability's pick and again beside it: once each is enough here.
    found = list(dict.fromkeys((f.rule, f.kind) for f in traced.findings if f.kind != "dropped"))
    assert found == [
        ("lead-byline", "byline"),
        ("lead-byline/photo-credit", "credit"),
        ("trail-contact", "contact"),
        ("trail-credit", "credit"),
    ]
    assert traced.cleaned.authors == ("Jane Roe",)
    assert [c.value for c in traced.cleaned.contacts] == ["jroe@harbour.example"]
    assert ("lead-date", "dropped") in [(f.rule, f.kind) for f in traced.findings]
    assert "March 3, 2026" not in traced.cleaned.body


def test_the_tables_show_the_order_rules_are_tried_in():
    assert [r.__name__ for r in LEAD_RULES][:3] == ["lead_in_caption", "lead_heading", "lead_byline"]
    assert [r.__name__ for r in TRAIL_LINE_RULES] == [
        "trail_sign_off", "trail_contact", "trail_note", "trail_credit", "trail_bio"
    ]  # fmt: skip
    assert TRAIL_BLOCK_RULES[-1].__name__ == "trail_line"  # a one-line block falls to the line rules
