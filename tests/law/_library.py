"""Engines over a subset of the packaged rule library, for the scenario tests of tests/law.

Each scenario module decides requests against only the layers it exercises (the federal or national file, the
state or province, the city), copied into a temporary directory, so that a problem in an unrelated
jurisdiction's file can neither mask nor fake a result. Fixture files (tests/law/fixtures/...) are FICTIONAL
local policies used only to show that a state's preemption voids them; they never go into the library.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from sanctuary.engine import Engine
from sanctuary.rules.loader import load_library

LIBRARY = Path(__file__).resolve().parents[2] / "src" / "sanctuary" / "library"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "anti_sanctuary"


@cache
def subset_engine(files: tuple[str, ...], fixtures: tuple[str, ...] = ()) -> Engine:
    """An engine over the listed library files (paths relative to the library) and fixture files."""
    root = Path(tempfile.mkdtemp(prefix="sanctuary-law-"))
    atexit.register(shutil.rmtree, root, True)
    for base, names in ((LIBRARY, files), (FIXTURES, fixtures)):
        for rel in names:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(base / rel, target)
    return Engine(load_library(root))


def request(date: str, jurisdiction: str, kind: str, action: str, **extra: Any) -> dict[str, Any]:
    """A contract request; ``extra`` adds top-level fields (requester, instrument, subject, data, ...)."""
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": action}
    out.update(extra)
    return out


def obligation_kinds(decision: dict[str, Any]) -> set[str]:
    return {o["kind"] for o in decision["obligations"]}
