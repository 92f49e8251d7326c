"""Reading the desk's HTML forms into the classifier's answers and the intake."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from starlette.datastructures import FormData, ImmutableMultiDict

from sanctuary.desk import places
from sanctuary.desk.classifier import MAX_ENTRIES, ClassifierAnswers
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.schemas import MAX_DATE, MIN_DATE, Agent, Intake
from sanctuary.desk.wording import N_

MAX_AGENTS = 4
MAX_DATA_ITEMS = 20

# The longest value each page field may carry: the API's Pydantic limits (sanctuary.desk.schemas) for the
# fields they share, and DEFAULT_LIMIT for the rest (codes, names, dates). Longer is a 422 naming the field.
FIELD_LIMITS = {
    "stated_purpose": 2000, "note": 2000, "reason": 4000, "person_ref": 120, "agent_agency": 200,
    "supervisor_contact": 200, "court_name": 200, "assignee": 64, "username": 64, "password": 1024,
    "jurisdiction": 128, "location": 64, "context": 64,
}
DEFAULT_LIMIT = 200


def limit_for(name: str) -> int:
    if name.startswith("agent_name_"):
        return 200
    if name.startswith("agent_badge_"):
        return 64
    return FIELD_LIMITS.get(name, DEFAULT_LIMIT)


def text(form: ImmutableMultiDict[str, Any], name: str, default: str = "") -> str:
    """A field's text, stripped; a value longer than the field's limit is a :class:`DeskInputError` that
    names the field and never repeats the value."""
    value = form.get(name, default)
    if not isinstance(value, str):
        return default
    if len(value) > limit_for(name):
        raise DeskInputError(name, N_("at most %(limit)s characters"), params={"limit": limit_for(name)})
    return value.strip()


def data_items(form: FormData) -> list[str]:
    items = [d for d in form.getlist("data") if isinstance(d, str) and d]
    if len(items) > MAX_DATA_ITEMS or any(len(d) > 64 for d in items):
        raise DeskInputError("data", N_("at most %(limit)s choices"), params={"limit": MAX_DATA_ITEMS})
    return items


def first_error(exc: ValidationError, prefix: str = "") -> DeskInputError:
    """A Pydantic error as the desk's 422: the field's dotted path and the message, never the input value."""
    first = exc.errors(include_input=False, include_url=False)[0]
    loc = ".".join(str(p) for p in first.get("loc", ()))
    return DeskInputError(f"{prefix}{loc}" if prefix else (loc or "form"), first.get("msg", "invalid value"))


def tristate(form: FormData, name: str) -> bool | None:
    value = text(form, name)
    return {"yes": True, "no": False}.get(value)


def parse_date(form: FormData, name: str) -> date | None:
    value = text(form, name)
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise DeskInputError(name, N_("use the date format YYYY-MM-DD")) from None
    if not MIN_DATE <= parsed <= MAX_DATE:
        raise _out_of_range(name)
    return parsed


def parse_local_datetime(form: FormData, name: str, tz_name: str) -> datetime | None:
    value = text(form, name)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise DeskInputError(name, N_("use the format YYYY-MM-DDTHH:MM")) from None
    if not MIN_DATE <= parsed.date() <= MAX_DATE:
        raise _out_of_range(name)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(tz_name))


class PlaceChoice(DeskInputError):
    """Several places match what was typed: the form asks which one (``places`` lists them)."""

    def __init__(self, matches: list[places.Place]) -> None:
        super().__init__("place", f"{len(matches)} places match: choose one")
        self.places = matches


def chosen_place(form: ImmutableMultiDict[str, Any]) -> str:
    """The jurisdiction id the person chose by name (never typed as an id).

    A choice among listed places (``place_choice``) wins; then the place already chosen (``jurisdiction``)
    when the name shown for it was left as it was; else the typed name (``place``) is searched: one match is
    taken, several raise :class:`PlaceChoice`, none is an error naming the field.
    """
    picked = text(form, "place_choice")
    if picked:
        if places.get(picked) is None:
            raise DeskInputError("place", N_("choose one of the places listed"))
        return picked
    typed, kept = text(form, "place"), text(form, "jurisdiction")
    if kept and (not typed or typed == places.label(kept)):
        return kept
    if not typed:
        raise DeskInputError("place", N_("say where your agency is: a city, county, state or province"))
    found = places.resolve(typed)
    if not found:
        raise DeskInputError("place", N_("no place is called “%(name)s”; check the spelling or try the county or the "
                                         "state"), params={"name": typed[:80]})
    if len(found) > 1:
        raise PlaceChoice(found)
    return found[0].id


def classifier_answers(form: FormData, received_on: date, jurisdiction: str | None = None) -> ClassifierAnswers:
    return ClassifierAnswers(
        jurisdiction=text(form, "jurisdiction") if jurisdiction is None else jurisdiction,
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
        data=data_items(form),
        location=text(form, "location"),
        context=text(form, "context"),
        exigent=text(form, "exigent") == "yes",
        in_custody=tristate(form, "in_custody"),
        written_consent=tristate(form, "written_consent"),
        convictions=convictions(form),
        pending_charges=pending_charges(form),
    )


def convictions(form: FormData) -> list[tuple[str, date]] | None:
    """``convictions``: "none" (the person has none), "listed" (the rows below) or empty (not known)."""
    answer = text(form, "convictions")
    if answer == "none":
        return []
    if answer != "listed":
        return None
    found: list[tuple[str, date]] = []
    for i in range(1, MAX_ENTRIES + 1):
        cls = text(form, f"conviction_class_{i}")
        when = parse_date(form, f"conviction_date_{i}")
        if cls and when is None:
            raise DeskInputError(f"conviction_date_{i}", N_("give the date of the conviction (YYYY-MM-DD)"))
        if cls and when is not None:
            found.append((cls, when))
    if not found:
        raise DeskInputError("conviction_class_1", N_("list at least one conviction, or answer that there are none"))
    return found


def pending_charges(form: FormData) -> list[tuple[str, bool | None]] | None:
    """``pending_charges``: "none", "listed" (the rows below) or empty (not known)."""
    answer = text(form, "pending_charges")
    if answer == "none":
        return []
    if answer != "listed":
        return None
    found = [(text(form, f"charge_class_{i}"), tristate(form, f"charge_pcf_{i}"))
             for i in range(1, MAX_ENTRIES + 1) if text(form, f"charge_class_{i}")]
    if not found:
        raise DeskInputError("charge_class_1", N_("list at least one charge, or answer that there are none"))
    return found


def intake(form: FormData, received_at: datetime | None, paper: str) -> Intake:
    try:
        agents = []
        for i in range(1, MAX_AGENTS + 1):
            name, badge = text(form, f"agent_name_{i}"), text(form, f"agent_badge_{i}")
            if name or badge:
                agents.append(Agent(name=name, badge=badge))
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
        raise first_error(exc) from None


def _out_of_range(name: str) -> DeskInputError:
    """schemas.DATE_RANGE_MESSAGE (the API's words), translatable."""
    return DeskInputError(name, N_("give a date between %(first)s and %(last)s"),
                          params={"first": MIN_DATE.isoformat(), "last": MAX_DATE.isoformat()})
