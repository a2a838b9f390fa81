"""Organizing from the feed list: add (with discovery), rename, tags, remove, pick a tag, save a search.

Mixed into MainScreen. Each asks in a dialog (ui/dialogs.py), does the work in a thread worker through
ui/data.py, and answers with a message handled here: the interface thread never waits on the network.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader.models import DiscoveredFeed, Feed
from newsreader.text import one_line
from newsreader.ui.data import EngineError
from newsreader.ui.dialogs import ChoiceDialog, TextDialog
from newsreader.ui.messages import View, ViewLoaded
from newsreader.ui.widgets.search_input import SearchInput


@dataclass
class Discovered(Message):
    """What discovery found at the address typed in the add dialog (error: why it found nothing)."""

    address: str
    found: list[DiscoveredFeed]
    error: str | None = None


@dataclass
class FeedChanged(Message):
    """A feed was added, renamed or tagged (feed: as it is now), a view saved, or a feed removed
    (removed_id); text says what, in one line."""

    text: str
    feed: Feed | None = None
    added: bool = False
    removed_id: int | None = None


@dataclass
class OrganizeFailed(Message):
    text: str


def _tags_text(tags: tuple[str, ...]) -> str:
    return ", ".join(tags)


def parse_tags(text: str) -> list[str]:
    """Tags as typed in the T dialog: separated by commas, each one clean line, repeats once."""
    return list(dict.fromkeys(t for t in (one_line(p).strip() for p in text.split(",")) if t))


class FeedActions:
    """Mixed into MainScreen, whose feed list, data and status these use."""

    highlight_query = ""  # the query whose words are marked

    def _chosen_feed(self) -> Feed | None:
        feed_id = self.selected_feed_id()
        feed = next((f for f in self.feeds if f.id == feed_id), None)
        if feed is None:
            self.notify("Choose a feed in the feed list first.", severity="warning")
        return feed

    def _organize(self, work, group: str) -> None:
        """work() on a thread: its message is posted back, an EngineError becomes one line."""

        def run() -> None:
            try:
                message = work()
            except EngineError as exc:
                message = OrganizeFailed(one_line(str(exc)))
            self.post_message(message)

        self.run_worker(run, thread=True, group=group, exit_on_error=False)

    def on_organize_failed(self, message: OrganizeFailed) -> None:
        self.notify(message.text, severity="error", markup=False)

    def on_feed_changed(self, message: FeedChanged) -> None:
        self.notify(message.text, markup=False)
        if message.added and message.feed is not None:
            self.show_feed(message.feed.id)
            if not self.data.offline:
                self.start_refresh([message.feed.id])
            return
        self.feed_list.load()
        view = self.wanted_view or self.view
        if message.removed_id is not None and view is not None and view.feed_id == message.removed_id:
            self.load_view(View("unread"))
        else:
            self.reload_view()

    # a: add, with discovery

    def action_add_feed(self) -> None:
        dialog = TextDialog(
            "Add a feed",
            "The address of a feed, or of a web page that names one:",
            placeholder="https://example.org/",
        )
        self.app.push_screen(dialog, callback=self._add_typed)

    def _add_typed(self, address: str | None) -> None:
        address = (address or "").strip()
        if not address:
            return
        if self.data.offline:  # stored unchecked, as `newsreader add --offline` does
            self._add(address, check=False)
            return
        self.status.progress(f"looking for feeds at {one_line(address)[:60]}…")

        def work() -> Message:
            try:
                return Discovered(address, self.data.discover(address))
            except EngineError as exc:
                return Discovered(address, [], one_line(str(exc)))

        self._organize(work, "discover")

    def on_discovered(self, message: Discovered) -> None:
        self.status.progress("")
        found = message.found
        if message.error:
            self.notify(message.error, severity="error", markup=False)
        elif not found:
            self.notify(f"No feed found at {one_line(message.address)}.", severity="error", markup=False)
        elif len(found) == 1:
            itself = found[0].url == self.data.address_of(message.address)
            self._add(found[0].url, check=not itself)
        else:
            choices = [(f.url, _label(f)) for f in found] + [("*all", f"All {len(found)} of them")]
            prompt = f"{len(found)} feeds found at {one_line(message.address)}:"
            chooser = ChoiceDialog("Which feed?", prompt, choices)

            def chosen(url: str | None) -> None:
                for f in found if url == "*all" else [f for f in found if f.url == url]:
                    self._add(f.url, check=True)

            self.app.push_screen(chooser, callback=chosen)

    def _add(self, url: str, *, check: bool) -> None:
        def work() -> Message:
            added = self.data.add_feed(url, check=check)
            title = one_line(added.feed.display_title)
            text = f"Added {title}." if added.new else f"Already subscribed to {title}."
            return FeedChanged(text, added.feed, added=True)

        self._organize(work, "add")

    # e: rename

    def action_rename_feed(self) -> None:
        feed = self._chosen_feed()
        if feed is None:
            return
        dialog = TextDialog(
            "Rename", "A title of your own (empty: the feed's own title again):", one_line(feed.display_title)
        )

        def typed(title: str | None) -> None:
            if title is None:
                return
            title = one_line(title).strip() or None

            def work() -> Message:
                renamed = self.data.rename_feed(feed.url, title)
                return FeedChanged(f"Renamed: {one_line(renamed.display_title)}.", renamed)

            self._organize(work, "rename")

        self.app.push_screen(dialog, callback=typed)

    # T: tags

    def action_edit_tags(self) -> None:
        feed = self._chosen_feed()
        if feed is None:
            return
        dialog = TextDialog(
            f"Tags of {one_line(feed.display_title)}",
            "Tags, separated by commas:",
            _tags_text(feed.tags),
            placeholder="news, local",
        )

        def typed(text: str | None) -> None:
            if text is None:
                return
            wanted = parse_tags(text)
            add = [t for t in wanted if t not in feed.tags]
            remove = [t for t in feed.tags if t not in wanted]

            def work() -> Message:
                tagged = self.data.tag_feed(feed.url, add, remove)
                shown = _tags_text(tagged.tags) or "none"
                return FeedChanged(f"Tags of {one_line(tagged.display_title)}: {shown}.", tagged)

            self._organize(work, "tags")

        self.app.push_screen(dialog, callback=typed)

    # D: remove, starred articles kept unless the user picks otherwise

    def action_remove_feed(self) -> None:
        feed = self._chosen_feed()
        if feed is None:
            return
        self._organize(lambda: RemoveAsked(*self.data.feed_and_starred(feed.id)), "remove")

    def on_remove_asked(self, message: RemoveAsked) -> None:
        feed, starred = message.feed, message.starred
        title = one_line(feed.display_title)
        articles = _count(feed.total, "article")
        if starred:
            prompt = f"{title}: {articles} go with it, {starred} of them starred."
            choices = [
                ("keep", f"Keep the feed and its {_count(starred, 'starred article')}"),
                ("force", f"Remove it, the {_count(starred, 'starred article')} too"),
            ]
        else:
            prompt = f"{title}: {articles} go with it (none starred)."
            choices = [("remove", f"Remove {title}"), ("keep", "Keep it")]

        def chosen(answer: str | None) -> None:
            if answer not in ("remove", "force"):
                return

            def work() -> Message:
                gone = self.data.remove_feed(feed.url, force=answer == "force")
                return FeedChanged(f"Removed {one_line(gone.display_title)}.", removed_id=gone.id)

            self._organize(work, "remove")

        self.app.push_screen(ChoiceDialog("Remove a feed", prompt, choices), callback=chosen)

    # t: one tag's feeds

    def action_pick_tag(self) -> None:
        tags = self.feed_list.tags()
        if not tags:
            self.notify("No feed has a tag yet: T tags the feed under the cursor.", severity="warning")
            return
        choices = [("", "All feeds")] + [(f"#{t}", f"#{one_line(t)}") for t in tags]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            tag = key[1:] if key else None
            self.feed_list.show_tag(tag)
            self.set_pane("feeds")
            if tag is not None:
                self.load_view(View("tag", name=tag))
            self.status_where()

        self.app.push_screen(ChoiceDialog("Show one tag", "Show the feeds of:", choices), callback=chosen)

    def action_back(self) -> None:
        if self.pane == "feeds" and self.feed_list.collapse_here():
            view = self.feed_list.current_view()  # the section's heading: its articles are listed
            if view is not None and (self.wanted_view is None or view.key != self.wanted_view.key):
                self.load_view(view)
            return
        super().action_back()

    # Search: its words marked in the list and the body, and saving it as a view

    def on_view_loaded(self, message: ViewLoaded) -> None:
        view = self.view
        query = view.query if view is not None and view.kind in ("search", "view") else ""
        if query == self.highlight_query:
            return
        self.highlight_query = query
        if not query:
            self._show_highlight(())
            return
        self._organize(lambda: Highlight(query, self.data.highlight_terms(query)), "highlight")

    def on_highlight(self, message: Highlight) -> None:
        if message.query == self.highlight_query:
            self._show_highlight(message.terms)

    def _show_highlight(self, terms: tuple[str, ...]) -> None:
        self.article_list.highlight = terms
        self.article_list.refresh()
        self.body.highlight = terms

    def on_input_submitted(self, message: SearchInput.Submitted) -> None:
        """A query that cannot be read says where, in one line (the search itself then lists nothing)."""
        query = message.value.strip()
        if query:
            self._organize(lambda: QueryChecked(self.data.query_problem(query)), "check-query")

    def on_query_checked(self, message: QueryChecked) -> None:
        if message.problem:
            self.notify(message.problem, severity="error", markup=False)

    def on_search_input_save_asked(self, message: SearchInput.SaveAsked) -> None:
        query = message.value.strip()
        self.close_search()
        if not query:
            return
        self.search_query = query
        view = View("search", query=query)
        self.feed_list.set_feeds(self.feeds, search=query, keep=view)
        self.load_view(view, focus_list=True)
        self.action_save_search()

    def action_save_search(self) -> None:
        query = self.search_query
        if not query:
            self.notify("Search first (/), then save the search as a view.", severity="warning")
            return
        dialog = TextDialog("Save as a view", f"A name for the view of: {one_line(query)}")

        def typed(name: str | None) -> None:
            if not name or not name.strip():
                return

            def work() -> Message:
                saved = self.data.save_view(name, query)
                return FeedChanged(f"Saved the view {one_line(saved.name)}.", None)

            self._organize(work, "save-view")

        self.app.push_screen(dialog, callback=typed)


@dataclass
class QueryChecked(Message):
    problem: str | None


@dataclass
class Highlight(Message):
    """The words of query to mark."""

    query: str
    terms: tuple[str, ...]


@dataclass
class RemoveAsked(Message):
    """The feed D is about to remove, with its counts, and how many of its articles are starred."""

    feed: Feed
    starred: int


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _label(f: DiscoveredFeed) -> str:
    title = f" {one_line(f.title)}" if f.title else ""
    return f"{one_line(f.url)}  ({f.type}){title}"
