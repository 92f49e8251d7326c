"""A report as a document bound to the log: built at a signed checkpoint, signed, and checked again later.

:func:`build` computes a report at the log's current signed checkpoint and returns the JSON document
(``totals``, ``source`` = the checkpoint, ``report_signature`` = Ed25519 over the rest by the desk's audit key).
:func:`verify` reads such a document back, checks the checkpoint's signature, recomputes the Merkle root of
the log's first ``size`` entries from their content, checks that the current signed checkpoint is consistent
with it (RFC 9162 consistency proof), recomputes the counts and names the first one that differs.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from sanctuary.audit import merkle
from sanctuary.audit.entry import canonical_json
from sanctuary.audit.keys import key_id, raw_public_key
from sanctuary.audit.log import AuditLog
from sanctuary.audit.note import verify_signature
from sanctuary.audit.signer import Signer
from sanctuary.reports.laws import REPORTS
from sanctuary.reports.rollup import snapshot
from sanctuary.reports.spec import Computed, ReportSpec, compute, due_date, first_difference, parse_period

FORMAT_VERSION = 1
SOURCE_KEYS = ("origin", "size", "root_hash", "timestamp", "signature", "key_id", "public_key", "note")


def spec_named(name: str) -> ReportSpec:
    spec = REPORTS.get(name)
    if spec is None:
        raise ValueError(f"report: unknown report {name!r}; one of {', '.join(REPORTS)}")
    return spec


def to_document(computed: Computed, checkpoint: Mapping[str, Any], language: str = "en") -> dict[str, Any]:
    spec, period = computed.spec, computed.period
    due = due_date(spec, period)
    return {
        "format": FORMAT_VERSION,
        "report": spec.name,
        "title": spec.title,
        "law": spec.law,
        "citation": spec.citation,
        "jurisdiction": computed.jurisdiction,
        "period": {"kind": period.kind, "label": period.label, "start": period.start.isoformat(),
                   "end": period.end.isoformat()},
        "recipient": spec.recipient,
        "deadline": spec.deadline,
        "due": due.isoformat() if due else None,
        "confidence": spec.confidence,
        "verified": spec.verified,
        "language": language,
        "totals": dict(computed.totals),
        "counts": [
            {"name": c.name, "label": c.label, "citation": c.citation, "confidence": c.confidence,
             "count": computed.totals[c.name], "definition": c.match.describe(), "note": c.note or None}
            for c in spec.counts
        ],
        "certifications": list(computed.certifications),
        "notes": list(spec.notes),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": {key: checkpoint[key] for key in SOURCE_KEYS if key in checkpoint},
    }


def sign_document(document: dict[str, Any], key: Signer) -> dict[str, Any]:
    """``document`` with ``report_signature``: Ed25519 over the canonical JSON of everything else."""
    body = {k: v for k, v in document.items() if k != "report_signature"}
    signature = key.sign(canonical_json(body).encode())
    public = key.public_key()
    return {**body, "report_signature": {"algorithm": "ed25519", "key_id": key_id(public),
                                         "public_key": base64.b64encode(raw_public_key(public)).decode(),
                                         "value": base64.b64encode(signature).decode()}}


def check_document_signature(document: Mapping[str, Any], public_key: Ed25519PublicKey) -> bool:
    sig = document.get("report_signature")
    if not isinstance(sig, Mapping):
        return False
    body = {k: v for k, v in document.items() if k != "report_signature"}
    try:
        public_key.verify(base64.b64decode(str(sig.get("value", "")), validate=True), canonical_json(body).encode())
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return sig.get("key_id") == key_id(public_key)


def build(
    session: Session,
    log: AuditLog,
    signing_key: Signer,
    spec: ReportSpec,
    period_text: str,
    jurisdiction: str | None = None,
    language: str = "en",
    prove_from: int | None = None,
) -> dict[str, Any]:
    """The signed report at the log's current checkpoint (made if the newest one does not cover the log; the
    caller commits). ``prove_from``: add a consistency proof from that earlier log size (for the collector)."""
    period = parse_period(spec.period, period_text)
    checkpoint = log.current_checkpoint(session)
    snap = snapshot(session, int(checkpoint["size"]))
    computed = compute(spec, snap.requests, period, jurisdiction)
    document = to_document(computed, checkpoint, language)
    if prove_from is not None:
        if not 0 < prove_from <= snap.size:
            raise ValueError(f"prove_from: a log size between 1 and {snap.size}")
        document["source"]["consistency"] = {
            "from_size": prove_from,
            "from_root_hash": log.root_hash(session, prove_from),
            "proof": log.consistency_proof(session, prove_from, snap.size),
        }
    return sign_document(document, signing_key)


# -- checking ---------------------------------------------------------------------------------------------


@dataclass
class VerifyResult:
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _source(document: Mapping[str, Any]) -> tuple[int, str]:
    source = document.get("source")
    if not isinstance(source, Mapping):
        raise ValueError("source: the report names no audit checkpoint")
    size, root = source.get("size"), source.get("root_hash")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0 or not isinstance(root, str):
        raise ValueError("source: needs an integer size and a root_hash")
    return size, root


def verify(session: Session, log: AuditLog, document: Mapping[str, Any]) -> VerifyResult:
    """Every check of one report document against the log; problems in order, the first differing count first."""
    result = VerifyResult()
    spec = spec_named(str(document.get("report", "")))
    period_field = document.get("period")
    label = period_field.get("label") if isinstance(period_field, Mapping) else period_field
    period = parse_period(spec.period, str(label))
    size, root = _source(document)
    current = log.size(session)
    if size > current:
        result.problems.append(f"source: the report's checkpoint has {size} entries, the log only {current}: "
                               "the log was cut back")
        return result
    snap = snapshot(session, size)
    jurisdiction = document.get("jurisdiction")
    computed = compute(spec, snap.requests, period, jurisdiction if isinstance(jurisdiction, str) else None)
    totals = document.get("totals")
    difference = first_difference(totals if isinstance(totals, Mapping) else {}, computed.totals)
    if difference:
        result.problems.append(difference)
    else:
        result.checked.append(f"{len(computed.totals)} counts match the log at size {size}")

    source = document["source"]
    key = log.trusted_keys.get(str(source.get("key_id")))
    if key is None:
        result.problems.append(f"source: checkpoint signed by key {source.get('key_id')!r}, not this log's")
    elif not verify_signature(source, key):
        result.problems.append("source: the checkpoint's signature does not verify (size, root or time changed)")
    else:
        result.checked.append("checkpoint signature")
    if snap.root_hash != root:
        where = "" if snap.first_changed_entry is None else f" (first changed entry: {snap.first_changed_entry})"
        result.problems.append(f"log: its first {size} entries no longer hash to the report's checkpoint root"
                               f"{where}: the log was changed after the report")
    else:
        result.checked.append("log entries hash to the checkpoint root")
    latest = log.latest_checkpoint(session)
    if latest is not None and int(latest["size"]) >= size and snap.root_hash == root:
        latest_key = log.trusted_keys.get(str(latest["key_id"]))
        try:
            proof = log.consistency_proof(session, size, int(latest["size"]))
            merkle.check_consistency(size, int(latest["size"]), root, latest["root_hash"], proof)
            if latest_key is None or not verify_signature(latest, latest_key):
                raise merkle.ProofError("the newest checkpoint's signature does not verify")
            result.checked.append(f"consistent with the newest signed checkpoint (size {latest['size']})")
        except ValueError as exc:
            result.problems.append(f"log: not consistent with its newest checkpoint (size {latest['size']}): {exc}")
    if "report_signature" in document:
        sig = document["report_signature"]
        sig_key = log.trusted_keys.get(str(sig.get("key_id"))) if isinstance(sig, Mapping) else None
        if sig_key is None or not check_document_signature(document, sig_key):
            result.problems.append("report_signature: the file was changed after the desk signed it")
        else:
            result.checked.append("report signature")
    return result


def load_document(text: str, filename: str = "report") -> dict[str, Any]:
    """A report file as a document: JSON as written, HTML from its embedded data block, CSV from its rows."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ValueError(f"{filename}: not a report object")
        return value
    if stripped.lower().startswith("<!doctype html") or stripped.startswith("<html"):
        from sanctuary.reports.render import document_from_html

        return document_from_html(text, filename)
    from sanctuary.reports.render import document_from_csv

    return document_from_csv(text, filename)
