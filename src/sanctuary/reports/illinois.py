"""The Illinois annual report to the Attorney General, 5 ILCS 805/25 (TRUST Act as amended by the Way Forward
Act, P.A. 102-0234).

Section 25 asks every law enforcement agency, each year, for (our reading of the statute's text as
summarised in ``shared/reference/legal.md`` §8, confidence: primary):

1. every request from DHS/ICE to take part in, support or assist a civil immigration enforcement operation,
   with how it was handled, or a certification that there were none (desk requests whose action is
   ``assist_operation``);
2. every immigration detainer or civil immigration warrant received (desk requests whose instrument is
   ``detainer`` or ``admin_warrant``), each with (A) the date received, (B) the date and time the person
   posted criminal bail, if any, (C) whether the person was released or transferred, (D) the date and time
   of release or transfer, (E) the agency that received custody; or a certification that there were none.

No names or identifying data: lines are numbered, never tied to a desk request id, a person or an agent.
The bail/release/transfer facts are recorded with :func:`record_custody_outcome` (table
``report_custody_outcomes``), since the desk's request table does not hold them.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from sanctuary.desk.models import DeskRequest, Document, FinalDecision
from sanctuary.reports.tables import DISPOSITIONS, custody_outcomes
from sanctuary.vocabulary import REQUESTER_AGENCIES

CITATION = "5 ILCS 805/25"
DETAINER_DOCUMENTS = {"detainer": "immigration detainer", "admin_warrant": "civil immigration warrant"}
AGENCY_NAMES = {
    "ice": "U.S. Immigration and Customs Enforcement",
    "cbp": "U.S. Customs and Border Protection",
    "uscis": "U.S. Citizenship and Immigration Services",
    "dhs": "U.S. Department of Homeland Security",
    "cbsa": "Canada Border Services Agency",
    "federal_law_enforcement": "another federal law enforcement agency",
    "state_law_enforcement": "a state law enforcement agency",
    "local_law_enforcement": "a local law enforcement agency",
    "court": "a court",
    "prosecutor": "a prosecutor",
    "subject": "the person concerned",
    "attorney": "an attorney",
    "public": "a member of the public",
}
CSV_COLUMNS = (
    "section",
    "line",
    "document",
    "date_received",
    "bail_posted_at",
    "released_or_transferred",
    "released_or_transferred_at",
    "receiving_agency",
    "requesting_agency",
    "how_handled",
    "documents_kept",
)


class AuditAppender(Protocol):
    def append(self, session: Session, kind: str, refs: dict[str, str | int]) -> int: ...


@dataclass(frozen=True)
class DetainerLine:
    line: int
    document: str
    date_received: date
    bail_posted_at: datetime | None
    disposition: str  # "released", "transferred" or "not recorded"
    disposition_at: datetime | None
    receiving_agency: str | None


@dataclass(frozen=True)
class AssistLine:
    line: int
    date_received: date
    requesting_agency: str
    how_handled: str
    documents_kept: int


@dataclass(frozen=True)
class IllinoisReport:
    year: int
    agency: str
    timezone: str
    generated_at: datetime
    detainers: tuple[DetainerLine, ...]
    assist_requests: tuple[AssistLine, ...]

    @property
    def detainer_certification(self) -> str | None:
        if self.detainers:
            return None
        return (
            f"The agency certifies that it received no immigration detainers and no civil immigration "
            f"warrants in {self.year}."
        )

    @property
    def assist_certification(self) -> str | None:
        if self.assist_requests:
            return None
        return (
            f"The agency certifies that it received no requests from federal immigration authorities to "
            f"participate in, support or assist civil immigration enforcement operations in {self.year}."
        )


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"timezone: unknown time zone {name!r}") from exc


def _aware(value: datetime | None, field: str) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError(f"{field}: give a time zone (an aware datetime)")
    return value


def _check_scope(year: int, jurisdiction: str | None) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 2021 <= year <= 9999:
        raise ValueError("year: a four-digit year from 2021 on (P.A. 102-0234, which added the report, took "
                         "effect on 2 August 2021)")
    if jurisdiction is not None and not (jurisdiction == "us/il" or jurisdiction.startswith("us/il/")):
        raise ValueError(f"jurisdiction: {CITATION} applies to Illinois agencies (us/il/...), not {jurisdiction!r}")


def _agency_label(jurisdiction: str | None, agency_kind: str | None) -> str:
    where = jurisdiction or "all Illinois jurisdictions in this database"
    return f"{agency_kind} of {where}" if agency_kind else where


def build_report(
    session: Session,
    year: int,
    jurisdiction: str | None = None,
    agency_kind: str | None = None,
    timezone: str = "UTC",
) -> IllinoisReport:
    """The report for ``year``; ``jurisdiction`` (exact id, default every ``us/il`` one) and ``agency_kind``
    narrow it to one agency. Dates are in ``timezone`` (the agency's), the year too."""
    _check_scope(year, jurisdiction)
    zone = _zone(timezone)
    start = datetime(year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    scope = [DeskRequest.received_at >= start, DeskRequest.received_at < end]
    if jurisdiction is not None:
        scope.append(DeskRequest.jurisdiction == jurisdiction)
    else:
        scope.append((DeskRequest.jurisdiction == "us/il") | DeskRequest.jurisdiction.like("us/il/%"))
    if agency_kind is not None:
        scope.append(DeskRequest.agency_kind == agency_kind)

    o = custody_outcomes.c
    detainer_rows = session.execute(
        select(
            DeskRequest.instrument_type,
            DeskRequest.received_at,
            o.bail_posted_at,
            o.disposition,
            o.disposition_at,
            o.receiving_agency,
        )
        .outerjoin(custody_outcomes, o.request_id == DeskRequest.id)
        .where(*scope, DeskRequest.instrument_type.in_(tuple(DETAINER_DOCUMENTS)))
        .order_by(DeskRequest.received_at, DeskRequest.id)
    ).all()
    detainers = tuple(
        DetainerLine(
            line=n,
            document=DETAINER_DOCUMENTS[row.instrument_type],
            date_received=row.received_at.astimezone(zone).date(),
            bail_posted_at=row.bail_posted_at.astimezone(zone) if row.bail_posted_at else None,
            disposition=row.disposition or "not recorded",
            disposition_at=row.disposition_at.astimezone(zone) if row.disposition_at else None,
            receiving_agency=AGENCY_NAMES.get(row.receiving_agency) if row.receiving_agency else None,
        )
        for n, row in enumerate(detainer_rows, 1)
    )

    latest_final = (
        select(FinalDecision.outcome)
        .where(FinalDecision.request_id == DeskRequest.id)
        .order_by(FinalDecision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    documents = select(func.count(Document.id)).where(Document.request_id == DeskRequest.id).scalar_subquery()
    assist_rows = session.execute(
        select(DeskRequest.received_at, DeskRequest.contract_request, DeskRequest.outcome, latest_final, documents)
        .where(*scope, DeskRequest.action == "assist_operation")
        .order_by(DeskRequest.received_at, DeskRequest.id)
    ).all()
    assists = tuple(
        AssistLine(
            line=n,
            date_received=received.astimezone(zone).date(),
            requesting_agency=AGENCY_NAMES.get(_requester(contract), "not recorded"),
            how_handled=(final or f"no final decision recorded (the law: {engine_outcome})").replace("_", " "),
            documents_kept=int(docs or 0),
        )
        for n, (received, contract, engine_outcome, final, docs) in enumerate(assist_rows, 1)
    )
    return IllinoisReport(
        year=year,
        agency=_agency_label(jurisdiction, agency_kind),
        timezone=timezone,
        generated_at=datetime.now(zone),
        detainers=detainers,
        assist_requests=assists,
    )


def _requester(contract: Any) -> str:
    if isinstance(contract, Mapping):
        requester = contract.get("requester")
        if isinstance(requester, Mapping) and requester.get("agency") in REQUESTER_AGENCIES:
            return str(requester["agency"])
    return "not recorded"


def record_custody_outcome(
    session: Session,
    request_id: int,
    *,
    disposition: str,
    disposition_at: datetime | None,
    bail_posted_at: datetime | None = None,
    receiving_agency: str | None = None,
    audit_log: AuditAppender | None = None,
    actor_id: int | None = None,
) -> None:
    """Record (or replace) what became of the person named in a detainer or civil warrant, in the caller's
    transaction; with ``audit_log``, also appends ``custody.outcome_recorded``. Bad input: ValueError naming the
    field."""
    if disposition not in DISPOSITIONS:
        raise ValueError(f"disposition: one of {', '.join(DISPOSITIONS)}")
    _aware(disposition_at, "disposition_at")
    _aware(bail_posted_at, "bail_posted_at")
    if disposition == "transferred":
        if receiving_agency not in REQUESTER_AGENCIES:
            raise ValueError(f"receiving_agency: one of {', '.join(REQUESTER_AGENCIES)} for a transfer")
    elif receiving_agency is not None:
        raise ValueError("receiving_agency: only a transfer has a receiving agency")
    request = session.get(DeskRequest, request_id)
    if request is None:
        raise ValueError(f"request_id: no desk request {request_id}")
    if request.instrument_type not in DETAINER_DOCUMENTS:
        raise ValueError("request_id: the request is not a detainer or a civil immigration warrant")
    session.execute(delete(custody_outcomes).where(custody_outcomes.c.request_id == request_id))
    session.execute(
        insert(custody_outcomes).values(
            request_id=request_id,
            bail_posted_at=bail_posted_at,
            disposition=disposition,
            disposition_at=disposition_at,
            receiving_agency=receiving_agency,
            recorded_at=datetime.now(UTC),
        )
    )
    if audit_log is not None:
        refs: dict[str, str | int] = {"request_id": request_id, "disposition": disposition}
        if receiving_agency:
            refs["receiving_agency"] = receiving_agency
        if actor_id is not None:
            refs["actor_id"] = actor_id
        audit_log.append(session, "custody.outcome_recorded", refs)


# -- output ---------------------------------------------------------------------------------------------


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def to_json(report: IllinoisReport) -> dict[str, Any]:
    return {
        "report": "Illinois TRUST Act annual report to the Attorney General",
        "citation": CITATION,
        "year": report.year,
        "agency": report.agency,
        "timezone": report.timezone,
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "detainers_and_civil_warrants": {
            "count": len(report.detainers),
            "certification_of_none": report.detainer_certification,
            "items": [
                {
                    "line": d.line,
                    "document": d.document,
                    "date_received": d.date_received.isoformat(),
                    "bail_posted_at": _when(d.bail_posted_at) or None,
                    "released_or_transferred": d.disposition,
                    "released_or_transferred_at": _when(d.disposition_at) or None,
                    "receiving_agency": d.receiving_agency,
                }
                for d in report.detainers
            ],
        },
        "requests_to_assist_civil_enforcement": {
            "count": len(report.assist_requests),
            "certification_of_none": report.assist_certification,
            "items": [
                {
                    "line": a.line,
                    "date_received": a.date_received.isoformat(),
                    "requesting_agency": a.requesting_agency,
                    "how_handled": a.how_handled,
                    "documents_kept": a.documents_kept,
                }
                for a in report.assist_requests
            ],
        },
    }


def to_csv(report: IllinoisReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for d in report.detainers:
        writer.writerow(
            [
                "detainer_or_civil_warrant",
                d.line,
                d.document,
                d.date_received.isoformat(),
                _when(d.bail_posted_at),
                d.disposition,
                _when(d.disposition_at),
                d.receiving_agency or "",
                "",
                "",
                "",
            ]
        )
    for a in report.assist_requests:
        writer.writerow(
            [
                "request_to_assist_civil_enforcement",
                a.line,
                "",
                a.date_received.isoformat(),
                "",
                "",
                "",
                "",
                a.requesting_agency,
                a.how_handled,
                a.documents_kept,
            ]
        )
    for certification in (report.detainer_certification, report.assist_certification):
        if certification:
            writer.writerow(["certification_of_none", "", "", "", "", "", "", "", "", certification, ""])
    return out.getvalue()


def _text_lines(report: IllinoisReport) -> list[str]:
    lines = [
        f"ILLINOIS TRUST ACT ANNUAL REPORT TO THE ATTORNEY GENERAL ({CITATION})",
        f"Reporting year: {report.year}",
        f"Agency: {report.agency}",
        f"Times are local ({report.timezone}). Prepared {report.generated_at.strftime('%Y-%m-%d %H:%M')}.",
        "No names or identifying information are included.",
        "",
        f"1. Immigration detainers and civil immigration warrants received: {len(report.detainers)}",
    ]
    if report.detainer_certification:
        lines.append(f"   CERTIFICATION: {report.detainer_certification}")
    for d in report.detainers:
        lines.append(
            f"   {d.line}. {d.document}; received {d.date_received.isoformat()}; "
            f"bail posted: {_when(d.bail_posted_at) or 'none'}; {d.disposition}"
            + (f" {_when(d.disposition_at)}" if d.disposition_at else "")
            + (f"; custody to {d.receiving_agency}" if d.receiving_agency else "")
        )
    lines += ["", f"2. Requests to assist civil immigration enforcement operations: {len(report.assist_requests)}"]
    if report.assist_certification:
        lines.append(f"   CERTIFICATION: {report.assist_certification}")
    for a in report.assist_requests:
        lines.append(
            f"   {a.line}. received {a.date_received.isoformat()} from {a.requesting_agency}; "
            f"handled: {a.how_handled}; {a.documents_kept} document(s) kept"
        )
    lines += ["", "Certified by: ______________________________   Title: ________________   Date: __________"]
    return lines


def to_text(report: IllinoisReport) -> str:
    return "\n".join(_text_lines(report)) + "\n"


def to_html(report: IllinoisReport) -> str:
    """A printable, self-contained page (no scripts, no outside assets)."""
    e = html.escape
    det_rows = "".join(
        f"<tr><td>{d.line}</td><td>{e(d.document)}</td><td>{d.date_received.isoformat()}</td>"
        f"<td>{e(_when(d.bail_posted_at)) or 'none'}</td><td>{e(d.disposition)}</td>"
        f"<td>{e(_when(d.disposition_at))}</td><td>{e(d.receiving_agency or '')}</td></tr>"
        for d in report.detainers
    )
    assist_rows = "".join(
        f"<tr><td>{a.line}</td><td>{a.date_received.isoformat()}</td><td>{e(a.requesting_agency)}</td>"
        f"<td>{e(a.how_handled)}</td><td>{a.documents_kept}</td></tr>"
        for a in report.assist_requests
    )
    det = (
        f"<p class=cert><strong>Certification:</strong> {e(report.detainer_certification)}</p>"
        if report.detainer_certification
        else "<table><thead><tr><th>#</th><th>Document</th><th>Date received</th><th>Bail posted</th>"
        "<th>Released or transferred</th><th>When</th><th>Agency receiving custody</th></tr></thead>"
        f"<tbody>{det_rows}</tbody></table>"
    )
    assist = (
        f"<p class=cert><strong>Certification:</strong> {e(report.assist_certification)}</p>"
        if report.assist_certification
        else "<table><thead><tr><th>#</th><th>Date received</th><th>Requesting agency</th><th>How handled</th>"
        f"<th>Documents kept</th></tr></thead><tbody>{assist_rows}</tbody></table>"
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Illinois TRUST Act report {report.year}</title><style>"
        "body{font:11pt/1.4 serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #000;padding:.2em .4em;text-align:left}.cert{border:1px solid #000;padding:.5em}"
        "@media print{body{margin:0}}</style></head><body>"
        f"<h1>Illinois TRUST Act annual report to the Attorney General</h1><p>{e(CITATION)}</p>"
        f"<p>Reporting year: <strong>{report.year}</strong><br>Agency: {e(report.agency)}<br>"
        f"Times are local ({e(report.timezone)}). No names or identifying information are included.</p>"
        f"<h2>1. Immigration detainers and civil immigration warrants ({len(report.detainers)})</h2>{det}"
        f"<h2>2. Requests to assist civil immigration enforcement operations ({len(report.assist_requests)})</h2>"
        f"{assist}<p>Certified by: ____________________ Title: ____________ Date: __________</p>"
        "</body></html>\n"
    )


FORMATS = {"csv": to_csv, "text": to_text, "html": to_html}
