"""Feed tags: setting a feed's tags, and every tag with how many feeds carry it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsreader.store.connection import StoreBase, guarded
from newsreader.text import one_line


class TagsStore(StoreBase):
    @guarded
    def set_feed_tags(self, feed_id: int, tags: Sequence[str]) -> None:
        """Give the feed exactly these tags (blank ones dropped, repeats once, in the order given)."""
        clean = list(dict.fromkeys(t for t in (one_line(x).strip() for x in tags) if t))
        with self.transaction() as db:
            if (
                db.execute("UPDATE feeds SET tags = ? WHERE id = ?", (json.dumps(clean), feed_id)).rowcount
                == 0
            ):
                raise KeyError(feed_id)

    @guarded
    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag and how many feeds carry it, by name."""
        return [
            (r["tag"], r["n"])
            for r in self.db.execute(
                "SELECT t.value AS tag, count(*) AS n FROM feeds f, json_each(f.tags) t "
                "GROUP BY t.value ORDER BY t.value COLLATE NOCASE"
            )
        ]
