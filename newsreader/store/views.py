"""Saved views the user made in the interface: a name and a query, kept with the interface state."""

from __future__ import annotations

from newsreader.store.connection import StoreBase, guarded

_PREFIX = "view:"


class ViewsStore(StoreBase):
    @guarded
    def saved_views(self) -> list[tuple[str, str]]:
        """(name, query) of every view saved in the store, by name."""
        rows = self.db.execute(
            "SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key", (_PREFIX, "view;")
        )
        return [(r["key"][len(_PREFIX) :], r["value"]) for r in rows if r["value"] is not None]

    @guarded
    def save_view(self, name: str, query: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_PREFIX + name, query),
            )

    @guarded
    def delete_view(self, name: str) -> bool:
        with self.transaction() as db:
            return db.execute("DELETE FROM state WHERE key = ?", (_PREFIX + name,)).rowcount > 0
