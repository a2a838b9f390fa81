"""Filters: the user's queries applied to a feed's new articles as they are stored, in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.config_query import FILTER_ACTIONS, Filter, FilterAction
from newsreader.query import compile_query, parse
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.gone import forget

_PREFIX = "filter:"  # state keys of the stored filters: filter:000000, filter:000001, ...


@dataclass(frozen=True, slots=True)
class CompiledFilter:
    where: str
    args: tuple[object, ...]
    action: FilterAction


@dataclass(frozen=True, slots=True)
class Filtered:
    """What the filters did to one batch of new articles."""

    deleted: int = 0
    read: int = 0
    hidden: int = 0


class FiltersStore(StoreBase):
    def compile_filters(self, filters: Sequence[Filter]) -> list[CompiledFilter]:
        """The filters as SQL for this store. New articles are not in the search index yet: their words
        are matched by scanning their text, which for one feed's new articles is quick."""
        enclosures = self.has_enclosures()  # type: ignore[attr-defined]
        out = []
        for f in filters:
            c = compile_query(parse(f.query), index=False, enclosures=enclosures)
            out.append(CompiledFilter(c.where, c.args, f.action))
        return out

    @guarded
    def stored_filters(self) -> list[Filter]:
        """The filters kept in the store (imported from newsboat), in the order they were added."""
        rows = self.db.execute(
            "SELECT value FROM state WHERE key >= ? AND key < ? ORDER BY key", (_PREFIX, "filter;")
        )
        found = []
        for r in rows:
            action, _, query = (r["value"] or "").partition(" ")
            if action in FILTER_ACTIONS and query:
                found.append(Filter(query, action))  # type: ignore[arg-type]
        return found

    @guarded
    def add_stored_filter(self, rule: Filter) -> bool:
        """Keep rule after the stored filters (once); whether it was new."""
        if rule in self.stored_filters():
            return False
        with self.transaction() as db:
            count = db.execute(
                "SELECT count(*) FROM state WHERE key >= ? AND key < ?", (_PREFIX, "filter;")
            ).fetchone()[0]
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?)",
                (f"{_PREFIX}{count:06d}", f"{rule.action} {rule.query}"),
            )
        return True

    @guarded
    def newest_article_id(self) -> int:
        return self.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]

    @guarded
    def apply_filters(self, filters: Sequence[CompiledFilter], feed_id: int, after_id: int) -> Filtered:
        """Apply filters in order to the feed's articles stored after after_id (never to starred ones)."""
        counts = {"delete": 0, "read": 0, "hide": 0}
        for f in filters:
            ids = [
                r[0]
                for r in self.db.execute(
                    f"SELECT a.id FROM articles a WHERE a.feed_id = ? AND a.id > ? AND a.starred = 0 "
                    f"AND a.hidden = 0 AND ({f.where})",
                    (feed_id, after_id, *f.args),
                )
            ]
            if not ids:
                continue
            if f.action == "delete":
                with self.transaction() as db:
                    counts["delete"] += forget(db, ids)
                continue
            self.set_read(ids, True)  # type: ignore[attr-defined]  # the one door for read state (sync)
            if f.action == "hide":
                with self.transaction() as db:
                    db.executemany("UPDATE articles SET hidden = 1 WHERE id = ?", [(i,) for i in ids])
            counts[f.action] += len(ids)
        return Filtered(counts["delete"], counts["read"], counts["hide"])
