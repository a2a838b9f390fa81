"""Photo and image credits: whole credit lines, and the credit at the end of a caption."""

from __future__ import annotations

import re

_CAP = r"[A-ZÀ-ÖØ-Þ][\w.'’&-]*"
_NAMEISH = rf"{_CAP}(?:\s+(?:{_CAP}|de|da|di|du|van|von|der|del|la|le|of|the)){{0,5}}"
# "REUTERS/First Last", "AP Photo/Jane Doe", "Jane Doe/Getty Images": the wire shape, names on both sides.
# "Bettmann//Getty Images" (two slashes), "AP Photo/Jane Doe, File" (a kind of picture after a comma).
_SEP = r"\s*/{1,2}\s*"
_TAG = rf"(?:,\s*{_NAMEISH})?"
_SLASH = re.compile(
    rf"^\(?\s*(?:{_NAMEISH}){_SEP}(?:{_NAMEISH})(?:\s+(?:via|for)\s+{_NAMEISH})?{_TAG}\s*\)?\.?$"
)
# English, and the words other languages use in the same place ("Foto:", "Bild:", "Fotografía:").
_KIND = (
    r"(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|graphics?|videos?|artwork|cartoon|map|"
    r"fotos?|fotografi[ae]s?|fotograf[íi]as?|bild(?:er)?|grafik|illustration)"
)
_LABELLED = re.compile(
    rf"^\(?\s*(?:(?:top|above|below|left|right|lead|main|header|cover|featured|staff|file|contributed|"
    rf"submitted|handout)\s+)?(?:{_KIND}\s*(?:by|via|:|credits?\s*:?|courtesy(?:\s+of)?|copyright|source\s*[,:])|"
    r"credits?\s*(?::|\.\.\.|…)|courtesy(?:\s+of)?\s|source\s*:|©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))",
    re.I,
)
# Where a credit starts inside a caption: after a sentence, a dash or a bar, or in final parentheses.
_TAIL = re.compile(
    r"(?:(?<=[.!?])\s+|\s+[|–—-]\s+|\s*\(|^)((?:(?:staff|file|contributed|submitted|handout)\s+)?"
    rf"(?:{_KIND}\s*(?:by|via|:|credits?\s*:?|courtesy(?:\s+of)?|copyright|source\s*[,:])|credits?\s*:|"
    r"courtesy(?:\s+of)?\s|©|\(c\)\s)[^()]{1,120}\)?)$",
    re.I,
)
_PAREN_SLASH = re.compile(rf"\s*\(\s*({_NAMEISH}{_SEP}{_NAMEISH}(?:\s+via\s+{_NAMEISH})?{_TAG})\s*\)\s*$")
_SENT_SLASH = re.compile(rf"(?<=[.!?])\s+({_NAMEISH}{_SEP}{_NAMEISH}(?:\s+via\s+{_NAMEISH})?)\.?\s*$")
# A licensing link run into the credit ("REUTERS/Jane Doe Purchase Licensing Rights, opens new tab").
_LICENSING = re.compile(
    r"\s*(?:purchase|buy)\s+(?:licensing|reprint)\s+rights\b.*$|,?\s*opens\s+(?:in\s+)?new\s+(?:tab|window)\s*$",
    re.I,
)


# "Getty Images", "AFP via Getty Images", "Courtesy Photos": a picture agency's name ends the line.
_AGENCY = re.compile(
    rf"^\(?(?:{_NAMEISH}\s+(?:via|for)\s+)?{_NAMEISH}\s+(?:Images|Photos?|Pictures|Photography)\)?\.?$"
)


_CLAUSE = re.compile(r"[,;]\s+[a-z]")


def is_credit_line(text: str) -> bool:
    """A short line that is all credit: 'Photo by X', 'Credit: X', 'REUTERS/First Last'."""
    text = _LICENSING.sub("", text.strip())
    if not text or len(text) > 160:
        return False
    if _SLASH.match(text) or (len(text) <= 60 and _AGENCY.match(text)):
        return True
    # "Courtesy of the city, residents got tickets" goes on as a sentence: a credit does not.
    return bool(_LABELLED.match(text)) and len(text.split()) <= 20 and not _CLAUSE.search(text)


def split_caption(text: str) -> tuple[str, str | None]:
    """A caption without its credit, and the credit (None when it has none)."""
    text = _LICENSING.sub("", text.strip())
    if is_credit_line(text):
        return "", text.strip("() ")
    for pattern in (_PAREN_SLASH, _SENT_SLASH, _TAIL):
        m = pattern.search(text)
        if m and m.start() > 0:
            return text[: m.start()].rstrip(" |–—-"), m.group(1).strip("() ")
    return text, None


def wire_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) when a caption ends in a wire's slash credit ("... (AP Photo/Jane Doe)",
    "... REUTERS/Jane Doe"): a shape no story sentence has, so it is a caption wherever it sits."""
    if "/" not in text:
        return None
    text = _LICENSING.sub("", text.strip())
    for pattern in (_PAREN_SLASH, _SENT_SLASH):
        m = pattern.search(text)
        if m and m.start() > 0:
            return text[: m.start()].rstrip(" |–—-"), m.group(1).strip("() ")
    return None
