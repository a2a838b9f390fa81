"""Messages the interface's workers post back to the interface thread, as dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from newsreader.models import Article, ArticleRow, Feed, SavedView
from newsreader.ui.view import View

__all__ = ["View"]  # messages carry views; importers may take it from here


@dataclass
class FeedsLoaded(Message):
    feeds: list[Feed]
    unread_total: int | None = None  # given when feeds is only the first screenful
    more: bool = False  # the rest follows in another FeedsLoaded
    views: list[SavedView] | None = None  # the saved views, listed above the feeds


@dataclass
class ViewLoaded(Message):
    """The ids of a view, in display order; select_id is put under the cursor (and opened if asked)."""

    view: View
    ids: list[int]
    rows: list[ArticleRow] = field(default_factory=list)
    select_id: int | None = None
    open_selected: bool = False
    focus_list: bool = False
    navigate: bool = False  # n/N chose the view: the feed list follows


@dataclass
class RowsLoaded(Message):
    """Rows the article list asked for, to draw the part of the list on screen."""

    rows: list[ArticleRow]


@dataclass
class ArticleLoaded(Message):
    """An article to show, its Markdown made off the interface thread; final is False while it is cleaned."""

    article: Article
    markdown: str
    final: bool
    error: str | None = None
    note: str | None = None  # why the full page is missing (offline, or its fetch failed)


@dataclass
class LinkFound(Message):
    """The link of the article o or y acted on (None: it has none)."""

    article_id: int
    link: str | None
    copy: bool


@dataclass
class NothingUnread(Message):
    pass


@dataclass
class RefreshProgress(Message):
    """One feed of a refresh is done (error is its one-line reason when it failed)."""

    done: int
    total: int
    feed_id: int | None
    error: str | None
    title: str = ""  # the feed's, as the user knows it


@dataclass
class RefreshFinished(Message):
    """fetched is how many feeds the refresh had to fetch (0: none has a web address, like the sample)."""

    new: int
    failed: list[tuple[str, str]]
    error: str | None = None
    fetched: int = -1
    offline: bool = False  # the engine was opened offline and refused to fetch


@dataclass
class SampleLoaded(Message):
    feed_id: int | None
    error: str | None = None


@dataclass
class StoreChanged(Message):
    """A write landed: read counts may have moved."""


@dataclass
class ArticleCleaned(Message):
    """The background pass cleaned an article (the open one is shown again if it was waiting)."""

    article_id: int


@dataclass
class FeedsCounted(Message):
    """The reading screen's first list of feeds is in: the app welcomes a newcomer, or starts cleaning."""

    count: int


@dataclass
class CleanPending(Message):
    """A refresh brought articles: the app's background pass cleans them."""
