"""n and N: the next (or previous) unread article, in the view shown, then in the feeds after it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from newsreader.models import ArticleRow
from newsreader.ui.messages import View

CHUNK = 200  # rows read at a time when scanning a long view for the next unread one


class Reads(Protocol):
    """What the search needs of the engine (ui/data.py hands it one)."""

    def rows(self, ids: list[int]) -> list[ArticleRow]: ...

    def article_ids(self, *, feed_id: int | None = None, unread_only: bool = False) -> list[int]: ...


@dataclass(frozen=True, slots=True)
class Position:
    """Where the reader is: the view shown (None from the feeds pane) and the feeds in screen order."""

    view: View | None
    ids: list[int]
    cursor: int
    highlighted: View | None  # the feeds pane's entry
    feeds_with_unread: list[View]
    all_feeds: list[str]  # every feed's view key, in screen order


@dataclass(frozen=True, slots=True)
class Found:
    view: View
    ids: list[int]  # the view's ids, to show it
    article_id: int


def find_unread(store: Reads, at: Position, step: int, *, unread_only: bool) -> Found | None:
    """step 1: the next unread article after the cursor, else the first of the next feed with any; -1 backwards."""
    if at.view is not None and at.ids:
        positions = range(at.cursor + step, len(at.ids) if step > 0 else -1, step)
        for start in range(0, len(positions), CHUNK):
            chunk = [at.ids[p] for p in positions[start : start + CHUNK]]
            rows = {r.id: r for r in store.rows(chunk)}
            for article_id in chunk:
                row = rows.get(article_id)
                if row is not None and not row.read:
                    return Found(at.view, at.ids, article_id)
    for candidate in _feeds_to_try(at, step):
        unread = store.article_ids(feed_id=candidate.feed_id, unread_only=True)
        if unread:
            ids = store.article_ids(feed_id=candidate.feed_id, unread_only=unread_only)
            return Found(candidate, ids, unread[0] if step > 0 else unread[-1])
    return None


def _feeds_to_try(at: Position, step: int) -> list[View]:
    here = at.view or at.highlighted
    order = at.feeds_with_unread
    keys = [v.key for v in order]
    inclusive = at.view is None  # from the feeds pane, the highlighted feed itself comes first
    if here is not None and here.key in keys:
        i = keys.index(here.key)
        if step > 0:
            return order[i if inclusive else i + 1 :]
        return list(reversed(order[: i + 1 if inclusive else i]))
    if here is not None and here.kind == "feed" and here.key in at.all_feeds:
        pos = at.all_feeds.index(here.key)
        after = [v for v in order if (at.all_feeds.index(v.key) > pos) == (step > 0)]
        return after if step > 0 else list(reversed(after))
    return order if step > 0 else list(reversed(order))
