"""The guided classifier's pages: one question a page, a back link, plain GET forms (no JavaScript needed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from sanctuary.desk import access, agency, classifier, guide, places
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.wording import N_
from sanctuary.web import forms
from sanctuary.web.auth import Principal, page_roles
from sanctuary.web.deps import desk_ctx
from sanctuary.web.pages import render

router = APIRouter(include_in_schema=False)
case_page = page_roles(*access.CASE_ROLES)


def _answers(request: Request) -> dict[str, Any]:
    query = request.query_params
    found: dict[str, Any] = {}
    for key in guide.ANSWER_FIELDS:
        if key == "data":
            if "data" in query:
                found["data"] = [d for d in query.getlist("data") if d]
        elif key in query:
            found[key] = query.get(key, "").strip()[:200]
    return found


def _pairs(answers: dict[str, Any], skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The answers as query pairs (lists repeated), less the fields of ``skip``."""
    out: list[tuple[str, str]] = []
    for key, value in answers.items():
        if key in skip:
            continue
        for item in value if isinstance(value, list) else [value]:
            if item != "":
                out.append((key, item))
    return out


@router.get("/classify", response_class=HTMLResponse)
def classify_steps(request: Request, principal: Principal = Depends(case_page),
                   ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """One question at a time, to the end; then the answers prefill the intake form (``/requests/new``)."""
    profile = agency.current(ctx)
    today = datetime.now(profile.zone).date()
    query = request.query_params
    answers = _answers(request)
    seen = guide.parse_seen(query.get("seen", ""))
    error: DeskInputError | None = None
    choices: list[places.Place] = []
    submitted = query.get("step", "")
    if submitted == "place" and "place" not in seen:
        try:
            answers["jurisdiction"] = forms.chosen_place(query)
        except forms.PlaceChoice as many:
            choices, error = many.places, many
        except DeskInputError as exc:
            error = exc
    if submitted == "paper" and not answers.get("paper"):
        error = DeskInputError("paper", N_("choose what you can see on the paper"))
    if submitted == "action" and not answers.get("action"):
        error = DeskInputError("action", N_("choose what is asked"))
    if submitted in guide.STEP_BY_NAME and submitted not in seen and error is None:
        if submitted == "data" and "data" not in answers:
            answers["data"] = []
        seen = (*seen, submitted)
    at = guide.position(answers, seen, today)
    if error is not None:  # ask the same question again
        at = guide.Position(guide.STEP_BY_NAME[submitted], seen, seen[-1] if seen else None, len(seen) + 1,
                            at.missing)
    found: classifier.Identification | None = None
    if answers.get("paper"):
        try:
            found = classifier.identify(answers["paper"], answers.get("signed_by") or "unknown",
                                        answers.get("court") or "none", answers.get("with_admin_warrant") == "yes")
        except DeskInputError as exc:
            error = error or exc
    preview: dict[str, Any] | None = None
    if at.step is None and error is None:
        try:
            preview = classifier.classify(guide.to_answers(answers, today)).request
        except DeskInputError as exc:
            error = exc
    current_fields = at.step.fields if at.step else ()
    hidden = _pairs(answers, skip=current_fields)
    back = (f"/classify?{urlencode([*_pairs(answers), ('seen', ','.join(guide.seen_before(at.seen, at.previous)))])}"
            if at.previous else "")
    defaults = {"jurisdiction": ctx.settings.default_jurisdiction,
                "agency_kind": ctx.settings.default_agency_kind or "city_agency", "signed_by": "unknown",
                "court": "none", "requester_agency": "ice", "purpose": "civil_immigration"}
    values = {**defaults, **answers}
    return render(request, "classify.html", principal, 422 if error else 200, step=at.step, number=at.number,
                  seen=",".join(at.seen), hidden=hidden, back=back, values=values, error=error,
                  choices=choices, found=found, preview=preview, missing=at.missing,
                  papers=classifier.PAPERS, signers=classifier.SIGNERS, courts=classifier.COURTS,
                  max_entries=classifier.MAX_ENTRIES, intake_query=urlencode(_pairs(answers)))
