"""``collector_paused()``: pause the cyclic garbage collector while a bulk of long-lived objects is built.

Loading the rule library or deciding a few thousand requests allocates many long-lived, acyclic objects and no
garbage; the collector's passes over them as they pile up are pure cost. The previous state is restored on exit.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
