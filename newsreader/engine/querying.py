"""The engine's query face: the query language, saved views, tags, and starring or reading by id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsreader.engine.errors import EngineError
from newsreader.models import ArticleRow, Cleanup, Feed, SavedView

if TYPE_CHECKING:
    from newsreader.config import Config
    from newsreader.config_query import Filter
    from newsreader.query import Compiled
    from newsreader.store import Store
    from newsreader.subscriptions import Subscriptions


class QueryError(EngineError):
    """A query that cannot be read: str() is one line pointing at the place, position the index in it."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


class QueryingMixin:
    _store: Store
    config: Config

    def find_feed(self, address: str) -> Feed:  # pragma: no cover - Engine's
        raise NotImplementedError

    def compile(self, query: str, *, index: bool = True) -> Compiled:
        """query compiled for this store; raises QueryError."""
        from newsreader.query import QuerySyntaxError, compile_query, parse

        try:
            tree = parse(query)
        except QuerySyntaxError as exc:
            raise QueryError(str(exc), exc.position) from None
        return compile_query(
            tree,
            index=index,
            unindexed=index and self._store.read_only,
            enclosures=self._store.has_enclosures(),
        )

    def query_ids(
        self, query: str, *, limit: int | None = None, unread_only: bool = False, include_hidden: bool = False
    ) -> list[int]:
        """The ids of the articles query matches, newest first (the first limit); raises QueryError."""
        compiled = self.compile(query)
        if compiled.where != "1" and not self._store.read_only:
            self._store.index_pending()
        return self._store.query_ids(
            compiled, limit=limit, unread_only=unread_only, include_hidden=include_hidden
        )

    def count(self, query: str, *, unread_only: bool = False) -> int:
        """How many articles query lists (unread ones only if asked), hidden ones aside; raises QueryError."""
        compiled = self.compile(query)
        if compiled.where != "1" and not self._store.read_only:
            self._store.index_pending()
        return self._store.count_ids(compiled, unread_only=unread_only, include_hidden=False)

    def search(self, query: str, *, limit: int = 1000) -> list[ArticleRow]:
        """The articles query matches, best first when it looks for words (else newest first)."""
        if not query.strip():
            return []
        compiled = self.compile(query)
        if not self._store.read_only:
            self._store.index_pending()
        if compiled.match is None:
            return self._store.rows(self._store.query_ids(compiled, limit=limit))
        return self._store.query_rows(compiled, limit=limit)

    def check_query(self, query: str) -> None:
        """Raise QueryError if query cannot be read."""
        self.compile(query)

    def highlight_terms(self, query: str) -> tuple[str, ...]:
        """The free words, phrases and prefixes (without *) of query, for highlighting; () if unreadable."""
        from newsreader.query import QuerySyntaxError, highlight_terms, parse

        try:
            return highlight_terms(parse(query))
        except QuerySyntaxError:
            return ()

    # Saved views

    def views(self) -> list[SavedView]:
        """The views of config.toml's [views] in their order, then those saved from the interface."""
        found = [SavedView(name, query, "config") for name, query in self.config.views.items()]
        names = {v.name for v in found}
        found += [
            SavedView(name, query, "store") for name, query in self._store.saved_views() if name not in names
        ]
        return found

    def save_view(self, name: str, query: str) -> SavedView:
        """Keep query as a view named name in the store; raises QueryError or EngineError."""
        from newsreader.text import one_line

        name = one_line(name).strip()
        if not name:
            raise EngineError("a view needs a name")
        if name in self.config.views:
            raise EngineError(f"a view named {name} is in config.toml: edit it there")
        self.check_query(query)
        self._store.save_view(name, query)
        return SavedView(name, query, "store")

    def delete_view(self, name: str) -> None:
        """Forget the view saved from the interface; raises EngineError for one from config.toml or none."""
        if name in self.config.views:
            raise EngineError(f"the view {name} is in config.toml: remove it there")
        if not self._store.delete_view(name):
            raise EngineError(f"no saved view named {name}")

    def filters(self) -> list[Filter]:
        """The filters applied at refresh, in order: config.toml's [[filters]], then those imported."""
        return [*self.config.filters, *self._store.stored_filters()]

    def import_newsboat_rules(self, subs: Subscriptions) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Keep the newsboat query feeds of subs as saved views and its ignore-article lines as filters,
        where our language can say them: what subs skipped and what was refused (one line each, in file
        order), and one line for each kept."""
        from newsreader.config_query import Filter
        from newsreader.query.newsboat import Untranslatable, translate

        kept: list[str] = []
        refused: list[tuple[str, str]] = []
        action = "hide" if subs.ignore_mode == "display" else "delete"
        for rule in subs.rules:
            what = "query feed" if rule.kind == "view" else "ignore-article"
            try:
                query = translate(rule.expression)
                if rule.kind == "filter" and rule.name != "*":
                    query = f'({query}) feed:"{rule.name.replace(chr(34), "")}"'
                self.check_query(query)
            except (Untranslatable, QueryError) as exc:
                refused.append((rule.where, f"{rule.where}: skipped {what} {rule.expression}: {exc}"))
                continue
            if rule.kind == "view":
                if rule.name in self.config.views:
                    refused.append(
                        (
                            rule.where,
                            f"{rule.where}: skipped query feed {rule.name}: config.toml has a view so named",
                        )
                    )
                    continue
                self._store.save_view(rule.name, query)
                kept.append(f"view {rule.name}: {query}")
            else:
                self._store.add_stored_filter(Filter(query, action))  # type: ignore[arg-type]
                kept.append(f"filter ({action}): {query}")
        return _in_file_order([(s.where, str(s)) for s in subs.skipped] + refused), tuple(kept)

    # Tags

    def tag_feed(self, address: str, add: Sequence[str] = (), remove: Sequence[str] = ()) -> Feed:
        """Add and remove tags of the feed at address; returns the feed as it is now."""
        feed = self.find_feed(address)
        gone = {t.casefold() for t in remove}
        tags = [t for t in feed.tags if t.casefold() not in gone]
        known = {t.casefold() for t in tags}
        tags += [t for t in add if t.strip() and t.casefold() not in known and t.casefold() not in gone]
        if tags != list(feed.tags):
            self._store.set_feed_tags(feed.id, tags)
        return self._store.feed(feed.id)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag and how many feeds carry it, by name."""
        return self._store.tag_counts()

    # Articles by id (as `list --json` shows them)

    def known_ids(self, ids: Sequence[int]) -> list[int]:
        """ids, checked: raises EngineError naming the first that is no article."""
        found = {r.id for r in self._store.rows(list(ids))}
        for i in ids:
            if i not in found:
                raise EngineError(f"no article with id {i}")
        return list(dict.fromkeys(ids))

    def star(self, ids: Sequence[int], starred: bool = True) -> int:
        """Star (or unstar) the articles; returns how many there were. Raises EngineError for an unknown id."""
        known = self.known_ids(ids)
        for i in known:
            self._store.set_starred(i, starred)
        return len(known)

    def mark_read_ids(self, ids: Sequence[int], read: bool = True) -> int:
        """Mark the articles read (or unread); raises EngineError for an unknown id."""
        known = self.known_ids(ids)
        self._store.set_read(known, read)
        return len(known)

    # Retention

    def apply_retention(self) -> int:
        """Delete what [retention] lets go (never a starred article); returns how many went."""
        return self._store.apply_retention(self.config.retention)

    def cleanup(self) -> Cleanup:
        """Apply [retention], then compact the store; what was deleted and how many bytes it freed."""
        return self._store.cleanup(self.config.retention)


def _in_file_order(entries: list[tuple[str, str]]) -> tuple[str, ...]:
    """(where, line) pairs, "FILE:LINE" where, as lines: files in the order met, each by line number."""

    def split(where: str) -> tuple[str, int]:
        file, _, line = where.rpartition(":")
        return (file, int(line)) if line.isdigit() else (where, 0)

    files = list(dict.fromkeys(split(w)[0] for w, _ in entries))
    return tuple(
        line for _, line in sorted(entries, key=lambda e: (files.index(split(e[0])[0]), split(e[0])[1]))
    )
