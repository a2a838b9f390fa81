"""Display fields from feeds: one clean line, whatever the feed sent."""

from __future__ import annotations

import pytest

from newsreader.text import one_line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Plain title", "Plain title"),
        ("  padded  ", "padded"),
        ("two  spaces", "two spaces"),
        ("line\nbreak\ttab", "line break tab"),
        ("no\u00a0break\u2028sep", "no break sep"),
        ("red \x1b[31malert\x1b[0m", "red alert"),
        ("c1 \x9b31m controls\x07", "c1 31m controls"),
        ("caf\u00e9 \u65e5\u672c", "caf\u00e9 \u65e5\u672c"),
        ("", ""),
        (None, ""),
    ],
)
def test_one_line(raw, shown):
    assert one_line(raw) == shown
