"""The engine's command line: decide, decide --batch, explain, jurisdictions, lint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctuary.cli import _register_subcommands, app
from tests.engine.conftest import FIXTURES

_register_subcommands()
runner = CliRunner()
LIB = ["--library", str(FIXTURES)]
HOLD = {"date": "2020-01-01", "agency": {"jurisdiction": "zz/an/county", "kind": "jail"}, "action": "hold",
        "requester": {"agency": "ice"}, "instrument": {"type": "detainer"}, "subject": {"in_custody": True}}


@pytest.fixture
def request_file(tmp_path: Path) -> Path:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(HOLD), encoding="utf-8")
    return path


def test_decide_json(request_file: Path) -> None:
    result = runner.invoke(app, ["decide", str(request_file), "--json", *LIB])
    assert result.exit_code == 0, result.output
    decision = json.loads(result.stdout)
    assert decision["outcome"] == "required"
    assert decision["decided_by"]["rule"] == "must-hold"


def test_decide_readable(request_file: Path) -> None:
    result = runner.invoke(app, ["decide", str(request_file), *LIB])
    assert result.exit_code == 0
    assert "REQUIRED" in result.stdout and "A.C. § 2.251(a)" in result.stdout


def test_decide_from_stdin_yaml() -> None:
    text = "date: 2020-01-01\nagency: {jurisdiction: zz/st, kind: jail}\naction: hold\n"
    result = runner.invoke(app, ["decide", "-", "--json", *LIB], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outcome"] == "forbidden"


def test_batch_keeps_order(tmp_path: Path) -> None:
    second = {**HOLD, "date": "2017-08-01"}
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(HOLD) + "\n\n" + json.dumps(second) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["decide", "--batch", str(path), *LIB])
    assert result.exit_code == 0, result.output
    outcomes = [json.loads(line)["outcome"] for line in result.stdout.splitlines()]
    assert outcomes == ["required", "forbidden"]


def test_bad_action_exits_2_and_names_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**HOLD, "action": "hodl"}), encoding="utf-8")
    result = runner.invoke(app, ["decide", str(path), *LIB])
    assert result.exit_code == 2
    assert "action: 'hodl' is not a known value (expected one of: hold" in result.stderr


def test_bad_date_and_malformed_json_exit_2(tmp_path: Path) -> None:
    bad_date = tmp_path / "date.json"
    bad_date.write_text(json.dumps({**HOLD, "date": "26/11/2026"}), encoding="utf-8")
    result = runner.invoke(app, ["decide", str(bad_date), *LIB])
    assert result.exit_code == 2 and "date: expected an ISO date" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"date": ', encoding="utf-8")
    result = runner.invoke(app, ["decide", str(broken), *LIB])
    assert result.exit_code == 2 and "malformed JSON at line 1" in result.stderr


def test_batch_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(HOLD) + "\n" + json.dumps({**HOLD, "agency": {"jurisdiction": "zz"}}) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["decide", "--batch", str(path), *LIB])
    assert result.exit_code == 2
    assert ":2: agency.kind: required" in result.stderr
    assert result.stdout == ""


def test_explain_shows_every_layer(request_file: Path) -> None:
    result = runner.invoke(app, ["explain", str(request_file), *LIB])
    assert result.exit_code == 0, result.output
    for text in ("Zedland", "Anti State", "Defiant County", "VOIDS LOWER RULES", "county-no-hold: void"):
        assert text in result.stdout


def test_jurisdictions_json() -> None:
    result = runner.invoke(app, ["jurisdictions", "--json", *LIB])
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"zz", "zz/an", "zz/an/county", "zz/st", "zz/st/city"}
    assert rows["zz/st"]["rules"] == 10
    assert rows["zz/st"]["confidence"] == {"primary": 9, "secondary": 1, "unverified": 0}
    assert rows["zz/st"]["instruments"][0]["citation"] == "S.C. § 10"


def test_lint_fails_on_a_conflict() -> None:
    result = runner.invoke(app, ["lint", "--json", *LIB])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["code"] for f in report["findings"] if f["level"] == "error"] == ["conflict"]
    assert report["decisions_swept"] > 100 and report["sampled_buckets"] == 0


def test_lint_in_parallel_reports_exactly_what_one_process_does() -> None:
    from sanctuary.engine import Engine
    from sanctuary.lint import lint_library
    from sanctuary.rules.loader import load_library
    from tests.engine.conftest import FIXTURES

    engine = Engine(load_library(FIXTURES))
    one, two = lint_library(engine, jobs=1), lint_library(engine, jobs=2)
    assert one.to_dict() == two.to_dict()
    assert [f.code for f in one.errors] == ["conflict"]  # the fixture's deliberate clash survives scope reuse


def test_decide_readable_says_no_encoded_law_and_misspelling_exits_2(tmp_path: Path) -> None:
    silent = tmp_path / "silent.json"
    silent.write_text(json.dumps({"date": "2020-01-01", "agency": {"jurisdiction": "zz", "kind": "library"},
                                  "action": "collect", "data": ["identity"]}), encoding="utf-8")
    result = runner.invoke(app, ["decide", str(silent), *LIB])
    assert result.exit_code == 0
    assert "NO ENCODED LAW" in result.stdout and "ALLOWED" not in result.stdout
    as_json = json.loads(runner.invoke(app, ["decide", str(silent), "--json", *LIB]).stdout)
    assert as_json["coverage"] == "none"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**HOLD, "agency": {"jurisdiction": "us/ca/san-fransisco", "kind": "jail"}}),
                   encoding="utf-8")
    for command in ("decide", "explain"):
        result = runner.invoke(app, [command, str(bad)])
        assert result.exit_code == 2
        assert "did you mean 'us/ca/san-francisco'" in result.output
