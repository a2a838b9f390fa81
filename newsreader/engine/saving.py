"""An article as a file: Markdown with a YAML front matter, a standalone HTML page, or its JSON form.

Every string of the front matter is written as a JSON string, which is also a valid YAML scalar: no
title, name or tip line can end the block or turn into YAML syntax, whatever it holds.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, Literal

from newsreader.models import Article, iso_date
from newsreader.text import one_line, strip_controls

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")
_SLUG = re.compile(r"[^\w-]+")


def _q(value: str | None) -> str:
    return json.dumps(one_line(value), ensure_ascii=False) if value else "null"


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _fields(article: Article) -> dict[str, Any]:
    c = article.cleaned
    authors = list(c.authors) if c and c.authors else list(article.authors)
    return {
        "title": one_line((c.title if c else None) or article.title) or "(untitled)",
        "authors": [one_line(a) for a in authors if one_line(a)],
        "published": iso_date(article.published),
        "url": article.link,
        "feed": one_line(article.feed_title) or article.feed_url,
        "contacts": list(c.contacts) if c else [],
        "credits": [one_line(x) for x in (c.credits if c else ()) if one_line(x)],
        "notes": [one_line(x) for x in (c.notes if c else ()) if one_line(x)],
    }


def _body(article: Article) -> str:
    """The cleaned body (Markdown), else the feed's own text."""
    if article.cleaned is not None and article.cleaned.body.strip():
        return strip_controls(article.cleaned.body).strip()
    from newsreader.clean.plain import html_text

    return strip_controls(html_text(article.content_html)).strip()


def as_markdown(article: Article) -> str:
    f = _fields(article)
    lines = [
        "---",
        f"title: {_q(f['title'])}",
        f"authors: {_list(f['authors'])}",
        f"published: {_q(f['published'])}",
        f"url: {_q(f['url'])}",
        f"feed: {_q(f['feed'])}",
    ]
    if f["contacts"]:
        lines.append("contacts:")
        lines += [
            f"  - {{kind: {_q(x.kind)}, value: {_q(x.value)}, label: {_q(x.label)}}}" for x in f["contacts"]
        ]
    else:
        lines.append("contacts: []")
    lines += [f"credits: {_list(f['credits'])}", f"notes: {_list(f['notes'])}", "---", ""]
    return "\n".join(lines) + f"\n# {f['title']}\n\n{_body(article)}\n"


def as_html(article: Article) -> str:
    """A standalone page: the title, byline and metadata, then the body; images stay links to their addresses."""
    from markdown_it import MarkdownIt

    f = _fields(article)
    e = html.escape
    body = MarkdownIt("commonmark", {"html": False}).render(_body(article))  # markup in the text stays text
    meta = ['<meta charset="utf-8">', f"<title>{e(f['title'])}</title>"]
    meta += [f'<meta name="author" content="{e(a)}">' for a in f["authors"]]
    head = [f"<h1>{e(f['title'])}</h1>"]
    if f["authors"]:
        head.append(f'<p class="byline">By {e(", ".join(f["authors"]))}</p>')
    facts = []
    if f["published"]:
        facts.append(f'<time datetime="{e(f["published"])}">{e(f["published"])}</time>')
    if f["feed"]:
        facts.append(f'<span class="feed">{e(f["feed"])}</span>')
    if f["url"]:
        facts.append(f'<a class="original" href="{e(f["url"])}">{e(f["url"])}</a>')
    if facts:
        head.append('<p class="facts">' + " · ".join(facts) + "</p>")
    tail = []
    for label, items in (
        (
            "Contacts",
            [f"{x.kind}: {x.value}" + (f" ({x.label})" if x.label != x.value else "") for x in f["contacts"]],
        ),
        ("Credits", f["credits"]),
        ("Notes", f["notes"]),
    ):
        if items:
            lis = "".join(f"<li>{e(one_line(i))}</li>" for i in items)
            tail.append(f'<section class="{label.lower()}"><h2>{label}</h2><ul>{lis}</ul></section>')
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        + "\n".join(meta)
        + "\n</head>\n<body>\n<article>\n<header>\n"
        + "\n".join(head)
        + "\n</header>\n"
        + body
        + "\n".join(tail)
        + "\n</article>\n</body>\n</html>\n"
    )


def as_json(article: Article) -> str:
    return json.dumps(article.to_json(), ensure_ascii=False, indent=1) + "\n"


def render(article: Article, fmt: Format) -> str:
    """The article in fmt (one of FORMATS)."""
    return {"md": as_markdown, "html": as_html, "json": as_json}[fmt](article)


def file_stem(article: Article) -> str:
    """A file name for the article, from its title: words and dashes only."""
    title = one_line((article.cleaned.title if article.cleaned else None) or article.title)
    slug = _SLUG.sub("-", title.lower()).strip("-_")[:80].rstrip("-_")
    return slug or f"article-{article.id}"
