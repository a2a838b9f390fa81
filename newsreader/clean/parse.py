"""Text of a page or feed item to an lxml tree, refusing what is not HTML with a one-line reason."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from newsreader.clean.bounds import bound_markup
from newsreader.clean.decode import decode_page, wide_unicode
from newsreader.clean.errors import CleanError

_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_WHOLE_PAGE = re.compile(r"<(?:!doctype|html|head|body)\b", re.I)
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "a program",
    b"RIFF": "a media file",
    b"OggS": "a media file",
    b"\x00\x00\x01\x00": "an icon",
}
# Bytes that text never holds: C0 controls other than tab, newline, form feed, carriage return, escape.
_TEXT_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
MAX_CHARS = 4_000_000
# Elements that never hold story text: dropped before anything reads the tree.
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "object",
    "embed",
    "select",
)


def to_text(data: str | bytes, content_type: str | None = None) -> str:
    """Decode and sanity-check raw input: empty and binary data are refused."""
    if isinstance(data, bytes):
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise CleanError(f"not a web page: looks like {what}")
        head = data[:4096]
        wide = wide_unicode(data) is not None  # UTF-16 and UTF-32 text is full of NULs
        if not wide and len(head.translate(None, _TEXT_BYTES)) > len(head) // 50:
            raise CleanError("not a web page: looks like binary data")
        text = decode_page(data, content_type)
    else:
        text = data
        head = text[:4096]
        if sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f\x1b") > len(head) // 50:
            raise CleanError("not a web page: looks like binary data")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.strip():
        raise CleanError("empty page")
    if len(text) > MAX_CHARS:
        # Huge pages are mostly scripts; past that, the story is in the first few megabytes if anywhere.
        text = strip_scripts(text)[:MAX_CHARS]
    return text


def strip_scripts(text: str) -> str:
    """The text without <script> and <style> elements (JSON-LD kept), in one linear pass."""
    low = text.lower()
    out: list[str] = []
    pos = 0
    while True:
        starts = [i for i in (low.find("<script", pos), low.find("<style", pos)) if i >= 0]
        if not starts:
            break
        start = min(starts)
        tag = "script" if low.startswith("<script", start) else "style"
        open_end = low.find(">", start)
        close = low.find(f"</{tag}", open_end if open_end >= 0 else start)
        if "ld+json" in low[start : open_end if open_end >= 0 else start + 200]:
            out.append(text[pos : close if close >= 0 else len(text)])
            pos = close if close >= 0 else len(text)
            if close < 0:
                break
            out.append(text[pos : pos + len(tag) + 2])
            pos += len(tag) + 2
            continue
        out.append(text[pos:start])
        if close < 0:
            pos = len(text)  # an unclosed script runs to the end of the page, as browsers read it
            break
        end = low.find(">", close)
        pos = end + 1 if end >= 0 else len(text)
    out.append(text[pos:])
    return "".join(out)


def is_whole_page(text: str) -> bool:
    """A whole page has a doctype, html, head or body tag near the start; a feed item's HTML has none."""
    return bool(_WHOLE_PAGE.search(text[:4096]))


def parse_html(text: str, *, fragment: bool) -> lxml.html.HtmlElement:
    """Parse into a document; a fragment is wrapped in a body so both shapes look alike downstream.

    The markup is bounded first (bounds.py), so no input costs libxml2 more than linear time.
    """
    raw = bound_markup(text).text.encode("utf-8", "replace")
    try:
        if fragment:
            doc = lxml.html.document_fromstring(
                b"<html><body><div>" + raw + b"</div></body></html>", parser=_PARSER
            )
        else:
            doc = lxml.html.document_fromstring(raw, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CleanError(
            f"cannot parse the page: {str(exc).splitlines()[0] if str(exc) else 'no HTML'}"
        ) from None
    return doc


def drop_non_text(doc: lxml.html.HtmlElement) -> None:
    """Remove scripts, styles, inline graphics and the like (after metadata has been read from them)."""
    for el in list(doc.iter(*_NEVER_TEXT)):
        if el.getparent() is not None:
            el.drop_tree()
