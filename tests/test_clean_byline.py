"""Who wrote it: every kind of byline source the cleaner reads, and the cases where it must find no one."""

from __future__ import annotations

from newsreader.clean import clean_html

STORY = "".join(
    f"<p>Paragraph {i} of the story goes on about the council's budget, the roads and the schools, "
    f"with enough words to look like reporting to any extractor.</p>"
    for i in range(6)
)


def page(head: str = "", before: str = "", after: str = "", outside: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>Council passes budget</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council passes budget</h1>{before}{STORY}{after}</article>{outside}"
        f"<footer>Copyright 2026</footer></body></html>"
    )


def test_meta_author():
    c = clean_html(page(head='<meta name="author" content="Maria Lopez">'))
    assert c.authors == ("Maria Lopez",)


def test_dublin_core_creator_wins_over_plain_author_meta():
    head = '<meta name="author" content="Web Desk"><meta property="dc:creator" content="Maria Lopez">'
    assert clean_html(page(head=head)).authors == ("Maria Lopez",)


def test_meta_author_that_is_a_profile_link_is_not_a_name():
    c = clean_html(page(head='<meta property="article:author" content="https://social.example/maria">'))
    assert c.authors == ()


def test_json_ld_authors_including_graph_references():
    ld = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "NewsArticle", "headline": "Council passes budget", "datePublished": "2026-03-04T10:00:00Z",
       "author": [{"@id": "#p1"}, {"@type": "Person", "name": "Sam Okafor"}]},
      {"@type": "Person", "@id": "#p1", "name": "Maria Lopez"}]}</script>"""
    c = clean_html(page(head=ld))
    assert c.authors == ("Maria Lopez", "Sam Okafor")
    assert c.published == "2026-03-04T10:00:00+00:00"


def test_broken_json_ld_is_ignored():
    c = clean_html(page(head='<script type="application/ld+json">{"author": </script>'))
    assert c.authors == ()
    assert "Paragraph 5" in c.body


def test_rel_author_link():
    c = clean_html(page(before='<p><a rel="author" href="/staff/maria">Maria Lopez</a></p>'))
    assert c.authors == ("Maria Lopez",)
    assert "Maria Lopez" not in c.body


def test_byline_element_is_read_before_readability_drops_it_and_outlet_is_not_an_author():
    head = '<meta property="og:site_name" content="Valley Ledger">'
    before = '<div class="story-byline">By Maria Lopez, Valley Ledger | March 4, 2026</div>'
    c = clean_html(page(head=head, before=before))
    assert c.authors == ("Maria Lopez",)
    assert "By Maria Lopez" not in c.body


def test_by_line_with_two_authors_leaves_the_body():
    c = clean_html(page(before="<p><strong>By Maria Lopez and Sam Okafor</strong></p>"))
    assert c.authors == ("Maria Lopez", "Sam Okafor")
    assert "By Maria" not in c.body
    assert c.body.startswith("Paragraph 0")


def test_name_from_follow_line_when_there_is_no_other_byline():
    c = clean_html(page(after="<p>Follow Maria Lopez on Twitter.</p>"))
    assert c.authors == ("Maria Lopez",)
    assert "Follow Maria" not in c.body


def test_name_from_reach_line():
    c = clean_html(page(after="<p>Reach Maria Lopez at mlopez@ledger.example or 555-0100.</p>"))
    assert c.authors == ("Maria Lopez",)


def test_name_from_bio_line():
    c = clean_html(page(after="<p><em>Maria Lopez is a staff reporter covering city hall.</em></p>"))
    assert c.authors == ("Maria Lopez",)
    assert "staff reporter covering" not in c.body
    assert any("staff reporter" in n for n in c.notes)


def test_commenters_are_not_authors():
    comments = (
        '<section id="comments"><div class="comment-author">Pat Jones</div><p>Great piece!</p></section>'
    )
    assert clean_html(page(outside=comments)).authors == ()


def test_page_with_no_byline_has_no_authors():
    assert clean_html(page()).authors == ()


def test_a_person_quoted_in_the_story_is_not_an_author():
    after = (
        "<p>“We will follow the plan,” said Mayor Ruth Kim, who can be reached by residents at city hall.</p>"
    )
    c = clean_html(page(after=after))
    assert c.authors == ()
    assert "Mayor Ruth Kim" in c.body


def test_link_to_an_author_page():
    before = '<div class="meta"><a href="/people/maria-lopez">Maria Lopez</a> · 4 min read</div>'
    assert clean_html(page(before=before)).authors == ("Maria Lopez",)


def test_author_page_links_in_a_sidebar_are_not_bylines():
    outside = '<aside class="sidebar"><a href="/author/pat-jones">Pat Jones</a></aside>'
    assert clean_html(page(outside=outside)).authors == ()


def test_byline_marked_by_test_id():
    before = '<div data-testid="byline"><span>Maria Lopez</span></div>'
    assert clean_html(page(before=before)).authors == ("Maria Lopez",)


def test_a_person_in_the_byline_beats_a_newsroom_in_the_metadata():
    head = '<meta name="author" content="Valley Ledger Staff">'
    before = "<p>By Maria Lopez, Riverside Sun</p>"
    assert clean_html(page(head=head, before=before)).authors == ("Maria Lopez",)


def test_byline_element_with_one_link_per_author():
    before = '<div class="byline">By <a href="/a">Maria Lopez</a>, <a href="/b">Sam Okafor</a></div>'
    assert clean_html(page(before=before)).authors == ("Maria Lopez", "Sam Okafor")


def test_bio_line_with_a_handle_is_a_contact():
    c = clean_html(page(after="<p>Maria Lopez (@mlopez) is a reporter covering city hall.</p>"))
    assert c.authors == ("Maria Lopez",)
    assert [(x.kind, x.value) for x in c.contacts] == [("social", "@mlopez")]
    assert "@mlopez" not in c.body


def test_bylines_in_capitals_read_as_names():
    html = (
        "<article><p>By TOM HARDY and MARY-JANE O'NEIL</p>"
        "<p>DENVER - A late storm closed the highest mountain pass on Monday, stranding dozens of trucks "
        "and forcing two ski resorts to shut for the day, officials said.</p>"
        "<p>Crews worked through the night to clear the road, and another storm may follow on Wednesday.</p>"
        "</article>"
    )
    assert clean_html(html).authors == ("Tom Hardy", "Mary-Jane O'Neil")


def test_by_line_set_as_a_heading():
    c = clean_html(page(before="<h4>Written by Maria Lopez</h4>"))
    assert c.authors == ("Maria Lopez",)
    assert "Written by" not in c.body


def test_a_section_heading_that_starts_with_by_is_not_a_byline():
    c = clean_html(page(before="<h2>By The Numbers</h2>"))
    assert c.authors == ()
    assert "By The Numbers" in c.body


def test_wire_reporting_line_names_the_reporters_not_the_editors():
    after = "<p>(Reporting by Maria Lopez and Tom Hale in Lisbon; Additional reporting by Ana Cruz; Editing by Rui Sa)</p>"
    c = clean_html(page(after=after))
    assert c.authors == ("Maria Lopez", "Tom Hale")
    assert c.notes and "Editing by" not in c.body


def test_a_byline_wins_over_the_reporting_line():
    after = "<p>(Reporting by Tom Hale; Editing by Rui Sa)</p>"
    assert clean_html(page(before="<p>By Maria Lopez</p>", after=after)).authors == ("Maria Lopez",)


def test_posted_by_line_in_the_post_footer_below_the_story():
    html = (
        page()
        .replace("<article>", "<div class='post'><div class='post-body'>")
        .replace("</article>", "</div><div class='post-footer'>Posted by Maria Lopez at 9:12 PM</div></div>")
    )
    c = clean_html(html)
    assert c.authors == ("Maria Lopez",)
    assert "Posted by" not in c.body


def test_by_line_readability_drops_between_the_standfirst_and_the_story():
    before = '<p class="dek">A short standfirst it keeps.</p><p>Story by Maria Lopez</p>'
    c = clean_html(page(before=before))
    assert c.authors == ("Maria Lopez",)


def test_name_and_role_in_adjacent_spans_are_not_run_together():
    before = '<div class="author"><span class="name">Maria Lopez</span><span class="role">Senior Reporter</span></div>'
    assert clean_html(page(before=before)).authors == ("Maria Lopez",)


def test_job_title_on_its_own_line_under_the_byline_goes_with_it():
    c = clean_html(
        page(before="<p>By Maria Lopez</p><p>Education Reporter</p><p>Update (May 2): The vote moved.</p>")
    )
    assert c.authors == ("Maria Lopez",)
    assert "Education Reporter" not in c.body
    assert c.notes == ("Update (May 2): The vote moved.",)


def test_sign_off_by_line_under_the_story():
    c = clean_html(page(after="<p>— By Maria Lopez</p>"))
    assert c.authors == ("Maria Lopez",)
    assert "Maria Lopez" not in c.body


def test_a_last_sentence_starting_with_by_is_story():
    line = "By the end of the meeting, Maria Lopez had the votes she needed."
    c = clean_html(page(after=f"<p>{line}</p>"))
    assert line in c.body and c.authors == ()


def test_name_labelling_addresses_at_the_end_is_the_author():
    c = clean_html(page(after="<p>Maria Lopez: mlopez@courier.example | @mlopez</p>"))
    assert c.authors == ("Maria Lopez",)
    assert [x.value for x in c.contacts] == ["mlopez@courier.example", "@mlopez"]


def test_a_by_line_with_a_lower_case_role_names_the_writer_and_sentences_stay():
    story = (
        "<p>Gusts of up to 90 km/h are forecast along the coast from late Friday, with the strongest winds "
        "expected around the Saturday high tide, forecasters said on Thursday.</p>"
        "<p>Residents were told to tie down bins and move boats.</p>"
    )
    for lead in ("<p>By Sam Ilori, weather desk</p>", "<p><em>By Sam Ilori, weather desk</em></p>"):
        cleaned = clean_html(lead + story, feed_item=True)
        assert cleaned.authors == ("Sam Ilori",)
        assert "weather desk" not in cleaned.body
    for sentence in ("By Tuesday, officials said", "By New Year's Eve, the ferry will run two boats."):
        cleaned = clean_html(f"<p>{sentence}</p>" + story, feed_item=True)
        assert cleaned.authors == ()
        assert sentence in cleaned.body
