"""Interface state: small key/value pairs the interface keeps between sessions."""

from __future__ import annotations

from newsreader.store.connection import StoreBase, guarded


class StateStore(StoreBase):
    @guarded
    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    @guarded
    def set_state(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
