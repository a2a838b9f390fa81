"""Byline text to a list of person (or organisation) names."""

from __future__ import annotations

import re

from newsreader.text import one_line

_LEAD = re.compile(
    r"^(?:(?:written|words|story|text|reporting|reported|posted|report|compiled|edited)"
    r"(?:\s+and\s+(?:photos?|photographs|pictures|images|video|graphics))?\s+)?"
    r"(?:by|par|von|por|door|av|af)\b\s*:?\s*|^(?:authors?|byline|writer|reporter|words|text|story|reporting)\s*:\s*",
    re.I,
)
_PARENS = re.compile(r"\([^)]{0,200}\)|\[[^\]]{0,200}\]")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Where the names end: separators, dates, times and "updated/published" stamps that bylines carry along.
_CUT = re.compile(
    r"\s*(?:[|•·/]|\s[-–—]\s|[–—]|\d|\b(?:updated|published|posted|last updated|modified|on|at)\b\s"
    r"|\b(?:edited|photos?|photographs?|illustrations?|video|graphics?|additional reporting)\s+by\b"
    rf"|\b{MONTH}\s+\d|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b)",
    re.I,
)
_AND = re.compile(r"&|\band\b|\bund\b|\bet\b|\by\b", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\+|\band\b|\bund\b|\bet\b|\by\b|\bwith\b)\s*", re.I)
# Words of job titles and newsrooms: a part made of them is an affiliation, not an author.
_ROLE = re.compile(
    r"\b(?:staff|writer|writers|reporter|reporters|correspondent|editor|editors|contributor|contributing|"
    r"columnist|journalist|photographer|senior|chief|news|press|times|post|daily|weekly|media|magazine|"
    r"agency|service|network|bureau|desk|team|journal|gazette|herald|tribune|courier|chronicle|radio|wire|"
    r"associated|newsroom|special|for|the|of|in|from)\b",
    re.I,
)
_NEWSROOM = re.compile(_ROLE.pattern.replace("|for|the|of|in|from", ""), re.I)
_NOT_NAME = re.compile(
    r"https?:|www\.|@|\.(?:com|org|net)\b|^(?:admin|administrator|staff|guest|anonymous|unknown|none|null|"
    r"author|authors|follow|share|email|e-mail|twitter|facebook|more|view|profile|about|contact|home|"
    r"subscribe|sign in|log in|read more|comments?)$",
    re.I,
)
_ARTICLES = frozenset("the a an this that these those".split())
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def strip_byline_lead(text: str) -> str:
    """'By Jane Roe' -> 'Jane Roe' (also 'Written by', 'Par', 'Von', 'Author:')."""
    return _LEAD.sub("", text.strip(), count=1)


def looks_like_name(part: str, *, strict: bool) -> bool:
    """A plausible name: a few words, capitalised unless non-Latin, no addresses or digits."""
    if not part or len(part) > 60 or _NOT_NAME.search(part) or any(c.isdigit() for c in part):
        return False
    if _CJK.search(part):
        return len(part) <= 25
    words = part.split()
    if not 1 <= len(words) <= 6:
        return False
    capitalised = [w for w in words if w[0].isupper()]
    if strict:
        if words[0].lower() in _ARTICLES:
            return False  # "By The Numbers" heads a section; no one's name starts with an article
        # Lower-case particles (de, van, bin) are fine, but most words must be capitalised.
        return len(words) >= 2 and len(capitalised) >= max(2, len(words) - 2) and words[0][0].isupper()
    return bool(capitalised)


def _cut_affiliation(part: str) -> str:
    """'Jane Roe Associated Press' -> 'Jane Roe': a name run into a newsroom or job title."""
    words = part.split()
    if words[:1] == ["Our"] or any(_ROLE.fullmatch(w.strip(".,")) for w in words[:2]):
        return part
    for i, w in enumerate(words[2:], start=2):
        if _ROLE.fullmatch(w.strip(".,")):
            return " ".join(words[:i])
    return part


_PARTICLES = frozenset(
    "and und et y e with de da di du van von der den del della la le bin al el of the for".split()
)


def byline_portion(raw: str) -> str | None:
    """The names part of a byline: after 'By', before any date, stamp or separator (None if nothing)."""
    # A sign-off's dash or a bullet before "By" is not part of the names.
    text = strip_byline_lead(_PARENS.sub(" ", one_line(raw)).lstrip(" -–—|•·*"))
    cut = _CUT.search(text)
    if cut and cut.start() > 0:
        glued = text[cut.start()].isdigit() and text[cut.start() - 1].isalpha()
        text = text[: cut.start()]
        # "Jane Roe22 Dec" is a name run into a date; "CC7567" is a user id, not a name.
        if glued and len(text.split()) < 2:
            return None
    elif cut:
        return None
    return text


def reads_as_names(portion: str) -> bool:
    """Every word capitalised, a joining word, a particle or a job title: a list of names, not a sentence."""
    for word in re.findall(r"[^\W\d_][\w'’.-]*", portion):
        if not (
            word[0].isupper() or word.lower() in _PARTICLES or _ROLE.fullmatch(word) or _CJK.search(word)
        ):
            return False
    return True


def split_names(raw: str, *, strict: bool = False, site_name: str | None = None) -> list[str]:
    """Names in a byline string, in order, without 'By', dates, roles or the outlet's name."""
    text = byline_portion(raw)
    if text is None:
        return []
    if strict and text.count(",") == 1 and not _AND.search(text):
        # "By Jane Roe, Riverside Sun": in a byline one comma without an "and" sets off an affiliation.
        text = text.split(",")[0]
    parts = [p.strip(" .,:;'\"-–—") for p in _SPLIT.split(text)]
    if strict:
        parts = [_cut_affiliation(p) for p in parts]
    parts = [p for p in parts if p]
    site = (site_name or "").strip().lower()
    names = [p for p in parts if looks_like_name(p, strict=strict)]
    # The outlet's own name beside a person's is an affiliation; alone, in metadata, it is the author.
    names = [p for p in names if p.lower() != site] or ([] if strict else names)
    people = [p for p in names if not _ROLE.search(p)]
    if people:
        names = people
    names = [_unshout(n) for n in names]
    seen: set[str] = set()
    out = []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


_WORD = re.compile(r"[^\W\d_]+")


def _unshout(name: str) -> str:
    """'TOM HARDY' (wire bylines are often in capitals) as 'Tom Hardy'; acronyms alone stay as they are."""
    if not name.isupper() or len(name.split()) < 2:
        return name
    return _WORD.sub(lambda m: m.group(0).capitalize(), name.lower())


def org_like(name: str, site_name: str | None = None) -> bool:
    """A newsroom or desk rather than a person: the site's own name, or words like Staff, News, Press."""
    return bool(site_name and name.lower() == site_name.lower()) or bool(_NEWSROOM.search(name))
