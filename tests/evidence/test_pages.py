"""The evidence pages in English, Spanish and French; the CSV; the CLI's list --json."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanctuary.evidence.messages import LANGS, MESSAGES
from sanctuary.evidence.web import router


def _client(db: Path) -> TestClient:
    app = FastAPI()
    app.state.atlas_db = str(db)
    app.include_router(router)
    return TestClient(app)


def test_every_message_in_every_language() -> None:
    keys = set(MESSAGES["en"])
    for lang in LANGS:
        assert set(MESSAGES[lang]) == keys, lang
        assert all(v.strip() for v in MESSAGES[lang].values())


@pytest.mark.parametrize("lang", LANGS)
def test_page_in_each_language(evidence_db: Path, lang: str) -> None:
    r = _client(evidence_db).get("/atlas/evidence", params={"lang": lang})
    assert r.status_code == 200
    html = r.text
    assert f'<html lang="{lang}">' in html
    m = MESSAGES[lang]
    for key in ("title", "cannot_tell", "flag_pre_trend", "flag_refused", "event_table", "q_crime", "ct_0"):
        assert m[key].replace("'", "&#39;") in html, key
    assert "<script" not in html
    svg = re.search(r"<svg[^>]*role=\"img\"[^>]*>.*?</svg>", html, re.S)
    assert svg and "<title" in svg.group(0) and "<desc" in svg.group(0)
    assert "<circle" in svg.group(0) and "<rect" in svg.group(0)  # shapes, not colour alone
    assert "sanctuary evidence build" in html and "/atlas/evidence/estimates.csv" in html
    assert "Narnia" in html  # the unmatched rows are listed


def test_unknown_language_falls_back_to_english(evidence_db: Path) -> None:
    r = _client(evidence_db).get("/atlas/evidence", params={"lang": "xx"})
    assert '<html lang="en">' in r.text


def test_csv_has_every_estimate_and_the_command(evidence_db: Path) -> None:
    r = _client(evidence_db).get("/atlas/evidence/estimates.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == ["county-all-twfe-log_total", "ca-sb54-naive-twfe-log_property_rate"]
    assert all(row["command"] == "sanctuary evidence build" for row in rows)
    assert json.loads(rows[1]["flags"]) == ["few_treated_units", "refused"]


def test_not_built_says_how_to_build(bare_atlas: Path) -> None:
    """Not built yet is a state the page explains (not a server failure); the CSV is simply not there."""
    c = _client(bare_atlas)
    page = c.get("/atlas/evidence")
    assert page.status_code == 200 and "sanctuary evidence build" in page.text
    r = c.get("/atlas/evidence/estimates.csv")
    assert r.status_code == 404 and "sanctuary evidence build" in r.text


def test_list_json(evidence_db: Path) -> None:
    from sanctuary.cli import _register_subcommands, app

    _register_subcommands()
    result = CliRunner().invoke(app, ["evidence", "list", "--json", "--db", str(evidence_db)])
    assert result.exit_code == 0, result.output
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objs) == 2
    for o in objs:
        assert set(o) == {"id", "question", "outcome", "estimator", "estimate", "ci", "treated_units", "flags",
                          "compare"}
        assert len(o["ci"]) == 2
        for c in o["compare"]:
            assert {"study", "figure", "overlaps"} <= set(c)
    assert objs[1]["flags"] == ["few_treated_units", "refused"]


def test_list_without_evidence_names_the_command(bare_atlas: Path) -> None:
    from sanctuary.cli import _register_subcommands, app

    _register_subcommands()
    result = CliRunner().invoke(app, ["evidence", "list", "--json", "--db", str(bare_atlas)])
    assert result.exit_code == 2 and "sanctuary evidence build" in result.output


def test_evidence_in_the_desk_app_is_public(evidence_db: Path, tmp_path: Path) -> None:
    import shutil

    from sanctuary.db.migrate import upgrade
    from sanctuary.desk.context import DeskContext
    from sanctuary.settings import Settings
    from sanctuary.web.app import create_app

    settings = Settings.for_data_dir(tmp_path / "data")
    upgrade(settings)
    shutil.copy(evidence_db, settings.data_dir / "atlas.db")
    desk = DeskContext.build(settings)
    try:
        with TestClient(create_app(settings, desk)) as client:
            r = client.get("/atlas/evidence", params={"lang": "fr"}, follow_redirects=False)
            assert r.status_code == 200, r.text[:300]
            assert '<html lang="fr">' in r.text and 'href="/atlas/evidence"' in r.text
            assert "Content-Security-Policy" in r.headers
            assert client.get("/atlas/evidence/estimates.csv").status_code == 200
    finally:
        desk.close()
