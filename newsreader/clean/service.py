"""Moved to newsreader.engine.cleaning; this shim keeps the interface working until it is ported to the engine."""

from newsreader.engine.cleaning import clean_article, clean_pending, clean_pool, ensure_cleaned

__all__ = ["clean_article", "clean_pending", "clean_pool", "ensure_cleaned"]
