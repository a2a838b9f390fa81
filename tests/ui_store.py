"""Stores and helpers for the interface tests: fixed dates, real SQLite files, no clock."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.worker import WorkerCancelled

from newsreader.models import Cleaned, Contact, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store

BASE_TIME = 1_795_000_000.0  # 2026-11-17 09:46:40 UTC: every date on screen is fixed


@dataclass(frozen=True)
class Story:
    title: str
    body: str = "Text of the story."
    authors: tuple[str, ...] = ("Ann Writer",)
    link: str | None = None
    contacts: tuple[Contact, ...] = ()
    credits: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    cleaned: bool = True


@dataclass
class Sub:
    url: str
    title: str
    stories: Sequence[Story] = field(default_factory=list)
    tags: tuple[str, ...] = ()


def entry(i: int, story: Story) -> ParsedEntry:
    return ParsedEntry(
        key=f"k{i}",
        guid=f"g{i}",
        link=story.link or f"https://news.example/{i}",
        title=story.title,
        authors=story.authors,
        published=BASE_TIME - i * 3600,
        updated=None,
        content_html=f"<p>{story.body}</p>",
        content_hash=f"h{i}",
    )


def build_store(path: Path, subs: Sequence[Sub]) -> dict[str, int]:
    """Subscribe to subs and store their stories (cleaned ones with the cleaner's fields); url -> feed id."""
    ids: dict[str, int] = {}
    counter = 0
    with Store(path) as store:
        for sub in subs:
            feed, _ = store.add_feed(sub.url, title=sub.title, tags=sub.tags)
            ids[sub.url] = feed.id
            entries = []
            for story in sub.stories:
                entries.append(entry(counter, story))
                counter += 1
            parsed = ParsedFeed(title=sub.title, site_url=None, entries=tuple(entries))
            store.apply_update(FeedUpdate(feed_id=feed.id, status="ok", fetched_at=BASE_TIME, feed=parsed))
            by_key = {e.key: s for e, s in zip(entries, sub.stories, strict=True)}
            for row in store.articles(feed_id=feed.id):
                art = store.article(row.id)
                story = by_key[art.key]
                # As a refresh leaves it: the page fetched (opening an article would fetch a missing one).
                store.save_page(row.id, f"<html><body><p>{story.body}</p></body></html>", None)
                if story.cleaned:
                    store.save_cleaned(
                        row.id,
                        Cleaned(
                            title=story.title,
                            authors=story.authors,
                            body=story.body,
                            contacts=story.contacts,
                            credits=story.credits,
                            notes=story.notes,
                        ),
                    )
    return ids


def standard_subs() -> list[Sub]:
    """Two feeds, five stories, every metadata section filled somewhere; no tags (tests/test_ui_tags.py
    has the feed list's tag sections)."""
    return [
        Sub(
            "https://one.example/feed.xml",
            "Harbour News",
            [
                Story(
                    "Ferry timetable changes",
                    "The ferry runs every twenty minutes from Monday.\n\n" + "More detail follows.\n\n" * 40,
                    authors=("Mara Okafor",),
                    link="https://one.example/ferry",
                    contacts=(Contact("email", "tips@one.example", "Send tips to tips@one.example"),),
                    credits=("Photo: Jonah Reyes",),
                    notes=("Correction: the ferry has two boats, not three.",),
                ),
                Story("Library lends tools", "Drills and ladders on a shelf.", authors=("Priya Natarajan",)),
                Story("Bike lane vote delayed", "The council waits for a study.", authors=("Tom Brennan",)),
            ],
        ),
        Sub(
            "https://two.example/feed.xml",
            "Weather Desk",
            [
                Story("Storm warning", "Gusts of 90 km/h on the coast.", authors=("Sam Ilori",)),
                Story("Sunny spell", "A dry week ahead.", authors=("Sam Ilori",)),
            ],
        ),
    ]


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>',
    re.S,
)
_CELL = 12.2  # the width of one cell in Rich's SVG export


def screen_text(app) -> str:
    """What the terminal would show, as plain text: read from the app's public SVG screenshot."""
    width, height = app.size
    lines = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        row, col = int(line), round(float(x) / _CELL)
        if row >= height:
            continue
        for i, char in enumerate(html.unescape(text).replace("\xa0", " ").rstrip("\n")):
            if col + i < width:
                lines[row][col + i] = char
    return "\n".join("".join(chars).rstrip() for chars in lines)


class Toasts:
    """A run_test(message_hook=...) that keeps every notification the app posted."""

    def __init__(self) -> None:
        self.seen: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.seen.append(message.notification)

    def messages(self, severity: str | None = None) -> list[str]:
        return [n.message for n in self.seen if severity is None or n.severity == severity]


async def settle(pilot, rounds: int = 4) -> None:
    """Let workers, the store writer and the messages they post all finish."""
    app = pilot.app
    for _ in range(rounds):
        for _ in range(20):
            try:
                await app.workers.wait_for_complete()
                break
            except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for the rest
                continue
        if app.writer is not None:
            app.writer.flush()
        await pilot.pause()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """Dates on screen in UTC whatever the machine's zone, so screens are the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def wait_until(pilot, check, timeout: float = 10.0, *, then_settle: bool = True) -> None:
    """Pause until check() is true (for work on the app's own threads, like a refresh).

    A bound on waiting, not a timing: a check that never comes true fails the test instead of hanging it.
    """
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout} s")
        await pilot.pause(0.05)
    if then_settle:
        await settle(pilot)


async def open_theme_picker(pilot) -> None:
    """The theme picker, as a user opens it: from the command palette (t picks a tag)."""
    from newsreader.ui.screens.theme_picker import ThemePicker

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Choose a theme")
    # Once in the search line as typed, once more as the command found: then enter runs it.
    await wait_until(pilot, lambda: screen_text(pilot.app).count("Choose a theme") >= 2, then_settle=False)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThemePicker), then_settle=False)
