"""Running a compiled query: the matching ids newest first, or the matching rows best first."""

from __future__ import annotations

import math

from newsreader.models import ArticleRow
from newsreader.query import Compiled
from newsreader.query.compiler import FTS_CHECK
from newsreader.query.index_key import LAST_SECOND, first_key, id_sql, key_sql, second_of
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import HIDDEN_OUT, MERGED_ORDER, ORDER, ROW_COLS, article_row_of
from newsreader.store.search import RANK_WINDOW

_MEMORY = "newsreader_query"
_DATE = "coalesce(a.published, a.first_seen)"
FEW_IN_FEEDS = 0.02  # of every article: below, a query limited to those feeds starts from their indexes
# A list of full-text matches first reads the newest matches (the index is keyed by date) and checks
# each against the rest of the query, expecting to keep the share of articles the query's state and
# feeds hold; it reads up to SLACK times what that share needs, and at most NEWEST_AT_MOST matches
# (about 2 us each). When that is not enough, every match is collected (below) instead.
# (1,000,000 articles, "harbour OR ferry", half of them: 140 ms collected, 3 ms read newest first.)
SLACK = 2
NEWEST_AT_MOST = 25_000
# When those terms allow at most this many articles (a feed, the starred), their keys are read first
# and the matches, newest first, looked up in them.
FEW_HELD = 50_000
# Up to this many, each is looked up in the index by its key instead (about 30 us a word each, while
# reading a word's matches costs 0.25 us a match: "feed:X harbour", 200 articles, 200,000 matches).
SEEK_AT_MOST = 300
# Collected: up to this many matches, a query starts from them and sorts them by date; past it, a
# walk down the date index, checking each article against them, meets enough of them at once.
# (1,000,000 articles: "harbour", 200,000 matches, sorted 650 ms; walked, the first 1,000 in ~30 ms.)
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
        if compiled.branches:
            return self._merged(compiled.branches, limit, unread_only, include_hidden)
        if compiled.match is None:
            walk = compiled.walking(feeds=not self._few_in_feeds(compiled))
            if FTS_CHECK in walk and limit is not None:
                return self._walk_windows(compiled, walk, state, shown, int(limit))
            return self._walk(*self._collected(walk, compiled.args), state, shown, bound)
        held, total = self._held(compiled, state)
        if limit is not None and held:
            examine = math.ceil(SLACK * limit * total / held)
            if examine <= NEWEST_AT_MOST:
                rest = f"{_condition(state)} AND ({compiled.rest}){shown}"
                newest = self._newest_first(compiled, rest, compiled.rest_args, int(limit), examine)
                if newest is not None:
                    return newest
        if held <= FEW_HELD:
            return self._among(compiled, state, shown, limit)
        table, found = self._collect(compiled.match, *_key_range(compiled))
        if found < FEW_MATCHES:
            # Few: start from them (CROSS JOIN keeps them the outer loop), and sort them by date.
            sql = (
                f"SELECT a.id AS id FROM {table} m CROSS JOIN articles a ON a.id = {id_sql('m.key')} "
                f"WHERE {_condition(state)} AND ({compiled.rest}){shown} {ORDER}{bound}"
            )
            return [r["id"] for r in self.db.execute(sql, compiled.rest_args)]
        where = f"+{key_sql('a')} IN (SELECT key FROM {table}) AND ({compiled.rest})"
        return self._walk(where, compiled.rest_args, state, shown, bound)

    def _merged(
        self, branches: tuple[Compiled, ...], limit: int | None, unread_only: bool, include_hidden: bool
    ) -> list[int]:
        """The first limit of the articles any branch matches: each branch's first limit, merged."""
        found = {
            i
            for branch in branches
            for i in self.query_ids(
                branch, limit=limit, unread_only=unread_only, include_hidden=include_hidden
            )
        }
        dated = []
        listed = sorted(found)
        for at in range(0, len(listed), 500):
            part = listed[at : at + 500]
            dated += [
                tuple(r)
                for r in self.db.execute(
                    f"SELECT {_DATE}, a.id FROM articles a WHERE a.id IN ({','.join('?' * len(part))})", part
                )
            ]
        return _in_list_order(dated, limit)

    def _walk_windows(
        self, compiled: Compiled, walk: str, state: str | None, shown: str, limit: int
    ) -> list[int]:
        """A walk that checks words (NOT harbour, harbour OR starred) against their matches in a window of
        the newest articles, collecting only the window's matches, and widens the window fourfold until
        it holds limit articles or every article: the first limit in it are the first limit of all."""
        held, total = self._held(compiled, state)
        window = SLACK * limit * total // max(held, 1)
        while window < total:
            since = self.db.execute(
                " UNION ALL ".join(
                    f"SELECT {_DATE} AS sort_date, a.id AS sort_id FROM articles a WHERE {arm}"
                    for arm in _ARMS[None]
                )
                + f" {MERGED_ORDER} LIMIT 1 OFFSET {window}"
            ).fetchone()
            if since is None:
                break
            where, args = self._collected(walk, compiled.args, since[0])
            ids = self._walk(f"{_DATE} >= ? AND {where}", (since[0], *args), state, shown, f" LIMIT {limit}")
            if len(ids) == limit:
                return ids
            window *= 4
        return self._walk(*self._collected(walk, compiled.args), state, shown, f" LIMIT {limit}")

    def _held(self, compiled: Compiled, state: str | None) -> tuple[int, int]:
        """How many articles (at most) meet the query's state, feed and has: terms, and how many there are."""
        total, unread = self.db.execute(
            "SELECT coalesce(sum(article_count), 0), coalesce(sum(unread_count), 0) FROM feeds"
        ).fetchone()
        held = {"unread": unread, "read": total - unread, None: total}.get(state)
        if held is None:
            held = self.db.execute("SELECT count(*) FROM articles WHERE starred = 1").fetchone()[0]
        held = min([held, *self._feed_set_sizes(compiled)])
        for sql, args in compiled.listed:  # counted in their own index
            held = min(
                held, self.db.execute(f"SELECT count(*) FROM articles a WHERE {sql}", args).fetchone()[0]
            )
        return held, total

    def _among(self, compiled: Compiled, state: str | None, shown: str, limit: int | None) -> list[int]:
        """The matches among the few articles the state and feed terms allow: those articles' keys
        first (from their indexes), then the matches newest first, each looked up in them."""
        table = self._held_keys(compiled, state, shown)
        if "*" not in (compiled.match or "*"):
            held = self.db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT {SEEK_AT_MOST + 1})")
            if held.fetchone()[0] <= SEEK_AT_MOST:
                # Few enough to look each one up in the index (a prefix's lookups cost milliseconds each).
                rows = [
                    tuple(r)
                    for r in self.db.execute(
                        f"SELECT {_DATE}, a.id FROM {table} k CROSS JOIN articles_fts s ON s.rowid = k.key "
                        f"CROSS JOIN articles a ON a.id = {id_sql('k.key')} WHERE articles_fts MATCH ?",
                        (compiled.match,),
                    )
                ]
                return _in_list_order(rows, limit)
        return self._newest_first(compiled, f"+s.rowid IN (SELECT key FROM {table})", (), limit) or []

    def _held_keys(self, compiled: Compiled, state: str | None, shown: str) -> str:
        """The keys of the articles the query's other terms hold for, into a table in memory; its name."""
        table = self._keys_table()
        self.db.execute(
            f"INSERT INTO {table} SELECT {key_sql('a')} FROM articles a "
            f"WHERE {_condition(state)} AND ({compiled.rest}){shown}",
            compiled.rest_args,
        )
        return table

    def _newest_first(
        self,
        compiled: Compiled,
        rest: str,
        rest_args: tuple[object, ...],
        limit: int | None,
        examine: int = 0,
    ) -> list[int] | None:
        """The first limit matches (all of them with None) that rest holds for, in list order, read
        from the newest match. With examine, only that many matches are read: None if too few held."""
        keys, key_args = _key_range(compiled)
        match_args = (compiled.match, *key_args)

        def read(
            inner: str, args: tuple[object, ...], most: str = "", outer: str = ""
        ) -> list[tuple[float, int, int]]:
            sql = (
                f"SELECT {_DATE} AS date, a.id AS id, s.rowid AS key FROM (SELECT rowid FROM articles_fts "
                f"WHERE articles_fts MATCH ?{inner} ORDER BY rowid DESC{most}) s "
                f"CROSS JOIN articles a ON a.id = {id_sql('s.rowid')} WHERE {rest} ORDER BY s.rowid DESC{outer}"
            )
            return [tuple(r) for r in self.db.execute(sql, (*args, *rest_args))]

        rows = read(
            keys, match_args, f" LIMIT {examine}" if examine else "", f" LIMIT {limit}" if limit else ""
        )
        if limit is None or len(rows) < limit:
            if examine:
                seen = self.db.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?{keys} "
                    f"LIMIT {examine})",
                    match_args,
                ).fetchone()[0]
                if seen >= examine:
                    return None
        else:
            # The key orders one second's articles by id, the list by their exact date: those of the
            # last row's second that were not read yet may come before some that were.
            last = rows[-1][2]
            rows += read(" AND rowid >= ? AND rowid < ?", (compiled.match, first_key(second_of(last)), last))
        return _in_list_order(rows, limit)

    def _few_in_feeds(self, compiled: Compiled) -> bool:
        """Whether the feeds the query is limited to hold few articles: then a plan starts from
        each feed's own date index (feed:, one feed) rather than walking every article (tag:news)."""
        if not compiled.feed_sets:
            return False
        total = self.db.execute("SELECT coalesce(sum(article_count), 0) FROM feeds").fetchone()[0]
        return any(size < FEW_IN_FEEDS * total for size in self._feed_set_sizes(compiled))

    def _feed_set_sizes(self, compiled: Compiled) -> list[int]:
        """How many articles each of the query's feed sets holds."""
        return [
            self.db.execute(
                f"SELECT coalesce(sum(article_count), 0) FROM feeds WHERE id IN ({sql})", args
            ).fetchone()[0]
            for sql, args in compiled.feed_sets
        ]

    def _keys_table(self, n: int = 0) -> str:
        """An empty table of keys in memory, named by n: a walk's arms look keys up in its primary key (a
        subquery per arm built its own copy of 100,000 matches, and a temporary table on disk cost half
        as much again as one in memory)."""
        if not any(r["name"] == _MEMORY for r in self.db.execute("PRAGMA database_list")):
            self.db.execute(f"ATTACH DATABASE ':memory:' AS {_MEMORY}")
        table = f"{_MEMORY}.keys{n}"
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key INTEGER PRIMARY KEY)")
        self.db.execute(f"DELETE FROM {table}")
        return table

    def _collect(
        self, match: str, keys: str = "", key_args: tuple[object, ...] = (), n: int = 0
    ) -> tuple[str, int]:
        """Every full-text match's key into table of keys n (they come in order: appended); its name
        and how many."""
        table = self._keys_table(n)
        found = self.db.execute(
            f"INSERT INTO {table} SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?{keys}",
            (match, *key_args),
        ).rowcount
        return table, found

    def _collected(
        self, where: str, args: tuple[object, ...], since: float | None = None
    ) -> tuple[str, tuple[object, ...]]:
        """where with each full-text check's matches collected once, for every arm of a walk (with
        since, only those of the articles dated at or after it, the only ones the walk may meet)."""
        keys, key_args = ("", ()) if since is None else (" AND rowid >= ?", (first_key(since),))
        pieces = where.split(FTS_CHECK)
        sql, at = pieces[0], pieces[0].count("?")
        out = list(args[:at])
        for n, piece in enumerate(pieces[1:]):
            table, _ = self._collect(args[at], keys, key_args, n)  # type: ignore[arg-type]
            after = piece.count("?")
            sql += f"+{key_sql('a')} IN (SELECT key FROM {table}){piece}"
            out += args[at + 1 : at + 1 + after]
            at += 1 + after
        return sql, tuple(out)

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
        keys, key_args = _key_range(compiled, "s.rowid")
        rest, rest_args = f"({compiled.rest}) AND {HIDDEN_OUT}", compiled.rest_args
        if self._held(compiled, compiled.state)[0] <= FEW_HELD:
            table = self._held_keys(compiled, compiled.state, f" AND {HIDDEN_OUT}")
            rest, rest_args = f"+s.rowid IN (SELECT key FROM {table})", ()
        return [
            article_row_of(r)
            for r in self.db.execute(
                f"SELECT {ROW_COLS} FROM (SELECT s.rowid AS rowid, s.rank AS rank FROM articles_fts s "
                f"JOIN articles a ON a.id = {id_sql('s.rowid')} WHERE articles_fts MATCH ?{keys} "
                f"AND {rest} ORDER BY s.rowid DESC LIMIT {window}) s "
                f"JOIN articles a ON a.id = {id_sql('s.rowid')} JOIN feeds f ON f.id = a.feed_id "
                f"ORDER BY s.rank LIMIT {int(limit)}",
                (compiled.match, *key_args, *rest_args),
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

    @guarded
    def count_ids(self, compiled: Compiled, unread_only: bool = False, include_hidden: bool = False) -> int:
        """How many articles compiled matches (as many as query_ids lists without a limit), counted
        without listing them: with a full-text part, its matches joined with the rest of the query."""
        shown = "" if include_hidden else f" AND {HIDDEN_OUT}"
        state = " AND a.read = 0" if unread_only else ""
        if compiled.match is None:
            sql = f"SELECT count(*) FROM articles a WHERE ({compiled.where}){state}{shown}"
            return self.db.execute(sql, compiled.args).fetchone()[0]
        keys, key_args = _key_range(compiled, "s.rowid")
        if self._held(compiled, "unread" if unread_only else compiled.state)[0] <= FEW_HELD:
            # Few articles held (a feed, a tag, the starred, has:): their keys are read first, and the matches
            # counted among them (1,000,000 articles, "starred harbour": 55 ms, joined 400 ms).
            sql = (
                f"SELECT count(*) FROM articles_fts s WHERE articles_fts MATCH ?{keys} AND +s.rowid IN "
                f"(SELECT {key_sql('a')} FROM articles a WHERE ({compiled.rest}){state}{shown})"
            )
        else:
            sql = (
                f"SELECT count(*) FROM articles_fts s CROSS JOIN articles a ON a.id = {id_sql('s.rowid')} "
                f"WHERE articles_fts MATCH ?{keys} AND ({compiled.rest}){state}{shown}"
            )
        return self.db.execute(sql, (compiled.match, *key_args, *compiled.rest_args)).fetchone()[0]


def _in_list_order(rows: list[tuple], limit: int | None) -> list[int]:
    """The ids of rows (date, id, ...) as the lists order them, newest first (the first limit)."""
    rows.sort(reverse=True)
    return [row[1] for row in rows[:limit]]


def _condition(state: str | None) -> str:
    arms = _ARMS[state]
    return arms[0] if len(arms) == 1 else "1"


def _key_range(compiled: Compiled, column: str = "rowid") -> tuple[str, tuple[object, ...]]:
    """SQL (AND ...) keeping the index keys of the dates compiled allows, with its arguments."""
    sql, args = "", []
    if compiled.since is not None and compiled.since > 0:
        sql, args = f" AND {column} >= ?", [first_key(compiled.since)]
    if compiled.until is not None and math.ceil(compiled.until) <= LAST_SECOND:
        sql += f" AND {column} < ?"
        args.append(first_key(math.ceil(compiled.until)))
    return sql, tuple(args)
