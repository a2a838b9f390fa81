"""The cleaner's output and the full pages it works from."""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.models import Cleaned
from newsreader.store.connection import StoreBase, guarded
from newsreader.store.rows import cleaned_values


class CleanedStore(StoreBase):
    @guarded
    def uncleaned(self, *, limit: int = 100, feed_id: int | None = None) -> list[int]:
        sql = "SELECT id FROM articles WHERE cleaned = 0"
        args: list = []
        if feed_id is not None:
            sql += " AND feed_id = ?"
            args.append(feed_id)
        return [r["id"] for r in self.db.execute(sql + f" ORDER BY id DESC LIMIT {int(limit)}", args)]

    @guarded
    def uncleaned_of(self, ids: Sequence[int]) -> list[int]:
        """Those of ids not cleaned yet, in the given order."""
        waiting: set[int] = set()
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            waiting.update(
                r["id"]
                for r in self.db.execute(
                    f"SELECT id FROM articles WHERE cleaned = 0 AND id IN ({marks})", chunk
                )
            )
        return [i for i in ids if i in waiting]

    @guarded
    def save_cleaned(self, article_id: int, cleaned: Cleaned | None, error: str | None = None) -> None:
        with self.transaction() as db:
            if cleaned is None:
                db.execute(
                    "UPDATE articles SET cleaned = 1, clean_error = ? WHERE id = ?", (error, article_id)
                )
                return
            values = cleaned_values(cleaned)
            assignments = ", ".join(f"{column} = :{column}" for column in values)
            db.execute(
                f"UPDATE articles SET cleaned = 1, {assignments}, clean_error = :error WHERE id = :id",
                {**values, "error": error, "id": article_id},
            )

    @guarded
    def save_page(self, article_id: int, html: str | None, error: str | None) -> None:
        """Store the full page fetched for an article (or why it could not be), so it is cleaned again."""
        with self.transaction() as db:
            db.execute(
                "UPDATE articles SET page_html = ?, page_error = ?, cleaned = 0 WHERE id = ?",
                (html, error, article_id),
            )

    @guarded
    def articles_without_page(self, feed_id: int, keys: Sequence[str]) -> dict[str, int]:
        """{key: article id} of the feed's articles among keys whose full page is not fetched yet."""
        found: dict[str, int] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            rows = self.db.execute(
                f"SELECT id, key FROM articles WHERE feed_id = ? AND key IN ({','.join('?' * len(chunk))}) "
                "AND page_html IS NULL AND page_error IS NULL",
                [feed_id, *chunk],
            )
            found.update((row["key"], row["id"]) for row in rows)
        return found
