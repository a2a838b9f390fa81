"""Byline text to a list of person (or organisation) names."""

from __future__ import annotations

import re

from newsreader.text import one_line

_LEAD = re.compile(
    r"^(?:(?:written|words|story|text|reporting|reported|posted|report|compiled|edited)"
    r"(?:\s+and\s+(?:photos?|photographs|pictures|images|video|graphics))?\s+)?"
    r"(?:by|par|von|por|door|av|af|di)\b\s*:?\s*|^(?:authors?|byline|writer|reporter|words|text|story|reporting)\s*:\s*"
    # "Analysis by Jane Roe", "Opinion by", "Review by": a kind of piece, then its writer.
    r"|^(?:analysis|opinion|commentary|review|reviewed|interview|column|essay|perspective|text|"
    r"story\s+and\s+photos|words\s+and\s+pictures)\s+by\s+",
    re.I,
)
_PARENS = re.compile(r"\([^)]{0,200}\)|\[[^\]]{0,200}\]")
# "Bruno (Henrique Zecchin) Rodrigues": capitalised words in brackets inside a name are part of it.
_INNER_PARENS = re.compile(r"(?<=[^\W\d_] )\((?:[A-Z][\w'’.-]*\s?){1,3}\)(?= [A-Z])")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Where the names end: separators, dates, times and "updated/published" stamps that bylines carry along.
_CUT = re.compile(
    r"\s*(?:[|•·/]|\s[-–—]\s|[–—]|\d|\b(?:updated|published|posted|last updated|modified|on|at)\b(?:\s|$)"
    r"|(?-i:(?<=[a-z])(?=(?:Updated|Published|Posted|Follow|Share|Email)\b))"
    r"|\b(?:follow|share|e-?mail|more\s+(?:by|from|stories|articles)|view\s+(?:all|profile)|read\s+more)\b"
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
    r"associated|newsroom|editorial|board|special|for|the|of|in|from)\b",
    re.I,
)
_NEWSROOM = re.compile(_ROLE.pattern.replace("|for|the|of|in|from", ""), re.I)
_NOT_NAME = re.compile(
    r"https?:|www\.|@|\.(?:com|org|net)\b|^(?:admin|administrator|staff|guest|anonymous|unknown|none|null|"
    r"author|authors|follow|share|email|e-mail|twitter|facebook|more|view|profile|about|contact|home|"
    r"subscribe|sign in|log in|read more|comments?)$",
    re.I,
)
# Words of the headings over author boxes ("About the Author", "Meet Our Contributors"): never in a name.
_HEADING_WORD = re.compile(
    r"\b(?:about|author|authors|biography|profile|posts|articles|meet|written|newsletter|"
    r"subscribe|related|comments?)\b",
    re.I,
)
# Degrees and licences after a name ("Lauren Manaker MS, RDN, LD"): they belong to the person before them.
_CREDENTIAL = re.compile(
    r"(?:MD|DO|Ph\.?D\.?|DPhil|MPH|MBA|MSc|MS|MA|BA|BSc|BS|RN|RD|RDN|LD|LDN|CDN|CDE|CDCES|NP|PA-C|LCSW|"
    r"LMFT|LPC|PsyD|EdD|JD|Esq\.?|DDS|DMD|DVM|PharmD|CPA|CFA|CFP|CPT|CSCS|CNS|CPH|FACS|FACP|FAAP|FRCP|MRCP|"
    r"MBBS|BSN|MSN|DNP|IBCLC|MSW|OBE|MBE|CBE|FRS)"
)
# "James O' Brien": text pieces joined with a space split a name at its apostrophe.
_APOSTROPHE_GAP = re.compile(r"\b([A-Z][a-z]?['’])\s+(?=[A-Z])")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")
_ARTICLES = frozenset("the a an this that these those".split())
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def strip_byline_lead(text: str) -> str:
    """'By Jane Roe' -> 'Jane Roe' (also 'Written by', 'Par', 'Von', 'Author:')."""
    return _LEAD.sub("", text.strip(), count=1)


def looks_like_name(part: str, *, strict: bool) -> bool:
    """A plausible name: a few words, capitalised unless non-Latin, no addresses or digits."""
    if not part or len(part) > 60 or _NOT_NAME.search(part) or any(c.isdigit() for c in part):
        return False
    if _HEADING_WORD.search(part):
        return False  # "About the Author" heads an author box; it names no one
    if _CJK.search(part):
        return len(part) <= 25
    words = part.split()
    if not 1 <= len(words) <= 6:
        return False
    capitalised = [w for w in words if w[0].isupper()]
    if strict:
        if words[0].lower() in _ARTICLES:
            # "By The Numbers" heads a section; "By The Associated Press" is a newsroom signing.
            return words[0].lower() == "the" and len(words) >= 2 and bool(_NEWSROOM.search(part))
        if len(words) == 1:
            return bool(_ACRONYM.fullmatch(part))  # a wire signing in capitals: "AFP", "AP"
        # Lower-case particles (de, van, bin) are fine, but most words must be capitalised.
        return len(capitalised) >= max(2, len(words) - 2) and words[0][0].isupper()
    return bool(capitalised)


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_CAPS_WORD = re.compile(r"[A-Z][A-Z&.-]+")


def _cut_affiliation(part: str, site_name: str | None = None) -> str:
    """'Jane Roe Associated Press' -> 'Jane Roe': a name run into a newsroom, a job title, an outlet in
    capitals ("Kayla Jimenez USA TODAY") or the site's own name."""
    words = part.split()
    if words[:1] in (["Our"], ["The"]) or any(_ROLE.fullmatch(w.strip(".,")) for w in words[:2]):
        return part
    site = (site_name or "").strip().lower()
    for i in range(2, len(words)):
        w = words[i].strip(".,")
        if _ROLE.fullmatch(w) or (site and " ".join(words[i:]).lower() == site):
            return " ".join(words[:i])
        # Capitals after a name written in mixed case: two words of them, or a short acronym, is an
        # outlet; one longer word is a surname set in capitals ("Marie Claire DUPONT").
        rest = words[i:]
        if not part.isupper() and all(_CAPS_WORD.fullmatch(x) for x in rest):
            if len(rest) >= 2 or len(w) <= 4:
                return " ".join(words[:i])
    return part


_COLLECTIVE = re.compile(r"staff|team|desk|editors|reporters|writers|newsroom|bureau|contributors", re.I)


def _cut_sentence(part: str) -> str:
    """'Saima Sidik is science' -> 'Saima Sidik': a name runs until the first lower-case word that is
    not a particle (a biography's verb, a job title)."""
    words = part.split()
    for i, w in enumerate(words[1:], start=1):
        if w[0].islower() and w.lower() not in _PARTICLES and not _PARTICLE_PREFIX.match(w):
            if i == len(words) - 1 and _COLLECTIVE.fullmatch(w):
                return part  # "Science X staff": a newsroom signing, not a name and a job
            return " ".join(words[:i])
    return part


def _fold_credentials(parts: list[str]) -> list[str]:
    """Degrees after a name dropped ("Lauren Manaker MS", "RDN" -> "Lauren Manaker"), a "Jr." kept with
    the name before it."""
    out: list[str] = []
    for part in parts:
        words = part.split()
        # In a byline set all in capitals "MA" may be a surname ("JACK MA"): degrees are told by case.
        while len(words) > 1 and not part.isupper() and _CREDENTIAL.fullmatch(words[-1].strip(".,")):
            words.pop()
        if not words or all(_CREDENTIAL.fullmatch(w.strip(".,")) for w in words):
            continue
        if len(words) == 1 and _SUFFIX.fullmatch(words[0]) and out:
            out[-1] = f"{out[-1]} {words[0]}"
            continue
        out.append(" ".join(words))
    return out


_PARTICLES = frozenset(
    "and und et y e with de da di du do dos das van von der den del della degli la le bin ibn ben bint al el "
    "ter ten zu zur af av of the for".split()
)
_PARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ud|bin|ibn|d|l|dell|van|de)[-'’]\w")  # "al-Haytham", "d'Arcy"
_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_STAMP = re.compile(
    rf"\d|\b{_MONTH_WORD}(?:\s|$)|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:today|yesterday)\b", re.I
)
_POSTED_ON = re.compile(
    r"^(?:(?:posted|published|written|updated|last\s+updated)\s+)?(?:on\s+)?[^|]{0,50}?\s+by\s+(?=\S)", re.I
)


def _drop_brackets(m: re.Match[str]) -> str:
    inner = _INNER_PARENS.match(m.string, m.start())
    return m.group(0) if inner and inner.end() == m.end() else " "


def stamp_then_by(text: str) -> bool:
    """'Posted on March 3, 2024 by Jane Roe': a date or stamp, then the names after "by"."""
    posted = _POSTED_ON.match(text)
    if not posted or re.match(r"\W*by\b", text, re.I):
        return False  # "By Jane Roe, photos by John Doe" is a by-line of its own
    return bool(_STAMP.search(text[: posted.end()]))


def byline_portion(raw: str) -> str | None:
    """The names part of a byline: after 'By', before any date, stamp or separator (None if nothing)."""
    # A sign-off's dash or a bullet before "By" is not part of the names.
    text = " ".join(_PARENS.sub(_drop_brackets, one_line(raw)).split()).lstrip(" -–—|•·*")
    text = _APOSTROPHE_GAP.sub(r"\1", text)
    posted = _POSTED_ON.match(text)
    if posted and stamp_then_by(text):
        text = text[posted.end() :]  # "Posted on March 3, 2024 by Jane Roe": the names follow the stamp
    text = strip_byline_lead(text)
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
    """Names in a byline string, in order, without 'By', dates, roles, degrees or the outlet's name."""
    text = byline_portion(raw)
    if text is None:
        return []
    if strict and text.count(",") == 1 and not _AND.search(text):
        # "By Jane Roe, Riverside Sun": in a byline one comma without an "and" sets off an affiliation.
        text = text.split(",")[0]
    parts = _fold_credentials([p.strip(" .,:;'\"-–—") for p in _SPLIT.split(text)])
    parts = [_cut_sentence(p) for p in parts]
    if strict:
        parts = [_cut_affiliation(p, site_name) for p in parts]
    return _names_of(parts, strict=strict, site_name=site_name)


def _names_of(parts: list[str], *, strict: bool, site_name: str | None) -> list[str]:
    parts = [p for p in parts if p]
    site = (site_name or "").strip().lower()
    names = [p for p in parts if looks_like_name(p, strict=strict)]
    # The outlet's own name beside a person's is an affiliation; alone, in metadata, it is the author.
    names = [p for p in names if p.lower() != site] or ([] if strict else names)
    people = [p for p in names if not _ROLE.search(p) and not _ACRONYM.fullmatch(p)]
    if people:
        names = people
    names = [_unshout(n[0].upper() + n[1:]) for n in names]
    seen: set[str] = set()
    out = []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def split_entity_name(name: str, site_name: str | None = None) -> list[str]:
    """Names in one structured author's name (JSON-LD): split at "&", "and" or commas only when every
    piece is a whole name ("Jane Roe & John Doe"), never "Tom & Lorenzo" or "Procter & Gamble"."""
    text = byline_portion(name)
    if text is None:
        return []
    parts = _fold_credentials([p.strip(" .,:;'\"-–—") for p in _SPLIT.split(text)])
    parts = [_cut_sentence(p) for p in parts if p]
    if len(parts) > 1 and not all(len(p.split()) >= 2 for p in parts):
        parts = [_cut_sentence(" ".join(_fold_credentials([text.strip(" .,;")])))]
    return _names_of(parts, strict=False, site_name=site_name)


_WORD = re.compile(r"[^\W\d_]+")


def _unshout(name: str) -> str:
    """'TOM HARDY' (wire bylines are often in capitals) as 'Tom Hardy'; acronyms alone stay as they are,
    and so do short words in a newsroom's name ("TMZ STAFF" -> "TMZ Staff")."""
    if not name.isupper() or len(name.split()) < 2:
        return name
    newsroom = bool(_NEWSROOM.search(name))

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        keep = newsroom and len(w) <= 3 and w.lower() not in _PARTICLES
        return w if keep else w.capitalize()

    return _WORD.sub(word, name)


def org_like(name: str, site_name: str | None = None) -> bool:
    """A newsroom or desk rather than a person: the site's own name, or words like Staff, News, Press."""
    return bool(site_name and name.lower() == site_name.lower()) or bool(_NEWSROOM.search(name))
