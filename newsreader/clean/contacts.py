"""Tip and contact lines: recognising them by shape, and the addresses, handles, numbers and links in them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsreader.models import Contact
from newsreader.networks import SOCIAL_NETWORKS

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
FEDIVERSE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{1,40}@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?(?![\w@])")
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w-])"
)
URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"')\]]*)?", re.I)
SOCIAL_HOSTS = tuple(SOCIAL_NETWORKS)

# The cue that a short line is about reaching someone rather than part of the story.
_IMPERATIVE = re.compile(
    r"^\W{0,3}(?:you\s+can\s+|please\s+|to\s+)?(?:follow|reach|contact|e-?mail|send|call|text|message|dm|tell\s+us|"
    r"write\s+to|tweet|find|connect\s+with|get\s+in\s+touch|share\s+your|tips?\s*:|"
    r"(?:do\s+you\s+)?(?:have|got)\s+(?:(?:a|an|any|some)\s+)?(?:news\s+)?"
    r"(?:tips?|story|stories|questions?|ideas?|feedback|thoughts)\b|know\s+something|questions?\b[^.]{0,80}\?|"
    r"tips?\b[^.]{0,80}\?|story\s+ideas?\b[^.]{0,80}\?|comments?\b[^.]{0,80}\?|"
    r"(?:on\s+)?(?:twitter|x|mastodon|bluesky|threads|instagram|facebook|linkedin|tiktok|signal|whatsapp|"
    r"phone|tel|telephone|web(?:site)?)\s*:|"
    # German, French, Spanish, Italian: "Folgen Sie uns", "Suivez-nous", "Síguenos", "Seguici", "Schreiben Sie
    # der Autorin", "Contactez l'auteur", "Escríbenos", "Scrivi alla redazione", "Kontakt:".
    r"folg(?:en|e)\b|schreiben\s+sie|schreib\b|kontaktieren\s+sie|kontakt\s*:|"
    r"suivez|contactez|[ée]crivez|contact\s*:|"
    r"s[íi]gue(?:nos|me|lo|la)?\b|s[íi]ganos|escr[íi]b(?:enos|eme|anos|enos)|contacta(?:nos|r)?\b|contacto\s*:|"
    r"seguic?i\b|seguimi|seguite(?:ci)?\b|scriv(?:ici|imi|i|ete)\b|contatta(?:ci|mi)?\b|contatti\s*:)",
    re.I,
)
_ASKS = re.compile(
    r"\b(?:contact|reach|send|submit|share\s+your|tips?|questions?|story\s+ideas?|e-?mail|write\s+to|get\s+in\s+touch)\b",
    re.I,
)
_REACHABLE = re.compile(
    r"\b(?:can|may)\s+be\s+(?:reached|contacted|e-?mailed|found)\b|\bis\s+on\s+(?:twitter|x|mastodon|bluesky|"
    r"threads|instagram)\b|\b(?:reach|follow|contact|e-?mail)\s+(?:him|her|them|me|us)\b",
    re.I,
)
# Quoted speech or attribution means the line is reporting, whatever addresses it holds.
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|according\s+to|asked|wrote|added|stated)\b|[\"“”]", re.I)
# Words that label an address rather than tell a story ("Email:", "or on X", "Tel.").
_LABEL_WORD = re.compile(
    r"e-?mail|mail|phone|tel|telephone|cell|mobile|fax|call|text|or|and|at|on|via|to|by|x|twitter|mastodon|"
    r"bluesky|threads|instagram|facebook|linkedin|tiktok|signal|whatsapp|telegram|web|website|tips?|contact|"
    r"reach|follow|send|dm|me|us|him|her|them|auf|sur|en|su|uns|nous|nos|ci|oder|ou|o|und|et|y|e|kontakt|"
    r"contacto|contatti",
    re.I,
)
# Whom an imperative or "can be reached" line is about: the writer or the newsroom, not an office the story
# tells readers to call ("Contact the county clerk's office at 555-0150 to request a ballot" is story).
_ABOUT_US = re.compile(
    r"\b(?:tips?|story\s+ideas?|ideas?\s+for|news\s+tips?|feedback|letters|corrections|reporters?|writers?|authors?|"
    r"editor|editors|columnist|correspondent|journalist|photographer|newsroom|desk|us|me|him|her|them|our|my|"
    r"uns|mir|ihm|ihr|autor(?:in)?|redaktion|nous|moi|auteur|autrice|r[ée]daction|rédaction|nos|redacci[óo]n|"
    r"autora?|noi|ci|mi|redazione|autore)\b|\?|-(?:nous|moi)\b|(?<=\w)(?:nos|ci)\b",
    re.I,
)
_PLATFORM = re.compile(
    r"\b(?:twitter|mastodon|bluesky|threads|instagram|facebook|linkedin|tiktok|signal|x)\b", re.I
)


def _mostly_addresses(text: str) -> bool:
    """'Jane Roe: jane@outlet.example | @janeroe': little but addresses, handles and numbers, and the words
    around them only a name or a contact label ("County elections office: 555-0150" is a help line)."""
    if len(text) > 160:
        return False
    rest = PHONE.sub(" ", HANDLE.sub(" ", URL.sub(" ", EMAIL.sub(" ", FEDIVERSE.sub(" ", text)))))
    if rest == text:
        return False
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return len(words) <= 5 and all(w[0].isupper() or _LABEL_WORD.fullmatch(w) for w in words)


def _has_phone(text: str) -> bool:
    return any(7 <= sum(c.isdigit() for c in m.group(0)) <= 15 for m in PHONE.finditer(text))


def is_contact_line(text: str, *, max_len: int = 320, names: list[str] | None = None) -> bool:
    """A short line that tells readers how to reach the writer or the newsroom, and holds something to reach
    them by. names: the person the line names, when it names one ("Email Jane Roe at ...")."""
    if len(text) > max_len or _ATTRIBUTION.search(text):
        return False
    if _mostly_addresses(text):
        return True
    if not (_IMPERATIVE.search(text) or _REACHABLE.search(text)):
        return False
    handle = FEDIVERSE.search(text) or HANDLE.search(text)
    if not (handle or names or _ABOUT_US.search(text) or _PLATFORM.search(text)):
        return False
    if EMAIL.search(text) or handle or _has_phone(text) or _PLATFORM.search(text):
        return True
    # A bare link only counts when the line asks for tips or contact ("follow the trail at www..." does not).
    return bool(URL.search(text)) and bool(_ASKS.search(text))


_FOLLOW = re.compile(
    r"^\W*(?:follow|find|connect\s+with|folgen\s+sie|folge|suivez(?:-\w+)?|s[íi]gue(?:nos|me)?|seguic?i|seguimi)\s+",
    re.I,
)


def social_link(href: str) -> str | None:
    """href when it points at a profile on a social network, else None."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("mobile.")
    if host in SOCIAL_HOSTS or host.startswith("mastodon.") or ".social" in host:
        return href
    return None


def contacts_in(text: str, links: list[str] | None = None) -> list[Contact]:
    """Every address, handle, phone number and link in one contact line; the line itself is the label."""
    label = text.strip()
    found: list[Contact] = []
    seen: set[str] = set()

    def add(kind, value: str) -> None:
        key = value.lower().rstrip("/")
        if key not in seen:
            seen.add(key)
            found.append(Contact(kind, value, label))

    rest = text
    for m in FEDIVERSE.finditer(text):
        add("social", m.group(0))
        seen.add(m.group(0)[1:].lower())  # the user@host inside is not an e-mail address
    rest = FEDIVERSE.sub(" ", rest)
    for m in EMAIL.finditer(rest):
        add("email", m.group(0))
    no_mail = EMAIL.sub(" ", rest)
    for m in URL.finditer(no_mail):
        value = m.group(0).rstrip(".,;:!?")
        add("social" if social_link(value) else "url", value)
    no_urls = URL.sub(" ", no_mail)
    for m in HANDLE.finditer(no_urls):
        add("social", m.group(0))
    for m in PHONE.finditer(no_urls):
        if 7 <= sum(c.isdigit() for c in m.group(0)) <= 15:
            add("phone", m.group(0).strip())
    for href in links or ():
        if href.lower().startswith("mailto:"):
            add("email", href[7:].split("?")[0])
        elif href.lower().startswith("tel:"):
            add("phone", href[4:])
        elif href.lower().startswith(("http://", "https://")):
            add("social" if social_link(href) else "url", href)
    if not found and _PLATFORM.search(label) and _FOLLOW.match(label):
        add("social", _FOLLOW.sub("", label).rstrip("."))
    elif not found:
        add("other", label)
    return found


def links_in_line(links: list[str], line: str) -> list[str]:
    """The mailto: and tel: links whose address appears in line (for a block of several lines)."""
    return [
        h for h in links if h.startswith(("mailto:", "tel:")) and h.split(":", 1)[1].split("?")[0] in line
    ]
