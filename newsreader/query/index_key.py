"""The search index's key for an article: the second it is dated, then its id.

The full-text index (articles_fts) keeps each word's articles in key order, so reading a word's
matches newest first is reading its index backwards: a list of a common word stops after the
articles it shows instead of collecting every match to sort them. The key orders like the lists
(date, then id) except within one second, where it goes by id alone; a reader that needs the exact
order re-sorts the articles of the second it stops in (store/queries.py).
"""

from __future__ import annotations

ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1
LAST_SECOND = (1 << 32) - 1  # 2106; dates past it (and before 1970) share the end buckets


def key_sql(row: str) -> str:
    """SQL for the key of the article row (an alias such as `a`, or `old` in a trigger)."""
    second = f"max(0, min(CAST(coalesce({row}.published, {row}.first_seen) AS INTEGER), {LAST_SECOND}))"
    return f"(({second} << {ID_BITS}) | {row}.id)"


def id_sql(key: str) -> str:
    """SQL for the article id inside the key expression key."""
    return f"({key} & {ID_MASK})"


def first_key(second: float) -> int:
    """The smallest key of an article dated at or after second."""
    return max(0, min(int(second // 1), LAST_SECOND)) << ID_BITS


def second_of(key: int) -> int:
    return key >> ID_BITS
