"""A request in the contract's vocabulary, checked and turned into the engine's flat, fast form.

Parsing is hand-written rather than done by Pydantic: it sits on the hot path of every decision (Pydantic
validation alone costs more than the whole 5 µs budget). Every error names the field, what was wrong, and
the values the field takes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sanctuary import vocabulary as v

JURISDICTION_RE = re.compile(r"^[a-z]{2}(/[a-z0-9][a-z0-9-]*)*$")

# Facts about a paper or a proof that staff would have in hand: when the request does not mention them,
# they are taken as not presented (false). Every other fact, when absent, is unknown.
FALSE_WHEN_ABSENT = (
    "exigent", "instrument.probable_cause_finding", "instrument.accompanied_by", "subject.written_consent",
    "subject.proof_of_lawful_status",
)
# Actions staff start themselves (a question, a form field, a service condition): when the request names no
# instrument, no paper or statute demands the act, so the instrument is taken as ``none``.
STAFF_INITIATED = frozenset({"inquire", "collect", "condition_service"})

_SETS = {
    "agency.kind": frozenset(v.AGENCY_KINDS),
    "action": frozenset(v.ACTIONS),
    "requester.agency": frozenset(v.REQUESTER_AGENCIES),
    "requester.purpose": frozenset(v.PURPOSES),
    "instrument.type": frozenset(v.INSTRUMENT_TYPES),
    "instrument.signed_by": frozenset(v.SIGNERS),
    "data": frozenset(v.DATA_CATEGORIES),
    "context": frozenset(v.CONTEXTS),
    "location": frozenset(v.LOCATIONS),
    "class": frozenset(v.CONVICTION_CLASSES),
}
_ORDER = {
    "agency.kind": v.AGENCY_KINDS, "action": v.ACTIONS, "requester.agency": v.REQUESTER_AGENCIES,
    "requester.purpose": v.PURPOSES, "instrument.type": v.INSTRUMENT_TYPES, "instrument.signed_by": v.SIGNERS,
    "data": v.DATA_CATEGORIES, "context": v.CONTEXTS, "location": v.LOCATIONS, "class": v.CONVICTION_CLASSES,
}

_TOP_KEYS = frozenset({"date", "agency", "action", "requester", "instrument", "data", "context", "location",
                       "exigent", "subject"})
_AGENCY_KEYS = frozenset({"jurisdiction", "kind"})
_REQUESTER_KEYS = frozenset({"agency", "purpose"})
_INSTRUMENT_KEYS = frozenset({"type", "signed_by", "probable_cause_finding", "accompanied_by"})
_SUBJECT_BOOLS = ("in_custody", "watchlist_match", "final_removal_order", "reentered_after_removal",
                  "written_consent", "minor", "proof_of_lawful_status")
_SUBJECT_KEYS = frozenset((*_SUBJECT_BOOLS, "convictions", "pending_charges"))


class RequestError(ValueError):
    """A request that does not fit the contract. ``field`` is a dotted path such as ``agency.kind``."""

    def __init__(self, field: str, message: str, allowed: tuple[str, ...] | None = None) -> None:
        self.field = field
        self.message = message
        self.allowed = allowed
        text = f"{field}: {message}"
        if allowed:
            text += f" (expected one of: {', '.join(allowed)})"
        super().__init__(text)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "message": self.message}
        if self.allowed:
            out["allowed"] = list(self.allowed)
        return out


class Request:
    """The facts of one request, flattened. ``None`` means the fact is unknown."""

    __slots__ = (
        "absent", "accompanied_by", "action", "context", "convictions", "data", "date", "exigent",
        "final_removal_order", "in_custody", "instrument_type", "jurisdiction", "kind", "location", "minor",
        "pending_charges", "probable_cause_finding", "proof_of_lawful_status", "purpose", "reentered_after_removal",
        "requester", "signed_by", "watchlist_match", "written_consent",
    )

    date: dt.date
    jurisdiction: str
    kind: str
    action: str
    requester: str | None
    purpose: str | None
    instrument_type: str | None
    signed_by: str | None
    probable_cause_finding: bool
    accompanied_by: frozenset[str]
    data: frozenset[str] | None
    context: str | None
    location: str | None
    exigent: bool
    in_custody: bool | None
    convictions: tuple[tuple[str, dt.date], ...] | None
    pending_charges: tuple[tuple[str, bool], ...] | None
    watchlist_match: bool | None
    final_removal_order: bool | None
    reentered_after_removal: bool | None
    written_consent: bool
    minor: bool | None
    proof_of_lawful_status: bool
    absent: frozenset[str]

    def with_data(self, data: frozenset[str]) -> Request:
        clone = Request.__new__(Request)
        for name in Request.__slots__:
            setattr(clone, name, getattr(self, name))
        clone.data = data
        return clone

    def key(self) -> tuple[Any, ...]:
        """Every fact, as a hashable tuple: two requests with equal keys get equal decisions."""
        return tuple(getattr(self, name) for name in Request.__slots__)


def _enum(value: Any, field: str, kind: str | None = None) -> str:
    allowed = _SETS[kind or field]
    if not isinstance(value, str) or value not in allowed:
        raise RequestError(field, f"{value!r} is not a known value", _ORDER[kind or field])
    return value


def _bool(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise RequestError(field, f"expected true or false, got {value!r}")
    return value


def _date(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RequestError(field, f"expected an ISO date such as 2026-03-01, got {value!r}")


def _mapping(value: Any, field: str, keys: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RequestError(field, f"expected an object, got {type(value).__name__}")
    for key in value:
        if key not in keys:
            raise RequestError(f"{field}.{key}", "unknown field", tuple(sorted(keys)))
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise RequestError(field, f"expected a list, got {type(value).__name__}")
    return list(value)


def parse_request(raw: Any) -> Request:
    """Check ``raw`` (a mapping shaped like the contract's request) and return the engine's form of it."""
    if isinstance(raw, Request):
        return raw
    if not isinstance(raw, Mapping):
        raise RequestError("request", f"expected a JSON object, got {type(raw).__name__}")
    for key in raw:
        if key not in _TOP_KEYS:
            raise RequestError(str(key), "unknown field", tuple(sorted(_TOP_KEYS)))
    r = Request.__new__(Request)
    absent: list[str] = []
    if "date" not in raw:
        raise RequestError("date", "required")
    r.date = _date(raw["date"], "date")
    if "agency" not in raw:
        raise RequestError("agency", "required: an object with jurisdiction and kind")
    agency = _mapping(raw["agency"], "agency", _AGENCY_KEYS)
    jurisdiction = agency.get("jurisdiction")
    if not isinstance(jurisdiction, str) or not JURISDICTION_RE.match(jurisdiction):
        raise RequestError("agency.jurisdiction",
                           f"expected a jurisdiction id such as us/ca/san-francisco, got {jurisdiction!r}")
    r.jurisdiction = jurisdiction
    if "kind" not in agency:
        raise RequestError("agency.kind", "required", v.AGENCY_KINDS)
    r.kind = _enum(agency["kind"], "agency.kind")
    if "action" not in raw:
        raise RequestError("action", "required", v.ACTIONS)
    r.action = _enum(raw["action"], "action")

    requester = _mapping(raw.get("requester") or {}, "requester", _REQUESTER_KEYS)
    r.requester = _enum(requester["agency"], "requester.agency") if requester.get("agency") is not None else None
    r.purpose = _enum(requester["purpose"], "requester.purpose") if requester.get("purpose") is not None else None

    instrument = _mapping(raw.get("instrument") or {}, "instrument", _INSTRUMENT_KEYS)
    if instrument.get("type") is not None:
        r.instrument_type = _enum(instrument["type"], "instrument.type")
    elif r.action in STAFF_INITIATED:
        r.instrument_type = "none"
        absent.append("instrument.type")
    else:
        r.instrument_type = None
    r.signed_by = (_enum(instrument["signed_by"], "instrument.signed_by")
                   if instrument.get("signed_by") is not None else None)
    if instrument.get("probable_cause_finding") is None:
        r.probable_cause_finding = False
        absent.append("instrument.probable_cause_finding")
    else:
        r.probable_cause_finding = _bool(instrument["probable_cause_finding"], "instrument.probable_cause_finding")
    if instrument.get("accompanied_by") is None:
        r.accompanied_by = frozenset()
        absent.append("instrument.accompanied_by")
    else:
        items = _list(instrument["accompanied_by"], "instrument.accompanied_by")
        r.accompanied_by = frozenset(
            _enum(x, f"instrument.accompanied_by[{i}]", "instrument.type") for i, x in enumerate(items)
        )

    if raw.get("data") is None:
        r.data = None
    else:
        items = _list(raw["data"], "data")
        r.data = frozenset(_enum(x, f"data[{i}]", "data") for i, x in enumerate(items))
    r.context = _enum(raw["context"], "context") if raw.get("context") is not None else None
    r.location = _enum(raw["location"], "location") if raw.get("location") is not None else None
    if raw.get("exigent") is None:
        r.exigent = False
        absent.append("exigent")
    else:
        r.exigent = _bool(raw["exigent"], "exigent")

    subject = _mapping(raw.get("subject") or {}, "subject", _SUBJECT_KEYS)
    for name in _SUBJECT_BOOLS:
        value = subject.get(name)
        if value is None:
            if name in ("written_consent", "proof_of_lawful_status"):
                setattr(r, name, False)
                absent.append(f"subject.{name}")
            else:
                setattr(r, name, None)
        else:
            setattr(r, name, _bool(value, f"subject.{name}"))
    if subject.get("convictions") is None:
        r.convictions = None
    else:
        convictions = []
        for i, item in enumerate(_list(subject["convictions"], "subject.convictions")):
            where = f"subject.convictions[{i}]"
            entry = _mapping(item, where, frozenset({"class", "date"}))
            if "class" not in entry:
                raise RequestError(f"{where}.class", "required", v.CONVICTION_CLASSES)
            if "date" not in entry:
                raise RequestError(f"{where}.date", "required: the date of conviction")
            when = _date(entry["date"], f"{where}.date")
            if when > r.date:
                raise RequestError(f"{where}.date", f"{when.isoformat()} is after the request's date")
            convictions.append((_enum(entry["class"], f"{where}.class", "class"), when))
        r.convictions = tuple(convictions)
    if subject.get("pending_charges") is None:
        r.pending_charges = None
    else:
        charges = []
        for i, item in enumerate(_list(subject["pending_charges"], "subject.pending_charges")):
            where = f"subject.pending_charges[{i}]"
            entry = _mapping(item, where, frozenset({"class", "probable_cause_finding"}))
            if "class" not in entry:
                raise RequestError(f"{where}.class", "required", v.CONVICTION_CLASSES)
            pcf = entry.get("probable_cause_finding")
            charges.append((_enum(entry["class"], f"{where}.class", "class"),
                            False if pcf is None else _bool(pcf, f"{where}.probable_cause_finding")))
        r.pending_charges = tuple(charges)
    r.absent = frozenset(absent)
    return r
