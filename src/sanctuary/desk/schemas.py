"""Pydantic shapes of the desk's API bodies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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
    received_at: datetime | None = Field(default=None, description="When it arrived; defaults to now")
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
    return_date: date | None = Field(default=None, description="A subpoena's or order's return date")
    assignee: str | None = Field(default=None, max_length=64, description="Username to assign the request to")


class CreateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: dict[str, Any] = Field(description="A decision-contract request (see the decision contract)")
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

    request: dict[str, Any] = Field(description="The corrected decision-contract request")
    reason: str = Field(min_length=3, max_length=4000, description="What was corrected and why")


class GrantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    hours: int = Field(ge=1, le=72)
