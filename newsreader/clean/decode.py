"""Bytes of a page to text: BOM, UTF-16/32, UTF-8, then a declared charset that fits, then detection."""

from __future__ import annotations

import codecs
import re

_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)
_TAGS = re.compile(rb"<[^<>]{0,2000}>")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What browsers do: these labels mean windows-1252 on the web, which is a superset of them.
_WEB_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "shift-jis": "shift_jis",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_SAMPLE = 256 * 1024  # detection reads this much text at most, so a 20 MB page is not slow


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def declared_charsets(data: bytes, header: str | None = None) -> list[str]:
    """The charsets named by a Content-Type header, then by the page itself, that Python knows."""
    found = []
    if header and (m := _HEADER.search(header)):
        found.append(_codec(m.group(1)))
    head = data[:4096]
    if m := _XML_DECL.search(head) or _DECLARED.search(head):
        found.append(_codec(m.group(1).decode("ascii")))
    return [c for i, c in enumerate(found) if c and c not in found[:i]]


def _fits(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def wide_unicode(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) for UTF-16 or UTF-32 text, by its BOM or by where its NUL bytes fall."""
    for bom, codec in _BOMS[1:]:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4096]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None
    for codec, width, at in (
        ("utf-32-be", 4, 3),
        ("utf-32-le", 4, 0),
        ("utf-16-be", 2, 1),
        ("utf-16-le", 2, 0),
    ):
        # ASCII in these encodings: every character's one non-NUL byte sits at the same offset.
        units = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
        plain = sum(1 for u in units if u[at] != 0 and u.count(0) == width - 1)
        if plain >= 0.9 * len(units):
            return codec, 0
    return None


def decode_page(body: bytes, content_type: str | None) -> str:
    """A page's bytes as text, the one decoder for fetched pages and `extract` alike.

    In order: a BOM; UTF-16/32 by their NUL bytes; valid UTF-8 (a page declaring Latin-1 that is valid
    UTF-8 is UTF-8); the Content-Type header's charset, then the page's own, the first that decodes
    (Latin-1 and ASCII labels read as windows-1252, as browsers do); else detection. Never fails.
    """
    data = body
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    wide = wide_unicode(data)
    if wide:
        return data[wide[1] :].decode(wide[0], "replace")
    declared = declared_charsets(data, content_type)
    # Valid UTF-8 with non-ASCII bytes is almost never an accident, whatever the page declares.
    if not data.isascii() and _fits(data, "utf-8"):
        return data.decode("utf-8")
    for codec in declared:
        if codec != "utf-8" and _fits(data, codec):
            return data.decode(codec)
    if data.isascii():
        return data.decode("ascii")
    return data.decode(_detect(data), "replace")


def _detect(data: bytes) -> str:
    import chardet

    text = _TAGS.sub(b" ", data[:_SAMPLE])
    guess = chardet.detect(text).get("encoding") if len(text.strip()) >= 8 else None
    codec = _codec(guess)
    # chardet reports plain Latin text as ISO-8859-1 or similar; cp1252 is what such pages mean.
    if codec is None or codec in ("latin_1", "iso8859-1", "ascii"):
        codec = "cp1252"
    return codec
