"""An atlas database with a few hand-made evidence rows (fast); the full build is tested in test_build (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctuary.atlas import build as atlas_build
from sanctuary.atlas.store import insert
from sanctuary.evidence import compare, store
from sanctuary.evidence.results import Estimate


def estimates() -> list[Estimate]:
    events = [(-3, 0.01, -0.05, 0.07), (-2, -0.02, -0.08, 0.04), (-1, 0.0, 0.0, 0.0), (0, 0.05, 0.0, 0.1)]
    return [
        Estimate("county-all-twfe-log_total", "Did county detainer policies (ICE's 2014 list) change recorded "
                 "crime?", "log(1 + violent + property offences)",
                 "two-way fixed effects, controls: all never-listed counties", 0.012, (-0.05, 0.074), 0.7, 186, 2000,
                 25000, 0.0002, ["pre_trend"], [compare.compare("arellano-bover-biasi-total", (-0.05, 0.074), "")],
                 "sanctuary evidence build", "note", events),
        Estimate("ca-sb54-naive-twfe-log_property_rate", "Did California's Values Act (SB 54, 2018) change "
                 "recorded crime in California?", "log property crimes per 100,000 (state)",
                 "two-way fixed effects, one treated state (the trap)", 0.093, (0.05, 0.136), 0.001, 1, 50, 1500,
                 None, ["few_treated_units", "refused"], [], "sanctuary evidence build", "trap"),
    ]


@pytest.fixture(scope="session")
def evidence_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evidence") / "atlas.db"
    atlas_build.build(path)
    conn, tmp = store.open_copy(path)
    rows = estimates()
    insert(conn, "evidence_estimates", (e.row() for e in rows))
    insert(conn, "evidence_events", ({"estimate_id": e.id, "k": k, "coef": c, "low": lo, "high": hi}
                                     for e in rows for k, c, lo, hi in e.events))
    insert(conn, "evidence_quality", [{"item": "rows read", "count": 9, "explanation": "x"}])
    insert(conn, "evidence_unmatched", [{"year": 2012, "state": "ALABAMA", "agency": "Narnia", "line": 4,
                                         "reason": "no county of that name in the state"}])
    insert(conn, "evidence_meta", [{"key": "command", "value": "sanctuary evidence build"},
                                   {"key": "cannot_tell", "value": '["a", "b", "c", "d", "e"]'}])
    store.finish(conn, tmp, path)
    return path


@pytest.fixture(scope="session")
def bare_atlas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bare") / "atlas.db"
    atlas_build.build(path)
    return path
