"""The story body: words kept apart at links and emphasis, quoted posts kept, and the right block picked."""

from __future__ import annotations

from newsreader.clean import clean_html

STORY = [
    "The river authority opened the new flood gates on Tuesday, two years after the spring floods that "
    "drove three hundred families from the low streets of the old town.",
    "Engineers tested each of the six gates in turn while residents watched from the bridge, and the "
    "last of them closed in under four minutes, faster than the design required.",
]
LONG_TEASER = (
    "A long excerpt of another story that the site shows under this one, cut off in the middle of its "
    "second sentence so that readers click through to read the rest of it and see"
)


def page(article: str, after: str = "", head: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>Flood gates open</title>{head}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main><article><h1>Flood gates open</h1>{article}</article></main>{after}</body></html>"
    )


def test_a_space_inside_a_link_edge_stays_between_the_words():
    c = clean_html(
        page(f"<p>{STORY[0]} The work followed a<a href='/plan'> plan first reported </a>in May.</p>"),
        url="https://news.example/gates",
    )
    assert "followed a [plan first reported](https://news.example/plan) in May." in c.body


def test_a_space_inside_emphasis_edges_stays_between_the_words():
    c = clean_html(page(f"<p>{STORY[0]} Residents called it<em> a relief </em>after years.</p>"))
    assert "called it *a relief* after years." in c.body


def test_an_embedded_post_quoted_by_the_story_is_kept():
    tweet = (
        '<blockquote class="twitter-tweet"><p>The gates are shut and the street is dry for the first '
        "time in a week, thank you to every engineer involved.</p>&mdash; Town Council (@towncouncil) "
        "May 3, 2026</blockquote>"
    )
    c = clean_html(page(f"<p>{STORY[0]}</p><p>The council posted:</p>{tweet}<p>{STORY[1]}</p>"))
    assert "the street is dry for the first time in a week" in c.body
    assert STORY[1] in c.body


def _teasers(n: int) -> str:
    items = "".join(
        f"<article class='post'><h3><a href='/s/{i}'>Other story {i}</a></h3><p>{LONG_TEASER} …</p></article>"
        for i in range(n)
    )
    return f"<section class='more'>{items}</section>"


def test_a_box_of_teasers_that_outscores_a_short_story_is_not_the_body():
    c = clean_html(page(f"<p>{STORY[0]} {STORY[1]}</p>", after=_teasers(6)))
    assert STORY[0] in c.body
    assert "Other story" not in c.body and "cut off in the middle" not in c.body


def test_the_site_footer_is_never_the_body():
    about = (
        "<p>The Valley Courier is published every morning by the Valley Courier Company, which has "
        "served the towns of the river valley, their councils, schools and clubs, since 1921.</p>"
    )
    footer = f"<footer><div class='about'>{about * 6}</div></footer>"
    c = clean_html(page(f"<p>{STORY[0]}</p>", after=footer))
    assert STORY[0] in c.body
    assert "published every morning" not in c.body


def test_a_story_of_teasers_that_is_the_page_itself_is_kept():
    # A page that is nothing but a list of teasers has no other story: the list is kept, nothing is lost.
    c = clean_html(page(_teasers(4)))
    assert "cut off in the middle" in c.body


def test_a_link_to_another_story_set_between_paragraphs_is_not_the_story():
    c = clean_html(
        page(
            f"<p>{STORY[0]}</p><p><strong><a href='/other'>COUNCIL VOTES TO RAISE THE RIVER WALL</a></strong></p>"
            f"<p>SEE MORE: <a href='/more'>Flood insurance costs climb again this year</a></p><p>{STORY[1]}</p>"
        )
    )
    assert STORY[0] in c.body and STORY[1] in c.body
    assert "RIVER WALL" not in c.body and "insurance costs" not in c.body


def test_a_paragraph_with_words_outside_its_link_stays():
    sentence = (
        "<p>The engineers published <a href='/report'>their full report on the six gates</a> on Monday, "
        "and the council will discuss it at its next meeting in the town hall.</p>"
    )
    c = clean_html(page(f"<p>{STORY[0]}</p>{sentence}<p>{STORY[1]}</p>"))
    assert "their full report on the six gates" in c.body


CAPTION = (
    "Engineers from the river authority watch the third of the six new flood gates close during a test "
    "on Tuesday morning in the old town"
)


def test_a_slideshow_caption_said_twice_in_a_row_is_said_once():
    slides = f"<ul><li>{CAPTION}</li></ul><p>{CAPTION}</p><p>{CAPTION}</p>"
    c = clean_html(page(f"{slides}<p>{STORY[0]}</p><p>{STORY[1]}</p>"))
    assert c.body.count("third of the six new flood gates") == 1
    assert STORY[0] in c.body and STORY[1] in c.body


def test_a_line_the_story_says_again_later_stays_both_times():
    question = (
        "<p>What did the engineers check first when the water rose above the second mark on the wall?</p>"
    )
    answers = "".join(f"<p>{s}</p>" for s in STORY)
    c = clean_html(page(f"{question}{answers}{question}{answers}"))
    assert c.body.count("What did the engineers check first") == 2


def test_a_pop_up_card_over_a_name_leaves_only_the_name():
    card = (
        "<span class='rollover-people'><a href='/people/jo-roe'>Jo Roe</a><span class='rollover-people-block'>"
        "<img src='/jo.jpg'><a href='/people/jo-roe'>Jo Roe</a><a href='/s/1'>Council passes budget | Roads to "
        "close for repairs</a></span></span>"
    )
    c = clean_html(
        page(f"<p>The plan was backed by council member {card} after a long debate.</p><p>{STORY[1]}</p>")
    )
    assert "backed by council member Jo Roe after a long debate." in c.body
    assert "Council passes budget" not in c.body and c.body.count("Jo Roe") == 1


def test_a_slideshow_of_captioned_photos_leaves_the_body_and_a_single_figure_stays():
    slides = "".join(
        f"<li><img src='/{i}.jpg'><p class='caption'>Gate {i} closing during the test on Tuesday morning.</p></li>"
        for i in range(3)
    )
    figure = (
        "<figure><img src='/wall.jpg'><figcaption>The new wall seen from the bridge.</figcaption></figure>"
    )
    c = clean_html(
        page(f"<div class='slideshow'><ul>{slides}</ul></div><p>{STORY[0]}</p>{figure}<p>{STORY[1]}</p>")
    )
    assert "closing during the test" not in c.body
    assert "The new wall seen from the bridge." in c.body and STORY[1] in c.body


MORE = [
    "The work cost less than the council had set aside and finished a month early, the authority said in "
    "a report to councillors, who had feared the bill would climb with the price of steel.",
    "Shopkeepers on the river front, whose cellars flooded twice in the spring, said they would wait for "
    "the first high tide of the autumn before moving their stock back downstairs.",
    "The authority will test the gates again in October and publish the results on its website, along "
    "with the times the gates are expected to close during the winter's highest tides.",
]


def test_a_near_empty_pick_gives_way_to_the_story_elsewhere_on_the_page():
    paras = "".join(f"<p>{s}</p>" for s in STORY + MORE)
    html = (
        "<!doctype html><html><head><title>Flood gates open</title></head><body>"
        "<div class='article-content'><p>Six gates, four minutes, one dry town square.</p></div>"
        f"<div class='layout'><div class='col'><div class='wrap'>{paras}</div></div></div></body></html>"
    )
    c = clean_html(html)
    assert STORY[0] in c.body and MORE[2] in c.body


def test_a_photo_essay_whose_story_is_its_captions_keeps_them():
    slides = "".join(
        f"<li><img src='/{i}.jpg'><p class='caption'>{s}</p></li>" for i, s in enumerate(STORY + MORE)
    )
    c = clean_html(page(f"<div class='gallery'><ul>{slides}</ul></div>"))
    assert STORY[0] in c.body and MORE[2] in c.body


def test_a_digest_of_links_to_other_stories_keeps_them():
    links = "".join(f"<p><a href='/s/{i}'>{s[:60]}</a></p>" for i, s in enumerate(STORY + MORE))
    c = clean_html(page(f"<p>Five stories from the river this week.</p>{links}"))
    assert STORY[0][:60] in c.body and MORE[2][:60] in c.body
