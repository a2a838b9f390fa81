"""The engine's errors, apart so the engine's mixins can raise them without importing the engine."""

from __future__ import annotations


class EngineError(Exception):
    """A problem the user can fix (unknown feed, bad address, not a feed); the message is one line."""


class OfflineError(EngineError):
    """A network operation asked of an engine opened offline."""
