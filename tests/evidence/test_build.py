"""The whole build on the vendored data (slow): counts of the data-quality report and the guardrails."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("pyfixest")

from sanctuary.evidence import build


@pytest.mark.slow
def test_full_build(bare_atlas: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    shutil.copyfile(bare_atlas, db)
    steps: list[str] = []
    result = build.build(db, progress=steps.append)
    assert steps == list(build.STEPS)
    q = result.quality
    assert q.rows == 27414 and q.matched + len(q.unmatched) + q.duplicates == q.rows
    by_id = {e.id: e for e in result.estimates}
    assert "refused" in by_id["ca-sb54-naive-twfe-log_property_rate"].flags
    assert "few_treated_units" in by_id["ca-sb54-synth-log_property_rate"].flags
    assert by_id["deportations-hausman-published"].estimate is None
    assert by_id["county-all-twfe-log_total"].treated_units >= 10
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sources WHERE id = 'fbi-table10'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM evidence_county_crime").fetchone()[0] == q.matched
