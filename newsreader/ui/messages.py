"""Messages the app's workers post back to the interface thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader.models import Article, ArticleRow, Feed


@dataclass(frozen=True, slots=True)
class View:
    """What the article list shows: one feed, all unread, starred, or search results."""

    kind: str  # "feed", "unread", "starred" or "search"
    feed_id: int | None = None
    query: str = ""

    @property
    def key(self) -> str:
        return f"feed:{self.feed_id}" if self.kind == "feed" else self.kind

    @classmethod
    def from_key(cls, key: str | None) -> View | None:
        if not key:
            return None
        if key.startswith("feed:") and key[5:].isdigit():
            return cls("feed", int(key[5:]))
        if key in ("unread", "starred"):
            return cls(key)
        return None


class FeedsLoaded(Message):
    def __init__(self, feeds: list[Feed]) -> None:
        super().__init__()
        self.feeds = feeds


class ViewLoaded(Message):
    """The ids of a view, in display order; select_id is put under the cursor (and opened if asked)."""

    def __init__(
        self,
        view: View,
        ids: list[int],
        *,
        rows: list[ArticleRow] | None = None,
        select_id: int | None = None,
        open_selected: bool = False,
        focus_list: bool = False,
        navigate: bool = False,
    ) -> None:
        super().__init__()
        self.navigate = navigate
        self.view = view
        self.ids = ids
        self.rows = rows or []
        self.select_id = select_id
        self.open_selected = open_selected
        self.focus_list = focus_list


class ArticleLoaded(Message):
    """An article to show; final is False while the cleaner still works on it."""

    def __init__(self, article: Article, *, final: bool, error: str | None = None) -> None:
        super().__init__()
        self.article = article
        self.final = final
        self.error = error


class NothingUnread(Message):
    pass


class RefreshProgress(Message):
    """One feed of a refresh is done (error is its one-line reason when it failed)."""

    def __init__(self, done: int, total: int, feed_id: int | None, error: str | None) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.feed_id = feed_id
        self.error = error


class RefreshFinished(Message):
    """fetched is how many feeds the refresh had to fetch (0: none has a web address, like the sample)."""

    def __init__(
        self, new: int, failed: list[tuple[str, str]], error: str | None = None, *, fetched: int = -1
    ) -> None:
        super().__init__()
        self.new = new
        self.failed = failed
        self.error = error
        self.fetched = fetched


class SampleLoaded(Message):
    def __init__(self, feed_id: int | None, error: str | None = None) -> None:
        super().__init__()
        self.feed_id = feed_id
        self.error = error


class StoreChanged(Message):
    """A write landed: read counts may have moved."""


class ArticleCleaned(Message):
    """The background pass cleaned an article (the open one is shown again if it was waiting)."""

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
