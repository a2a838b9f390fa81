"""The whole cleaner: page or feed item in, `Cleaned` out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import lxml.html

from newsreader.clean.bios import bio_contacts
from newsreader.clean.blocks import wrap_loose_text
from newsreader.clean.byline import author_link_names, byline_element_names
from newsreader.clean.captions import caption_credits
from newsreader.clean.chrome import narrow_to_story
from newsreader.clean.edges import trim_edges
from newsreader.clean.extract import main_content
from newsreader.clean.findings import Edges, Finding
from newsreader.clean.galleries import drop_slideshows
from newsreader.clean.hovercards import drop_hover_cards
from newsreader.clean.markdown import to_markdown, with_lead_image
from newsreader.clean.metadata import iso_date, organisations_of, page_author_names, read_metadata
from newsreader.clean.names import org_like
from newsreader.clean.outside import article_span, near_article, outside_edges
from newsreader.clean.parse import drop_non_text, is_whole_page, parse_html, to_text
from newsreader.clean.pick import repick
from newsreader.clean.repeats import drop_repeats
from newsreader.clean.scan import Scan, scan
from newsreader.clean.teasers import drop_link_headlines
from newsreader.models import Cleaned, Contact
from newsreader.text import one_line

# Past this many elements readability's scoring gets slow; such pages are cleaned whole instead.
MAX_ELEMENTS = 60_000


@dataclass(frozen=True, slots=True)
class Traced:
    """The cleaner's result with the findings behind its byline, contacts, credits and notes."""

    cleaned: Cleaned
    findings: tuple[Finding, ...]


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    feed_item: bool | None = None,
    content_type: str | None = None,
) -> Cleaned:
    """Clean a whole page or a feed item's HTML (guessed when feed_item is None).

    Raises CleanError (one line) for input that is not a page at all: empty, binary.
    """
    return trace_html(html, url=url, feed_item=feed_item, content_type=content_type).cleaned


def trace_html(
    html: str | bytes,
    *,
    url: str | None = None,
    feed_item: bool | None = None,
    content_type: str | None = None,
) -> Traced:
    """clean_html, also saying which edge rule took each line off the story (Finding.rule)."""
    text = to_text(html, content_type)
    fragment = (not is_whole_page(text)) if feed_item is None else feed_item
    doc = parse_html(text, fragment=fragment)
    meta = read_metadata(doc)
    drop_non_text(doc)
    found = scan(doc)
    site = meta.site_name
    # Bylines are read off the whole page first: readability drops most of them with the page chrome.
    page_authors = page_author_names(meta)
    element_authors = _first_names(byline_element_names(el, site) for el in found.bylines)
    link_authors = _first_names(author_link_names(a) for a in found.author_links)

    root = _content_root(doc, fragment=fragment, found=found, url=url)
    title = meta.title or _single_h1(doc) or meta.doc_title
    known = page_authors or element_authors
    drop_hover_cards(root)
    edges = trim_edges(root, title=title, known_names=known, site_name=site)
    # After the edges: their credits are read off the slideshow's captions first.
    drop_slideshows(root)
    drop_link_headlines(root)
    drop_repeats(root)
    _add_outside(edges, doc, root, found, title=title, known=known, site=site)
    authors = _choose_authors(
        [page_authors, element_authors, edges.byline_names, link_authors, _unique(edges.tip_names)], site
    )
    authors = _unique(authors)
    cleaned = Cleaned(
        title=title,
        authors=tuple(authors),
        organisations=organisations_of(authors, meta),
        published=meta.published or iso_date(found.time),
        body=with_lead_image(to_markdown(root, base_url=url), meta.image, url),
        contacts=tuple(_unique_contacts(edges.contacts)),
        credits=tuple(_unique([one_line(c) for c in edges.credits])),
        notes=tuple(_unique([one_line(n) for n in edges.notes])),
    )
    return Traced(cleaned, tuple(edges.findings))


def _first_names(candidates: Iterable[list[str]]) -> list[str]:
    return next((names for names in candidates if names), [])


def _content_root(
    doc: lxml.html.HtmlElement, *, fragment: bool, found: Scan, url: str | None
) -> lxml.html.HtmlElement:
    """The story's subtree: readability's pick on a whole page, the item itself for a feed item."""
    root = main_content(doc, url) if not fragment and found.count <= MAX_ELEMENTS else None
    if root is not None:
        root = repick(root, found.elements, lambda without: main_content(doc, url, without))
        root = narrow_to_story(root)
    if root is None:
        root = doc.body if doc.body is not None else doc
        if url:
            try:
                root.make_links_absolute(url, handle_failures="discard")
            except (TypeError, ValueError):
                pass
    wrap_loose_text(root)
    return root


def _add_outside(
    edges: Edges,
    doc: lxml.html.HtmlElement,
    root: lxml.html.HtmlElement,
    found: Scan,
    *,
    title: str | None,
    known: list[str],
    site: str | None,
) -> None:
    """Add what readability left out next to the article: caption credits, author boxes, edge lines."""
    span = article_span(doc, root, found.elements)
    near = near_article(span, found.captions + found.bios)
    credits = caption_credits([el for el in near if el not in found.bios])
    edges.add([Finding("outside-caption-credit", "credit", c) for c in credits])
    for bio in (el for el in near if el in found.bios):
        contacts, names = bio_contacts(bio)
        edges.add([Finding("outside-bio-box", "contact", "", tuple(names), tuple(contacts))])
    edges.add(outside_edges(span, title=title, known_names=known, site_name=site))


def _choose_authors(sources: list[list[str]], site: str | None) -> list[str]:
    """The first source that names anyone, unless it names only a newsroom ("Staff", the site's own name)
    and a later source names a person (two or more words, not a newsroom)."""
    first = next((names for names in sources if names), [])
    if first and all(org_like(n, site) for n in first):
        for names in sources:
            people = [n for n in names if _personal(n) and not org_like(n, site)]
            if people:
                return people
    return first


def _personal(name: str) -> bool:
    """Two or more capitalised words: how a person's name looks in a byline."""
    words = name.split()
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _single_h1(doc: lxml.html.HtmlElement) -> str | None:
    h1s = doc.findall(".//h1")
    return one_line(h1s[0].text_content()) or None if len(h1s) == 1 else None


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        if x and x.lower() not in seen:
            seen.add(x.lower())
            out.append(x)
    return out


def _unique_contacts(items: list[Contact]) -> list[Contact]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in items:
        c = Contact(c.kind, one_line(c.value), one_line(c.label))
        key = (c.kind, c.value.lower())
        if c.value and key not in seen:
            seen.add(key)
            out.append(c)
    return out
