"""Query text to tokens, each with the column it starts at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsreader.query.syntax import QuerySyntaxError

Kind = Literal["(", ")", "AND", "OR", "NOT", "-", "word", "phrase", "field"]
KEYWORDS = ("AND", "OR", "NOT")
_STOPS = ' \t\n\r\f\v()"'


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    position: int
    text: str = ""  # a word or phrase; a field's value
    name: str = ""  # a field's name, lower case
    quoted: bool = False  # a field's value was a "phrase"
    value_position: int = 0


def _phrase(query: str, start: int) -> tuple[str, int]:
    """The text of the phrase whose opening quote is at start, and the index after its closing quote."""
    end = query.find('"', start + 1)
    if end < 0:
        raise QuerySyntaxError("unclosed quote", start, query)
    return query[start + 1 : end], end + 1


def tokens(query: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(Token(c, i))  # type: ignore[arg-type]
            i += 1
        elif c == '"':
            text, i = _phrase(query, i)
            out.append(Token("phrase", i - len(text) - 2, text))
        elif c == "-" and i + 1 < n and not query[i + 1].isspace() and (i == 0 or query[i - 1] in _STOPS):
            out.append(Token("-", i))
            i += 1
        else:
            start = i
            while i < n and query[i] not in _STOPS:
                i += 1
            run = query[start:i]
            name, colon, value = run.partition(":")
            if colon and name.isalpha():
                quoted = not value and i < n and query[i] == '"'
                value_at = start + len(name) + 1
                if quoted:
                    value, i = _phrase(query, i)
                out.append(Token("field", start, value, name.lower(), quoted, value_at))
            elif run in KEYWORDS:
                out.append(Token(run, start))  # type: ignore[arg-type]
            else:
                out.append(Token("word", start, run))
    return out
