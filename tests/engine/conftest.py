from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sanctuary.engine import Engine
from sanctuary.rules.loader import load_library

FIXTURES = Path(__file__).parent / "fixtures" / "lib"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(load_library(FIXTURES))


def req(jurisdiction: str, kind: str, action: str, date: str = "2020-01-01", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": action}
    out.update(extra)
    return out
