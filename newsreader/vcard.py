"""Authors and their contact lines as vCard 4.0 (RFC 6350), the form address books import.

Every value from outside is one line with no control character before it is escaped (text) or
percent-encoded (URIs), so a name or a label can never start a property or a card of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from newsreader.models import ContactCard, PersonContact
from newsreader.networks import SOCIAL_NETWORKS
from newsreader.text import one_line

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 6350 3.2: longer content lines are folded
_URI_SAFE = "/:@!$&'()*+=?#~-._%[]"
_TEXTING = re.compile(r"\b(?:signal|whatsapp|text|sms|telegram)\b", re.I)
_SECURE_DROP = re.compile(r"securedrop|\.onion\b", re.I)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 6350 3.4): backslash, comma, semicolon and newline escaped, on one line."""
    value = one_line(value)
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def uri(value: str) -> str:
    """A URI value with nothing in it that vCard or a line would read as structure."""
    return quote(one_line(value), safe=_URI_SAFE)


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character, continuation lines led by a space."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    parts, start, room = [], 0, LINE_OCTETS
    while start < len(data):
        end = min(start + room, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte: step back
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, room = end, LINE_OCTETS - 1
    return (CRLF + " ").join(parts)


def _name_parts(name: str) -> str:
    words = one_line(name).split()
    family = words[-1] if len(words) > 1 else (words[0] if words else "")
    given = " ".join(words[:-1]) if len(words) > 1 else ""
    return f"{escape_text(family)};{escape_text(given)};;;"


def _social(value: str, label: str) -> str:
    if value.lower().startswith(("http://", "https://")):
        host = (urlsplit(value).hostname or "").removeprefix("www.")
        network = SOCIAL_NETWORKS.get(host)
        kind = f";TYPE={network}" if network else ""
        return f"X-SOCIALPROFILE{kind}:{uri(value)}"
    network = next((n for n in set(SOCIAL_NETWORKS.values()) if re.search(rf"\b{n}\b", label, re.I)), None)
    kind = f";TYPE={network}" if network else ""
    return f"X-SOCIALPROFILE{kind};VALUE=text:{escape_text(value)}"


def _property(c: PersonContact) -> str:
    if c.kind == "email":
        return f"EMAIL;TYPE=work:{escape_text(c.value)}"
    if c.kind == "phone":
        digits = "".join(ch for ch in c.value if ch.isdigit() or ch == "+")
        kind = "text" if _TEXTING.search(c.label) else "voice"
        return f"TEL;VALUE=uri;TYPE={kind}:tel:{uri(digits)}"
    if c.kind == "social":
        return _social(c.value, c.label)
    if c.kind == "url":
        kind = ";TYPE=securedrop" if _SECURE_DROP.search(c.value + " " + c.label) else ""
        value = c.value if "://" in c.value else f"https://{c.value}"
        return f"URL{kind}:{uri(value)}"
    return f"NOTE:{escape_text(c.value)}"


def _source(c: PersonContact, articles: int) -> str:
    where = f"{c.article_title} <{c.article_link}>" if c.article_link else c.article_title
    more = f" and {articles - 1} more" if articles > 1 else ""
    return f"{c.value}: {c.label} (from {where}{more})"


def card(card: ContactCard) -> list[str]:
    """One card's content lines, unfolded."""
    p = card.person
    lines = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//newsreader//authors//EN"]
    if p.kind == "organisation":
        lines += ["KIND:org", f"FN:{escape_text(p.name)}", "N:;;;;", f"ORG:{escape_text(p.name)}"]
    else:
        outlet = next((one_line(f) for f in p.feeds[:1] if one_line(f)), p.outlet)
        lines += ["KIND:individual", f"FN:{escape_text(p.name)}", f"N:{_name_parts(p.name)}"]
        if outlet:
            lines.append(f"ORG:{escape_text(outlet)}")
    seen: set[str] = set()
    for c in card.contacts:
        prop = _property(c)
        if prop not in seen:
            seen.add(prop)
            lines.append(prop)
    if card.contacts:
        lines.append("NOTE:" + "\\n".join(escape_text(_source(c, n)) for c, n in card.distinct()))
    return [*lines, "END:VCARD"]


def to_vcard(cards: Iterable[ContactCard]) -> str:
    """Every card, CRLF line endings and 75-octet folding."""
    return "".join(fold(line) + CRLF for c in cards for line in card(c))
