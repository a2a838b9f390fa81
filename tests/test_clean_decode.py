"""One page decoder for refresh and `extract`: the cases where the two old decoders disagreed."""

from __future__ import annotations

import codecs

import pytest

from newsreader.clean.decode import decode_page

CYRILLIC = "Привет, мир: новости города"


@pytest.mark.parametrize(
    ("body", "content_type", "text"),
    [
        # Latin-1 labels mean windows-1252 on the web: 0x93/0x94 are quotes, not C1 controls.
        ("“quoted” café".encode("cp1252"), "text/html; charset=iso-8859-1", "“quoted” café"),
        # Valid UTF-8 declared as Latin-1 is UTF-8 (the other rule made "cafÃ©").
        ("café — naïve".encode(), "text/html; charset=iso-8859-1", "café — naïve"),
        # UTF-16 with a BOM and no declaration at all.
        (codecs.BOM_UTF16_LE + "<p>café</p>".encode("utf-16-le"), None, "<p>café</p>"),
        # UTF-16 without a BOM, found by where its NUL bytes fall.
        (
            "<html><p>plain text here</p></html>".encode("utf-16-le"),
            "text/html",
            "<html><p>plain text here</p></html>",
        ),
        # Nothing declared: detected, not read as windows-1252.
        (
            f"<p>{CYRILLIC}. {CYRILLIC}. {CYRILLIC}.</p>".encode("cp1251"),
            None,
            f"<p>{CYRILLIC}. {CYRILLIC}. {CYRILLIC}.</p>",
        ),
        # The header is wrong, the page's own meta is right: the first declaration that fits wins.
        (
            f'<meta charset="windows-1251"><p>{CYRILLIC}</p>'.encode("cp1251"),
            "text/html; charset=utf-8",
            f'<meta charset="windows-1251"><p>{CYRILLIC}</p>',
        ),
        # A UTF-8 BOM wins over any label.
        (codecs.BOM_UTF8 + "café".encode(), "text/html; charset=iso-8859-1", "café"),
        # The cases the fetcher's decoder already handled stay as they were.
        (CYRILLIC.encode("cp1251"), "text/html; charset=windows-1251", CYRILLIC),
        ("café".encode(), None, "café"),
        (b"caf\xe9", "text/html", "café"),
    ],
    ids=[
        "latin1-label-is-cp1252",
        "utf8-declared-latin1",
        "utf16-bom",
        "utf16-no-bom",
        "undeclared-cp1251",
        "wrong-header-right-meta",
        "utf8-bom",
        "header-cp1251",
        "plain-utf8",
        "short-latin1",
    ],
)
def test_decode_page(body, content_type, text):
    assert decode_page(body, content_type) == text


def test_unknown_labels_and_broken_bytes_never_fail():
    assert decode_page(b"\xff\xfe\xfa abc", "text/html; charset=no-such-thing") != ""
