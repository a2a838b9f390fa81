"""Any input gets a result or a one-line reason: feed items, charsets, hostile and empty pages; Markdown out."""

from __future__ import annotations

import pytest

from newsreader.clean import CleanError, clean_html

PARA = "The ferry will run every hour from May, the transit board decided after a long public meeting."


def test_feed_item_html_alone():
    item = (
        "<p><em>By Lena Berg</em></p>"
        f"<p>{PARA}</p><p>Riders asked for later sailings on weekends.</p>"
        "<p>Questions? Reach Lena Berg at lberg@coastpost.example.</p>"
    )
    c = clean_html(item)
    assert c.authors == ("Lena Berg",)
    assert c.body == f"{PARA}\n\nRiders asked for later sailings on weekends."
    assert [x.value for x in c.contacts] == ["lberg@coastpost.example"]


def test_feed_item_with_loose_text_and_breaks():
    c = clean_html(f"{PARA}<br><br>Second line of the item.", feed_item=True)
    assert PARA in c.body and "Second line of the item." in c.body


def test_short_feed_item_is_kept_even_when_readability_would_find_nothing():
    assert clean_html("<p>Road closed.</p>").body == "Road closed."


@pytest.mark.parametrize("data", [b"", b"   \n ", ""])
def test_empty_input_is_a_one_line_error(data):
    with pytest.raises(CleanError, match="^empty page$"):
        clean_html(data)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"%PDF-1.7\n" + bytes(200), bytes(range(256)) * 20],
)
def test_binary_input_is_a_one_line_error(data):
    with pytest.raises(CleanError) as err:
        clean_html(data)
    assert str(err.value).startswith("not a web page") and "\n" not in str(err.value)


def test_undeclared_cp1252():
    html = (
        f"<html><body><article><p>Le café était très bon — “naïve” façade. {PARA}</p></article></body></html>"
    )
    c = clean_html(html.encode("cp1252"))
    assert "Le café était très bon — “naïve” façade." in c.body


def test_shift_jis_declared_as_utf8():
    text = "東京都は本日、新しい図書館の開館時間を発表しました。市民からの要望に応えたものです。"
    html = f'<html><head><meta charset="utf-8"></head><body><article><p>{text}</p></article></body></html>'
    assert text in clean_html(html.encode("shift_jis")).body


def test_utf8_declared_as_latin1():
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>Zoë’s café. {PARA}</p></body></html>'
    assert "Zoë’s café." in clean_html(html.encode("utf-8")).body


def test_charset_from_content_type_header():
    html = f"<html><body><p>Ökonomie und Übermut. {PARA}</p></body></html>".encode("iso-8859-15")
    assert "Ökonomie und Übermut." in clean_html(html, content_type="text/html; charset=iso-8859-15").body


def test_twenty_megabytes_give_a_result():
    # How long it takes is measured in bench/clean_bench.py --hostile, not asserted here.
    para = f"<div><span>{PARA}</span> <a href='#'>more</a></div>\n"
    html = "<html><body>" + para * (20_000_000 // len(para)) + "</body></html>"
    c = clean_html(html.encode())
    assert PARA in c.body


def test_hundred_thousand_deep_nesting():
    html = (
        "<html><body><p>" + PARA + "</p>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>"
    )
    c = clean_html(html)
    assert isinstance(c.body, str)


def test_page_with_no_article_gives_a_result():
    html = "<html><head><title>Home</title></head><body><nav><a href='/a'>About</a></nav></body></html>"
    c = clean_html(html, url="http://127.0.0.1/")
    assert c.title == "Home"
    assert "About" in c.body


def test_markdown_shapes_and_no_raw_html():
    html = (
        "<article><h2>What changes</h2>"
        f"<p>{PARA} See <a href='/plan'>the plan</a> and <strong>the map</strong>.</p>"
        "<ul><li>Hourly sailings</li><li>Later weekend runs</li></ul>"
        "<ol><li>Board vote</li><li>Public notice</li></ol>"
        "<blockquote><p>We listened to riders.</p></blockquote>"
        "<pre>timetable  09:00\n           10:00</pre>"
        "<p>Line one<br>line two</p><script>alert(1)</script><iframe src='x'></iframe></article>"
    )
    body = clean_html(html, url="http://127.0.0.1/news/ferry", feed_item=True).body
    assert "## What changes" in body
    assert "[the plan](http://127.0.0.1/plan)" in body
    assert "**the map**" in body
    assert "- Hourly sailings\n- Later weekend runs" in body
    assert "1. Board vote\n2. Public notice" in body
    assert "> We listened to riders." in body
    assert "```\ntimetable  09:00\n           10:00\n```" in body
    assert "Line one  \nline two" in body
    assert "<" not in body and "alert" not in body
    assert "\n\n\n" not in body


def test_control_characters_and_escape_sequences_are_removed():
    c = clean_html(f"<p>Red \x1b[31malert\x1b[0m and a bell\x07. {PARA}</p>")
    assert "\x1b" not in c.body and "\x07" not in c.body
    assert "Red alert and a bell." in c.body


def test_inputs_built_to_make_patterns_backtrack_give_a_result_or_a_reason():
    hostile = [
        b" " * 300_000 + b"caf\xe9 <p>x</p>",  # charset detection over a long run of spaces
        ("<script>" * 50_000 + "<p>" + PARA).encode(),  # unclosed scripts, in a page past the size cap
        (
            "<html><body><p>" + PARA + "</p><p>Share" + "!" * 60 + "Tweet" + "!" * 50 + "z</p></body></html>"
        ).encode(),
        ("<p>" + PARA + "</p><p>Follow " + "A" * 200_000 + " on Twitter</p>").encode(),
        (
            '<html><head><meta name="author" content="' + "Jane " * 100_000 + '"></head><body><p>' + PARA
        ).encode(),
        ("<p>" + PARA + "</p><p>Email " + "a." * 100 + "@" + "b." * 100 + "</p>").encode(),
    ]
    for data in hostile:
        data = data + b" " * max(0, 4_100_000 - len(data)) if data.startswith(b"<script>") else data
        try:
            clean_html(data)
        except CleanError as exc:
            assert "\n" not in str(exc)


def test_markdown_keeps_text_in_odd_lists_and_layout_tables():
    html = (
        f"<p>{PARA}</p><ul> (An aside typed straight into a list.) </ul>"
        "<table><caption>Sailings</caption><tr><th>Day</th><th>First</th></tr><tr><td>Mon</td><td>06:00</td></tr></table>"
        f"<table><tr><td><p>{PARA} Laid out in a table.</p><p>Second cell paragraph.</p></td></tr></table>"
    )
    body = clean_html(html, feed_item=True).body
    assert "(An aside typed straight into a list.)" in body
    assert "Sailings\n\n| Day | First |\n| --- | --- |\n| Mon | 06:00 |" in body
    assert "Laid out in a table.\n\nSecond cell paragraph." in body


def test_feed_item_buttons_and_wordpress_footer():
    item = (
        f"<p>{PARA}</p><p class='button-wrapper'><a class='button' href='https://x.example/subscribe'>"
        "<span>Subscribe now</span></a></p><p>The second paragraph of the post goes here.</p>"
        "<p>The post <a href='https://x.example/p'>Ferry times</a> appeared first on <a href='https://x.example'>"
        "Coast Post</a>.</p>"
    )
    c = clean_html(item)
    assert c.body == f"{PARA}\n\nThe second paragraph of the post goes here."
    assert c.notes == ("The post Ferry times appeared first on Coast Post.",)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-16"])
def test_wide_unicode_with_or_without_bom(codec):
    html = f"<html><body><p>Zoë’s café. {PARA}</p></body></html>"
    assert "Zoë’s café." in clean_html(html.encode(codec)).body
