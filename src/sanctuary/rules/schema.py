"""The shape of a rule file, as Pydantic models. Unknown keys and wrong types are errors.

A rule file is plain YAML, one per jurisdiction, at ``library/<jurisdiction id>.yaml``. The format is
documented for lawyers in ``docs/rule-format.md``; this module is the executable form of that document.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sanctuary import vocabulary as v

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
JurisdictionId = Annotated[str, Field(pattern=r"^[a-z]{2}(/[a-z0-9][a-z0-9-]*)*$", max_length=120)]

AgencyKind = Literal[
    "jail", "police", "probation", "court", "prosecutor", "school", "health_facility", "shelter",
    "library", "social_services", "housing", "city_agency",
]
Action = Literal[
    "hold", "notify_release", "transfer", "disclose", "grant_access", "interview", "arrest", "inquire",
    "collect", "condition_service", "assist_operation", "enter_agreement",
]
Confidence = Literal["primary", "secondary", "unverified"]
Effect = Literal["forbid", "allow", "require", "duty"]
Level = Literal["country", "state", "province", "county", "city", "agency"]
ConvictionClass = Literal[
    "violent_felony", "serious_felony", "felony", "class_a_felony", "class_b_felony", "aggravated_felony",
    "indictable", "wobbler_misdemeanor", "misdemeanor", "violent_or_serious",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _expand(values: list[str], allowed: tuple[str, ...], groups: dict[str, tuple[str, ...]], what: str) -> list[str]:
    out: list[str] = []
    for value in values:
        members = groups.get(value, (value,))
        for member in members:
            if member not in allowed:
                names = ", ".join(sorted(set(allowed) | set(groups)))
                raise ValueError(f"unknown {what} {value!r}; expected one of: {names}")
            if member not in out:
                out.append(member)
    return out


class Covers(Strict):
    """What a rule is about. Lists are alternatives (any member matches); absent means any."""

    agency_kinds: list[str] | None = None
    actions: list[Action] | None = None
    requesters: list[str] | None = None
    purposes: list[Literal["civil_immigration", "criminal_investigation", "other", "unknown"]] | None = None
    instruments: list[str] | None = None
    data: list[str] | None = None
    contexts: list[
        Literal["service_delivery", "benefits_eligibility", "victim_or_witness", "criminal_investigation",
                "booking", "court_proceeding", "employment_verification"]
    ] | None = None
    locations: list[Literal["public_area", "non_public_area"]] | None = None

    @field_validator("agency_kinds")
    @classmethod
    def _kinds(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.AGENCY_KINDS, v.AGENCY_KIND_GROUPS, "agency kind")

    @field_validator("requesters")
    @classmethod
    def _requesters(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.REQUESTER_AGENCIES, v.REQUESTER_GROUPS, "requester")

    @field_validator("instruments")
    @classmethod
    def _instruments(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.INSTRUMENT_TYPES, v.INSTRUMENT_GROUPS, "instrument")

    @field_validator("data")
    @classmethod
    def _data(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.DATA_CATEGORIES, v.DATA_GROUPS, "data category")


class RecordTest(Strict):
    """A test over the person's convictions or pending charges: at least ``at_least`` entries whose class
    is listed, dated within ``within_years`` years before the request's date (convictions only)."""

    classes: list[ConvictionClass] = Field(alias="class", min_length=1)
    within_years: int | None = Field(default=None, ge=1, le=100)
    at_least: int = Field(default=1, ge=1, le=20)
    probable_cause_finding: bool | None = None

    @field_validator("classes")
    @classmethod
    def _subclasses(cls, value: list[str]) -> list[str]:
        out = list(value)
        for name in value:
            out.extend(sub for sub in v.CONVICTION_SUBCLASSES.get(name, ()) if sub not in out)
        return out


class RequesterTest(Strict):
    agency: list[str] | None = None
    purpose: list[Literal["civil_immigration", "criminal_investigation", "other", "unknown"]] | None = None

    @field_validator("agency")
    @classmethod
    def _agency(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.REQUESTER_AGENCIES, v.REQUESTER_GROUPS, "requester")


class InstrumentTest(Strict):
    type: list[str] | None = None
    signed_by: list[
        Literal["federal_judge", "state_judge", "immigration_judge", "immigration_officer", "other", "unknown"]
    ] | None = None
    probable_cause_finding: bool | None = None
    accompanied_by: list[str] | None = None

    @field_validator("type", "accompanied_by")
    @classmethod
    def _types(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.INSTRUMENT_TYPES, v.INSTRUMENT_GROUPS, "instrument")


class SubjectTest(Strict):
    in_custody: bool | None = None
    convictions: RecordTest | None = None
    pending_charges: RecordTest | None = None
    watchlist_match: bool | None = None
    final_removal_order: bool | None = None
    reentered_after_removal: bool | None = None
    written_consent: bool | None = None
    minor: bool | None = None
    proof_of_lawful_status: bool | None = None

    @field_validator("convictions")
    @classmethod
    def _no_pc_on_convictions(cls, value: RecordTest | None) -> RecordTest | None:
        if value is not None and value.probable_cause_finding is not None:
            raise ValueError("probable_cause_finding belongs to pending_charges, not convictions")
        return value

    @field_validator("pending_charges")
    @classmethod
    def _no_window_on_charges(cls, value: RecordTest | None) -> RecordTest | None:
        if value is not None and value.within_years is not None:
            raise ValueError("within_years applies to convictions, not pending_charges")
        return value


class Condition(Strict):
    """Facts that must all hold. ``any_of`` holds when one of its conditions holds; ``not`` negates."""

    requester: RequesterTest | None = None
    instrument: InstrumentTest | None = None
    subject: SubjectTest | None = None
    data: list[str] | None = None
    context: list[str] | None = None
    location: list[Literal["public_area", "non_public_area"]] | None = None
    exigent: bool | None = None
    any_of: list[Condition] | None = Field(default=None, min_length=2)
    all_of: list[Condition] | None = Field(default=None, min_length=2)
    not_: Condition | None = Field(default=None, alias="not")

    @field_validator("data")
    @classmethod
    def _data(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.DATA_CATEGORIES, v.DATA_GROUPS, "data category")

    @field_validator("context")
    @classmethod
    def _context(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _expand(value, v.CONTEXTS, {}, "context")

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not self.model_fields_set:
            raise ValueError("an empty condition always holds; remove it or state a fact")
        return self


class Obligation(Strict):
    kind: str
    citation: str | None = None
    summary: str | None = None
    to: str | None = None
    frequency: Literal["per_request", "monthly", "quarterly", "semiannual", "annual"] | None = None
    deadline: str | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in v.OBLIGATION_KINDS:
            raise ValueError(f"unknown obligation kind {value!r}; expected one of: {', '.join(v.OBLIGATION_KINDS)}")
        return value


class Contested(Strict):
    note: str
    cases: list[str] = Field(default_factory=list)


class Rule(Strict):
    id: Slug
    instrument: Slug
    effect: Effect
    exception_to: Slug | None = None
    covers: Covers | None = None
    when: Condition | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    citation: str = Field(min_length=3)
    confidence: Confidence
    summary: str = Field(min_length=10)
    text: str | None = None
    obligations: list[Obligation] = Field(default_factory=list)
    defers_to_stricter: bool = False
    # A baseline (Catala's default across layers): it decides only where no lower layer's rule decides the
    # request; where one does, the baseline is overridden (docs/semantics.md, clause 2.6). Its exceptions
    # inherit it.
    yields_to_lower_layers: bool = False
    when_outcome: list[Literal["forbidden", "allowed", "required", "undetermined"]] | None = None
    contested: Contested | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        if self.when_outcome is not None and self.effect != "duty":
            raise ValueError("when_outcome belongs to 'duty' rules: their obligations attach only on those outcomes")
        if self.exception_to is None and (self.covers is None or not self.covers.actions
                                          or not self.covers.agency_kinds):
            raise ValueError("a rule that is not an exception must cover at least one agency kind and one action")
        if self.yields_to_lower_layers and self.effect == "duty":
            raise ValueError("yields_to_lower_layers belongs to rules that decide the outcome, not to 'duty' rules")
        if self.effect == "duty" and not self.obligations:
            raise ValueError("a 'duty' rule must list its obligations")
        if self.effective_from and self.effective_until and self.effective_until <= self.effective_from:
            raise ValueError("effective_until must be after effective_from")
        return self


class Preemption(Strict):
    """A higher layer's declaration that lower layers' rules of the listed effects are void."""

    id: Slug
    instrument: Slug
    citation: str = Field(min_length=3)
    confidence: Confidence
    summary: str = Field(min_length=10)
    effects: list[Literal["forbid", "allow", "require"]] = Field(default=["forbid"], min_length=1)
    levels: list[Level] | None = None
    covers: Covers
    when: Condition | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    contested: Contested | None = None


class Amendment(Strict):
    date: dt.date
    name: str
    citation: str | None = None
    summary: str | None = None


class Instrument(Strict):
    id: Slug
    name: str
    kind: Literal[
        "constitution", "statute", "regulation", "ordinance", "executive_order", "directive", "council_motion",
        "policy", "court_decision", "agreement",
    ]
    citation: str
    url: str | None = None
    adopted: dt.date | None = None
    effective: dt.date | None = None
    repealed: dt.date | None = None
    in_force: bool = True
    amendments: list[Amendment] = Field(default_factory=list)
    notes: str | None = None


class Jurisdiction(Strict):
    id: JurisdictionId
    name: str
    level: Level
    parent: JurisdictionId | None = None
    status: Literal["in_force", "declared_not_in_force", "no_policy"] = "in_force"
    names: dict[Literal["en", "es", "fr"], str] = Field(default_factory=dict)
    notes: str | None = None

    @model_validator(mode="after")
    def _parent(self) -> Jurisdiction:
        if (self.level == "country") != ("/" not in self.id):
            raise ValueError("only a country has an id without '/' (us, ca), and a country has no parent")
        if self.level == "country" and self.parent is not None:
            raise ValueError("a country has no parent")
        if self.parent is not None and not self.id.startswith(self.parent + "/"):
            raise ValueError(f"the parent {self.parent!r} must be a prefix of the id {self.id!r}")
        if self.level != "country" and self.parent is None:
            raise ValueError("every jurisdiction below a country names its parent")
        return self


class RuleFile(Strict):
    schema_version: Literal[1] = 1
    jurisdiction: Jurisdiction
    instruments: list[Instrument] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    preempts: list[Preemption] = Field(default_factory=list)
    reviewed: str | None = None


SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
