"""The full-text search index: kept up to date lazily, queried by what a user types."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from newsreader.models import ArticleRow
from newsreader.query.index_key import id_sql, key_sql
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import ORDER, ROW_COLS, article_row_of


def fts_query(text: str) -> str:
    """Turn what a user typed into an FTS5 query: every word must match, as a prefix."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " ".join(f'"{w}"*' for w in words)


# The bylines of the feed and of the cleaned page both: a page without a byline keeps the feed's.
_AUTHORS = "coalesce(clean_authors || ' ', '') || authors"
# The cleaner's contacts, credits and notes are searched with the body: their text, not their JSON keys.
_ASIDES = (
    " || coalesce(' ' || (SELECT group_concat(coalesce(json_extract(c.value, '$.label'), '') || ' ' || "
    "json_extract(c.value, '$.value'), ' ') FROM json_each(contacts) c), '')"
    " || coalesce(' ' || (SELECT group_concat(c.value, ' ') FROM json_each(credits) c), '')"
    " || coalesce(' ' || (SELECT group_concat(c.value, ' ') FROM json_each(notes) c), '')"
)

# A search ranks at most this many matches, the newest.
RANK_WINDOW = 2000


class SearchStore(StoreBase):
    _text_function = False

    @guarded
    def search(self, query: str, *, limit: int = 1000) -> list[ArticleRow]:
        """Articles whose title, authors or body match every word of query, best first.

        A read-only store cannot bring its index up to date: the articles not indexed yet are matched
        word by word instead (slower, and only ever on such a store).
        """
        q = fts_query(query)
        if not q:
            return []
        if not self.read_only:
            self.index_pending()
        # Ranking every match of a common word cost seconds at a million articles: only the newest
        # matches (the index is keyed by date: FTS5 walks them in key order and stops) are ranked.
        window = max(int(limit), RANK_WINDOW)
        found = [
            article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? "
                f"ORDER BY rowid DESC LIMIT {window}) s JOIN articles a ON a.id = {id_sql('s.rowid')} "
                f"JOIN feeds f ON f.id = a.feed_id ORDER BY s.rank LIMIT {int(limit)}",
                (q,),
            )
        ]
        if self.read_only and len(found) < limit:
            found += self._search_unindexed(query, limit - len(found))
        return found

    def _search_unindexed(self, query: str, limit: int) -> list[ArticleRow]:
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
        text = "(a.title || ' ' || a.authors || ' ' || coalesce(a.body, a.content_html))"
        where = " AND ".join(f"{text} LIKE ?" for _ in words)
        return [
            article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
                f"WHERE a.indexed = 0 AND {where} {ORDER} LIMIT {int(limit)}",
                [f"%{w}%" for w in words],
            )
        ]

    @guarded
    def index_pending(self, *, batch: int = 10_000) -> int:
        """Bring the search index up to date; returns how many articles were indexed.

        Indexing costs several times more than storing an article, so a refresh only stores and the
        index catches up here: on the next search, or in the interface's idle pass. Articles not
        cleaned yet are indexed by the text of their feed HTML, not its markup: tag names, attributes
        and link addresses no longer fill the index with terms nobody reads (25,000 farm articles:
        3.4 -> 2.7 s), and words behind entities (caf&eacute;) are found. Each batch is one transaction.
        """
        if not self._text_function:
            from html import unescape  # here, not at the top: a refresh never needs it

            self.db.create_function("newsreader_text", 1, partial(_html_text, unescape), deterministic=True)
            self._text_function = True
        done = 0
        while True:
            with self.transaction() as db:
                # The last id of this batch (ids come in order from the partial index on unindexed rows).
                row = db.execute(
                    "SELECT id FROM articles WHERE indexed = 0 ORDER BY id LIMIT 1 OFFSET ?", (batch - 1,)
                ).fetchone()
                last = row["id"] if row else None
                bound = "" if last is None else f" AND id <= {int(last)}"
                db.execute(
                    f"INSERT INTO articles_fts (rowid, title, authors, body) SELECT {key_sql('articles')}, title, "
                    f"{_AUTHORS}, coalesce(body, newsreader_text(content_html)){_ASIDES} "
                    f"FROM articles WHERE indexed = 0{bound}"
                )
                done += db.execute(f"UPDATE articles SET indexed = 1 WHERE indexed = 0{bound}").rowcount
            if last is None:
                return done


_TAG = re.compile(r"<[^>]*>")


def _html_text(unescape: Callable[[str], str], html: str | None) -> str | None:
    """HTML to the words a reader sees, cheaply: tags become spaces, entities characters."""
    if not html:
        return html
    text = _TAG.sub(" ", html)
    return unescape(text) if "&" in text else text
