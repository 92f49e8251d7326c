"""The whole build on the vendored data, through the command line (slow): the data-quality counts, the
guardrails, the sources rows, and `list --json` / `export` on the result."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyfixest")

from sanctuary.evidence import build


@pytest.mark.slow
def test_full_build_through_the_cli(bare_atlas: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctuary.cli import _register_subcommands, app

    db = tmp_path / "atlas.db"
    shutil.copyfile(bare_atlas, db)
    steps: list[str] = []
    results: list[build.BuildResult] = []
    original = build.build

    def recording(path: Path, progress: Any = None, build_atlas: bool = True) -> build.BuildResult:
        def tick(step: str) -> None:
            steps.append(step)
            progress(step)

        result = original(path, progress=tick, build_atlas=build_atlas)
        results.append(result)
        return result

    monkeypatch.setattr(build, "build", recording)
    _register_subcommands()
    runner = CliRunner()
    res = runner.invoke(app, ["evidence", "build", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "FBI county rows 27414" in " ".join(res.output.split())
    assert steps == list(build.STEPS)
    q = results[0].quality
    assert q.rows == 27414 and q.matched + len(q.unmatched) + q.duplicates == q.rows
    by_id = {e.id: e for e in results[0].estimates}
    assert "refused" in by_id["ca-sb54-naive-twfe-log_property_rate"].flags
    assert "few_treated_units" in by_id["ca-sb54-synth-log_property_rate"].flags
    assert by_id["deportations-hausman-published"].estimate is None
    assert by_id["county-all-twfe-log_total"].treated_units >= 10
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sources WHERE id = 'fbi-table10'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM evidence_county_crime").fetchone()[0] == q.matched
    conn.close()

    listed = runner.invoke(app, ["evidence", "list", "--json", "--db", str(db)])
    objs = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [o["id"] for o in objs] == [e.id for e in results[0].estimates]
    exported = runner.invoke(app, ["evidence", "export", "--db", str(db)])
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == len(objs) and all(r["command"] == "sanctuary evidence build" for r in rows)
