"""The command line (build with a progress bar, export) and the atlas inside the real web app."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanctuary.atlas import cli as atlas_cli


def _app() -> typer.Typer:
    app = typer.Typer()
    atlas_cli.register(app)
    return app


def test_cli_build_and_export(tmp_path: Path) -> None:
    out = tmp_path / "a.db"
    res = CliRunner().invoke(_app(), ["atlas", "build", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.exists() and (tmp_path / "a.metadata.json").exists()
    assert "3142 counties" in res.output
    meta = json.loads((tmp_path / "a.metadata.json").read_text())
    assert set(meta["databases"]["a"]["tables"]) >= {"jurisdictions", "attributes", "scores", "sources"}

    folder = tmp_path / "csv"
    res = CliRunner().invoke(_app(), ["atlas", "export", "--format", "csv", "--out", str(folder), "--db", str(out)])
    assert res.exit_code == 0, res.output
    with (folder / "attributes.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 1000 and {"jurisdiction", "attribute", "value", "instrument", "as_of", "source",
                                 "confidence"} <= set(rows[0])
    with (folder / "jurisdictions.csv").open(newline="") as fh:
        assert sum(1 for r in csv.DictReader(fh) if r["level"] == "county") == 3142

    res = CliRunner().invoke(_app(), ["atlas", "export", "--format", "json", "--db", str(out)])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert len(data["scores"]) == len({(s["jurisdiction"], s["family"]) for s in data["scores"]})

    res = CliRunner().invoke(_app(), ["atlas", "export", "--format", "xml", "--db", str(out)])
    assert res.exit_code == 2 and "--format" in res.output
    res = CliRunner().invoke(_app(), ["atlas", "export", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 2 and "atlas build" in res.output

    svg = tmp_path / "m.svg"
    res = CliRunner().invoke(_app(), ["atlas", "map", str(svg), "--family", "agreements", "--db", str(out)])
    assert res.exit_code == 0 and svg.read_text().startswith("<svg")
    res = CliRunner().invoke(_app(), ["atlas", "map", str(svg), "--family", "nope", "--db", str(out)])
    assert res.exit_code == 2 and "--family" in res.output


def test_atlas_in_the_desk_app_is_public(atlas_path: Path, tmp_path: Path) -> None:
    from sanctuary.db.migrate import upgrade
    from sanctuary.desk.context import DeskContext
    from sanctuary.settings import Settings
    from sanctuary.web.app import create_app

    settings = Settings.for_data_dir(tmp_path / "data")
    upgrade(settings)
    shutil.copy(atlas_path, settings.data_dir / "atlas.db")
    desk = DeskContext.build(settings)
    try:
        with TestClient(create_app(settings, desk)) as client:
            r = client.get("/atlas", follow_redirects=False)
            assert r.status_code == 200, r.text[:300]
            assert "<svg" in r.text and "/static/site.css" in r.text
            assert client.get("/static/site.css").status_code == 200
            page = client.get("/atlas/scenario", params={"preset": "detainer-county-jail"})
            assert page.status_code == 200 and "Travis County" in page.text
    finally:
        desk.close()
