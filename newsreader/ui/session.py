"""What the interface remembers between runs: the view, the cursor, the open article, the filter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsreader.ui.view import View

UNREAD_ONLY = "ui.unread_only"
VIEW = "ui.view"
CURSOR = "ui.cursor"
ARTICLE = "ui.article"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@dataclass(frozen=True, slots=True)
class Session:
    unread_only: bool = False
    view: View | None = None
    cursor: int | None = None  # the article to put under the cursor
    article: int | None = None  # the article to open (None: select only)

    @classmethod
    def from_state(cls, get: Callable[[str], str | None]) -> Session:
        cursor, article = _int(get(CURSOR)), _int(get(ARTICLE))
        if cursor is None:
            cursor = article
        elif cursor != article:
            article = None  # the cursor had moved on from the open article: select, don't open
        return cls(get(UNREAD_ONLY) == "1", View.from_key(get(VIEW)), cursor, article)
