"""Schema.org JSON-LD in a page: the article object's headline, date and authors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_MAX_SCRIPT = 1_000_000
_WRAPPER = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


@dataclass(frozen=True, slots=True)
class JsonLdArticle:
    headline: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    organisations: tuple[str, ...] = ()  # those of authors typed Organization
    persons: tuple[str, ...] = ()  # those typed Person


def _types(obj: dict) -> list[str]:
    t = obj.get("@type")
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _is_article(obj: dict) -> bool:
    return any(t.endswith(("Article", "BlogPosting", "Posting", "Report", "Review")) for t in _types(obj))


def _objects(data: object, depth: int = 0):
    """Every dict at the top, in lists and in @graph (not deeper: nested objects are values)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for x in data:
            yield from _objects(x, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)


def _is_org(value: object, by_id: dict[str, dict]) -> bool:
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        value = by_id.get(value["@id"], value)
    return isinstance(value, dict) and any(
        t in ("Organization", "NewsMediaOrganization") for t in _types(value)
    )


def _is_person(value: object, by_id: dict[str, dict]) -> bool:
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        value = by_id.get(value["@id"], value)
    return isinstance(value, dict) and "Person" in _types(value)


def _entries(value: object) -> list[object]:
    """An author value as a list of entries: a list, a JSON-LD {"@list": [...]}, or one entry."""
    if isinstance(value, dict) and isinstance(value.get("@list"), list):
        value = value["@list"]
    return [e for v in value[:20] for e in _entries(v)] if isinstance(value, list) else [value]


def _name(value: object, by_id: dict[str, dict]) -> list[str]:
    names: list[str] = []
    for entry in _entries(value):
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            if "name" not in entry and isinstance(entry.get("@id"), str) and entry["@id"] in by_id:
                entry = by_id[entry["@id"]]
            name = entry.get("name")
            # Every name of a list: '"name": ["Jane Roe", "John Doe"]' is two writers, not one.
            names += [n for n in _entries(name) if isinstance(n, str)]
    return names


def read_jsonld(scripts: list[str]) -> JsonLdArticle | None:
    """The first article object found in the page's ld+json scripts, if any."""
    objects: list[dict] = []
    for text in scripts:
        if len(text) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(_WRAPPER.sub("", text), strict=False)
        except (ValueError, RecursionError):
            continue
        objects.extend(_objects(data))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for obj in objects:
        if not _is_article(obj):
            continue
        headline = obj.get("headline") or obj.get("name")
        published = obj.get("datePublished") or obj.get("dateCreated")
        raw = _entries(obj.get("author") or obj.get("creator"))
        people = [a for a in raw if not _is_org(a, by_id)]
        # An Organization beside Person authors is the publisher named again, not a writer.
        authors = _name(people if people else raw, by_id)
        organisations = () if people else tuple(a for a in authors if a.strip())
        persons = tuple(n for a in people if _is_person(a, by_id) for n in _name(a, by_id))
        publisher = _name(obj.get("publisher"), by_id)
        return JsonLdArticle(
            headline=headline if isinstance(headline, str) else None,
            published=published if isinstance(published, str) else None,
            authors=tuple(a for a in authors if a.strip()),
            publisher=publisher[0] if publisher else None,
            organisations=organisations,
            persons=persons,
        )
    return None
