"""What a page says about itself in <head>: meta tags and JSON-LD (title, date, authors, site)."""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import datetime

import lxml.html

from newsreader.clean.jsonld import read_jsonld
from newsreader.clean.names import split_entity_name, split_names
from newsreader.clean.orgs import is_organisation
from newsreader.text import one_line

_AUTHOR_KEYS = (
    "dc:creator", "dc.creator", "dcterms.creator", "dcterm:creator", "author", "parsely-author",
    "sailthru.author", "article:author", "og:article:author", "book:author", "citation_author", "byl",
)  # fmt: skip
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title")
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date",
    "dcterms.created", "date", "citation_publication_date", "article.published",
)  # fmt: skip
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "twitter:site")
_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
_URLISH = re.compile(r"^\s*(?:https?:|www\.|/)", re.I)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()  # raw author strings, split later
    site_name: str | None = None
    doc_title: str | None = None  # the <title> element
    structured: bool = False  # authors are JSON-LD entities, one name each, not byline strings
    organisations: tuple[str, ...] = ()  # authors the JSON-LD types as an Organization
    persons: tuple[str, ...] = ()  # and as a Person
    image: str | None = None  # the page's own picture (og:image), as written: may be relative


def iso_date(value: str | None) -> str | None:
    """ISO 8601 for the date forms pages use (ISO itself, RFC 2822), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _meta_values(doc: lxml.html.HtmlElement) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for m in doc.iter("meta"):
        content = m.get("content")
        if not content or not content.strip():
            continue
        keys = (
            (m.get("name") or "").split()
            + (m.get("property") or "").split()
            + (m.get("itemprop") or "").split()
        )
        for k in keys:
            values.setdefault(k.lower(), []).append(content.strip())
    return values


def _first(values: dict[str, list[str]], keys: tuple[str, ...], *, no_urls: bool = False) -> list[str]:
    for k in keys:
        found = [v for v in values.get(k, ()) if not (no_urls and _URLISH.match(v))]
        if found:
            return found
    return []


def read_metadata(doc: lxml.html.HtmlElement) -> PageMeta:
    """Read meta tags and JSON-LD; call before scripts are dropped from the tree."""
    values = _meta_values(doc)
    scripts = [s.text or "" for s in doc.iter("script") if "ld+json" in (s.get("type") or "").lower()]
    ld = read_jsonld(scripts) if scripts else None
    title_el = doc.find(".//title")
    doc_title = one_line(title_el.text_content()) if title_el is not None else None

    authors = list(ld.authors) if ld and ld.authors else _first(values, _AUTHOR_KEYS, no_urls=True)
    title = _first(values, _TITLE_KEYS) or ([ld.headline] if ld and ld.headline else [])
    published = None
    for raw in ([ld.published] if ld and ld.published else []) + _first(values, _DATE_KEYS):
        published = iso_date(raw)
        if published:
            break
    site = _first(values, _SITE_KEYS) or ([ld.publisher] if ld and ld.publisher else [])
    return PageMeta(
        title=one_line(title[0]) if title else None,
        published=published,
        authors=tuple(one_line(a[:300]) for a in authors[:10]),
        site_name=one_line(site[0]) if site else None,
        doc_title=doc_title or None,
        structured=bool(ld and ld.authors),
        organisations=tuple(one_line(o[:300]) for o in ld.organisations) if ld else (),
        persons=tuple(one_line(p[:300]) for p in ld.persons) if ld else (),
        image=next(iter(_first(values, _IMAGE_KEYS)), None),
    )


def page_author_names(meta: PageMeta) -> list[str]:
    """The authors the page's metadata names, split into people (a JSON-LD entity only at a whole name)."""
    split = split_entity_name if meta.structured else split_names
    return [n for raw in meta.authors for n in split(raw, site_name=meta.site_name)]


def organisations_of(authors: tuple[str, ...] | list[str], meta: PageMeta) -> tuple[str, ...]:
    """Those of authors that are organisations: typed so in the JSON-LD, or by the shape of the name."""
    typed = {o.lower() for o in meta.organisations}
    people = {p.lower() for p in meta.persons}
    return tuple(
        a
        for a in authors
        if a.lower() in typed or is_organisation(a, meta.site_name, typed_person=a.lower() in people)
    )
