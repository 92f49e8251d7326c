"""Receiving, checking and rolling up the report files agencies file (the collector's domain, no I/O of its own).

A filing is accepted only when, in this order:

1. its ``report_signature`` names a registered agency's key and verifies over the whole file (forged or edited
   files are refused);
2. its ``source`` checkpoint is signed by the same key (the agency's audit log signed that tree head);
3. it names a known report and a period of that report's kind, and its totals are exactly that report's counts,
   as whole numbers;
4. its checkpoint extends the last one this agency filed (for any report): same size means the same root; a
   larger size needs ``source.consistency`` = an RFC 9162 proof from the previous size; a smaller size is a log
   cut back. An agency that rewrote its history between filings cannot produce that proof.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sanctuary.audit import merkle
from sanctuary.audit.entry import canonical_json
from sanctuary.audit.keys import key_id, raw_public_key
from sanctuary.audit.note import verify_signature
from sanctuary.collector.tables import agencies, filings
from sanctuary.db.types import utcnow
from sanctuary.reports.document import check_document_signature, spec_named
from sanctuary.reports.spec import due_date, parse_period


class FilingRejected(ValueError):
    """A report file the collector refuses; the message says which check failed."""


@dataclass(frozen=True)
class Accepted:
    filing_id: int
    agency_id: str
    report: str
    period: str
    log_size: int


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """A public key given as PEM (audit-signing-key.pub) or as base64 of the raw 32 bytes."""
    from cryptography.hazmat.primitives import serialization

    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(text.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("public_key: not an Ed25519 public key")
        return key
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except (ValueError, binascii.Error) as exc:
        raise ValueError("public_key: a PEM file or base64 of the raw 32-byte Ed25519 key") from exc


def register_agency(
    session: Session, agency_id: str, name: str, jurisdiction: str, public_key: Ed25519PublicKey
) -> None:
    if not agency_id or len(agency_id) > 64:
        raise ValueError("id: 1-64 characters")
    if session.execute(select(agencies.c.id).where(agencies.c.id == agency_id)).first():
        raise ValueError(f"id: agency {agency_id!r} is already registered")
    kid = key_id(public_key)
    if session.execute(select(agencies.c.id).where(agencies.c.key_id == kid)).first():
        raise ValueError(f"public_key: key {kid} is already registered to another agency")
    session.execute(insert(agencies).values(
        id=agency_id, name=name, jurisdiction=jurisdiction, key_id=kid,
        public_key=base64.b64encode(raw_public_key(public_key)).decode(), created_at=utcnow()))


def _agency_for(session: Session, document: Mapping[str, Any]) -> tuple[str, Ed25519PublicKey]:
    sig = document.get("report_signature")
    if not isinstance(sig, Mapping) or not isinstance(sig.get("key_id"), str):
        raise FilingRejected("report_signature: the file is not signed")
    row = session.execute(
        select(agencies.c.id, agencies.c.public_key).where(agencies.c.key_id == sig["key_id"])
    ).first()
    if row is None:
        raise FilingRejected(f"report_signature: key {sig['key_id']} belongs to no registered agency")
    return str(row.id), Ed25519PublicKey.from_public_bytes(base64.b64decode(row.public_key))


def last_checkpoint(session: Session, agency_id: str) -> tuple[int, str] | None:
    """The largest log checkpoint (size, root) this agency has filed, if any."""
    row = session.execute(
        select(filings.c.log_size, filings.c.root_hash)
        .where(filings.c.agency_id == agency_id)
        .order_by(filings.c.log_size.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row.log_size), str(row.root_hash))


def _check_extends(previous: tuple[int, str] | None, source: Mapping[str, Any]) -> None:
    if previous is None:
        return
    size, root = int(source["size"]), str(source["root_hash"])
    old_size, old_root = previous
    if size < old_size:
        raise FilingRejected(f"source: the log has {size} entries, fewer than the {old_size} this agency filed "
                             "before: history was cut back")
    if size == old_size:
        if root != old_root:
            raise FilingRejected(f"source: same log size {size} as the last filing but a different root: history "
                                 "was rewritten")
        return
    proof = source.get("consistency")
    if not isinstance(proof, Mapping) or proof.get("from_size") != old_size:
        raise FilingRejected(f"source.consistency: a consistency proof from the last filed log size {old_size} is "
                             f"required (sanctuary report ... --prove-from {old_size})")
    try:
        merkle.check_consistency(old_size, size, old_root, root, proof.get("proof") or [])
    except ValueError as exc:
        raise FilingRejected(f"source.consistency: the log does not extend the checkpoint filed before "
                             f"(size {old_size}): history was rewritten ({exc})") from exc


def receive(session: Session, document: Mapping[str, Any]) -> Accepted:
    """Check one report file and store it (in the caller's transaction); FilingRejected says why not."""
    agency_id, key = _agency_for(session, document)
    if not check_document_signature(document, key):
        raise FilingRejected("report_signature: does not verify: the file was forged or changed after signing")
    source = document.get("source")
    if not isinstance(source, Mapping) or not verify_signature(source, key):
        raise FilingRejected("source: the checkpoint is not signed by this agency's key")
    try:
        spec = spec_named(str(document.get("report")))
        period_field = document.get("period")
        label = period_field.get("label") if isinstance(period_field, Mapping) else ""
        period = parse_period(spec.period, str(label))
    except ValueError as exc:
        raise FilingRejected(str(exc)) from exc
    totals = document.get("totals")
    names = [c.name for c in spec.counts]
    if not isinstance(totals, Mapping) or list(totals) != names:
        raise FilingRejected(f"totals: must be exactly the counts of {spec.name}: {', '.join(names)}")
    for name, value in totals.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise FilingRejected(f"totals.{name}: a whole number, not {value!r}")
    _check_extends(last_checkpoint(session, agency_id), source)
    new_id = session.execute(
        insert(filings).values(
            agency_id=agency_id, report=spec.name, period=period.label, log_size=int(source["size"]),
            root_hash=str(source["root_hash"]), totals=canonical_json(dict(totals)),
            document_sha256=hashlib.sha256(canonical_json(dict(document)).encode()).hexdigest(),
            received_at=utcnow(),
        ).returning(filings.c.id)
    ).scalar_one()
    return Accepted(int(new_id), agency_id, spec.name, period.label, int(source["size"]))


def _in(jurisdiction: str, scope: str) -> bool:
    return jurisdiction == scope or jurisdiction.startswith(scope + "/")


def missing(session: Session, report: str, period_text: str, as_of: date | None = None) -> dict[str, Any]:
    """Agencies under the report's jurisdiction with no accepted filing for ``period``; ``late`` when ``as_of``
    is past the report's due date (unknown due date: never late, listed as not filed)."""
    spec = spec_named(report)
    period = parse_period(spec.period, period_text)
    due = due_date(spec, period)
    filed = {row[0] for row in session.execute(
        select(filings.c.agency_id).where(filings.c.report == spec.name, filings.c.period == period.label).distinct()
    )}
    expected = [(str(r.id), str(r.name)) for r in session.execute(
        select(agencies.c.id, agencies.c.name, agencies.c.jurisdiction).order_by(agencies.c.id))
        if _in(str(r.jurisdiction), spec.jurisdiction)]
    absent = [{"id": i, "name": n} for i, n in expected if i not in filed]
    return {"report": spec.name, "period": period.label, "due": due.isoformat() if due else None,
            "late": bool(due and as_of and as_of > due), "expected": len(expected), "filed": len(expected) -
            len(absent), "not_filed": absent}


def rollup(session: Session, report: str, period_text: str) -> dict[str, Any]:
    """The statewide totals: for each agency its latest accepted filing for the period, summed count by count."""
    spec = spec_named(report)
    period = parse_period(spec.period, period_text)
    latest = (
        select(filings.c.agency_id, func.max(filings.c.id).label("id"))
        .where(filings.c.report == spec.name, filings.c.period == period.label)
        .group_by(filings.c.agency_id)
        .subquery()
    )
    totals = dict.fromkeys((c.name for c in spec.counts), 0)
    agencies_counted = 0
    for (text,) in session.execute(select(filings.c.totals).join(latest, filings.c.id == latest.c.id)):
        agencies_counted += 1
        for name, value in json.loads(text).items():
            if name in totals:
                totals[name] += int(value)
    return {"report": spec.name, "title": spec.title, "citation": spec.citation, "period": period.label,
            "agencies_filed": agencies_counted, "totals": totals,
            "counts": [{"name": c.name, "label": c.label, "citation": c.citation, "count": totals[c.name]}
                       for c in spec.counts]}
