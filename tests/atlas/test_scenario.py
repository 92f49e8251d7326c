"""The scenario: one request decided for every jurisdiction, consistent with single decisions."""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import sanctuary
from sanctuary.atlas import cli as atlas_cli
from sanctuary.atlas import scenario


def test_scenario_covers_every_jurisdiction(conn: sqlite3.Connection) -> None:
    places = scenario.places(conn)
    rows = scenario.run(scenario.preset_request("detainer-county-jail"), places)
    assert len(rows) == len(places) == conn.execute("SELECT count(*) FROM jurisdictions").fetchone()[0]
    assert {r.outcome for r in rows} <= {"forbidden", "allowed", "required", "undetermined"}
    assert sum(scenario.summary(rows).values()) == len(rows)


@pytest.mark.parametrize("preset", sorted(scenario.PRESETS))
def test_scenario_matches_single_decisions(conn: sqlite3.Connection, preset: str) -> None:
    places = scenario.places(conn)
    request = scenario.preset_request(preset)
    rows = {r.jurisdiction: r for r in scenario.run(request, places)}
    sample = random.Random(4).sample(places, 40) + [p for p in places if p.id in (
        "us/tx/travis-county", "us/il/cook-county", "us/ca/san-francisco", "us/ca/san-francisco-county",
        "ca/on/toronto", "ca/bc/vancouver", "us/tx/houston")]
    for p in sample:
        single = sanctuary.decide({**request, "agency": {**request["agency"], "jurisdiction": p.engine_id}})
        row = rows[p.id]
        assert row.outcome == single.outcome, p.id
        assert row.decided_by == (dict(single.decided_by) if single.decided_by else None), p.id


def test_consolidated_county_is_decided_as_its_city(conn: sqlite3.Connection) -> None:
    places = [p for p in scenario.places(conn) if p.id in ("us/ca/san-francisco", "us/ca/san-francisco-county")]
    rows = scenario.run(scenario.preset_request("detainer-county-jail"), places)
    assert rows[0].engine_id == rows[1].engine_id == "us/ca/san-francisco"
    assert rows[0].outcome == rows[1].outcome


def test_scenario_is_fast(conn: sqlite3.Connection) -> None:
    places = scenario.places(conn)
    request = scenario.preset_request("shelter-asks-status")
    scenario.run(request, places[:5])  # the engine is built once
    start = time.perf_counter()
    scenario.run(request, places)
    assert time.perf_counter() - start < 2.0  # ~0.15 s measured; generous for a shared machine


def test_bad_request_names_the_field(conn: sqlite3.Connection) -> None:
    places = scenario.places(conn)[:3]
    with pytest.raises(scenario.ScenarioError) as err:
        scenario.run({"date": "2026-11-26", "action": "hold"}, places)
    assert err.value.field == "agency"
    with pytest.raises(sanctuary.RequestError) as err2:
        scenario.run({"date": "2026-11-26", "agency": {"kind": "spaceport"}, "action": "hold"}, places)
    assert err2.value.field == "agency.kind"


def test_cli_scenario_json(atlas_path: Path, tmp_path: Path) -> None:
    req = tmp_path / "req.json"
    req.write_text(json.dumps(scenario.preset_request("detainer-county-jail")))
    app = typer.Typer()
    atlas_cli.register(app)
    res = CliRunner().invoke(app, ["atlas", "scenario", str(req), "--json", "--db", str(atlas_path)])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert len(rows) > 3000
    assert {"jurisdiction", "name", "outcome", "decided_by"} <= set(rows[0])
    by_id = {r["jurisdiction"]: r for r in rows}
    d = sanctuary.decide({**scenario.preset_request("detainer-county-jail"),
                          "agency": {"kind": "jail", "jurisdiction": "us/il/cook-county"}})
    assert by_id["us/il/cook-county"]["outcome"] == d.outcome

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"date": "2026-11-26", "agency": {"kind": "spaceport"}, "action": "hold"}))
    res = CliRunner().invoke(app, ["atlas", "scenario", str(bad), "--db", str(atlas_path)])
    assert res.exit_code == 2
    assert "agency.kind" in res.output
