"""The engine facade: what the command line and the interface call, and nothing else behind them."""

from newsreader.engine.engine import Added, Engine, EngineError, Imported, OfflineError
from newsreader.engine.extract import Extraction
from newsreader.store import StoreError

__all__ = ["Added", "Engine", "EngineError", "Extraction", "Imported", "OfflineError", "StoreError"]
