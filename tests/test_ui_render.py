"""What the panes are given to draw: safe text, no markup smuggled in from a feed."""

from __future__ import annotations

from newsreader.models import Article, Cleaned, Contact
from newsreader.ui.render import article_markdown, escape_markdown, feed_html_as_text, metadata


def article(**kw) -> Article:
    base = dict(
        id=1,
        feed_id=1,
        feed_url="https://f.example/rss",
        feed_title="Feed",
        key="k",
        guid=None,
        link="https://f.example/1",
        title="Title",
        authors=("Ann",),
        published=None,
        updated=None,
        content_html="<p>Hello</p>",
        read=False,
        starred=False,
    )
    base.update(kw)
    return Article(**base)


def test_feed_html_becomes_paragraphs_without_scripts_or_controls():
    html = "<p>One\x1b]52;c;ZXZpbA==\x07 two</p><script>alert(1)</script><ul><li>a</li><li>b</li></ul>x<br>y"
    text = feed_html_as_text(html)
    assert "\x1b" not in text and "\x07" not in text
    assert "alert" not in text
    assert text.split("\n\n")[0] == "One two"
    assert "a\n\nb" in text and "x\ny" in text


def test_feed_html_drops_templates_and_keeps_inline_markup_inside_its_words():
    """The feed's text comes from the one HTML-to-text helper: what the index and the titles see too."""
    html = (
        "<p><em>Exclusive</em>: caf<b>é</b> opens</p><template><p>Sign up now</p></template><p>Then more</p>"
    )
    assert feed_html_as_text(html) == "Exclusive: café opens\n\nThen more"


def test_plain_text_cannot_become_markdown_links_or_headings():
    escaped = escape_markdown("# not a heading\n[click](javascript:alert(1)) *x* <b>")
    md = article_markdown(article(content_html=f"<p>{escaped}</p>", cleaned=None))
    assert "\\[click\\]" in escape_markdown("[click](javascript:alert(1))")
    assert "\\# not a heading" in escape_markdown("# not a heading")
    assert md.startswith("# Title\n")


def test_the_cleaned_body_is_used_once_there_and_controls_are_removed():
    cleaned = Cleaned(title="Clean title", body="Body **bold**\x1b[2J text", authors=("Bea",))
    md = article_markdown(article(cleaned=cleaned))
    assert md.startswith("# Clean title")
    assert "**bold**" in md and "\x1b" not in md


def metadata_text(cleaned: Cleaned, width: int = 100, published: float | None = None) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=__import__("io").StringIO())
    console.print(metadata(article(cleaned=cleaned, published=published)))
    return console.export_text()


def test_metadata_hides_empty_sections_and_groups_a_tip_line():
    tip = "Send tips to t@x.example or call +1 555 0100"
    cleaned = Cleaned(
        authors=("Bea",),
        contacts=(Contact("email", "t@x.example", tip), Contact("phone", "+1 555 0100", tip)),
    )
    text = metadata_text(cleaned)
    assert "By" in text and "Bea" in text
    lines = [line.rstrip() for line in text.splitlines()]
    assert "Contacts email  t@x.example" in lines
    assert "         phone  +1 555 0100" in lines
    assert text.count(tip) == 1  # the source line once, under both
    assert lines.index("         " + tip) > lines.index("         phone  +1 555 0100")
    assert "Credits" not in text and "Notes" not in text


def test_each_contact_shows_its_kind_and_value_not_its_whole_line():
    mail = Contact("email", "tips@x.example", "Got a tip? Email tips@x.example")
    social = Contact("social", "@ana@newsie.social", "Follow Ana on Mastodon: @ana@newsie.social")
    bare = Contact("social", "@ana@newsie.social", "@ana@newsie.social")
    text = metadata_text(Cleaned(contacts=(mail, social)))
    lines = [line.strip() for line in text.splitlines()]
    assert "Contacts email            tips@x.example" in lines
    assert "mastodon/social  @ana@newsie.social" in lines
    assert "email: " not in text and "social: " not in text
    assert text.count("Got a tip? Email tips@x.example") == 1
    assert text.count("Follow Ana on Mastodon") == 1
    only = metadata_text(Cleaned(contacts=(bare,)))
    assert only.count("@ana@newsie.social") == 1  # a line that is just the value is not repeated


def test_no_contacts_no_section():
    assert "Contacts" not in metadata_text(Cleaned(authors=("Bea",), credits=("Photo: Jo",)))


def test_a_narrow_pane_puts_an_address_under_its_label_whole():
    address = "russ@dailycallernewsfoundation.org"
    link = "https://www.dailycallernewsfoundation.org/2026/11/28/a-very-long-story-slug/"
    cleaned = Cleaned(
        contacts=(Contact("email", address, f"Write to Russ at {address}"),),
        notes=("Russ Ingram reports for the foundation from the state capital and the courts.",),
    )
    for width in (24, 30, 38, 44, 60):
        text = metadata_text(cleaned, width=width)
        if width >= len(address):
            assert address in text, (width, text)  # never "russ@dailycall / ernewsfoundati / on.org"
        assert not any(line.startswith(("ernews", "dation", "on.org")) for line in text.splitlines())
        assert "reports" in text.split() and "foundation" in text.split()  # prose wraps at spaces only
    narrow = metadata_text(cleaned.__class__(contacts=cleaned.contacts), width=38)
    lines = [line.rstrip() for line in narrow.splitlines()]
    assert "    " + address in lines  # on its own line, under its kind and label
    assert metadata_text(Cleaned(), width=60).count(link) == 0
    wide = metadata_text(cleaned, width=100)
    assert any(line.startswith("Contacts email  " + address) for line in wide.splitlines())


def test_the_list_and_the_pane_show_the_same_date():
    from newsreader.ui.render import article_date

    when = 1_795_000_000.0
    pane = metadata_text(Cleaned(published="2020-01-01T00:00:00Z"), width=80, published=when)
    line = next(line for line in pane.splitlines() if line.startswith("Published"))
    assert article_date(when) in line  # the feed's date, not the page's 2020 one
    assert article_date(when).startswith(article_date(when, time=False))  # the list shows its day
    assert "2020" not in pane
