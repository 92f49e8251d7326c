"""One roll-up of the desk's requests, read from the audit log alone, at a given log size.

Every statutory report counts the same events: a request was logged (``request.logged``), its paper was
classified (``request.classified``), the engine decided it (``request.decided``: the action asked, the
outcome, the jurisdiction and, since issue 11, the paper, agency kind, requesting agency and the day
received), counsel or a supervisor recorded the final decision (``request.final_decision``) and, for a
detainer or civil warrant, what became of the person (``custody.outcome_recorded``). Folding the first
``size`` entries of the log gives one :class:`RequestFacts` per request; a report is a set of counts over
them (:mod:`sanctuary.reports.spec`).

Reading only the log, and only up to a checkpoint's size, is what lets ``sanctuary report verify`` recompute a
report later and prove (the Merkle root of those entries equals the signed checkpoint's) that it counted the
same events. No person's data is in the log, so none can reach a report from here.

Requests logged before the desk wrote these refs fall back to what older entries carry: the paper from
``request.classified`` and the day from the entry's UTC timestamp; kinds and agencies read ``unknown``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctuary.audit import merkle
from sanctuary.audit.entry import ENTRY_VERSION, canonical_json
from sanctuary.audit.tables import audit_entries

UNKNOWN = "unknown"
_BATCH = 5000


@dataclass(frozen=True)
class RequestFacts:
    """What the reports may count about one request: codes and a date, never a person."""

    request_id: int  # internal: to fold events together; never written to a report
    received_on: date
    jurisdiction: str = UNKNOWN
    agency_kind: str = UNKNOWN
    instrument: str = UNKNOWN
    action: str = UNKNOWN
    requester_agency: str = UNKNOWN
    channel: str = UNKNOWN
    engine_outcome: str = UNKNOWN
    final_outcome: str = "none"  # "none" until a final decision is recorded
    disposition: str = "none"  # released / transferred / none (custody outcome not recorded)
    receiving_agency: str = "none"


@dataclass(frozen=True)
class StoredEntry:
    index: int
    timestamp: str
    kind: str
    refs_json: str
    leaf_hash: bytes


def stored_entries(session: Session, size: int) -> Iterator[StoredEntry]:
    """Entries ``0 .. size-1`` in order, in batches (a log of millions is not read into memory at once)."""
    start = 0
    c = audit_entries.c
    while start < size:
        rows = session.execute(
            select(c.idx, c.ts, c.kind, c.refs, c.leaf_hash)
            .where(c.idx >= start, c.idx < min(size, start + _BATCH))
            .order_by(c.idx)
        ).all()
        if not rows:
            return
        for idx, ts, kind, refs, leaf in rows:
            yield StoredEntry(int(idx), str(ts), str(kind), str(refs), bytes(leaf))
        start = int(rows[-1][0]) + 1


def _day(timestamp: str) -> date:
    return date.fromisoformat(timestamp[:10])


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_DECIDED = {"jurisdiction": "jurisdiction", "agency_kind": "agency_kind", "instrument": "instrument",
            "action": "action", "requester_agency": "requester_agency", "outcome": "engine_outcome"}


def fold(entries: Iterable[tuple[str, str, Mapping[str, Any]]]) -> tuple[RequestFacts, ...]:
    """``(timestamp, kind, refs)`` in log order -> one :class:`RequestFacts` per logged request, in order."""
    facts: dict[int, dict[str, Any]] = {}
    for timestamp, kind, refs in entries:
        rid = _int(refs.get("request_id"))
        if rid is None:
            continue
        if kind == "request.logged":
            facts[rid] = {"request_id": rid, "received_on": _day(timestamp),
                          "channel": str(refs.get("channel", UNKNOWN))}
            continue
        current = facts.get(rid)
        if current is None:  # an event about a request logged before the log began (imported rows)
            if kind != "request.decided":
                continue
            current = facts[rid] = {"request_id": rid, "received_on": _day(timestamp)}
        if kind == "request.classified":
            if "instrument" in refs:
                current["instrument"] = str(refs["instrument"])
        elif kind == "request.decided":
            received = refs.get("received_on")
            if isinstance(received, str):
                current["received_on"] = date.fromisoformat(received)
            for ref, attribute in _DECIDED.items():
                if ref in refs:
                    current[attribute] = str(refs[ref])
        elif kind == "request.final_decision":
            if "final_outcome" in refs:
                current["final_outcome"] = str(refs["final_outcome"])
        elif kind == "custody.outcome_recorded":
            current["disposition"] = str(refs.get("disposition", "none"))
            current["receiving_agency"] = str(refs.get("receiving_agency", "none"))
    return tuple(RequestFacts(**values) for values in facts.values())


@dataclass(frozen=True)
class LogSnapshot:
    """The log's first ``size`` entries: the requests they describe and the Merkle root of those entries as
    recomputed from their content (not from stored hashes), plus the first entry whose content no longer
    matches its stored leaf hash, if any."""

    size: int
    root_hash: str
    requests: tuple[RequestFacts, ...]
    first_changed_entry: int | None


def snapshot(session: Session, size: int) -> LogSnapshot:
    """Read and fold the first ``size`` entries, recomputing each leaf hash from the entry's content."""
    tree = merkle.Frontier()
    parsed: list[tuple[str, str, Mapping[str, Any]]] = []
    first_changed: int | None = None
    for entry in stored_entries(session, size):
        if entry.index != tree.size:  # a removed entry: the recomputed root will not match either
            first_changed = tree.size if first_changed is None else first_changed
            break
        refs = json.loads(entry.refs_json)
        # The bytes entry_bytes() hashes, from the refs parsed once (canonical JSON of the whole entry).
        leaf = merkle.leaf_hash(canonical_json({"v": ENTRY_VERSION, "index": entry.index,
                                                "timestamp": entry.timestamp, "kind": entry.kind,
                                                "refs": refs}).encode("ascii"))
        if leaf != entry.leaf_hash and first_changed is None:
            first_changed = entry.index
        tree.append(leaf)
        parsed.append((entry.timestamp, entry.kind, refs if isinstance(refs, dict) else {}))
    if tree.size < size and first_changed is None:
        first_changed = tree.size
    return LogSnapshot(
        size=size,
        root_hash=tree.root().hex(),
        requests=fold(parsed),
        first_changed_entry=first_changed,
    )
