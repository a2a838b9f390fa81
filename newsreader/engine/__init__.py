"""The engine facade: what the command line and the interface call, and nothing else behind them."""

from newsreader.engine.connect import tell_upgrading
from newsreader.engine.engine import Added, Engine, EngineError, Imported, OfflineError, QueryError
from newsreader.engine.extract import Extraction
from newsreader.engine.opening import Opened
from newsreader.store import StoreError


def feed_text(markup: str | None) -> str:
    """An article's feed HTML as the plain paragraphs shown until its cleaned text arrives."""
    from newsreader.clean.plain import html_text

    return html_text(markup, paragraphs=True)


__all__ = [
    "Added",
    "Engine",
    "EngineError",
    "Extraction",
    "Imported",
    "OfflineError",
    "Opened",
    "QueryError",
    "StoreError",
    "feed_text",
    "tell_upgrading",
]
