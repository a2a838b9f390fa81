"""Running a compiled query: the matching ids newest first, or the matching rows best first."""

from __future__ import annotations

from newsreader.models import ArticleRow
from newsreader.query import Compiled
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import HIDDEN_OUT, MERGED_ORDER, ORDER, ROW_COLS, article_row_of
from newsreader.store.search import RANK_WINDOW

# Up to this many full-text matches, a query starts from them and sorts them by date; past it, the
# word is common and a walk down the date index, checking each article, meets enough of them at once.
# (1,000,000 articles: "harbour", 100,000 matches, sorted 650 ms; walked, the first 1,000 in ~30 ms.)
FEW_MATCHES = 20_000
# Each arm walks one date index (schema.py) in display order; SQLite merges them without a sort.
_ARMS = {
    "unread": ("a.read = 0",),
    "read": ("a.read <> 0",),
    "starred": ("a.starred = 1",),
    None: ("a.read = 0", "a.read <> 0"),
}


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
        where = compiled.where
        if compiled.match is None or not self._few_matches(compiled.match):
            where = compiled.walking()
        shown = "" if include_hidden else f" AND {HIDDEN_OUT}"
        arms = _ARMS["unread" if unread_only else compiled.state]
        bound = f" LIMIT {int(limit)}" if limit is not None else ""
        if len(arms) == 1:
            sql = f"SELECT a.id AS id FROM articles a WHERE {arms[0]} AND ({where}){shown} {ORDER}{bound}"
            args = compiled.args
        else:
            cols = "a.id AS id, coalesce(a.published, a.first_seen) AS sort_date, a.id AS sort_id"
            sql = " UNION ALL ".join(
                f"SELECT {cols} FROM articles a WHERE {arm} AND ({where}){shown}" for arm in arms
            )
            sql += f" {MERGED_ORDER}{bound}"
            args = compiled.args * len(arms)
        return [r["id"] for r in self.db.execute(sql, args)]

    def _few_matches(self, match: str) -> bool:
        found = self.db.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT {FEW_MATCHES})",
            (match,),
        ).fetchone()[0]
        return found < FEW_MATCHES

    @guarded
    def query_rows(self, compiled: Compiled, *, limit: int = 1000) -> list[ArticleRow]:
        """The rows compiled matches, best first when it has a full-text part, else newest first."""
        if compiled.match is None:
            ids = self.query_ids(compiled, limit=limit)
            return self.rows(ids)  # type: ignore[attr-defined]
        # As in search(): only the most recent full-text matches are ranked (bm25 over every match of
        # a common word cost seconds at a million articles), those that meet the rest of the query.
        window = max(int(limit), RANK_WINDOW)
        return [
            article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM (SELECT s.rowid AS rowid, s.rank AS rank FROM articles_fts s "
                f"JOIN articles a ON a.id = s.rowid WHERE articles_fts MATCH ? AND ({compiled.rest}) "
                f"AND {HIDDEN_OUT} ORDER BY s.rowid DESC LIMIT {window}) s JOIN articles a ON a.id = s.rowid "
                f"JOIN feeds f ON f.id = a.feed_id ORDER BY s.rank LIMIT {int(limit)}",
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
