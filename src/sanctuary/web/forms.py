"""Reading the desk's HTML forms into the classifier's answers and the intake."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from starlette.datastructures import FormData

from sanctuary.desk.classifier import ClassifierAnswers
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.schemas import Agent, Intake

MAX_AGENTS = 4


def text(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name, default)
    return value.strip() if isinstance(value, str) else default


def tristate(form: FormData, name: str) -> bool | None:
    value = text(form, name)
    return {"yes": True, "no": False}.get(value)


def parse_date(form: FormData, name: str) -> date | None:
    value = text(form, name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DeskInputError(name, "use the date format YYYY-MM-DD") from exc


def parse_local_datetime(form: FormData, name: str, tz_name: str) -> datetime | None:
    value = text(form, name)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise DeskInputError(name, "use the format YYYY-MM-DDTHH:MM") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(tz_name))


def classifier_answers(form: FormData, received_on: date) -> ClassifierAnswers:
    return ClassifierAnswers(
        jurisdiction=text(form, "jurisdiction"),
        agency_kind=text(form, "agency_kind"),
        paper=text(form, "paper"),
        action=text(form, "action"),
        received_on=received_on,
        signed_by=text(form, "signed_by", "unknown") or "unknown",
        court=text(form, "court", "none") or "none",
        court_name=text(form, "court_name"),
        with_admin_warrant=text(form, "with_admin_warrant") == "yes",
        requester_agency=text(form, "requester_agency", "ice") or "ice",
        purpose=text(form, "purpose", "civil_immigration") or "civil_immigration",
        data=[d for d in form.getlist("data") if isinstance(d, str) and d],
        location=text(form, "location"),
        context=text(form, "context"),
        exigent=text(form, "exigent") == "yes",
        in_custody=tristate(form, "in_custody"),
        written_consent=tristate(form, "written_consent"),
    )


def intake(form: FormData, received_at: datetime | None, paper: str) -> Intake:
    agents = []
    for i in range(1, MAX_AGENTS + 1):
        name, badge = text(form, f"agent_name_{i}"), text(form, f"agent_badge_{i}")
        if name or badge:
            agents.append(Agent(name=name, badge=badge))
    try:
        return Intake(
            channel=text(form, "channel"),
            received_at=received_at,
            agents=agents,
            agent_agency=text(form, "agent_agency"),
            supervisor_contact=text(form, "supervisor_contact"),
            stated_purpose=text(form, "stated_purpose"),
            person_ref=text(form, "person_ref"),
            court=text(form, "court_name"),
            form_seen=paper,
            return_date=parse_date(form, "return_date"),
            assignee=text(form, "assignee") or None,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        raise DeskInputError(loc or "intake", first.get("msg", "invalid value")) from exc
