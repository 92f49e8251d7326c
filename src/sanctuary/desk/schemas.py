"""Pydantic shapes of the desk's API bodies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Dates the desk accepts anywhere (intake times, return dates, list filters): wide enough for any real
# request, narrow enough that every computation on them (time zones, 48-hour deadlines) stays in range.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2199, 12, 31)
DATE_RANGE_MESSAGE = f"give a date between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}"
MAX_ID = 2**63 - 1  # the largest id a database integer holds; larger ids are a 422, not a 500

RequestId = Annotated[int, Path(ge=1, le=MAX_ID, description="the request's id")]

# Limits on the contract request a body may carry (the body itself is at most 1 MB, checked before it is read).
MAX_LIST_ITEMS = 100
MAX_DEPTH = 6
MAX_STRING = 1000
MAX_KEYS = 64


def _in_range(value: date | datetime | None) -> date | datetime | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    # A moment near the ends could still leave the calendar once moved to UTC: keep a day's margin.
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(DATE_RANGE_MESSAGE)
    return value


def _bounded_json(value: Any, path: str = "request", depth: int = 0) -> None:
    """Refuse contract requests that are too deep, too wide or too long, naming where."""
    if depth > MAX_DEPTH:
        raise ValueError(f"{path}: nested more than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        if len(value) > MAX_KEYS:
            raise ValueError(f"{path}: at most {MAX_KEYS} keys")
        for key, item in value.items():
            if len(str(key)) > 64:
                raise ValueError(f"{path}: a key longer than 64 characters")
            _bounded_json(item, f"{path}.{key}", depth + 1)
    elif isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            raise ValueError(f"{path}: at most {MAX_LIST_ITEMS} items")
        for index, item in enumerate(value):
            _bounded_json(item, f"{path}[{index}]", depth + 1)
    elif isinstance(value, str) and len(value) > MAX_STRING:
        raise ValueError(f"{path}: at most {MAX_STRING} characters")


def _bounded_request(value: dict[str, Any]) -> dict[str, Any]:
    _bounded_json(value)
    return value


InRangeDateTime = Annotated[datetime | None, AfterValidator(_in_range)]
InRangeDate = Annotated[date | None, AfterValidator(_in_range)]

Channel = Literal["in_person", "phone", "mail", "email", "fax"]
FormSeen = Literal[
    "", "i247a", "i200", "i205", "i138", "i9_noi", "i862", "judicial_warrant", "judicial_subpoena",
    "court_order", "none", "unsure",
]


class Agent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", max_length=200)
    badge: str = Field(default="", max_length=64)


class Intake(BaseModel):
    """How the request arrived and who brought it. Record as little about the person as the task needs."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel
    received_at: InRangeDateTime = Field(default=None, description="When it arrived; defaults to now")
    agents: list[Agent] = Field(default_factory=list, max_length=20)
    agent_agency: str = Field(default="", max_length=200)
    supervisor_contact: str = Field(default="", max_length=200, description="The agents' supervisor's contact")
    stated_purpose: str = Field(default="", max_length=2000)
    person_ref: str = Field(
        default="", max_length=120,
        description="A minimal reference to the person (booking number or initials); never status or birthplace",
    )
    court: str = Field(default="", max_length=200, description="The court named on the paper, if any")
    form_seen: FormSeen = ""
    return_date: InRangeDate = Field(default=None, description="A subpoena's or order's return date")
    assignee: str | None = Field(default=None, max_length=64, description="Username to assign the request to")


class CreateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: Annotated[dict[str, Any], AfterValidator(_bounded_request)] = Field(
        description=f"A decision-contract request (see the decision contract); lists of at most {MAX_LIST_ITEMS} "
                    f"items, strings of at most {MAX_STRING} characters")
    intake: Intake


class EscalationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_role: Literal["supervisor", "counsel"]
    note: str = Field(default="", max_length=2000)


class FinalDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["declined", "complied", "partially_complied", "referred_to_counsel", "no_action_needed"]
    reason: str = Field(min_length=3, max_length=4000)
    supersedes: int | None = Field(
        default=None, ge=1, lt=2**63,
        description="To correct the final decision in force, its id: the correction supersedes it, both are kept",
    )


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=4000)


class EditIn(BaseModel):
    """Corrected facts: the whole decision-contract request as it should have been logged, and why."""

    model_config = ConfigDict(extra="forbid")

    request: Annotated[dict[str, Any], AfterValidator(_bounded_request)] = Field(
        description="The corrected decision-contract request (bounded like a new request's)")
    reason: str = Field(min_length=3, max_length=4000, description="What was corrected and why")


class GrantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64)
    hours: int = Field(ge=1, le=72)
