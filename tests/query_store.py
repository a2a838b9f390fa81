"""A small store of known articles for the query tests: every term has articles it must and must not match."""

from __future__ import annotations

import time
from pathlib import Path

from newsreader.config import Config
from newsreader.engine import Engine
from newsreader.models import Cleaned, Contact, FeedUpdate, ParsedEntry, ParsedFeed
from newsreader.store import Store

DAY = 86400.0
NOW = time.time()

# (feed, key, title, authors, days old, body)
ARTICLES = [
    ("harbour", "ferry", "Ferry timetable changes", ("Ann Lee",), 1, "The ferry leaves the harbour at noon."),
    ("harbour", "pandas", "Pandas arrive at the zoo", ("Bob Stone",), 3, "Two pandas and a keeper."),
    (
        "harbour",
        "storm",
        "Storm closes the ferry port",
        ("Ann Lee",),
        10,
        "A storm kept every ferry in port.",
    ),
    (
        "wire",
        "budget",
        "Council budget vote",
        ("The Associated Press",),
        40,
        "The council votes on the budget.",
    ),
    ("wire", "sponsor", "Sponsored: the best kettles", ("Ad Desk",), 2, "Buy a kettle today."),
    ("wire", "market", "Market day returns", ("Reuters",), 400, "The market returns to the square."),
]


def feed_url(name: str) -> str:
    return f"http://127.0.0.1:9/{name}.xml"


def fill(path: Path) -> dict[str, int]:
    """Store ARTICLES (feed "harbour" tagged news and local, "wire" tagged news); ids by key."""
    with Store(path) as store:
        for name, tags in (("harbour", ["news", "local"]), ("wire", ["news"])):
            feed, _ = store.add_feed(feed_url(name), title=f"The {name.title()} Gazette", tags=tags)
            entries = tuple(
                ParsedEntry(
                    key,
                    key,
                    f"http://127.0.0.1:9/{key}",
                    title,
                    authors,
                    NOW - days * DAY,
                    None,
                    f"<p>{body}</p>",
                    key,
                )
                for f, key, title, authors, days, body in ARTICLES
                if f == name
            )
            store.apply_update(
                FeedUpdate(feed.id, "ok", NOW, feed=ParsedFeed(title=None, site_url=None, entries=entries))
            )
        ids = {r.title.split()[0].lower().rstrip(":"): r.id for r in store.articles()}
        ids = {key: ids[title.split()[0].lower().rstrip(":")] for _, key, title, *_ in ARTICLES}
        store.save_cleaned(
            ids["storm"],
            Cleaned(
                title="Storm closes the ferry port",
                authors=("Ann Lee",),
                body="A storm kept every ferry in port.",
                contacts=(Contact("email", "tips@harbour.example", "Tips: tips@harbour.example"),),
                notes=("Corrected: the port reopened on Sunday.",),
            ),
        )
        store.save_cleaned(
            ids["budget"], Cleaned(body="The council votes on the budget.", credits=("Photo: Jo Park",))
        )
        store.set_read([ids["pandas"], ids["market"]], True)
        store.set_starred(ids["budget"], True)
    return ids


def open_engine(path: Path, config: Config | None = None) -> Engine:
    return Engine.open(config or Config(full_text="never"), path=path)
