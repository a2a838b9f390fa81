"""html_text: the one HTML-to-plain-text helper (titles, summaries, search text, previews)."""

from __future__ import annotations

import pytest

from newsreader.clean.plain import html_text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Fish &amp; <b>chips</b></p>", "Fish & chips"),
        ("<em>Exclusive</em>: Caf<b>é</b> <a href='/x'>opens</a>", "Exclusive: Café opens"),
        ("Plain title", "Plain title"),
        ("<script>alert('x')</script><style>p{}</style>Story", "Story"),
        ("<!-- hidden --> Shown", "Shown"),
        ("Bell\x07 and \x1b[31mred", "Bell and red"),
        ("&lt;tag&gt; as text", "<tag> as text"),
        (None, ""),
        ("", ""),
    ],
)
def test_one_line(markup, text):
    assert html_text(markup) == text


def test_paragraphs_keep_blocks_and_breaks():
    markup = "<p>First  para.</p><p>Second<br>line two.</p><ul><li>one</li><li>two</li></ul>"
    assert html_text(markup, paragraphs=True) == "First para.\n\nSecond\nline two.\n\none\n\ntwo"


def test_an_unclosed_script_hides_the_rest_and_an_unclosed_tag_stays_text():
    assert html_text("Story <script>var a = 1;") == "Story"
    assert html_text("Story <a href='x") == "Story <a href='x"
