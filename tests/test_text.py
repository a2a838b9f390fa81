"""Display fields from feeds: one clean line, whatever the feed sent; printed text shown harmlessly."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.output import SafeStream
from newsreader.text import MAX_MARKS, escape_controls, one_line, strip_controls
from tests.unsafe import UNSAFE

ZALGO = "e" + "\u0301" * 3000

# What must never reach a terminal raw: C0 but tab and newline, DEL, C1, bidi controls, zero-width
# and invisible format characters, lone surrogates.
MARK_RUN = re.compile(f"[\u0300-\u036f]{{{MAX_MARKS + 1},}}")

# Strings the way a hostile feed writes them: the dangerous characters, often, among ordinary ones.
hostile = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            "\x1b\x07\x9b\x85\r\n\t\x00\x7f\u202e\u2066\u200b\u200d\ufeff\u061c\u0301\u0308 []0;\\"
        ),
        st.characters(codec="utf-8"),
        st.characters(),
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Plain title", "Plain title"),
        ("  padded  ", "padded"),
        ("two  spaces", "two spaces"),
        ("line\nbreak\ttab", "line break tab"),
        ("no\u00a0break\u2028sep", "no break sep"),
        ("red \x1b[31malert\x1b[0m", "red alert"),
        ("c1 \x9b31m controls\x07", "c1 31m controls"),
        ("caf\u00e9 \u65e5\u672c", "caf\u00e9 \u65e5\u672c"),
        ("", ""),
        (None, ""),
        # item 4: bidi overrides, zero-width characters and combining runs
        ("gpj.\u202eexe", "gpj.exe"),
        ("\u2067isolate\u2069 \u200fmark", "isolate mark"),
        ("zero\u200bwidth\u2060join\ufeff", "zerowidthjoin"),
        (ZALGO, "e" + "\u0301" * MAX_MARKS),
        ("Vi\u1ec7t Nam, ti\u00ea\u0301ng", "Vi\u1ec7t Nam, ti\u00ea\u0301ng"),
        ("\u05d1\u05bc\u05b0\u05e8\u05b5\u05d0\u05e9\u05b4\u05c1\u05d9\u05ea", None),
    ],
)
def test_one_line(raw, shown):
    assert one_line(raw) == (raw if shown is None else shown)


def test_strip_controls_neutralises_the_same_and_keeps_lines():
    text = "para one\u202e reversed\n\n" + ZALGO + "\ttab\r\nnext\u200b"
    assert strip_controls(text) == "para one reversed\n\n" + "e" + "\u0301" * MAX_MARKS + "\ttab\nnext"


@settings(max_examples=300, derandomize=True)
@given(hostile)
def test_one_line_leaves_nothing_unsafe_and_is_stable(raw):
    shown = one_line(raw)
    assert not UNSAFE.search(shown) and "\n" not in shown and "\t" not in shown
    assert not MARK_RUN.search(shown)
    assert one_line(shown) == shown
    assert not UNSAFE.search(strip_controls(raw).replace("\n", "").replace("\t", ""))


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ("plain\ttab\nline", "plain\ttab\nline"),
        ("/f\x1b]0;PWNED\x07.xml", "/f\\u001b]0;PWNED\\u0007.xml"),
        ("c1\x9b31m \x85", "c1\\u009b31m \\u0085"),
        ("cr\rdel\x7f", "cr\\u000ddel\\u007f"),
        ("gpj.\u202eexe", "gpj.\\u202eexe"),
        ("a\u200bb\ufeff", "a\\u200bb\\ufeff"),
        ("e" + "\u0301" * 6, "e" + "\u0301" * MAX_MARKS + "\\u0301" * (6 - MAX_MARKS)),
        ("caf\u00e9 \u65e5\u672c", "caf\u00e9 \u65e5\u672c"),
    ],
)
def test_escape_controls_shows_them_visibly(raw, printed):
    assert escape_controls(raw) == printed


@settings(max_examples=300, derandomize=True)
@given(st.lists(hostile, max_size=6), st.data())
def test_printed_json_is_harmless_and_gives_back_the_strings(values, data):
    """Through the output wrapper, written in arbitrary pieces, JSON keeps every string exactly."""
    sink = io.StringIO()
    out = SafeStream(sink)
    text = json.dumps(values, ensure_ascii=False)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=5)))
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        out.write(text[start:end])
    printed = sink.getvalue()
    assert not UNSAFE.search(printed)
    assert not MARK_RUN.search(printed)
    assert json.loads(printed) == values
