"""Feed documents (RSS 0.9x/1.0/2.0, Atom, RDF) into our typed `ParsedFeed`.

Modules: `bounds` (size limits checked before any parser runs), `entities` (DTD defusing), `fast`
(the lxml reader for plain, well-formed feeds), `adapter` (feedparser, for everything else),
`authors` (names out of author fields), `entries` (building our types), `workers` (parsing off
the event loop), `parse` (the one entry point tying them together).

Names are imported on first use: a refresh where every feed answers 304 imports no parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.feeds.entities import defuse_entities
    from newsreader.feeds.errors import NotAFeed
    from newsreader.feeds.parse import parse_feed
    from newsreader.feeds.workers import parse_outcome, parse_worker_init

_WHERE = {
    "NotAFeed": "errors",
    "defuse_entities": "entities",
    "parse_feed": "parse",
    "parse_outcome": "workers",
    "parse_worker_init": "workers",
}
__all__ = ["NotAFeed", "defuse_entities", "parse_feed", "parse_outcome", "parse_worker_init"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
