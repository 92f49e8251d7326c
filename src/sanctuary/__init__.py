"""Sanctuary: sanctuary-city law as code.

``sanctuary.decide(request)`` decides one request of the decision contract; ``sanctuary.decide_many`` many.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from sanctuary.engine import Decision, Engine, RequestError
from sanctuary.rules.loader import Library, LibraryError, load_library

__version__ = "0.1.0"
__all__ = ["Decision", "Engine", "Library", "LibraryError", "RequestError", "decide", "decide_many",
           "default_engine", "load_library", "ruleset_digest"]

_lock = threading.Lock()
_engine: Engine | None = None


def default_engine() -> Engine:
    """The engine over the packaged rule library, built on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                _engine = Engine()
    return _engine


def decide(request: Any) -> Decision:
    """Decide one request (a mapping in the contract's shape)."""
    return default_engine().decide(request)


def decide_many(requests: Iterable[Any]) -> list[Decision]:
    """Decide many requests, in order."""
    return default_engine().decide_many(requests)


def ruleset_digest() -> str:
    """SHA-256 of the rule library the default engine decides with."""
    return default_engine().digest
