"""A request in the contract's vocabulary, checked and turned into the engine's flat, fast form.

Validation is done by msgspec (its C decoder checks types, enumerations, required and unknown fields in about
two microseconds), then the request is flattened into :class:`Request`, whose attributes the compiled rules
read. Every error names the field, what was wrong, and the values the field takes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

import msgspec

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
# Actions that by the contract's definitions concern a person in the agency's custody.
CUSTODIAL = frozenset({"hold", "notify_release", "transfer", "interview"})

AgencyKind = Literal[v.AGENCY_KINDS]  # type: ignore[valid-type]
Action = Literal[v.ACTIONS]  # type: ignore[valid-type]
RequesterAgency = Literal[v.REQUESTER_AGENCIES]  # type: ignore[valid-type]
Purpose = Literal[v.PURPOSES]  # type: ignore[valid-type]
InstrumentType = Literal[v.INSTRUMENT_TYPES]  # type: ignore[valid-type]
Signer = Literal[v.SIGNERS]  # type: ignore[valid-type]
DataCategory = Literal[v.DATA_CATEGORIES]  # type: ignore[valid-type]
Context = Literal[v.CONTEXTS]  # type: ignore[valid-type]
Location = Literal[v.LOCATIONS]  # type: ignore[valid-type]
ConvictionClass = Literal[v.CONVICTION_CLASSES]  # type: ignore[valid-type]


class AgencyIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    jurisdiction: str
    kind: AgencyKind


class RequesterIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    agency: RequesterAgency | None = None
    purpose: Purpose | None = None


class InstrumentIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    type: InstrumentType | None = None
    signed_by: Signer | None = None
    probable_cause_finding: bool | None = None
    accompanied_by: frozenset[InstrumentType] | None = None


class ConvictionIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    cls: ConvictionClass = msgspec.field(name="class")
    date: dt.date


class ChargeIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    cls: ConvictionClass = msgspec.field(name="class")
    probable_cause_finding: bool | None = None


class SubjectIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    in_custody: bool | None = None
    convictions: tuple[ConvictionIn, ...] | None = None
    pending_charges: tuple[ChargeIn, ...] | None = None
    watchlist_match: bool | None = None
    final_removal_order: bool | None = None
    reentered_after_removal: bool | None = None
    written_consent: bool | None = None
    minor: bool | None = None
    proof_of_lawful_status: bool | None = None


class RequestIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, gc=False):
    date: dt.date
    agency: AgencyIn
    action: Action
    requester: RequesterIn | None = None
    instrument: InstrumentIn | None = None
    data: frozenset[DataCategory] | None = None
    context: Context | None = None
    location: Location | None = None
    exigent: bool | None = None
    subject: SubjectIn | None = None


_NO_REQUESTER = RequesterIn()
_NO_INSTRUMENT = InstrumentIn()
_NO_SUBJECT = SubjectIn()

# The accepted values of each field, by its path with list indices removed.
_ALLOWED: dict[str, tuple[str, ...]] = {
    "agency.kind": v.AGENCY_KINDS, "action": v.ACTIONS, "requester.agency": v.REQUESTER_AGENCIES,
    "requester.purpose": v.PURPOSES, "instrument.type": v.INSTRUMENT_TYPES, "instrument.signed_by": v.SIGNERS,
    "instrument.accompanied_by": v.INSTRUMENT_TYPES, "data": v.DATA_CATEGORIES, "context": v.CONTEXTS,
    "location": v.LOCATIONS, "subject.convictions.class": v.CONVICTION_CLASSES,
    "subject.pending_charges.class": v.CONVICTION_CLASSES,
}
_FIELDS: dict[str, type[msgspec.Struct]] = {
    "": RequestIn, "agency": AgencyIn, "requester": RequesterIn, "instrument": InstrumentIn, "subject": SubjectIn,
    "subject.convictions": ConvictionIn, "subject.pending_charges": ChargeIn,
}
_AT = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_INDEX = re.compile(r"\[\d+\]")


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


def _struct_fields(cls: type[msgspec.Struct]) -> tuple[str, ...]:
    return tuple(sorted(f.encode_name for f in msgspec.structs.fields(cls)))


def _from_validation(exc: msgspec.ValidationError) -> RequestError:
    text = str(exc)
    match = _AT.search(text)
    path = match.group("path").lstrip(".") if match else ""
    message = text[: match.start()] if match else text
    bare = _INDEX.sub("", path)
    unknown = re.match(r"Object contains unknown field `(?P<name>[^`]+)`", message)
    if unknown:
        field = f"{path}.{unknown['name']}" if path else unknown["name"]
        return RequestError(field, "unknown field", _struct_fields(_FIELDS.get(bare, RequestIn)))
    missing = re.match(r"Object missing required field `(?P<name>[^`]+)`", message)
    if missing:
        field = f"{path}.{missing['name']}" if path else missing["name"]
        return RequestError(field, "required", _ALLOWED.get(_INDEX.sub("", field)))
    if message.startswith("Invalid enum value"):
        return RequestError(path, message.replace("Invalid enum value ", "").rstrip() + " is not a known value",
                            _ALLOWED.get(bare))
    if "`date`" in message or (bare.endswith("date") and "Invalid" in message):
        return RequestError(path, f"expected an ISO date such as 2026-03-01 ({message.strip()})")
    if message.startswith("Expected `bool`"):
        return RequestError(path, f"expected true or false ({message.strip()})")
    return RequestError(path or "request", message.strip(), _ALLOWED.get(bare))


class Request:
    """The facts of one request, flattened. ``None`` means the fact is unknown."""

    __slots__ = (
        "absent", "accompanied_by", "action", "context", "convictions", "data", "date", "exigent",
        "final_removal_order", "in_custody", "instrument_type", "jurisdiction", "kind", "location", "minor",
        "pending_charges", "probable_cause_finding", "proof_of_lawful_status", "purpose", "reentered_after_removal",
        "requester", "signed_by", "source", "watchlist_match", "written_consent",
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
    source: RequestIn

    def with_data(self, data: frozenset[str]) -> Request:
        clone = Request.__new__(Request)
        for name in Request.__slots__:
            setattr(clone, name, getattr(self, name))
        clone.data = data
        return clone

    def key(self) -> RequestIn:
        """A hashable value equal for two requests exactly when they state the same facts."""
        return self.source


_valid_jurisdictions: dict[str, bool] = {}
_EMPTY: frozenset[str] = frozenset()
# The facts parse_request may fill in, by bit; every combination's frozenset is built once (shared, so its hash
# is computed once too).
_FILLED = ("instrument.type", "instrument.probable_cause_finding", "instrument.accompanied_by", "exigent",
           "subject.in_custody", "subject.written_consent", "subject.proof_of_lawful_status")
_FILLED_SETS = tuple(frozenset(f for bit, f in enumerate(_FILLED) if mask >> bit & 1)
                     for mask in range(1 << len(_FILLED)))


def parse_request(raw: Any) -> Request:
    """Check ``raw`` (a mapping shaped like the contract's request) and return the engine's form of it."""
    if type(raw) is dict:  # the common case first: isinstance against an ABC is slow
        try:
            s = msgspec.convert(raw, RequestIn)
        except msgspec.ValidationError as exc:
            raise _from_validation(exc) from None
    elif isinstance(raw, Request):
        return raw
    elif isinstance(raw, RequestIn):
        s = raw
    elif isinstance(raw, Mapping):
        try:
            s = msgspec.convert(dict(raw), RequestIn)
        except msgspec.ValidationError as exc:
            raise _from_validation(exc) from None
    else:
        raise RequestError("request", f"expected a JSON object, got {type(raw).__name__}")
    jurisdiction = s.agency.jurisdiction
    if jurisdiction not in _valid_jurisdictions:
        if not JURISDICTION_RE.match(jurisdiction):
            raise RequestError("agency.jurisdiction",
                               f"expected a jurisdiction id such as us/ca/san-francisco, got {jurisdiction!r}")
        if len(_valid_jurisdictions) < 100_000:
            _valid_jurisdictions[jurisdiction] = True
    r = Request.__new__(Request)
    r.source = s
    r.date = day = s.date
    r.jurisdiction = jurisdiction
    r.kind = s.agency.kind
    r.action = action = s.action
    requester = s.requester or _NO_REQUESTER
    r.requester = requester.agency
    r.purpose = requester.purpose
    instrument = s.instrument or _NO_INSTRUMENT
    subject = s.subject or _NO_SUBJECT
    absent = 0  # a bit per fact filled in (see _FILLED); turned into an interned frozenset at the end
    itype = instrument.type
    if itype is None and action in STAFF_INITIATED:
        itype = "none"
        absent |= 1
    r.instrument_type = itype
    r.signed_by = instrument.signed_by
    value = instrument.probable_cause_finding
    if value is None:
        value = False
        absent |= 2
    r.probable_cause_finding = value
    accompanied = instrument.accompanied_by
    if accompanied is None:
        accompanied = _EMPTY
        absent |= 4
    r.accompanied_by = accompanied
    r.data = s.data
    r.context = s.context
    r.location = s.location
    value = s.exigent
    if value is None:
        value = False
        absent |= 8
    r.exigent = value
    value = subject.in_custody
    if value is None and action in CUSTODIAL:
        value = True
        absent |= 16
    r.in_custody = value
    r.watchlist_match = subject.watchlist_match
    r.final_removal_order = subject.final_removal_order
    r.reentered_after_removal = subject.reentered_after_removal
    r.minor = subject.minor
    value = subject.written_consent
    if value is None:
        value = False
        absent |= 32
    r.written_consent = value
    value = subject.proof_of_lawful_status
    if value is None:
        value = False
        absent |= 64
    r.proof_of_lawful_status = value
    convictions = subject.convictions
    if convictions is None:
        r.convictions = None
    else:
        records = []
        for c in convictions:
            if c.date > day:
                i = convictions.index(c)
                raise RequestError(f"subject.convictions[{i}].date",
                                   f"{c.date.isoformat()} is after the request's date")
            records.append((c.cls, c.date))
        r.convictions = tuple(records)
    charges = subject.pending_charges
    r.pending_charges = None if charges is None else tuple([(c.cls, c.probable_cause_finding is True)
                                                             for c in charges])
    filled = _FILLED_SETS[absent]
    r.absent = filled
    return r
