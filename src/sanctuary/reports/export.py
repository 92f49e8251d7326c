"""One report export, shared by the CLI and the desk's pages: build the signed document at the log's checkpoint,
render it in the asked format, and record the export in the audit log (in the caller's transaction)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sanctuary.audit.log import AuditLog
from sanctuary.audit.signer import Signer
from sanctuary.reports import document as documents
from sanctuary.reports import illinois, render
from sanctuary.reports.labels import labels

FORMATS = ("csv", "json", "html", "pdf")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json", "html": "text/html; charset=utf-8",
               "pdf": "application/pdf", "text": "text/plain; charset=utf-8"}


@dataclass(frozen=True)
class Export:
    content: str | bytes
    media_type: str
    filename: str
    first_count: int
    document: dict[str, Any]


def illinois_details(report: illinois.IllinoisReport) -> tuple[render.DetailTable, ...]:
    data = illinois.to_json(report)
    det = data["detainers_and_civil_warrants"]["items"]
    assist = data["requests_to_assist_civil_enforcement"]["items"]
    return (
        render.DetailTable(
            "5 ILCS 805/25(a)(2): immigration detainers and civil immigration warrants",
            ("#", "Document", "Received (A)", "Bail posted (B)", "Released or transferred (C)", "When (D)",
             "Custody to (E)"),
            tuple((str(d["line"]), d["document"], d["date_received"], d["bail_posted_at"] or "",
                   d["released_or_transferred"], d["released_or_transferred_at"] or "", d["receiving_agency"] or "")
                  for d in det)),
        render.DetailTable(
            "5 ILCS 805/25(a)(1): requests to assist civil immigration enforcement",
            ("#", "Received", "Requesting agency", "How handled", "Documents kept"),
            tuple((str(a["line"]), a["date_received"], a["requesting_agency"], a["how_handled"],
                   str(a["documents_kept"])) for a in assist)),
    )


def render_report(
    session: Session,
    log: AuditLog,
    key: Signer,
    name: str,
    period_text: str,
    output_format: str,
    *,
    language: str = "en",
    jurisdiction: str | None = None,
    agency_kind: str | None = None,
    prove_from: int | None = None,
    timezone: str = "UTC",
    stylesheet: str | None = None,
) -> Export:
    """ValueError ``field: message`` on bad input (unknown report, period, format, language, jurisdiction)."""
    labels(language)
    spec = documents.spec_named(name)
    legacy_formats = ("text",) if name == "illinois" else ()
    if output_format not in (*FORMATS, *legacy_formats):
        raise ValueError(f"format: one of {', '.join((*FORMATS, *legacy_formats))}")
    doc = documents.build(session, log, key, spec, period_text, jurisdiction, language, prove_from)
    details: tuple[render.DetailTable, ...] = ()
    report: illinois.IllinoisReport | None = None
    if name == "illinois":
        report = illinois.build_report(session, int(doc["period"]["label"]), jurisdiction, agency_kind, timezone)
        details = illinois_details(report)
        if output_format == "json":  # the detailed lines beside the counts, all under one signature
            doc = documents.sign_document({**illinois.to_json(report), **doc}, key)
    content: str | bytes
    if output_format == "json":
        content = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    elif output_format == "csv":
        content = illinois.to_csv(report) if report is not None else render.to_csv(doc)
    elif output_format == "text" and report is not None:
        content = illinois.to_text(report)
    elif output_format == "html":
        content = render.to_html(doc, details, stylesheet)
    else:
        content = render.to_pdf(doc, details)
    raw = content.encode() if isinstance(content, str) else content
    first = int(next(iter(doc["totals"].values()), 0))
    label = str(doc["period"]["label"])
    log.append(session, "report.exported", {
        "report": name.replace("-", "_"), "format": output_format, "count": first,
        "size": int(doc["source"]["size"]), "export_sha256": hashlib.sha256(raw).hexdigest(),
        **({"year": int(label)} if label.isdigit() else {}),
    })
    extension = "txt" if output_format == "text" else output_format
    return Export(content, MEDIA_TYPES[output_format], f"{name}-{label}.{extension}", first, doc)
