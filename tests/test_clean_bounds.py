"""Pathological markup is bounded before libxml2 parses it, and ordinary pages pass through unchanged.

How long the hostile pages take is printed by `bench/clean_bench.py --hostile`; here, what comes out.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newsreader.clean import clean_html
from newsreader.clean.bounds import ATTRIBUTE_BUDGET, MAX_ATTRIBUTES, MAX_ELEMENTS, bound_markup

PAGES = Path(__file__).resolve().parent / "clean_pages"
STORY = "<p>" + "The council voted to keep the library open on Sundays through the winter. " * 8 + "</p>"


def _page(inner: str) -> str:
    return f"<html><body><article><h1>Library hours</h1>{STORY}{inner}{STORY}</article></body></html>"


def _attributes_of_widest(html: str) -> int:
    doc = lxml.html.document_fromstring(html.encode())
    return max(len(el.attrib) for el in doc.iter() if isinstance(el.tag, str))


@pytest.mark.parametrize(
    "tag",
    [
        "<div " + " ".join(f'a{i}="x"' for i in range(150_000)) + ">",  # the 2 MB item of issue 7
        "<div " + " ".join(f'a{i}="<b>"' for i in range(150_000)) + ">",  # brackets hidden in quotes
        "<div " + " ".join(f"a{i}" for i in range(200_000)) + ">",  # values left out
    ],
    ids=["quoted", "brackets-in-values", "bare-names"],
)
def test_one_tag_with_a_hundred_thousand_attributes_keeps_the_story(tag):
    html = _page(tag + "side note</div>")
    bounded = bound_markup(html)
    assert bounded.tags_capped == 1
    assert _attributes_of_widest(bounded.text) == MAX_ATTRIBUTES
    c = clean_html(html)
    assert c.body.count("The council voted to keep the library open") == 16


def test_attributes_kept_are_the_first_ones_whole():
    tag = '<a href="https://127.0.0.1/story" title="a > b" ' + " ".join(f"x{i}=1" for i in range(5_000)) + ">"
    doc = lxml.html.fragment_fromstring(bound_markup(tag + "link</a>").text)
    assert doc.get("href") == "https://127.0.0.1/story" and doc.get("title") == "a > b"
    assert len(doc.attrib) == MAX_ATTRIBUTES


def test_a_page_of_millions_of_elements_is_cut_at_the_element_cap():
    html = "<html><body>" + STORY + "<b>x</b>" * 1_200_000 + "<p>after the cap</p></body></html>"
    bounded = bound_markup(html)
    assert bounded.elements_cut
    doc = lxml.html.document_fromstring(bounded.text.encode())
    assert sum(1 for el in doc.iter() if isinstance(el.tag, str)) <= MAX_ELEMENTS + 3  # html, head, body
    c = clean_html(html)
    assert "The council voted" in c.body and "after the cap" not in c.body


def test_a_page_crowded_with_attributes_keeps_a_share_per_tag_within_the_page_budget():
    crowded = ("<i " + " ".join(f"a{i}" for i in range(150)) + ">x</i>") * 4_000  # 600,000 attributes
    html = _page(crowded)
    bounded = bound_markup(html)
    doc = lxml.html.document_fromstring(bounded.text.encode())
    assert sum(len(el.attrib) for el in doc.iter() if isinstance(el.tag, str)) <= ATTRIBUTE_BUDGET
    assert bounded.attributes <= ATTRIBUTE_BUDGET and bounded.tags_capped == 4_000
    assert clean_html(html).body.count("The council voted to keep the library open") == 16


def test_comments_and_scripts_are_not_counted_or_changed():
    script = "<script>var s = '<div " + " a=1" * 5_000 + ">';</script>"
    comment = "<!-- <div " + " a=1" * 5_000 + "> -->"
    html = _page(script + comment)
    assert bound_markup(html) == bound_markup(html).__class__(html)


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_ordinary_pages_pass_through_unchanged(path):
    text = path.read_bytes().decode("utf-8", "replace")
    assert bound_markup(text).text == text
