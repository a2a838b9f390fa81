"""Articles: the views the list shows, one article whole, and the read and starred flags."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from newsreader.models import Article, ArticleRow
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import (
    ARTICLE_COLS,
    HIDDEN_OUT,
    MERGED_ORDER,
    ORDER,
    ROW_COLS,
    article_of,
    article_row_of,
)


def _filter(
    feed_id: int | None, unread_only: bool, starred_only: bool, include_hidden: bool = False
) -> tuple[str, list]:
    clauses, args = ([] if include_hidden else [HIDDEN_OUT]), []
    if feed_id is not None:
        clauses.append("a.feed_id = ?")
        args.append(feed_id)
    if unread_only:
        clauses.append("a.read = 0")
    if starred_only:
        clauses.append("a.starred = 1")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def _view(
    cols: str,
    source: str,
    feed_id: int | None,
    unread_only: bool,
    starred_only: bool,
    include_hidden: bool = False,
) -> tuple[str, list]:
    """A view's SELECT in display order, walking an index already in that order (schema.py)."""
    if feed_id is None and not unread_only and not starred_only:
        # Every article: no index holds them all (schema migration 4), so the read and the unread
        # ones are merged, each in date order (SQLite: MERGE (UNION ALL), no sort).
        arm = (
            f"SELECT {cols}, coalesce(a.published, a.first_seen) AS sort_date, a.id AS sort_id FROM {source}"
        )
        shown = "" if include_hidden else f" AND {HIDDEN_OUT}"
        return f"{arm} WHERE a.read = 0{shown} UNION ALL {arm} WHERE a.read <> 0{shown} {MERGED_ORDER}", []
    where, args = _filter(feed_id, unread_only, starred_only, include_hidden)
    return f"SELECT {cols} FROM {source} {where} {ORDER}", args


class ArticlesStore(StoreBase):
    @guarded
    def articles(
        self,
        *,
        feed_id: int | None = None,
        unread_only: bool = False,
        starred_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
        include_hidden: bool = False,
    ) -> list[ArticleRow]:
        return list(
            self.iter_articles(
                feed_id=feed_id,
                unread_only=unread_only,
                starred_only=starred_only,
                limit=limit,
                offset=offset,
                include_hidden=include_hidden,
            )
        )

    def iter_articles(
        self,
        *,
        feed_id: int | None = None,
        unread_only: bool = False,
        starred_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
        include_hidden: bool = False,
    ) -> Iterator[ArticleRow]:
        """A view's rows in display order, read as they are consumed (the first come at once, at any size).

        Articles a filter hid are left out unless include_hidden."""
        sql, args = _view(
            ROW_COLS,
            "articles a JOIN feeds f ON f.id = a.feed_id",
            feed_id,
            unread_only,
            starred_only,
            include_hidden,
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        # Not @guarded (that would only cover making the generator): an error while reading is turned
        # into the one-line StoreError here.
        try:
            for r in self.db.execute(sql, args):
                yield article_row_of(r)
        except sqlite3.Error as exc:
            raise self.error(exc) from None

    @guarded
    def article_ids(
        self,
        *,
        feed_id: int | None = None,
        unread_only: bool = False,
        starred_only: bool = False,
        limit: int | None = None,
        include_hidden: bool = False,
    ) -> list[int]:
        """The ids of a view in display order (the first limit of them): each view walks its own index."""
        sql, args = _view("a.id AS id", "articles a", feed_id, unread_only, starred_only, include_hidden)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r["id"] for r in self.db.execute(sql, args)]

    @guarded
    def rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """Rows for the given ids, in the given order (for drawing the visible part of a list)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            r["id"]: article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({marks})",
                list(ids),
            )
        }
        return [found[i] for i in ids if i in found]

    @guarded
    def article(self, article_id: int) -> Article:
        row = self.db.execute(
            f"SELECT {ARTICLE_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return article_of(row)

    @guarded
    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        ids = list(ids)
        with self.transaction() as db:
            db.executemany("UPDATE articles SET read = ? WHERE id = ?", [(int(read), i) for i in ids])

    @guarded
    def set_starred(self, article_id: int, starred: bool) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    @guarded
    def mark_feed_read(self, feed_id: int) -> int:
        with self.transaction() as db:
            return db.execute(
                "UPDATE articles SET read = 1 WHERE feed_id = ? AND read = 0", (feed_id,)
            ).rowcount

    @guarded
    def mark_all_read(self) -> int:
        with self.transaction() as db:
            return db.execute("UPDATE articles SET read = 1 WHERE read = 0").rowcount
