"""Running a compiled query: the matching ids newest first, or the matching rows best first."""

from __future__ import annotations

from newsreader.models import ArticleRow
from newsreader.query import Compiled
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import HIDDEN_OUT, MERGED_ORDER, ORDER, ROW_COLS, article_row_of
from newsreader.store.search import RANK_WINDOW

_MATCHES = "newsreader_matches"
FEW_IN_FEEDS = 0.02  # of every article: below, a query limited to those feeds starts from their indexes
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
        shown = "" if include_hidden else f" AND {HIDDEN_OUT}"
        state = "unread" if unread_only else compiled.state
        bound = f" LIMIT {int(limit)}" if limit is not None else ""
        if compiled.match is None:
            walk = compiled.walking(feeds=not self._few_in_feeds(compiled))
            return self._walk(walk, compiled.args, state, shown, bound)
        found = self._collect(compiled.match)
        if found < FEW_MATCHES:
            # Few: start from them (CROSS JOIN keeps them the outer loop), and sort them by date.
            condition = _ARMS[state][0] if len(_ARMS[state]) == 1 else "1"
            sql = (
                f"SELECT a.id AS id FROM temp.{_MATCHES} m CROSS JOIN articles a ON a.id = m.id "
                f"WHERE {condition} AND ({compiled.rest}){shown} {ORDER}{bound}"
            )
            return [r["id"] for r in self.db.execute(sql, compiled.rest_args)]
        where = f"+a.id IN (SELECT id FROM temp.{_MATCHES}) AND ({compiled.rest})"
        return self._walk(where, compiled.rest_args, state, shown, bound)

    def _few_in_feeds(self, compiled: Compiled) -> bool:
        """Whether the feeds the query is limited to hold few articles: then a plan starts from
        each feed's own date index (feed:, one feed) rather than walking every article (tag:news)."""
        if not compiled.feed_sets:
            return False
        total = self.db.execute("SELECT coalesce(sum(article_count), 0) FROM feeds").fetchone()[0]
        return any(
            self.db.execute(
                f"SELECT coalesce(sum(article_count), 0) FROM feeds WHERE id IN ({sql})", args
            ).fetchone()[0]
            < FEW_IN_FEEDS * total
            for sql, args in compiled.feed_sets
        )

    def _collect(self, match: str) -> int:
        """The full-text matches into a temporary table, read once: each arm of a walk looks ids up in
        its primary key (a subquery per arm built its own copy of 100,000 matches)."""
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_MATCHES} (id INTEGER PRIMARY KEY)")
        self.db.execute(f"DELETE FROM temp.{_MATCHES}")
        return self.db.execute(
            f"INSERT INTO temp.{_MATCHES} SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (match,)
        ).rowcount

    def _walk(
        self, where: str, args: tuple[object, ...], state: str | None, shown: str, bound: str
    ) -> list[int]:
        """Walk the date indexes of state's arms, newest first, keeping the articles where holds for."""
        arms = _ARMS[state]
        if len(arms) == 1:
            sql = f"SELECT a.id AS id FROM articles a WHERE {arms[0]} AND ({where}){shown} {ORDER}{bound}"
        else:
            cols = "a.id AS id, coalesce(a.published, a.first_seen) AS sort_date, a.id AS sort_id"
            sql = " UNION ALL ".join(
                f"SELECT {cols} FROM articles a WHERE {arm} AND ({where}){shown}" for arm in arms
            )
            sql += f" {MERGED_ORDER}{bound}"
            args = args * len(arms)
        return [r["id"] for r in self.db.execute(sql, args)]

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
