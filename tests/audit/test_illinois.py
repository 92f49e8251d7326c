"""The Illinois report to the Attorney General (5 ILCS 805/25): fields, zero certification, no names."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from sanctuary.audit.log import AuditLog
from sanctuary.desk.hashing import canonical
from sanctuary.desk.models import DeskRequest, FinalDecision, User
from sanctuary.reports import illinois
from sanctuary.reports.cli import register
from sanctuary.settings import Settings

SECRETS = ("Agent Dana Smith", "Badge 4471", "Juan Perez-Garcia", "555-0147", "smith@ice.example", "clerk_maria")


def _request(
    session: Session,
    user: User,
    *,
    instrument: str,
    action: str,
    received: datetime,
    jurisdiction: str = "us/il/cook-county",
    requester: str = "ice",
) -> DeskRequest:
    contract = {"requester": {"agency": requester}, "subject": {"in_custody": True}}
    request = DeskRequest(
        jurisdiction=jurisdiction,
        agency_kind="jail",
        action=action,
        instrument_type=instrument,
        contract_request=contract,
        # A plain SHA-256, as desks wrote before keyed hashes: no audit HMAC key is needed for it (a made-up
        # value would make the key inventory refuse the key as not the one that made it).
        request_hash=hashlib.sha256(canonical(contract)).hexdigest(),
        channel="fax",
        received_at=received,
        agents=[{"name": SECRETS[0], "badge": SECRETS[1]}],
        agent_agency="ICE ERO Chicago",
        supervisor_contact=SECRETS[3] + " " + SECRETS[4],
        stated_purpose=f"detain {SECRETS[2]}",
        person_ref=SECRETS[2],
        outcome="forbidden",
        created_by_id=user.id,
    )
    session.add(request)
    session.flush()
    return request


@pytest.fixture
def user(session_factory: sessionmaker[Session]) -> User:
    with session_factory() as session, session.begin():
        user = User(username=SECRETS[5], role="clerk", password_hash="x")
        session.add(user)
    return user


def _t(month: int, day: int, hour: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 30, tzinfo=UTC)


def test_zero_certification_when_nothing_was_received(session_factory: sessionmaker[Session], user: User) -> None:
    with session_factory() as session, session.begin():
        _request(session, user, instrument="detainer", action="hold", received=_t(3, 1, year=2025))  # other year
        _request(
            session, user, instrument="detainer", action="hold", received=_t(3, 1), jurisdiction="us/ca/san-francisco"
        )  # other state
        _request(session, user, instrument="judicial_warrant", action="arrest", received=_t(3, 2))  # judicial
    with session_factory() as session:
        report = illinois.build_report(session, 2026, "us/il/cook-county")
    assert report.detainers == () and report.assist_requests == ()
    assert report.detainer_certification is not None and "no immigration detainers" in report.detainer_certification
    assert report.assist_certification is not None and "no requests" in report.assist_certification
    text = illinois.to_text(report)
    assert "CERTIFICATION: The agency certifies that it received no immigration detainers" in text
    rows = list(csv.DictReader(io.StringIO(illinois.to_csv(report))))
    assert [r["section"] for r in rows] == ["certification_of_none", "certification_of_none"]
    data = illinois.to_json(report)
    assert data["detainers_and_civil_warrants"]["count"] == 0
    assert data["detainers_and_civil_warrants"]["certification_of_none"] == report.detainer_certification


def test_each_detainer_with_the_statutory_fields_and_no_names(
    session_factory: sessionmaker[Session], user: User, log: AuditLog
) -> None:
    with session_factory() as session, session.begin():
        held = _request(session, user, instrument="detainer", action="hold", received=_t(2, 3))
        warrant = _request(session, user, instrument="admin_warrant", action="transfer", received=_t(5, 9))
        _request(session, user, instrument="detainer", action="notify_release", received=_t(11, 30))
        assist = _request(
            session, user, instrument="none", action="assist_operation", received=_t(7, 4), requester="dhs"
        )
        session.add(
            FinalDecision(
                request_id=assist.id,
                outcome="declined",
                reason=f"asked by {SECRETS[0]}",
                by_user_id=user.id,
                by_role="supervisor",
            )
        )
        illinois.record_custody_outcome(
            session,
            held.id,
            bail_posted_at=_t(2, 4, 9),
            disposition="released",
            disposition_at=_t(2, 4, 10),
            audit_log=log,
            actor_id=user.id,
        )
        illinois.record_custody_outcome(
            session,
            warrant.id,
            disposition="transferred",
            disposition_at=_t(5, 10, 8),
            receiving_agency="ice",
        )
    with session_factory() as session:
        report = illinois.build_report(session, 2026, "us/il/cook-county", "jail")
        assert log.entry(session, 0)["kind"] == "custody.outcome_recorded"
    first, second, third = report.detainers
    assert (first.document, first.date_received.isoformat()) == ("immigration detainer", "2026-02-03")
    assert first.bail_posted_at == _t(2, 4, 9) and first.disposition == "released"
    assert first.disposition_at == _t(2, 4, 10) and first.receiving_agency is None
    assert (second.document, second.disposition) == ("civil immigration warrant", "transferred")
    assert second.receiving_agency == "U.S. Immigration and Customs Enforcement"
    assert second.bail_posted_at is None
    assert third.disposition == "not recorded"
    assert report.detainer_certification is None
    (a,) = report.assist_requests
    assert (a.requesting_agency, a.how_handled) == ("U.S. Department of Homeland Security", "declined")
    rows = list(csv.DictReader(io.StringIO(illinois.to_csv(report))))
    assert rows[0]["bail_posted_at"] == "2026-02-04 09:30"
    assert rows[1]["released_or_transferred_at"] == "2026-05-10 08:30"
    outputs = [
        illinois.to_csv(report),
        illinois.to_text(report),
        illinois.to_html(report),
        json.dumps(illinois.to_json(report)),
    ]
    for output in outputs:
        for secret in (*SECRETS, "ICE ERO Chicago"):
            assert secret not in output
    assert "request_id" not in outputs[0] and "person" not in outputs[0]


def test_local_time_zone_decides_the_year(session_factory: sessionmaker[Session], user: User) -> None:
    with session_factory() as session, session.begin():
        _request(session, user, instrument="detainer", action="hold", received=datetime(2027, 1, 1, 3, tzinfo=UTC))
    with session_factory() as session:
        assert len(illinois.build_report(session, 2026, timezone="America/Chicago").detainers) == 1
        assert len(illinois.build_report(session, 2027, timezone="UTC").detainers) == 1
        assert illinois.build_report(session, 2026, timezone="America/Chicago").detainers[0].date_received.day == 31


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 1999}, "year"),
        ({"year": 2026, "jurisdiction": "us/ca/san-francisco"}, "jurisdiction"),
        ({"year": 2026, "timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_bad_scope_names_the_field(
    session_factory: sessionmaker[Session], kwargs: dict[str, object], field: str
) -> None:
    with session_factory() as session, pytest.raises(ValueError, match=f"^{field}:"):
        illinois.build_report(session, **kwargs)  # type: ignore[arg-type]


def test_custody_outcome_is_validated(session_factory: sessionmaker[Session], user: User) -> None:
    with session_factory() as session, session.begin():
        held = _request(session, user, instrument="detainer", action="hold", received=_t(2, 3))
        other = _request(session, user, instrument="judicial_subpoena", action="disclose", received=_t(2, 3))
        cases = [
            (dict(disposition="deported", disposition_at=_t(2, 4)), "disposition"),
            (dict(disposition="transferred", disposition_at=_t(2, 4)), "receiving_agency"),
            (dict(disposition="released", disposition_at=_t(2, 4), receiving_agency="ice"), "receiving_agency"),
            (dict(disposition="released", disposition_at=datetime(2026, 2, 4)), "disposition_at"),
        ]
        for kwargs, field in cases:
            with pytest.raises(ValueError, match=f"^{field}:"):
                illinois.record_custody_outcome(session, held.id, **kwargs)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"^request_id:"):
            illinois.record_custody_outcome(session, other.id, disposition="released", disposition_at=_t(2, 4))
        with pytest.raises(ValueError, match=r"^request_id:"):
            illinois.record_custody_outcome(session, 9999, disposition="released", disposition_at=_t(2, 4))


def test_cli_prints_each_format_and_logs_the_export(
    session_factory: sessionmaker[Session], user: User, settings: Settings, log: AuditLog, tmp_path: Path
) -> None:
    with session_factory() as session, session.begin():
        _request(session, user, instrument="detainer", action="hold", received=_t(2, 3))
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    base = ["report", "illinois", "--year", "2026", "--data-dir", str(settings.data_dir)]
    text = runner.invoke(app, base)
    assert text.exit_code == 0, text.output
    assert "1. Immigration detainers and civil immigration warrants received: 1" in text.stdout
    as_json = runner.invoke(app, [*base, "--format", "json"])
    assert json.loads(as_json.stdout)["detainers_and_civil_warrants"]["count"] == 1
    as_csv = runner.invoke(app, [*base, "--format", "csv", "--output", str(tmp_path / "r.csv")])
    assert as_csv.exit_code == 0 and (tmp_path / "r.csv").read_text().startswith("section,line,document")
    bad = runner.invoke(app, [*base[:2], "--year", "1990", "--data-dir", str(settings.data_dir)])
    assert bad.exit_code == 2 and "--year:" in bad.output
    assert runner.invoke(app, [*base, "--format", "docx"]).exit_code == 2  # pdf is a format since issue 11
    with session_factory() as session:
        kinds = [e["kind"] for e in log.entries(session)]
        assert kinds == ["report.exported"] * 3
        assert log.verify(session).ok


def test_cli_records_a_custody_outcome(
    session_factory: sessionmaker[Session], user: User, settings: Settings, log: AuditLog
) -> None:
    with session_factory() as session, session.begin():
        held = _request(session, user, instrument="detainer", action="hold", received=_t(2, 3))
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    base = ["report", "custody-outcome", "--request-id", str(held.id), "--data-dir", str(settings.data_dir)]
    missing_offset = runner.invoke(app, [*base, "--disposition", "released", "--at", "2026-02-04T10:00:00"])
    assert missing_offset.exit_code == 2 and "--at: give the UTC offset" in missing_offset.output
    no_agency = runner.invoke(app, [*base, "--disposition", "transferred", "--at", "2026-02-04T10:00:00-06:00"])
    assert no_agency.exit_code == 2 and "--receiving-agency:" in no_agency.output
    done = runner.invoke(
        app,
        [
            *base,
            "--disposition",
            "transferred",
            "--at",
            "2026-02-04T10:00:00-06:00",
            "--receiving-agency",
            "ice",
            "--bail-posted-at",
            "2026-02-04T08:15:00-06:00",
        ],
    )
    assert done.exit_code == 0, done.output
    with session_factory() as session:
        (line,) = illinois.build_report(session, 2026, timezone="America/Chicago").detainers
        assert (line.disposition, line.receiving_agency) == ("transferred", "U.S. Immigration and Customs Enforcement")
        assert line.disposition_at is not None and line.disposition_at.isoformat() == "2026-02-04T10:00:00-06:00"
        assert line.bail_posted_at is not None and line.bail_posted_at.hour == 8
        (entry,) = log.entries(session)
        assert entry["kind"] == "custody.outcome_recorded"
        assert entry["refs"] == {"disposition": "transferred", "receiving_agency": "ice", "request_id": held.id}
