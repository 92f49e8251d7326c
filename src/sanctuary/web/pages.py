"""Server-rendered pages. They work without JavaScript; every form carries a CSRF token."""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sanctuary import vocabulary as v
from sanctuary.db.types import utcnow
from sanctuary.desk import (
    access,
    accounts,
    agency,
    cases,
    classifier,
    documents,
    guide,
    letters,
    lifecycle,
    wording,
)
from sanctuary.desk import notice as notice_text
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import FINAL_OUTCOMES, ROLES, DeskRequest, Document, User
from sanctuary.desk.protocol import front_desk_card
from sanctuary.desk.wording import N_
from sanctuary.web import forms
from sanctuary.web.auth import SESSION_COOKIE, Principal, page_principal, page_roles
from sanctuary.web.deps import db_session, desk_ctx
from sanctuary.web.templating import templates

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "sanctuary_login_csrf"

case_page = page_roles(*access.CASE_ROLES)
admin_page = page_roles(*access.ADMIN_ROLES)


def render(request: Request, name: str, principal: Principal | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    base = {"user": principal.user if principal else None, "csrf": principal.csrf if principal else "",
            "words": wording, "vocab": v, "agency": agency.current(request.app.state.desk)}
    base.update(context)
    return templates.TemplateResponse(request, name, base, status_code=status_code)


async def checked_form(request: Request, principal: Principal) -> FormData:
    form = await request.form()
    token = form.get("csrf")
    if not isinstance(token, str) or not hmac.compare_digest(token, principal.csrf):
        raise HTTPException(status_code=403, detail="The form expired or did not come from this site. Reload it.")
    return form


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _source(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _load(session: Session, user: User, request_id: int) -> DeskRequest:
    record = session.get(DeskRequest, request_id)
    if record is None:
        raise HTTPException(status_code=404, detail="No such request.")
    if not access.can_view(session, user, record):
        raise HTTPException(status_code=403, detail="You have no access to this request.")
    return record


# --- login ---------------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, login_csrf=token, error="")
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request),
                        max_age=3600)
    return response


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, session: Session = Depends(db_session),
                ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await request.form()
    token, cookie = form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not isinstance(token, str) or not cookie or not hmac.compare_digest(token, cookie):
        return render(request, "login.html", None, 403, login_csrf=cookie or "",
                      error=N_("The form expired. Reload the page and sign in again."))
    username, password = forms.text(form, "username"), str(form.get("password") or "")
    try:
        user = accounts.authenticate(ctx, session, username, password, _source(request))
    except accounts.LoginThrottled:
        session.commit()
        return render(request, "login.html", None, 429, login_csrf=cookie,
                      error=N_("Too many failed attempts. Wait 15 minutes and try again."))
    except PermissionError:
        session.commit()
        return render(request, "login.html", None, 401, login_csrf=cookie, error=N_("Wrong username or password."))
    new = accounts.start_session(ctx, session, user)
    session.commit()
    response = RedirectResponse(url="/", status_code=303)
    response.set_cookie(SESSION_COOKIE, new.cookie, httponly=True, samesite="strict", secure=_secure(request),
                        max_age=ctx.settings.session_hours * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, principal: Principal = Depends(page_principal),
                 session: Session = Depends(db_session)) -> Response:
    await checked_form(request, principal)
    accounts.end_session(session, request.cookies.get(SESSION_COOKIE, ""))
    session.commit()
    response = RedirectResponse(url="/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- dashboard -----------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, principal: Principal = Depends(page_principal),
              session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    user = principal.user
    if user.role == "admin":
        return RedirectResponse(url="/admin/users", status_code=303)
    if user.role not in access.CASE_ROLES:
        return render(request, "dashboard.html", principal, requests=[], names={}, deadlines={})
    status = request.query_params.get("status") or None
    records = cases.list_requests(session, user, cases.Filters(status=status if status in lifecycle.STATUSES
                                                               else None))
    return render(request, "dashboard.html", principal, requests=records, names=cases.usernames(session),
                  deadlines={r.id: cases.deadlines(ctx, r) for r in records}, status=status or "")


# --- logging a request with the guided classifier ------------------------------------------------------------


def _new_form(request: Request, principal: Principal, ctx: DeskContext, values: dict[str, Any],
              error: DeskInputError | None = None, status_code: int = 200) -> HTMLResponse:
    return render(request, "new_request.html", principal, status_code, papers=classifier.PAPERS,
                  signers=classifier.SIGNERS, courts=classifier.COURTS, values=values, error=error,
                  default_jurisdiction=ctx.settings.default_jurisdiction,
                  default_kind=ctx.settings.default_agency_kind, timezone=agency.current(ctx).timezone,
                  place_choices=error.places if isinstance(error, forms.PlaceChoice) else [],
                  max_entries=classifier.MAX_ENTRIES)


PREFILL = tuple(dict.fromkeys(("court_name", *guide.ANSWER_FIELDS)))


@router.get("/requests/new", response_class=HTMLResponse)
def new_request_form(request: Request, principal: Principal = Depends(case_page),
                     ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The whole form; answers from the step-by-step classifier (``/classify``) arrive prefilled."""
    query = request.query_params
    values: dict[str, Any] = {k: query[k] for k in PREFILL if query.get(k)}
    if query.getlist("data"):
        values["data"] = query.getlist("data")
    return _new_form(request, principal, ctx, values)


@router.post("/requests/new", response_class=HTMLResponse)
async def new_request(request: Request, principal: Principal = Depends(case_page),
                      session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    values: dict[str, Any] = {k: form.getlist(k) if k == "data" else form.get(k) for k in form}
    try:
        received_at = forms.parse_local_datetime(form, "received_at", agency.current(ctx).timezone) or utcnow()
        local_day = received_at.astimezone(ZoneInfo(agency.current(ctx).timezone)).date()
        answers = forms.classifier_answers(form, local_day, forms.chosen_place(form))
        result = classifier.classify(answers)
        intake = forms.intake(form, received_at, answers.paper)
        record, _ = cases.log_request(ctx, session, principal.user, result.request, intake, answers.paper)
        upload = form.get("document")
        if isinstance(upload, UploadFile) and upload.filename:
            content = await upload.read(documents.MAX_BYTES + 1)
            documents.store(ctx, session, principal.user, record, content, upload.filename)
    except DeskInputError as exc:
        session.rollback()
        return _new_form(request, principal, ctx, values, exc, 422)
    session.commit()
    return RedirectResponse(url=f"/requests/{record.id}", status_code=303)


# --- the decision page and what can be done from it -------------------------------------------------------


@router.get("/requests/{request_id}", response_class=HTMLResponse)
def request_page(request_id: int, request: Request, principal: Principal = Depends(case_page),
                 session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    record = _load(session, principal.user, request_id)
    cases.record_view(ctx, session, principal.user, record)
    session.commit()
    return _request_view(request, principal, session, ctx, record, request.query_params.get("done", ""))


def _request_view(request: Request, principal: Principal, session: Session, ctx: DeskContext,
                  record: DeskRequest, notice: str = "", error: str = "", status_code: int = 200) -> HTMLResponse:
    paper = classifier.PAPER_BY_CODE.get(record.form_seen)
    in_force = cases.current_final(record)
    role = principal.user.role
    return render(request, "request.html", principal, status_code, r=record, d=cases.latest_decision(record),
                  deadlines=cases.deadlines(ctx, record), names=cases.usernames(session), paper=paper,
                  final_outcomes=FINAL_OUTCOMES, can_final=role in access.FINAL_ROLES,
                  can_grant=role in access.GRANT_ROLES, notice=notice, error=error,
                  actions=lifecycle.allowed_actions(record.status), in_force=in_force,
                  can_correct=in_force is not None and lifecycle.may_supersede(role, in_force.by_role),
                  letter=letters.choose_letter(record.instrument_type, record.outcome,
                                               in_force.outcome if in_force else None),
                  law_words=lifecycle.against_law,
                  notice_languages=notice_text.languages_for(record.jurisdiction, record.action).names)


async def _act(request: Request, principal: Principal, session: Session, request_id: int) -> tuple[FormData,
                                                                                                      DeskRequest]:
    form = await checked_form(request, principal)
    return form, _load(session, principal.user, request_id)


def _back(request_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(url=f"/requests/{request_id}?done={quote(done)}", status_code=303)


@router.post("/requests/{request_id}/obligations")
async def obligations(request_id: int, request: Request, principal: Principal = Depends(case_page),
                      session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    wanted = {int(x) for x in form.getlist("done") if isinstance(x, str) and x.isdigit()}
    total = len(cases.latest_decision(record).get("obligations") or [])
    for index in range(total):
        if (index in wanted) != (index in (record.obligations_done or [])):
            cases.toggle_obligation(ctx, session, principal.user, record, index, index in wanted)
    session.commit()
    return _back(request_id, N_("Checklist saved."))


@router.post("/requests/{request_id}/escalate")
async def escalate(request_id: int, request: Request, principal: Principal = Depends(case_page),
                   session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    cases.escalate(ctx, session, principal.user, record, forms.text(form, "target_role"), forms.text(form, "note"))
    session.commit()
    return _back(request_id, N_("Escalated."))


@router.post("/requests/{request_id}/final")
async def final(request_id: int, request: Request, principal: Principal = Depends(page_roles(*access.FINAL_ROLES)),
                session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    outcome = forms.text(form, "outcome")
    if outcome not in FINAL_OUTCOMES:
        raise HTTPException(status_code=422, detail="Choose the final decision.")
    supersedes = forms.text(form, "supersedes")
    try:
        cases.record_final(ctx, session, principal.user, record, outcome, forms.text(form, "reason"),
                           int(supersedes) if supersedes.isdigit() else None)
    except (DeskInputError, lifecycle.AgainstLawError) as exc:
        session.rollback()
        message = f"{exc.field}: {exc.message}" if isinstance(exc, DeskInputError) else exc.message
        status = 403 if isinstance(exc, lifecycle.AgainstLawError) and exc.forbidden_role else 422
        return _request_view(request, principal, session, ctx, _load(session, principal.user, request_id),
                             error=message, status_code=status)
    session.commit()
    return _back(request_id, N_("Final decision corrected.") if supersedes else N_("Final decision recorded."))


@router.post("/requests/{request_id}/close")
async def close(request_id: int, request: Request, principal: Principal = Depends(page_roles(*access.FINAL_ROLES)),
                session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    cases.close(ctx, session, principal.user, record, forms.text(form, "reason"))
    session.commit()
    return _back(request_id, N_("Request closed."))


@router.post("/requests/{request_id}/reopen")
async def reopen(request_id: int, request: Request, principal: Principal = Depends(page_roles(*access.FINAL_ROLES)),
                 session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    try:
        cases.reopen(ctx, session, principal.user, record, forms.text(form, "reason"))
    except DeskInputError as exc:
        session.rollback()
        return _request_view(request, principal, session, ctx, _load(session, principal.user, request_id),
                             error=f"{exc.field}: {exc.message}", status_code=422)
    session.commit()
    return _back(request_id, N_("Request reopened."))


def _facts_of(record: DeskRequest) -> dict[str, Any]:
    """The classifier's answers that would log this request again, to prefill the correction form."""
    request = record.contract_request
    subject = request.get("subject") or {}
    requester = request.get("requester") or {}
    instrument = request.get("instrument") or {}

    def tri(value: object) -> str:
        return {True: "yes", False: "no"}.get(value, "") if isinstance(value, bool) else ""

    return {
        "jurisdiction": record.jurisdiction, "agency_kind": record.agency_kind, "paper": record.form_seen,
        "signed_by": instrument.get("signed_by", "unknown"), "action": record.action,
        "data": list(request.get("data") or []), "location": request.get("location", ""),
        "requester_agency": requester.get("agency", "ice"), "purpose": requester.get("purpose", "civil_immigration"),
        "context": request.get("context", ""), "in_custody": tri(subject.get("in_custody")),
        "written_consent": tri(subject.get("written_consent")), "exigent": "yes" if record.exigent else "",
        "with_admin_warrant": "yes" if "admin_warrant" in (instrument.get("accompanied_by") or []) else "",
        **_record_of(subject),
    }


def _record_of(subject: dict[str, Any]) -> dict[str, str]:
    """Convictions and open charges as the form's fields."""
    out: dict[str, str] = {}
    for key, field, prefix in (("convictions", "convictions", "conviction"), ("pending_charges", "pending_charges",
                                                                               "charge")):
        entries = subject.get(key)
        if entries is None:
            continue
        out[field] = "listed" if entries else "none"
        for i, entry in enumerate(entries[:classifier.MAX_ENTRIES], start=1):
            out[f"{prefix}_class_{i}"] = str(entry.get("class", ""))
            if prefix == "conviction":
                out[f"conviction_date_{i}"] = str(entry.get("date", ""))
            elif isinstance(entry.get("probable_cause_finding"), bool):
                out[f"charge_pcf_{i}"] = "yes" if entry["probable_cause_finding"] else "no"
    return out


def _edit_form(request: Request, principal: Principal, ctx: DeskContext, record: DeskRequest,
               values: dict[str, Any], error: DeskInputError | None = None, status_code: int = 200) -> HTMLResponse:
    return render(request, "edit_request.html", principal, status_code, r=record, papers=classifier.PAPERS,
                  signers=classifier.SIGNERS, courts=classifier.COURTS, values=values, error=error,
                  default_jurisdiction=ctx.settings.default_jurisdiction,
                  default_kind=ctx.settings.default_agency_kind,
                  place_choices=error.places if isinstance(error, forms.PlaceChoice) else [],
                  max_entries=classifier.MAX_ENTRIES)


@router.get("/requests/{request_id}/edit", response_class=HTMLResponse)
def edit_form(request_id: int, request: Request, principal: Principal = Depends(case_page),
              session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    record = _load(session, principal.user, request_id)
    lifecycle.next_status(record.status, "edit")  # 409 on a decided or closed request: reopen it first
    return _edit_form(request, principal, ctx, record, _facts_of(record))


@router.post("/requests/{request_id}/edit", response_class=HTMLResponse)
async def edit(request_id: int, request: Request, principal: Principal = Depends(case_page),
               session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    values: dict[str, Any] = {k: form.getlist(k) if k == "data" else form.get(k) for k in form}
    try:
        local_day = record.received_at.astimezone(ZoneInfo(agency.current(ctx).timezone)).date()
        answers = forms.classifier_answers(form, local_day, forms.chosen_place(form))
        result = classifier.classify(answers)
        cases.edit_request(ctx, session, principal.user, record, result.request, forms.text(form, "reason"))
        if answers.paper:
            record.form_seen = answers.paper
    except DeskInputError as exc:
        session.rollback()
        return _edit_form(request, principal, ctx, _load(session, principal.user, request_id), values, exc, 422)
    session.commit()
    return _back(request_id, N_("Facts corrected and decided again."))


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, principal: Principal = Depends(page_roles(*access.FINAL_ROLES)),
               session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    items = cases.escalated_to(session, principal.user)
    return render(request, "queue.html", principal, queue=items,
                  deadlines={r.id: cases.deadlines(ctx, r) for r, _ in items})


@router.post("/requests/{request_id}/documents")
async def upload(request_id: int, request: Request, principal: Principal = Depends(case_page),
                 session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    item = form.get("document")
    if not isinstance(item, UploadFile) or not item.filename:
        raise HTTPException(status_code=422, detail="document: choose a file")
    try:
        documents.store(ctx, session, principal.user, record, await item.read(documents.MAX_BYTES + 1),
                        item.filename)
    except DeskInputError as exc:
        raise HTTPException(status_code=422, detail=f"{exc.field}: {exc.message}") from exc
    session.commit()
    return _back(request_id, N_("Document stored (encrypted)."))


@router.get("/requests/{request_id}/documents/{document_id}")
def view_document(request_id: int, document_id: int, principal: Principal = Depends(case_page),
                  session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    record = _load(session, principal.user, request_id)
    document = session.get(Document, document_id)
    if document is None or document.request_id != record.id:
        raise HTTPException(status_code=404, detail="No such document.")
    content, _name = documents.read(ctx, session, principal.user, document)
    session.commit()
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[document.content_type]
    return Response(content, media_type=document.content_type, headers={
        "Content-Disposition": f'inline; filename="request-{record.id}-document-{document.id}.{extension}"'})


@router.post("/requests/{request_id}/grants")
async def grant(request_id: int, request: Request, principal: Principal = Depends(page_roles(*access.GRANT_ROLES)),
                session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form, record = await _act(request, principal, session, request_id)
    hours = forms.text(form, "hours")
    try:
        cases.grant_access(ctx, session, principal.user, record, forms.text(form, "username"),
                           int(hours) if hours.isdigit() else 0)
    except DeskInputError as exc:
        raise HTTPException(status_code=422, detail=f"{exc.field}: {exc.message}") from exc
    session.commit()
    return _back(request_id, N_("Access granted."))


# --- printable outputs -----------------------------------------------------------------------------------


@router.get("/requests/{request_id}/letter", response_class=HTMLResponse)
def letter(request_id: int, request: Request, principal: Principal = Depends(case_page),
           session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The letter that fits the paper and the final decision in force; none after compliance (409)."""
    record = _load(session, principal.user, request_id)
    in_force = cases.current_final(record)
    choice = letters.choose_letter(record.instrument_type, record.outcome, in_force.outcome if in_force else None)
    if not choice.kind:
        raise HTTPException(status_code=409, detail=choice.why_not)
    cases.record_view(ctx, session, principal.user, record, "letter")
    session.commit()
    decision = cases.latest_decision(record)
    forbidding = [b for b in decision.get("basis") or []
                  if b.get("effect") == "forbid" and b.get("status") == "applied"]
    inspection_due = next((d.due for d in cases.deadlines(ctx, record) if d.kind == "i9_inspection"), None)
    return render(request, "letter.html", principal, r=record, d=decision, forbidding=forbidding,
                  today=utcnow().astimezone(agency.current(ctx).zone).date(), choice=choice, in_force=in_force,
                  inspection_due=inspection_due)


@router.get("/requests/{request_id}/notice", response_class=HTMLResponse)
def notice(request_id: int, request: Request, principal: Principal = Depends(case_page),
           session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The notice to the person, in the languages its jurisdiction needs (``sanctuary.desk.notice``)."""
    record = _load(session, principal.user, request_id)
    cases.record_view(ctx, session, principal.user, record, "notice")
    session.commit()
    profile = agency.current(ctx)
    in_force = cases.current_final(record)
    decision = cases.latest_decision(record)
    duties = [str(o.get("citation")) for o in decision.get("obligations") or []
              if o.get("kind") in NOTICE_DUTIES and o.get("citation")]
    languages = notice_text.languages_for(record.jurisdiction, record.action)
    requester = str((record.contract_request.get("requester") or {}).get("agency", ""))
    notices = [notice_text.build(lang, ref=record.id, received_on=record.received_at.astimezone(profile.zone).date(),
                                 requester=requester, action=record.action, paper_code=record.form_seen,
                                 instrument_type=record.instrument_type, agency_kind=record.agency_kind,
                                 final_outcome=in_force.outcome if in_force else None, profile=profile,
                                 citations=list(dict.fromkeys(duties)))
               for lang in languages.printed]
    return render(request, "notice.html", principal, r=record, notices=notices, languages=languages,
                  printed_at=agency.local_time(utcnow(), profile.timezone))


NOTICE_DUTIES = ("notify_subject", "give_copy_to_subject", "obtain_written_consent", "advise_of_rights")


@router.get("/card", response_class=HTMLResponse)
def card(request: Request, principal: Principal = Depends(page_principal),
         ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The front-desk card for a place chosen by name (``place``) or passed on from a request (``jurisdiction``)."""
    query = request.query_params
    kind = query.get("kind") or ctx.settings.default_agency_kind or "city_agency"
    if kind not in v.AGENCY_KINDS:
        raise HTTPException(status_code=422, detail="Choose the kind of agency from the list.")
    jurisdiction = ctx.settings.default_jurisdiction
    choices: list[Any] = []
    error: DeskInputError | None = None
    if query.get("place") or query.get("place_choice") or query.get("jurisdiction"):
        try:
            jurisdiction = forms.chosen_place(query)
        except forms.PlaceChoice as many:
            choices, error = many.places, many
        except DeskInputError as exc:
            error = exc
    content = front_desk_card(jurisdiction, kind) if jurisdiction and error is None else None
    languages = notice_text.languages_for(jurisdiction) if jurisdiction else None
    if content is not None and languages is not None:
        content["languages"] = languages.printed
    return render(request, "card.html", principal, 422 if error else 200, jurisdiction=jurisdiction, kind=kind,
                  card=content, choices=choices, error=error, languages=languages)


# --- accounts (admin) ----------------------------------------------------------------------------------


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, principal: Principal = Depends(admin_page),
               session: Session = Depends(db_session)) -> Response:
    users = list(session.scalars(select(User).order_by(User.username)))
    return render(request, "users.html", principal, users=users, roles=ROLES, error=None, token=None)


@router.post("/admin/users", response_class=HTMLResponse)
async def create_user(request: Request, principal: Principal = Depends(admin_page),
                      session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    try:
        accounts.create_user(ctx, session, forms.text(form, "username"), forms.text(form, "role"),
                             str(form.get("password") or ""), actor=principal.user)
    except DeskInputError as exc:
        session.rollback()
        users = list(session.scalars(select(User).order_by(User.username)))
        return render(request, "users.html", principal, 422, users=users, roles=ROLES, error=exc, token=None)
    session.commit()
    return RedirectResponse(url="/admin/users", status_code=303)


@router.post("/admin/users/{user_id}", response_class=HTMLResponse)
async def change_user(user_id: int, request: Request, principal: Principal = Depends(admin_page),
                      session: Session = Depends(db_session), ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    target = session.get(User, user_id)
    if target is None:
        raise HTTPException(status_code=404, detail="No such user.")
    if target.id == principal.user.id and (forms.text(form, "active") == "no" or forms.text(form, "role") != "admin"):
        raise HTTPException(status_code=422, detail="You cannot demote or deactivate your own account.")
    try:
        accounts.update_user(ctx, session, target, principal.user, role=forms.text(form, "role") or None,
                             active=forms.text(form, "active") != "no")
    except DeskInputError as exc:
        raise HTTPException(status_code=422, detail=f"{exc.field}: {exc.message}") from exc
    session.commit()
    return RedirectResponse(url="/admin/users", status_code=303)
