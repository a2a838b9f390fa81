"""Names as a reader would write them down: nothing glued on, nothing cut off, one entry per person,
organisations that sign a story marked as such; and by-lines that are not this story's left out."""

from __future__ import annotations

import json

import pytest

from newsreader.clean import clean_html
from tests.test_clean_byline import STORY


def page(head: str = "", before: str = "", outside_before: str = "", outside_after: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>Council passes budget</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{outside_before}"
        f"<article><h1>Council passes budget</h1>{before}{STORY}</article>{outside_after}"
        f"<footer>Copyright 2026</footer></body></html>"
    )


def json_ld(author: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council passes budget"}
    return f'<script type="application/ld+json">{json.dumps({**data, "author": author})}</script>'


@pytest.mark.parametrize(
    ("html", "authors"),
    [
        # Affiliations glued on: an outlet in capitals after a name in mixed case.
        (page(before='<div class="byline"><span>Kayla Jimenez</span><span>USA TODAY</span></div>'), ["Kayla Jimenez"]),
        (page(before='<p class="byline">By Kayla Jimenez USA TODAY</p>'), ["Kayla Jimenez"]),
        # ... but a surname set in capitals is part of the name.
        (page(before='<p class="byline">Par Marie Claire DUPONT</p>'), ["Marie Claire DUPONT"]),
        # The next word glued on.
        (page(before='<div class="author-name">Greg Potts Published</div>'), ["Greg Potts"]),
        (page(head='<meta name="author" content="Greg PottsPublished 3:04 p.m.">'), ["Greg Potts"]),
        # Bio fragments.
        (page(before='<div class="byline">By Saima Sidik is science writer based in Boston</div>'), ["Saima Sidik"]),
        (page(head='<meta name="author" content="Saima Sidik is a science writer">'), ["Saima Sidik"]),
        # Names cut at an apostrophe.
        (page(before="<p class='byline'>By <a href='/author/j'>James O'<span>Brien</span></a></p>"), ["James O'Brien"]),
        (page(before="<p>By James O&#39;Brien and Mary D’Arcy</p>"), ["James O'Brien", "Mary D’Arcy"]),
        # Credentials belong to the person before them.
        (page(before='<p class="byline">By Lauren Manaker MS, RDN, LD</p>'), ["Lauren Manaker"]),
        (page(head=json_ld({"@type": "Person", "name": "Lauren Manaker MS, RDN, LD"})), ["Lauren Manaker"]),
        (page(before="<p>By Jane Roe, MD, and John Doe, PhD</p>"), ["Jane Roe", "John Doe"]),
        (page(before="<p>BY JACK MA</p>"), ["Jack Ma"]),  # in capitals, "MA" is a surname, not a degree
        (page(head='<meta name="author" content="Hasan ibn al-Haytham">'), ["Hasan ibn al-Haytham"]),
        # Headings are not names.
        (page(before='<div class="article-author"><h3>About the Author</h3></div>'), []),
        # One JSON-LD entity is one name, unless it is plainly two whole names.
        (page(head=json_ld({"@type": "Person", "name": "Bill & Melinda Gates"})), ["Bill & Melinda Gates"]),
        (page(head=json_ld({"@type": "Person", "name": "Jane Roe & John Doe"})), ["Jane Roe", "John Doe"]),
        # Every name of a JSON-LD list.
        (page(head=json_ld({"@type": "Person", "name": ["Jane Roe", "John Doe"]})), ["Jane Roe", "John Doe"]),
        (page(head=json_ld({"@list": [{"@type": "Person", "name": "Jane Roe"}, {"name": "John Doe"}]})), ["Jane Roe", "John Doe"]),
        # "Posted on <time> by Name".
        (page(before="<p>Posted on March 3, 2024 by Jane Roe</p>"), ["Jane Roe"]),
        (page(before='<p class="meta">Posted on March 3, 2024 at 4:05 pm by Jane Roe</p>'), ["Jane Roe"]),
        # A kind of piece before "by" is not a name; a newsroom signing as "staff" stays whole.
        (page(head='<meta name="author" content="Analysis by Chris Cillizza">'), ["Chris Cillizza"]),
        (page(head=json_ld({"@type": "Person", "name": "Science X staff"})), ["Science X staff"]),
        # Capitalised words in brackets inside a name are part of it; an affiliation in brackets is not.
        (page(head=json_ld({"@type": "Person", "name": "Bruno (Henrique Zecchin) Rodrigues"})), ["Bruno (Henrique Zecchin) Rodrigues"]),
        (page(before="<p>By Jane Roe (AP)</p>"), ["Jane Roe"]),
    ],
    ids=["outlet-caps-in-spans", "outlet-caps-in-by-line", "surname-in-caps-kept", "stamp-word-glued", "stamp-word-run-in", "bio-verb-in-byline", "bio-in-meta", "apostrophe-split-by-markup", "apostrophes-kept", "degrees-in-byline", "degrees-in-json-ld", "degrees-after-each-name", "capitals-surname-like-a-degree", "lower-case-particles", "author-box-heading", "json-ld-one-person-with-ampersand", "json-ld-two-people-with-ampersand", "json-ld-name-list", "json-ld-at-list", "posted-on-date-by", "posted-on-date-at-time-by", "analysis-by", "newsroom-staff", "bracketed-middle-names", "bracketed-affiliation"],
)  # fmt: skip
def test_names_come_out_whole_and_alone(html: str, authors: list[str]):
    assert list(clean_html(html).authors) == authors


def test_additional_reporting_is_a_note_not_a_posted_by_line():
    c = clean_html(
        page(before="<p>By Jane Roe</p>").replace(
            "</article>", "<p>Additional reporting by Sara Quinn.</p></article>"
        )
    )
    assert c.authors == ("Jane Roe",)
    assert any("Sara Quinn" in n for n in c.notes)


@pytest.mark.parametrize(
    ("html", "authors"),
    [
        (page(before="<p>By The Associated Press</p>"), ["The Associated Press"]),
        (page(before="<p>By the Editorial Board</p>"), ["The Editorial Board"]),
        (page(head='<meta name="author" content="Reuters">'), ["Reuters"]),
        (page(before='<p class="byline">AFP</p>'), ["AFP"]),
        (page(head=json_ld({"@type": "Organization", "name": "BBC News"})), ["BBC News"]),
        (page(head=json_ld({"@type": "Organization", "name": "Procter & Gamble"})), ["Procter & Gamble"]),
        (page(before="<p>2/26/2015 7:11 AM PST BY TMZ STAFF</p>"), ["TMZ Staff"]),
        (page(head=json_ld({"@type": "Person", "name": "Associated Press"})), ["Associated Press"]),
    ],
    ids=[
        "agency-by-line",
        "editorial-board",
        "one-word-wire",
        "capitals-wire",
        "json-ld-organization",
        "json-ld-organization-ampersand",
        "stamp-then-newsroom",
        "newsroom-typed-as-person",
    ],
)
def test_organisations_that_sign_a_story_are_bylines_marked_as_organisations(html: str, authors: list[str]):
    c = clean_html(html)
    assert list(c.authors) == authors
    assert list(c.organisations) == authors


@pytest.mark.parametrize(
    "html",
    [
        page(before="<p>By Jane Roe</p>"),
        page(
            head=json_ld({"@type": "Person", "name": "Tom & Lorenzo"})
        ),  # typed Person: two people signing as one
        page(before='<p class="byline">Par Marie Claire DUPONT</p>'),
        page(before="<p>By Jane Roe, Associated Press</p>"),  # a person with an affiliation
    ],
    ids=["person", "json-ld-person-ampersand", "surname-in-caps", "person-with-affiliation"],
)
def test_people_are_not_organisations(html: str):
    c = clean_html(html)
    assert c.authors and c.organisations == ()


@pytest.mark.parametrize(
    "pre",
    [
        '<div class="lead-image"><img src="a.jpg"><span class="credit">By Mark Lee</span></div>',
        '<div class="hero"><img src="a.jpg"><p>By Mark Lee</p></div>',
        '<figure class="lead"><img src="a.jpg"><figcaption>By Mark Lee</figcaption></figure>',
    ],
    ids=["credit-class", "picture-box", "figcaption"],
)
def test_a_lead_photo_credit_by_x_is_a_credit_not_the_byline(pre: str):
    c = clean_html(page(outside_before=pre))
    assert "Mark Lee" not in c.authors
    assert any("Mark Lee" in x for x in c.credits)


@pytest.mark.parametrize(
    "before",
    [
        '<div class="byline"><img src="face.jpg"><p>By Jane Roe</p></div>',
        '<div class="grid-container-no-main-image"><div><time>March 3, 2026</time></div>'
        '<div data-test="byline">By Jane Roe</div></div>',
    ],
    ids=["avatar", "layout-class"],
)
def test_an_avatar_or_a_layout_class_beside_the_by_line_does_not_make_it_a_photo_credit(before: str):
    c = clean_html(page(before=before))
    assert c.authors == ("Jane Roe",)
    assert c.credits == ()


@pytest.mark.parametrize(
    ("outside_before", "outside_after", "before"),
    [
        (
            '<aside class="related"><ul><li><a href="/x"><h2>Storm closes two highways</h2></a>'
            '<span class="author">By Mark Lee</span></li></ul></aside>',
            "",
            "",
        ),
        (
            "",
            '<div class="next-article"><h2><a href="/y">Bakery opens on Fifth Street</a></h2>'
            '<div class="byline">By Mark Lee</div></div>',
            "",
        ),
        (
            '<div class="top-stories"><div class="card"><h3><a href="/y">Bakery opens on Fifth Street</a></h3>'
            '<p class="byline">By Mark Lee</p></div></div>',
            "",
            "<p>By Jane Roe</p>",
        ),
    ],
)
def test_another_storys_by_line_beside_its_linked_headline_is_not_this_storys(
    outside_before: str, outside_after: str, before: str
):
    c = clean_html(page(before=before, outside_before=outside_before, outside_after=outside_after))
    assert "Mark Lee" not in c.authors
    assert c.authors == (("Jane Roe",) if before else ())


def test_a_teaser_headed_by_a_bare_link_is_another_storys():
    pre = (
        '<ul class="list"><li><a href="/x">Storm closes two highways in the north</a> '
        '<span class="byline">By Mark Lee</span></li></ul>'
    )
    assert clean_html(page(outside_before=pre)).authors == ()


@pytest.mark.parametrize(
    "meta",
    [
        '<span class="byline">By Jane Roe</span> <a href="/s/council">Politics and the city council</a>',
        '<a href="/s/politics">Politics and Government</a> <span class="byline">By Jane Roe</span>',
    ],
)
def test_a_section_link_beside_the_by_line_is_no_teaser(meta: str):
    assert clean_html(page(before=f'<div class="meta">{meta}</div>')).authors == ("Jane Roe",)


def test_the_storys_own_linked_headline_keeps_its_by_line():
    html = page().replace(
        "<h1>Council passes budget</h1>",
        '<h1><a href="/council-passes-budget">Council passes budget</a></h1><p class="byline">By Jane Roe</p>',
    )
    assert clean_html(html).authors == ("Jane Roe",)


def story_opening(first: str, before: str = "") -> str:
    return page(
        before=f"{before}<p>{first} a budget on Monday after a long debate over the city's roads and schools.</p>"
    )


@pytest.mark.parametrize(
    ("first", "wire"),
    [
        ("WASHINGTON (Reuters) - The council passed", "Reuters"),
        ("PARIS, France (AFP) – The council passed", "AFP"),
    ],
)
def test_the_wire_in_the_dateline_signs_a_story_nobody_else_signs(first: str, wire: str):
    c = clean_html(story_opening(first))
    assert c.authors == (wire,)
    assert c.organisations == (wire,)


def test_a_by_line_wins_over_the_dateline_wire():
    c = clean_html(story_opening("NEW YORK (AP) — The council passed", before="<p>By Jane Roe</p>"))
    assert c.authors == ("Jane Roe",)
    assert c.organisations == ()
