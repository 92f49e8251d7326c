"""Sanctuary: sanctuary-city law as code.

``sanctuary.decide(request)`` decides one request of the decision contract; ``sanctuary.decide_many`` many.

The engine is imported on first use (PEP 562), so ``import sanctuary.something`` (the command line, the audit
log) does not pay for the engine and its schema.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sanctuary.engine import Decision, Engine, RequestError
    from sanctuary.rules.loader import Library, LibraryError, load_library

__version__ = "0.1.0"
__all__ = ["Decision", "Engine", "Library", "LibraryError", "RequestError", "decide", "decide_many",
           "default_engine", "load_library", "ruleset_digest"]

_LAZY = {"Decision": "sanctuary.engine", "Engine": "sanctuary.engine", "RequestError": "sanctuary.engine",
         "Library": "sanctuary.rules.loader", "LibraryError": "sanctuary.rules.loader",
         "load_library": "sanctuary.rules.loader"}

_lock = threading.Lock()
_engine: Engine | None = None


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sanctuary' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def default_engine() -> Engine:
    """The engine over the packaged rule library, built on first use."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from sanctuary.engine import Engine

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
