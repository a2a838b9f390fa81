"""Lines that are not story leave the body, wherever they sit, and what they hold goes to the metadata:
picture credits, labels over related links and sign-ups, wire sign-offs, reporters' addresses; and the
notes and contact lines of German, French, Spanish and Italian pages."""

from __future__ import annotations

import pytest

from newsreader.clean import clean_html

PARAGRAPHS = [
    f"<p>Paragraph {i} of the story goes on about the council's budget, the roads and the schools, "
    f"with enough words to look like reporting to any extractor.</p>"
    for i in range(6)
]


def page(mid: str = "", after: str = "") -> str:
    story = "".join(PARAGRAPHS[:3]) + mid + "".join(PARAGRAPHS[3:]) + after
    return (
        "<!doctype html><html><head><title>Council passes budget</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Council passes budget</h1><p>By Jane Roe</p>"
        f"{story}</article><footer>Copyright 2026</footer></body></html>"
    )


def not_story(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if "Paragraph" not in p and "Council" not in p]


@pytest.mark.parametrize(
    ("mid", "caption", "credit"),
    [
        (
            '<figure><img src="a.jpg"><figcaption>Crowds gather outside the hall. (AP Photo/Jane Doe, File)'
            "</figcaption></figure>",
            "Crowds gather outside the hall.",
            "AP Photo/Jane Doe, File",
        ),
        ("<p>Crowds gather outside the hall. (AP Photo/Jane Doe)</p>", "Crowds gather outside the hall.", "AP Photo/Jane Doe"),
        (
            '<p>People walk past the hall, May 3, 2024. REUTERS/Jane Doe <a href="/l">Purchase Licensing Rights</a>'
            ", opens new tab</p>",
            "People walk past the hall, May 3, 2024.",
            "REUTERS/Jane Doe",
        ),
        ("<p>Image copyright Getty Images</p>", None, "Image copyright Getty Images"),
        ("<p>Image source, Getty Images</p>", None, "Image source, Getty Images"),
        ("<p>Bettmann//Getty Images</p>", None, "Bettmann//Getty Images"),
    ],
)  # fmt: skip
def test_picture_credits_leave_the_body_and_captions_stay(mid: str, caption: str | None, credit: str):
    c = clean_html(page(mid=mid))
    assert credit in c.credits
    assert not_story(c.body) == ([f"*{caption}*"] if "figcaption" in mid else [caption] if caption else [])


@pytest.mark.parametrize(
    "mid",
    [
        "<h3>Sign up for our daily newsletter</h3>",
        "<h2>Get the Morning Briefing in your inbox</h2><p>Sign up for our free newsletter.</p>",
        "<p>Related</p>",
        '<h4>Related</h4><ul><li><a href="/a">Storm closes two highways in the north</a></li></ul>',
        "<p>RELATED CONTENT:</p>",
        "<p>Recommended by Our Editors</p>",
    ],
)
def test_labels_over_related_links_and_sign_ups_leave_the_body(mid: str):
    assert not_story(clean_html(page(mid=mid)).body) == []


def test_a_coverage_link_under_the_story_leaves_the_body():
    after = (
        '<p>Follow our coverage of the election at <a href="https://example.com/hub">example.com/hub</a></p>'
    )
    assert not_story(clean_html(page(after=after)).body) == []


def test_a_transcript_ending_in_a_bracketed_reaction_keeps_it():
    c = clean_html(page(after="<p>(Applause)</p>"))
    assert not_story(c.body) == ["(Applause)"]


def test_a_section_heading_in_the_story_stays():
    c = clean_html(page(mid="<h3>What the budget pays for</h3>"))
    assert not_story(c.body) == ["### What the budget pays for"]


@pytest.mark.parametrize(
    ("after", "note"),
    [
        (
            "<p>(Reporting by Jane Roe in London; Editing by John Doe)</p>"
            "<p>Our Standards: The Thomson Reuters Trust Principles.</p>",
            "Our Standards",
        ),
        (
            "<p>This document is subject to copyright. Apart from any fair dealing for the purpose of private "
            "study or research, no part may be reproduced without the written permission.</p>",
            "subject to copyright",
        ),
        ("<p>Dieser Artikel erschien zuerst auf beispiel.de.</p>", "erschien zuerst"),
        ("<p>Cet article est paru initialement dans Le Journal.</p>", "paru initialement"),
        ("<p>Este artículo fue publicado originalmente en El Diario.</p>", "publicado originalmente"),
        (
            "<p>Questo articolo è stato pubblicato originariamente su Il Giornale.</p>",
            "pubblicato originariamente",
        ),
        ("<p>Mit Material von dpa</p>", "Mit Material von dpa"),
        ("<p>(dpa)</p>", "(dpa)"),
        ("<p>Compiled by Jane Roe for the Africa Desk</p>", "Compiled by Jane Roe"),
        ("<p>(This story has been refiled to correct a typo in paragraph 3)</p>", "refiled"),
        ("<p>Nota della redazione: l'articolo è stato aggiornato.</p>", "Nota della redazione"),
    ],
)
def test_sign_offs_and_notes_go_to_the_notes(after: str, note: str):
    c = clean_html(page(after=after))
    assert any(note in n for n in c.notes)
    assert not_story(c.body) == []


@pytest.mark.parametrize(
    ("after", "values"),
    [
        ("<p>Contact the reporters: jroe@example.com, jdoe@example.com</p>", ["jroe@example.com", "jdoe@example.com"]),
        (
            "<p>Jane Roe: jroe@example.com, @janeroe. John Doe: jdoe@example.com, @johndoe</p>",
            ["jroe@example.com", "jdoe@example.com", "@janeroe", "@johndoe"],
        ),
        ("<p>Folgen Sie uns auf Twitter: @beispiel</p>", ["@beispiel"]),
        ("<p>Schreiben Sie der Autorin: jane.roe@beispiel.de</p>", ["jane.roe@beispiel.de"]),
        ("<p>Suivez-nous sur Twitter : @exemple</p>", ["@exemple"]),
        ("<p>Contactez l'auteur : jane.roe@exemple.fr</p>", ["jane.roe@exemple.fr"]),
        ("<p>Síguenos en Twitter: @ejemplo</p>", ["@ejemplo"]),
        ("<p>Escríbenos a redaccion@ejemplo.es</p>", ["redaccion@ejemplo.es"]),
        ("<p>Seguici su Twitter: @esempio</p>", ["@esempio"]),
        ("<p>Scrivi alla redazione: redazione@esempio.it</p>", ["redazione@esempio.it"]),
    ],
)  # fmt: skip
def test_contact_lines_in_four_languages_and_for_several_reporters(after: str, values: list[str]):
    c = clean_html(page(after=after))
    assert sorted(x.value for x in c.contacts) == sorted(values)
    assert not_story(c.body) == []


def test_a_story_sentence_in_another_language_with_an_address_stays():
    after = "<p>Die Polizei bittet Zeugen, sich unter 0711 8990 3000 zu melden, sagte ein Sprecher.</p>"
    c = clean_html(page(after=after))
    assert any("Zeugen" in p for p in not_story(c.body))
