"""What is set beside the story: contacts, credits and notes from its edges, and what must stay in it."""

from __future__ import annotations

import pytest

from newsreader.clean import clean_html

STORY = [
    "The harbour authority approved a plan on Monday to dredge the northern channel, ending a dispute "
    "that had kept larger fishing boats out of port for most of the summer.",
    "Boat owners had complained for months that low tides left their hulls scraping the bottom, and "
    "several had moved their boats to a marina forty miles south.",
    "The work will start in October and take about six weeks, the authority's engineer told the board, "
    "provided the weather holds and the permits arrive on time.",
    "The cost will be shared by the state and the town, which will borrow its portion over ten years.",
]


def page(before: str = "", middle: str = "", after: str = "") -> str:
    paras = [f"<p>{p}</p>" for p in STORY]
    paras.insert(2, middle)
    return (
        "<!doctype html><html><head><title>Harbour dredging approved</title></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header><main><article>"
        f"<h1>Harbour dredging approved</h1>{before}{''.join(paras)}{after}"
        "</article></main><aside class='related'><a href='/x'>More news</a></aside></body></html>"
    )


def kinds(c) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for x in c.contacts:
        out.setdefault(x.kind, []).append(x.value)
    return out


def test_story_text_is_kept_whole():
    c = clean_html(page())
    for p in STORY:
        assert p in c.body


def test_email_contact_line_at_the_end():
    c = clean_html(page(after="<p>Send tips to harbour@coastpost.example.</p>"))
    assert kinds(c) == {"email": ["harbour@coastpost.example"]}
    assert c.contacts[0].label == "Send tips to harbour@coastpost.example."
    assert "Send tips" not in c.body


def test_social_handle_and_mastodon_address():
    after = "<p>Follow Lena Berg on X @lenaberg and on Mastodon at @lena@coast.social</p>"
    c = clean_html(page(after=after))
    assert kinds(c) == {"social": ["@lena@coast.social", "@lenaberg"]}
    assert c.authors == ("Lena Berg",)


def test_phone_number():
    c = clean_html(page(after="<p>Have a story idea? Call the newsroom at (555) 201-7788.</p>"))
    assert kinds(c) == {"phone": ["(555) 201-7788"]}


def test_got_a_story_question_then_a_message_on_signal():
    c = clean_html(
        page(after="<p>Got a story about the port? Message Lena Berg on Signal at 555-014-7781.</p>")
    )
    assert kinds(c) == {"phone": ["555-014-7781"]}
    assert c.authors == ("Lena Berg",)
    assert "Got a story" not in c.body


def test_contact_line_made_of_links():
    after = (
        '<p><a href="mailto:lberg@coastpost.example">Email the author</a> | '
        '<a href="https://x.com/lenaberg">Follow on X</a></p>'
    )
    c = clean_html(page(after=after))
    assert kinds(c) == {"email": ["lberg@coastpost.example"], "social": ["https://x.com/lenaberg"]}
    assert "Email the author" not in c.body


def test_feedback_question_then_an_address():
    c = clean_html(page(after="<p>Have feedback on this story? Write to letters@coastpost.example.</p>"))
    assert kinds(c) == {"email": ["letters@coastpost.example"]}


def test_do_you_have_a_story_tell_us():
    c = clean_html(
        page(after="<p>Do you have a story about the port? Tell us at news@coastpost.example.</p>")
    )
    assert kinds(c) == {"email": ["news@coastpost.example"]}
    assert "Do you have" not in c.body


def test_url_and_linked_profile():
    after = (
        "<p>Got a tip? Contact us securely at https://coastpost.example/tips or "
        '<a href="https://bsky.app/profile/lena.example">on Bluesky</a>.</p>'
    )
    c = clean_html(page(after=after))
    assert kinds(c) == {
        "url": ["https://coastpost.example/tips"],
        "social": ["https://bsky.app/profile/lena.example"],
    }


def test_contacts_keep_reading_order_and_story_ends_where_it_ends():
    after = "<p>Follow Lena Berg on Twitter.</p><p>Email her at lberg@coastpost.example.</p>"
    c = clean_html(page(after=after))
    assert [x.kind for x in c.contacts] == ["social", "email"]
    assert c.body.rstrip().endswith(STORY[-1])


def test_mid_story_email_paragraph_stays_in_the_body():
    middle = (
        "<p>Owners who want a berth during the work can email the harbour master at berths@harbour.example, "
        "the authority said, and requests will be handled in the order they arrive.</p>"
    )
    c = clean_html(page(middle=middle))
    assert "berths@harbour.example" in c.body
    assert c.contacts == ()


def test_last_paragraph_with_an_address_in_reporting_stays():
    after = "<p>“Write to us at board@harbour.example and we will answer,” the chair said.</p>"
    c = clean_html(page(after=after))
    assert "board@harbour.example" in c.body
    assert c.contacts == ()


def test_wire_credit_line_before_the_story():
    c = clean_html(page(before="<p>REUTERS/Kim Tran</p>"))
    assert c.credits == ("REUTERS/Kim Tran",)
    assert "Kim Tran" not in c.body


def test_agency_photo_credit_in_a_caption_leaves_the_caption():
    fig = '<figure><img src="/a.jpg"><figcaption>A dredger at work in May. (AP Photo/Jo Park)</figcaption></figure>'
    c = clean_html(page(before=fig))
    assert c.credits == ("AP Photo/Jo Park",)
    assert "A dredger at work in May." in c.body
    assert "Jo Park" not in c.body


def test_photo_by_credit_in_a_caption():
    fig = '<figure><img src="/b.jpg"><figcaption>The channel at low tide. Photo by Ines Roy</figcaption></figure>'
    c = clean_html(page(before=fig))
    assert c.credits == ("Photo by Ines Roy",)
    assert "Ines Roy" not in c.body


@pytest.mark.parametrize("credit", ["Foto: Jens Vogt", "Fotografía: Ana Ruiz", "Bild: Jens Vogt/dpa"])
def test_credit_labelled_in_another_language(credit):
    fig = f'<figure><img src="/b.jpg"><figcaption>Der Hafen bei Ebbe. {credit}</figcaption></figure>'
    c = clean_html(page(before=fig))
    assert c.credits == (credit,)
    assert credit not in c.body


def test_caption_paragraph_above_the_story_gives_its_credit_and_stays():
    c = clean_html(page(before="<p>The channel at low tide on Monday. Photo: Ines Roy/Coast Post</p>"))
    assert c.credits == ("Photo: Ines Roy/Coast Post",)
    assert "The channel at low tide on Monday." in c.body and "Ines Roy" not in c.body


def test_a_title_block_split_by_breaks_keeps_its_lines():
    c = clean_html(page(before="<p>Harbour notes<br>...or, why the channel silts.<br>© 2026 Lena Berg</p>"))
    assert "...or, why the channel silts." in c.body and c.credits == ()


def test_photographer_named_in_the_byline_is_a_credit():
    c = clean_html(page(before="<p>Story by Lena Berg, photos by Ines Roy</p>"))
    assert c.authors == ("Lena Berg",)
    assert c.credits == ("photos by Ines Roy",)
    assert "Ines Roy" not in c.body


@pytest.mark.parametrize(
    "credit", ["Staff photo by Ines Roy", "File photo: Ines Roy", "Handout photo via the port"]
)
def test_staff_and_file_photo_credits(credit):
    fig = f'<figure><img src="/b.jpg"><figcaption>The channel at low tide. {credit}</figcaption></figure>'
    c = clean_html(page(before=fig))
    assert c.credits == (credit,)


def test_pictures_labelled_in_a_words_byline_are_a_credit():
    c = clean_html(page(before="<p>Words: Lena Berg / Pictures: Ines Roy</p>"))
    assert c.authors == ("Lena Berg",)
    assert c.credits == ("Pictures: Ines Roy",)


def test_credit_block_under_a_photo_mid_story():
    c = clean_html(page(middle="<p>Image: Coast Survey Office</p>"))
    assert c.credits == ("Image: Coast Survey Office",)
    assert "Coast Survey" not in c.body


def test_syndication_terms_are_a_note():
    terms = (
        "<p>All content created by this newsroom is available without charge to any legitimate news "
        "publisher, provided the author is credited.</p>"
    )
    c = clean_html(page(after=terms))
    assert c.notes and "available without charge" in c.notes[0]
    assert "without charge" not in c.body


def test_creative_commons_republication_is_a_note():
    after = "<p>This story was originally published by Tide Report and is republished under a Creative Commons licence.</p>"
    c = clean_html(page(after=after))
    assert len(c.notes) == 1 and "Creative Commons" in c.notes[0]


def test_correction_and_editors_note():
    after = (
        "<p>Correction: An earlier version of this story misstated the start date of the work.</p>"
        "<p><em>Editor’s note: This article has been updated with the cost estimate.</em></p>"
    )
    c = clean_html(page(after=after))
    assert [n.split(":")[0] for n in c.notes] == ["Correction", "Editor’s note"]
    assert "misstated" not in c.body


def test_editors_note_above_the_story():
    c = clean_html(page(before="<p>Editor's note: This is the second story in a series on the port.</p>"))
    assert c.notes == ("Editor's note: This is the second story in a series on the port.",)


def test_licence_box_beside_the_article_container_is_a_note_and_the_site_footer_is_not():
    box = "<div class='republish-box'><p>This work is licensed under a Creative Commons Attribution 4.0 License.</p></div>"
    html = (
        page()
        .replace("</main>", f"</main>{box}")
        .replace("</body>", "<footer><p>Copyright 2026 Coast Post. All rights reserved.</p></footer></body>")
    )
    c = clean_html(html)
    assert c.notes == ("This work is licensed under a Creative Commons Attribution 4.0 License.",)


def test_contributing_line_at_the_end_is_a_note():
    c = clean_html(page(after="<p><em>Contributing: Ines Roy</em></p>"))
    assert c.notes == ("Contributing: Ines Roy",)
    assert "Ines Roy" not in c.body


def test_republication_note_above_the_story():
    before = "<p><em>This article was originally published by Bay Watch, a nonprofit newsroom.</em></p>"
    c = clean_html(page(before=before))
    assert c.notes == ("This article was originally published by Bay Watch, a nonprofit newsroom.",)
    assert "originally published" not in c.body


def test_a_first_paragraph_about_an_earlier_publication_is_story():
    line = "The audit, first published in 2019, found that the channel had not been dredged since 1990."
    c = clean_html(page(before=f"<p>{line}</p>"))
    assert line in c.body and c.notes == ()


def test_correction_worded_as_a_previous_version():
    after = "<p>A previous version of this story misidentified the harbour master. He is Ron Vale.</p>"
    c = clean_html(page(after=after))
    assert c.notes == ("A previous version of this story misidentified the harbour master. He is Ron Vale.",)


def test_a_story_paragraph_about_publishing_is_not_a_note():
    after = "<p>The report was published on Tuesday, and the board said it would respond within a month.</p>"
    c = clean_html(page(after=after))
    assert c.notes == ()
    assert "The report was published on Tuesday" in c.body


def test_lines_split_by_breaks_are_judged_one_by_one():
    after = "<p>Follow Lena Berg on Twitter.<br>Email lberg@coastpost.example</p>"
    c = clean_html(page(after=after))
    assert [x.label for x in c.contacts] == ["Follow Lena Berg on Twitter.", "Email lberg@coastpost.example"]
    mixed = "<p>The dredger arrives in October.<br>Email lberg@coastpost.example</p>"
    c = clean_html(page(after=mixed))
    assert "The dredger arrives in October." in c.body


def test_help_lines_listed_at_the_end_are_story_and_the_tip_line_below_them_is_not():
    after = (
        "<h3>Where to get help</h3><ul><li>County elections office: 555-0150</li>"
        "<li>State voter hotline: 1-800-555-0199</li></ul><p>Reach Lena Berg at lberg@coastpost.example.</p>"
    )
    c = clean_html(page(after=after))
    assert "Where to get help" in c.body and "State voter hotline: 1-800-555-0199" in c.body
    assert [x.value for x in c.contacts] == ["lberg@coastpost.example"]


def test_a_heading_left_with_nothing_under_it_is_dropped():
    c = clean_html(page(after="<h3>Contact the author</h3>"))
    assert "Contact the author" not in c.body
    assert c.body.rstrip().endswith(STORY[-1])


def test_author_box_below_the_story_gives_contacts_and_the_name():
    box = (
        '<div class="author-bio"><p>Lena Berg is a staff reporter covering the coast.</p>'
        '<p><a href="mailto:lberg@coastpost.example">Email</a> '
        '<a href="https://mastodon.example/@lena">Mastodon</a></p></div>'
    )
    html = page().replace("</article>", f"</article>{box}")
    c = clean_html(html)
    assert kinds(c) == {"email": ["lberg@coastpost.example"], "social": ["https://mastodon.example/@lena"]}
    assert c.authors == ("Lena Berg",)
    assert "staff reporter" not in c.body


def test_promos_and_related_links_around_the_story_are_not_story():
    after = (
        "<p>Sign up for our morning newsletter.</p>"
        "<p>Follow Lena Berg on Twitter.</p>"
        '<ul><li><a href="/a">Ferry fares rise</a></li><li><a href="/b">Port opens new dock</a></li></ul>'
    )
    middle = '<p>Read more: <a href="/c">How the channel silted up</a></p><p>ADVERTISEMENT</p>'
    c = clean_html(page(middle=middle, after=after))
    assert "newsletter" not in c.body and "Read more" not in c.body and "ADVERTISEMENT" not in c.body
    assert [x.label for x in c.contacts] == ["Follow Lena Berg on Twitter."]
    for p in STORY:
        assert p in c.body


def test_edge_lines_readability_leaves_out_are_still_read():
    # Short lines without a full stop beside the story's div are left out by readability itself.
    html = (
        "<!doctype html><html><head><title>Harbour dredging approved</title></head><body>"
        "<nav><a href='/'>Home</a></nav><div class='story'><h1>Harbour dredging approved</h1>"
        "<p class='credit'>Mia Holt/Coast Post</p><div class='story-body'>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</div><p>Follow Lena Berg on Bluesky @lena.bsky.social</p>"
        "<p>Correction: An earlier version of this story gave the wrong month</p></div>"
        "<div class='comments'><p>Great story, thanks for reporting on the harbour. Email me at a@b.example</p></div>"
        "</body></html>"
    )
    c = clean_html(html)
    assert c.authors == ("Lena Berg",)
    assert [x.value for x in c.contacts] == ["@lena.bsky.social"]
    assert c.credits == ("Mia Holt/Coast Post",)
    assert c.notes == ("Correction: An earlier version of this story gave the wrong month",)
    assert c.body.endswith(STORY[-1])


@pytest.mark.parametrize(
    "line",
    [
        "By Lena Berg's count, the dredger will need three passes through the channel.",
        "Related to the dispute, two boat owners have sued the authority.",
        "Updated guidance is expected next week.",
        "Any money left over will be redistributed to the fishing cooperative.",
        "Courtesy of the authority, boat owners will get free berths.",
        "Follow the harbour road to the marina at www.marina.example to see the work.",
        "This report was produced by the state auditor and found no waste in the project.",
        "Photos taken by a diver last year showed the channel half full of silt.",
        "Contact the county clerk's office at 555-0150 to request an absentee ballot before Oct. 28.",
        "Public comments can be emailed to planning@township.example through Dec. 1.",
        "County elections office: 555-0150",
        "Follow the money: the fund paid out $12.75 million to three contractors.",
        "The mayor thanked the donors. Courtesy of the city, residents will get free passes this summer.",
    ],
)
def test_story_lines_that_resemble_edge_material_stay(line):
    for c in (clean_html(page(before=f"<p>{line}</p>")), clean_html(page(after=f"<p>{line}</p>"))):
        assert line in c.body
        assert c.contacts == () and c.credits == () and c.notes == () and c.authors == ()


def test_short_story_where_readability_takes_the_whole_page():
    html = (
        "<!doctype html><html><head><title>Pier reopens</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main><div><h1>Pier reopens</h1><p>{STORY[0]}</p><p>{STORY[1]}</p>"
        "<p>Send tips to harbour@coastpost.example.</p></div></main>"
        "<div class='share-bar'><a href='#'>Share on Facebook</a></div>"
        "<aside><h4>Trending now</h4><p>Other readers liked these stories about the county fair, the marathon "
        "closures and the new bakery on Elm Street, all from this week.</p></aside>"
        "<footer><p>Copyright 2026 Coast Post. All rights reserved.</p></footer></body></html>"
    )
    c = clean_html(html)
    assert c.body == f"{STORY[0]}\n\n{STORY[1]}"
    assert [x.value for x in c.contacts] == ["harbour@coastpost.example"]
