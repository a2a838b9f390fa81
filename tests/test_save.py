"""`newsreader save ID`: Markdown with a YAML front matter, a standalone HTML page, the JSON form,
each parsed back as a reader of the file would."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import yaml

from newsreader import locations
from newsreader.models import Cleaned, Contact, Enclosure, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store
from tests.conftest import run_cli

TITLE = 'Ferry "timetable": changes # at 5 --- ok'
BODY = (
    "The ferry runs every twenty minutes from **Monday**.\n\n"
    "![The new ferry](https://img.example/ferry.jpg)\n\n"
    "---\n\nA <script>alert(1)</script> line and a [link](https://one.example/more)."
)
CLEANED = Cleaned(
    title=TITLE + "\x1b[31m",
    authors=("Mara Okafor", "Zoë O'Brien"),
    body=BODY,
    contacts=(
        Contact("email", "tips@one.example", "Send tips: tips@one.example"),
        Contact("phone", "+1 555 0100", "Call +1 555 0100"),
    ),
    credits=("Photo: Jonah Reyes",),
    notes=("Correction: two boats, not three.", "---"),
)


def saved_article(home) -> int:
    with Store(locations.store_file()) as store:
        feed, _ = store.add_feed("https://one.example/feed.xml", title="Harbour News")
        entry = ParsedEntry(
            key="k1",
            guid="k1",
            link="https://one.example/ferry",
            title="Ferry timetable changes",
            authors=("Mara Okafor",),
            published=1_795_000_000.0,
            updated=None,
            content_html="<p>The ferry runs.</p>",
            content_hash="h1",
            enclosures=(Enclosure("https://one.example/ferry.mp3", "audio/mpeg", 1000, 60),),
        )
        parsed = ParsedFeed(title="Harbour News", site_url=None, entries=(entry,))
        store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=1_795_000_000.0, feed=parsed))
        (article_id,) = store.article_ids()
        store.save_cleaned(article_id, CLEANED)
        return article_id


def front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def test_markdown_has_a_yaml_front_matter_and_the_cleaned_body(home):
    article = saved_article(home)
    out = run_cli("save", str(article), home=home)
    assert out.returncode == 0, out.stderr
    meta, body = front_matter(out.stdout)
    assert meta == {
        "title": TITLE,
        "authors": ["Mara Okafor", "Zoë O'Brien"],
        "published": "2026-11-18T11:06:40Z",
        "url": "https://one.example/ferry",
        "feed": "Harbour News",
        "contacts": [
            {"kind": "email", "value": "tips@one.example", "label": "Send tips: tips@one.example"},
            {"kind": "phone", "value": "+1 555 0100", "label": "Call +1 555 0100"},
        ],
        "credits": ["Photo: Jonah Reyes"],
        "notes": ["Correction: two boats, not three.", "---"],
    }
    assert body.startswith(f"\n# {TITLE}\n\nThe ferry runs every twenty minutes from **Monday**.")
    assert "![The new ferry](https://img.example/ferry.jpg)" in body  # images referenced by address
    assert "\x1b" not in out.stdout


def test_markdown_to_a_file_with_o(home, tmp_path):
    article = saved_article(home)
    target = tmp_path / "out" / "ferry.md"
    out = run_cli("save", str(article), "-o", str(target), home=home)
    assert out.returncode == 0 and out.stdout == ""
    assert out.stderr == f"saved {target}\n"
    assert front_matter(target.read_text(encoding="utf-8"))[0]["title"] == TITLE


class Page(HTMLParser):
    """What a browser would take from the page: title, headings, author metas, links, images, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.title = ""
        self.h1 = ""
        self.authors: list[str] = []
        self.links: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "meta" and a.get("name") == "author":
            self.authors.append(a["content"])
        if tag == "a":
            self.links.append(a["href"])
        if tag == "img":
            self.images.append((a["src"], a.get("alt", "")))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        where = self._in[-1] if self._in else ""
        if where == "title":
            self.title += data
        elif where == "h1":
            self.h1 += data
        self.text.append(data)


def test_html_is_a_standalone_page(home, tmp_path):
    article = saved_article(home)
    target = tmp_path / "ferry.html"
    assert run_cli("save", str(article), "--format", "html", "-o", str(target), home=home).returncode == 0
    source = target.read_text(encoding="utf-8")
    assert source.startswith("<!DOCTYPE html>")
    page = Page()
    page.feed(source)
    assert page.title == TITLE and page.h1 == TITLE
    assert page.authors == ["Mara Okafor", "Zoë O'Brien"]
    assert "https://one.example/ferry" in page.links and "https://one.example/more" in page.links
    assert page.images == [("https://img.example/ferry.jpg", "The new ferry")]
    assert "script" not in page.tags  # markup in the text stays text
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text
    for part in (
        "tips@one.example",
        "Photo: Jonah Reyes",
        "Correction: two boats, not three.",
        "Harbour News",
    ):
        assert part in text


def test_json_is_the_articles_json_form(home):
    article = saved_article(home)
    out = run_cli("save", str(article), "--format", "json", home=home)
    assert out.returncode == 0
    data = json.loads(out.stdout)
    listed = json.loads(run_cli("list", "--json", home=home).stdout)
    assert data == listed[0]
    assert data["title"] == "Ferry timetable changes" and data["body"] == BODY
    assert data["enclosures"] == [
        {"url": "https://one.example/ferry.mp3", "type": "audio/mpeg", "length": 1000, "duration": 60}
    ]


def test_save_errors_are_one_line(home, tmp_path):
    saved_article(home)
    (tmp_path / "file").write_text("x")
    for args, says in (
        (["save", "42"], "newsreader: no article 42\n"),
        (
            ["save", "1", "-o", str(tmp_path / "file" / "a.md")],
            f"newsreader: cannot write {tmp_path / 'file' / 'a.md'}",
        ),
    ):
        out = run_cli(*args, home=home)
        assert out.returncode == 1 and out.stderr.startswith(says), out.stderr
        assert out.stderr.count("\n") == 1
