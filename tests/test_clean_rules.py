"""The edge rules as data: each line taken off the story is a Finding naming its rule, in reading order;
and clean/ stays pure (no store, network, config or command line inside it)."""

from __future__ import annotations

import ast
from pathlib import Path

from newsreader.clean import trace_html
from newsreader.clean.edge_rules import LEAD_RULES, TRAIL_BLOCK_RULES, TRAIL_LINE_RULES
from tests.test_clean_edges import page

CLEAN = Path(__file__).resolve().parents[1] / "newsreader" / "clean"
# Moving out of clean/ (engineer "facade"): until then they are the only modules allowed I/O.
_LEAVING = {"service.py", "command.py"}
_IO = ("newsreader.store", "newsreader.fetch", "newsreader.config", "newsreader.cli", "newsreader.refresh",
       "newsreader.fulltext", "newsreader.locations", "newsreader.ui", "sqlite3", "aiohttp", "socket",
       "urllib.request", "http", "subprocess", "multiprocessing", "concurrent", "argparse", "sys", "os")  # fmt: skip


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


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_clean_imports_no_io():
    for path in sorted(CLEAN.glob("*.py")):
        if path.name in _LEAVING:
            continue
        bad = [m for m in _imports(path) if any(m == io or m.startswith(io + ".") for io in _IO)]
        assert not bad, f"{path.name} imports {bad}: clean/ takes text in and gives a result out"
