"""Rows read by name into the models, and the column lists the queries share."""

from __future__ import annotations

import json
import sqlite3

from newsreader.models import Article, ArticleRow, Cleaned, Contact, Feed

FEED_COLS = (
    "f.id, f.url, f.title, f.user_title, f.site_url, f.tags, f.etag, f.last_modified, f.last_fetch, "
    "f.last_error, f.error_streak, f.full_text, f.unread_count, f.article_count"
)
FEED_NAME = "coalesce(f.user_title, f.title, f.url)"
ROW_COLS = f"a.id, a.feed_id, a.title, a.published, a.read, a.starred, {FEED_NAME} AS feed_title"
ORDER = "ORDER BY coalesce(a.published, a.first_seen) DESC, a.id DESC"
# Articles a filter hid stay out of every list. They are few: the partial index on them is read once
# into a set (SQLite materialises the subquery), so an id-only view still reads no article row.
HIDDEN_OUT = "a.id NOT IN (SELECT id FROM articles WHERE hidden = 1)"
MERGED_ORDER = "ORDER BY sort_date DESC, sort_id DESC"  # ORDER in a compound SELECT: by result names
ARTICLE_COLS = (
    f"a.id, a.feed_id, f.url AS feed_url, {FEED_NAME} AS feed_title, a.key, a.guid, a.link, a.title, "
    "a.authors, a.published, a.updated, a.content_html, a.read, a.starred, a.page_html, a.page_error, "
    "a.cleaned, a.clean_title, a.clean_authors, a.clean_published, a.body, a.contacts, a.credits, a.notes, a.clean_organisations, "
    "a.clean_error"
)


def _list(text: str | None) -> tuple:
    if not text or text == "[]":  # most feeds have no tags: 5,000 of them decoded cost the feed list ~20 ms
        return ()
    return tuple(json.loads(text))


def feed_of(row: sqlite3.Row, unread: int = 0, total: int = 0) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        user_title=row["user_title"],
        site_url=row["site_url"],
        tags=_list(row["tags"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_fetch=row["last_fetch"],
        last_error=row["last_error"],
        error_streak=row["error_streak"],
        full_text=row["full_text"],
        unread=unread,
        total=total,
    )


def article_row_of(row: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=row["id"],
        feed_id=row["feed_id"],
        title=row["title"],
        published=row["published"],
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        feed_title=row["feed_title"],
    )


def cleaned_of(row: sqlite3.Row) -> Cleaned | None:
    if not row["cleaned"]:
        return None
    return Cleaned(
        title=row["clean_title"],
        authors=_list(row["clean_authors"]),
        published=row["clean_published"],
        body=row["body"] or "",
        contacts=tuple(Contact(**c) for c in json.loads(row["contacts"] or "[]")),
        credits=_list(row["credits"]),
        notes=_list(row["notes"]),
        organisations=_list(row["clean_organisations"]),
    )


def article_of(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        feed_id=row["feed_id"],
        feed_url=row["feed_url"],
        feed_title=row["feed_title"],
        key=row["key"],
        guid=row["guid"],
        link=row["link"],
        title=row["title"],
        authors=_list(row["authors"]),
        published=row["published"],
        updated=row["updated"],
        content_html=row["content_html"],
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        page_html=row["page_html"],
        page_error=row["page_error"],
        cleaned=cleaned_of(row),
        clean_error=row["clean_error"],
    )


def cleaned_values(cleaned: Cleaned) -> dict[str, object]:
    """The cleaner's output as the named columns that hold it."""
    return {
        "clean_title": cleaned.title,
        "clean_authors": json.dumps(list(cleaned.authors)),
        "clean_published": cleaned.published,
        "body": cleaned.body,
        "contacts": json.dumps(
            [{"kind": c.kind, "value": c.value, "label": c.label} for c in cleaned.contacts]
        ),
        "credits": json.dumps(list(cleaned.credits)),
        "notes": json.dumps(list(cleaned.notes)),
        "clean_organisations": json.dumps(list(cleaned.organisations)),
    }
