"""Running a compiled query: the matching ids newest first, or the matching rows best first."""

from __future__ import annotations

from newsreader.models import ArticleRow
from newsreader.query import Compiled
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import ORDER, ROW_COLS, article_row_of
from newsreader.store.search import RANK_WINDOW


class QueriesStore(StoreBase):
    @guarded
    def query_ids(
        self,
        compiled: Compiled,
        *,
        limit: int | None = None,
        unread_only: bool = False,
        include_hidden: bool = False,
    ) -> list[int]:
        """The ids of the articles compiled matches, newest first (the first limit of them)."""
        where = [f"({compiled.where})"]
        if unread_only:
            where.append("a.read = 0")
        if not include_hidden:
            where.append("a.hidden = 0")
        sql = f"SELECT a.id AS id FROM articles a WHERE {' AND '.join(where)} {ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r["id"] for r in self.db.execute(sql, compiled.args)]

    @guarded
    def query_rows(self, compiled: Compiled, *, limit: int = 1000) -> list[ArticleRow]:
        """The rows compiled matches, best first when it has a full-text part, else newest first."""
        if compiled.match is None:
            ids = self.query_ids(compiled, limit=limit)
            return self.rows(ids)  # type: ignore[attr-defined]
        # As in search(): only the most recently stored full-text matches are ranked (bm25 over every
        # match of a common word cost seconds at a million articles).
        window = max(int(limit), RANK_WINDOW)
        return [
            article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? "
                f"ORDER BY rowid DESC LIMIT {window}) s JOIN articles a ON a.id = s.rowid "
                f"JOIN feeds f ON f.id = a.feed_id WHERE a.hidden = 0 AND ({compiled.rest}) "
                f"ORDER BY s.rank LIMIT {int(limit)}",
                (compiled.match, *compiled.rest_args),
            )
        ]

    def has_enclosures(self) -> str | None:
        """SQL telling whether article a has an enclosure, if the store keeps enclosures."""
        cols = {r["name"] for r in self.db.execute("PRAGMA table_info(articles)")}
        if "enclosures" in cols:
            return "(a.enclosures IS NOT NULL AND a.enclosures NOT IN ('', '[]'))"
        tables = {r["name"] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "enclosures" in tables:
            return "a.id IN (SELECT article_id FROM enclosures)"
        return None
