"""`report verify`: an untouched report passes; a changed count, a changed log entry or a rewritten log fails,
naming the first count that differs or the log's problem."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from sanctuary.audit import merkle
from sanctuary.audit.entry import canonical_json, entry_bytes
from sanctuary.audit.log import AuditLog
from sanctuary.audit.tables import audit_entries
from sanctuary.reports import document as documents
from sanctuary.reports.cli import register
from sanctuary.settings import Settings
from tests.reports.conftest import fill_hand_counted


@pytest.fixture
def report(session_factory: sessionmaker[Session], log: AuditLog, signing_key: Ed25519PrivateKey) -> dict[str, object]:
    with session_factory() as session, session.begin():
        fill_hand_counted(log, session)
    with session_factory() as session, session.begin():
        return documents.build(session, log, signing_key, documents.spec_named("illinois"), "2026")


def _verify(session_factory: sessionmaker[Session], log: AuditLog, doc: dict[str, object]) -> documents.VerifyResult:
    with session_factory() as session:
        return documents.verify(session, log, doc)


def test_untouched_report_passes_even_after_the_log_grows(
    session_factory: sessionmaker[Session], log: AuditLog, report: dict[str, object]
) -> None:
    assert report["totals"]["detainers_and_civil_warrants_received"] == 5  # type: ignore[index]
    with session_factory() as session, session.begin():
        log.append(session, "request.logged", {"request_id": 99, "channel": "fax", "user_id": 1})
        log.checkpoint(session)
    result = _verify(session_factory, log, report)
    assert result.ok, result.problems
    assert any("consistent with the newest signed checkpoint" in c for c in result.checked)


def test_a_changed_count_is_named(session_factory: sessionmaker[Session], log: AuditLog,
                                  report: dict[str, object]) -> None:
    forged = copy.deepcopy(report)
    forged["totals"]["detainer_subjects_released"] = 0  # type: ignore[index]
    result = _verify(session_factory, log, forged)
    assert not result.ok
    assert result.problems[0] == "totals.detainer_subjects_released: the report says 0, the log gives 1"
    assert any("report_signature" in p for p in result.problems)


def test_a_changed_log_entry_fails(session_factory: sessionmaker[Session], log: AuditLog,
                                   report: dict[str, object]) -> None:
    # Request 4's final decision (the DHS request to assist): declined -> complied, in the stored entry only.
    with session_factory() as session, session.begin():
        entry = next(e for e in log.entries(session)
                     if e["kind"] == "request.final_decision" and e["refs"]["request_id"] == 4)
        refs = {**entry["refs"], "final_outcome": "complied"}
        session.execute(update(audit_entries).where(audit_entries.c.idx == entry["index"])
                        .values(refs=canonical_json(refs)))
    result = _verify(session_factory, log, report)
    assert not result.ok
    assert result.problems[0] == "totals.assist_requests_declined: the report says 1, the log gives 0"
    assert any(f"first changed entry: {entry['index']}" in p for p in result.problems)


def test_a_log_rewritten_with_its_hashes_still_fails(session_factory: sessionmaker[Session], log: AuditLog,
                                                     report: dict[str, object]) -> None:
    # The attacker also rewrites the leaf hash: the root no longer matches the signed checkpoint.
    with session_factory() as session, session.begin():
        entry = next(e for e in log.entries(session) if e["kind"] == "custody.outcome_recorded")
        refs = canonical_json({**entry["refs"], "disposition": "transferred", "receiving_agency": "ice"})
        leaf = merkle.leaf_hash(entry_bytes(entry["index"], entry["timestamp"], entry["kind"], refs))
        session.execute(update(audit_entries).where(audit_entries.c.idx == entry["index"])
                        .values(refs=refs, leaf_hash=leaf))
    result = _verify(session_factory, log, report)
    assert result.problems[0] == "totals.detainer_subjects_released: the report says 1, the log gives 0"
    assert any("no longer hash to the report's checkpoint root" in p for p in result.problems)


def test_cli_verify_json_html_and_csv(session_factory: sessionmaker[Session], log: AuditLog, settings: Settings,
                                      tmp_path: Path) -> None:
    with session_factory() as session, session.begin():
        fill_hand_counted(log, session)
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    base = ["--data-dir", str(settings.data_dir)]
    for fmt in ("json", "html", "csv"):
        path = tmp_path / f"or.{fmt}"
        made = runner.invoke(app, ["report", "oregon", "--period", "2026-03", "--format", fmt, "--output", str(path),
                                   *base])
        assert made.exit_code == 0, made.output
        ok = runner.invoke(app, ["report", "verify", str(path), *base])
        assert ok.exit_code == 0, ok.output
        assert ok.stdout.startswith("ok: oregon 2026-03")
    pub = settings.data_dir / "audit-signing-key.pub"
    by_key = runner.invoke(app, ["report", "verify", str(tmp_path / "or.json"), "--public-key", str(pub), *base])
    assert by_key.exit_code == 0, by_key.output
    other = tmp_path / "other"
    from sanctuary.audit.keys import load_or_create_signing_key

    load_or_create_signing_key(other)
    wrong = runner.invoke(app, ["report", "verify", str(tmp_path / "or.json"), "--public-key",
                                str(other / "audit-signing-key.pub"), *base])
    assert wrong.exit_code == 1 and "not this log's" in wrong.stdout
    doc = json.loads((tmp_path / "or.json").read_text())
    doc["totals"]["declined"] = 7
    (tmp_path / "or.json").write_text(json.dumps(doc))
    bad = runner.invoke(app, ["report", "verify", str(tmp_path / "or.json"), *base])
    assert bad.exit_code == 1
    assert "FAILED: totals.declined: the report says 7, the log gives 1" in bad.stdout
    csv_text = (tmp_path / "or.csv").read_text().replace("requests_received,Communications", "x,y", 1)
    (tmp_path / "or.csv").write_text(csv_text)
    assert runner.invoke(app, ["report", "verify", str(tmp_path / "or.csv"), *base]).exit_code == 1
    (tmp_path / "junk.json").write_text("[1, 2]")
    junk = runner.invoke(app, ["report", "verify", str(tmp_path / "junk.json"), *base])
    assert junk.exit_code == 2 and "not a report object" in junk.output


def test_illinois_json_without_a_period_counts_the_current_year(settings: Settings, engine: object) -> None:
    from datetime import datetime

    app = typer.Typer()
    register(app)
    made = CliRunner().invoke(app, ["report", "illinois", "--format", "json", "--data-dir", str(settings.data_dir)])
    assert made.exit_code == 0, made.output
    doc = json.loads(made.stdout)
    assert doc["period"]["label"] == str(datetime.now().year)
    assert doc["totals"]["detainers_and_civil_warrants_received"] == 0
    assert doc["source"]["size"] == 0 and len(doc["source"]["root_hash"]) == 64
