"""What must never reach a terminal raw, as the tests check it."""

import re

# C0 controls but tab and newline, DEL, and C1 controls (some terminals obey those as escapes).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# ... and bidi controls, zero-width and invisible format characters, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)
