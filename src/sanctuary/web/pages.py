"""Server-rendered pages. They work without JavaScript; every form carries a CSRF token."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from sanctuary import i18n
from sanctuary import vocabulary as v
from sanctuary.db.types import utcnow
from sanctuary.desk import (
    access,
    accounts,
    agency,
    approvals,
    cases,
    classifier,
    documents,
    guide,
    letters,
    lifecycle,
    throttle,
    wording,
)
from sanctuary.desk import notice as notice_text
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import FINAL_OUTCOMES, ROLES, DeskRequest, Document, User
from sanctuary.desk.protocol import front_desk_card
from sanctuary.desk.schemas import EscalationIn, FinalDecisionIn, GrantIn, RequestId
from sanctuary.desk.wording import N_
from sanctuary.web import forms, input_errors
from sanctuary.web.auth import SESSION_COOKIE, Principal, page_principal, page_roles
from sanctuary.web.client import client_address, is_https
from sanctuary.web.deps import desk_ctx
from sanctuary.web.templating import request_locale, templates

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "sanctuary_login_csrf"

case_page = page_roles(*access.CASE_ROLES)
admin_page = page_roles(*access.ADMIN_ROLES)
final_page = page_roles(*access.FINAL_ROLES)
grant_page = page_roles(*access.GRANT_ROLES)


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
    return is_https(request, request.app.state.desk.settings.trusted_proxies)


def _unprocessable(request: Request, exc: DeskInputError | ValidationError) -> HTTPException:
    """A 422 page naming the field in plain words, in the page's language (never repeating the value)."""
    error = forms.first_error(exc) if isinstance(exc, ValidationError) else exc
    return HTTPException(status_code=422, detail=input_errors.for_request(request, error))


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
async def login(request: Request, ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await request.form()
    token, cookie = form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not isinstance(token, str) or not cookie or not hmac.compare_digest(token, cookie):
        return render(request, "login.html", None, 403, login_csrf=cookie or "",
                      error=N_("The form expired. Reload the page and sign in again."))
    username, password = form.get("username"), form.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or len(username) > 64 \
            or len(password) > forms.limit_for("password"):
        return render(request, "login.html", None, 401, login_csrf=cookie, error=N_("Wrong username or password."))
    # argon2 and the database, in a worker thread: the event loop never waits on them.
    try:
        signed = await run_in_threadpool(accounts.sign_in, ctx, username, password,
                                         client_address(request, ctx.settings.trusted_proxies),
                                         request.cookies.get(throttle.DEVICE_COOKIE))
    except throttle.LoginThrottled as exc:
        refused = render(request, "login.html", None, 429, login_csrf=cookie,
                         error=f"Too many failed attempts. Wait {exc.retry_after} seconds and try again.")
        refused.headers["Retry-After"] = str(exc.retry_after)
        return refused
    except PermissionError:
        return render(request, "login.html", None, 401, login_csrf=cookie, error=N_("Wrong username or password."))
    response = RedirectResponse(url="/", status_code=303)
    response.set_cookie(SESSION_COOKIE, signed.session.cookie, httponly=True, samesite="strict",
                        secure=_secure(request), max_age=ctx.settings.session_hours * 3600)
    response.set_cookie(throttle.DEVICE_COOKIE, signed.device_cookie, httponly=True, samesite="strict",
                        secure=_secure(request), max_age=throttle.DEVICE_COOKIE_DAYS * 86400)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


def _end_session(ctx: DeskContext, cookie: str) -> None:
    with ctx.writing() as session:
        accounts.end_session(session, cookie)


@router.post("/logout")
async def logout(request: Request, principal: Principal = Depends(page_principal),
                 ctx: DeskContext = Depends(desk_ctx)) -> Response:
    await checked_form(request, principal)
    await run_in_threadpool(_end_session, ctx, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(url="/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- dashboard -----------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, principal: Principal = Depends(page_principal),
              ctx: DeskContext = Depends(desk_ctx)) -> Response:
    user = principal.user
    if user.role == "admin":
        return RedirectResponse(url="/admin/users", status_code=303)
    if user.role not in access.CASE_ROLES:
        return render(request, "dashboard.html", principal, requests=[], names={}, deadlines={})
    status = request.query_params.get("status") or None
    with ctx.reading() as session:  # a read: never the write slot
        records = cases.list_requests(session, user, cases.Filters(
            status=status if status in lifecycle.STATUSES else None))
        names = cases.usernames(session)
        no_rule = cases.without_rule(session, [r.id for r in records])
    return render(request, "dashboard.html", principal, requests=records, names=names,
                  deadlines={r.id: cases.deadlines(ctx, r) for r in records}, status=status or "",
                  no_rule=no_rule)


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


def _log_from_page(ctx: DeskContext, user: User, contract_request: dict[str, Any], intake: Any, paper: str,
                   upload: tuple[bytes, str] | None) -> int:
    with ctx.writing() as session:
        record, _ = cases.log_request(ctx, session, user, contract_request, intake, paper)
        if upload is not None:
            documents.store(ctx, session, user, record, *upload)
        return record.id


@router.post("/requests/new", response_class=HTMLResponse)
async def new_request(request: Request, principal: Principal = Depends(case_page),
                      ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    values: dict[str, Any] = {k: form.getlist(k) if k == "data" else form.get(k) for k in form}
    try:
        zone = agency.current(ctx).timezone
        received_at = forms.parse_local_datetime(form, "received_at", zone) or utcnow()
        local_day = received_at.astimezone(ZoneInfo(zone)).date()
        answers = forms.classifier_answers(form, local_day, forms.chosen_place(form))
        result = classifier.classify(answers)
        intake = forms.intake(form, received_at, answers.paper)
        item = form.get("document")
        upload = None
        if isinstance(item, UploadFile) and item.filename:
            upload = (await item.read(documents.MAX_BYTES + 1), item.filename)
        request_id = await run_in_threadpool(_log_from_page, ctx, principal.user, result.request, intake,
                                             answers.paper, upload)
    except DeskInputError as exc:
        values = {k: v for k, v in values.items() if isinstance(v, str | list) and k != "csrf"}
        return _new_form(request, principal, ctx, _shown(values), exc, 422)
    return RedirectResponse(url=f"/requests/{request_id}", status_code=303)


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    """What the form shows again after an error: each value cut to its field's limit (a 100,000-character
    paste is not echoed back whole)."""
    return {k: [str(x)[:64] for x in v][:forms.MAX_DATA_ITEMS] if isinstance(v, list) else str(v)[:forms.limit_for(k)]
            for k, v in values.items()}


# --- the decision page and what can be done from it -------------------------------------------------------


@router.get("/requests/{request_id}", response_class=HTMLResponse)
def request_page(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
                 ctx: DeskContext = Depends(desk_ctx)) -> Response:
    with ctx.writing() as session:  # the view is logged
        record = _load(session, principal.user, request_id)
        cases.record_view(ctx, session, principal.user, record)
        names = cases.usernames(session)
    return _request_view(request, principal, ctx, record, names, request.query_params.get("done", "")[:200])


def _request_view(request: Request, principal: Principal, ctx: DeskContext, record: DeskRequest,
                  names: dict[int, str], notice: str = "", error: str = "", status_code: int = 200) -> HTMLResponse:
    """The request page from a loaded record (its relationships are loaded with it; no session needed)."""
    paper = classifier.PAPER_BY_CODE.get(record.form_seen)
    in_force = cases.current_final(record)
    role = principal.user.role
    return render(request, "request.html", principal, status_code, r=record, p=cases.personal(ctx, record),
                  d=cases.latest_decision(record), deadlines=cases.deadlines(ctx, record), names=names, paper=paper,
                  final_outcomes=FINAL_OUTCOMES, can_final=role in access.FINAL_ROLES,
                  can_grant=role in access.GRANT_ROLES, notice=notice, error=error,
                  actions=lifecycle.allowed_actions(record.status), in_force=in_force,
                  can_correct=in_force is not None and lifecycle.may_supersede(role, in_force.by_role),
                  letter=letters.choose_letter(record.instrument_type, record.outcome,
                                               in_force.outcome if in_force else None),
                  law_words=lifecycle.against_law,
                  notice_languages=notice_text.languages_for(record.jurisdiction, record.action).names)


def _reloaded(ctx: DeskContext, user: User, request_id: int) -> tuple[DeskRequest, dict[int, str]]:
    """The request as stored (after a refused change), read on the read engine. Blocking: run it in a thread."""
    with ctx.reading() as session:
        return _load(session, user, request_id), cases.usernames(session)


async def _refused_view(request: Request, principal: Principal, ctx: DeskContext, request_id: int, error: str,
                        status_code: int) -> HTMLResponse:
    record, names = await run_in_threadpool(_reloaded, ctx, principal.user, request_id)
    return _request_view(request, principal, ctx, record, names, error=error, status_code=status_code)


def _translated(request: Request, words: str, values: Mapping[str, str | int]) -> str:
    """A message in the page's language; its text values are msgids too (e.g. what the law said)."""
    with i18n.rendering_in(request_locale(request)):
        return i18n.gettext(words) % {k: i18n.gettext(x) if isinstance(x, str) else x for k, x in values.items()}


def _back(request_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(url=f"/requests/{request_id}?done={quote(done)}", status_code=303)


def _act(ctx: DeskContext, user: User, request_id: int, action: Callable[[Session, DeskRequest], object]) -> None:
    """Load the request (access checked) and act on it in one transaction, ended before the answer.
    Blocking: run it in a worker thread."""
    with ctx.writing() as session:
        action(session, _load(session, user, request_id))


async def _perform(request: Request, principal: Principal, ctx: DeskContext, request_id: int,
                   action: Callable[[FormData], Callable[[Session, DeskRequest], object]]) -> None:
    """Read the form (CSRF checked) on the event loop; validate it; write in a worker thread. Bad input is a
    422 page naming the field."""
    form = await checked_form(request, principal)
    try:
        await run_in_threadpool(_act, ctx, principal.user, request_id, action(form))
    except (DeskInputError, ValidationError) as exc:
        raise _unprocessable(request, exc) from None


@router.post("/requests/{request_id}/obligations")
async def obligations(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
                      ctx: DeskContext = Depends(desk_ctx)) -> Response:
    def action(form: FormData) -> Callable[[Session, DeskRequest], object]:
        wanted = {int(x) for x in form.getlist("done")[:1000] if isinstance(x, str) and x.isdigit() and len(x) < 6}

        def toggle(session: Session, record: DeskRequest) -> None:
            total = len(cases.latest_decision(record).get("obligations") or [])
            for index in range(total):
                if (index in wanted) != (index in (record.obligations_done or [])):
                    cases.toggle_obligation(ctx, session, principal.user, record, index, index in wanted)

        return toggle

    await _perform(request, principal, ctx, request_id, action)
    return _back(request_id, N_("Checklist saved."))


@router.post("/requests/{request_id}/escalate")
async def escalate(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
                   ctx: DeskContext = Depends(desk_ctx)) -> Response:
    def action(form: FormData) -> Callable[[Session, DeskRequest], object]:
        body = EscalationIn(target_role=forms.text(form, "target_role"),
                            note=forms.text(form, "note"))
        return lambda session, record: cases.escalate(ctx, session, principal.user, record, body.target_role,
                                                      body.note)

    await _perform(request, principal, ctx, request_id, action)
    return _back(request_id, N_("Escalated."))


@router.post("/requests/{request_id}/final")
async def final(request_id: RequestId, request: Request, principal: Principal = Depends(final_page),
                ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The final decision, or (``supersedes``) a correction of the one in force. A decision against the law
    without counsel, or without a reason, is shown on the request's page with what is missing."""
    form = await checked_form(request, principal)
    supersedes = forms.text(form, "supersedes")
    try:
        if forms.text(form, "outcome") not in FINAL_OUTCOMES:
            raise DeskInputError("outcome", N_("choose the final decision"))
        body = FinalDecisionIn(outcome=forms.text(form, "outcome"), reason=forms.text(form, "reason"),
                               supersedes=int(supersedes) if supersedes.isdigit() and len(supersedes) < 19 else None)
    except (DeskInputError, ValidationError) as exc:
        raise _unprocessable(request, exc) from None

    def decide(session: Session, record: DeskRequest) -> None:
        cases.record_final(ctx, session, principal.user, record, body.outcome, body.reason, body.supersedes)

    try:
        await run_in_threadpool(_act, ctx, principal.user, request_id, decide)
    except (DeskInputError, lifecycle.AgainstLawError) as exc:
        message = input_errors.for_request(request, exc) if isinstance(exc, DeskInputError) \
            else _translated(request, exc.words, exc.values)
        status = 403 if isinstance(exc, lifecycle.AgainstLawError) and exc.forbidden_role else 422
        return await _refused_view(request, principal, ctx, request_id, message, status)
    return _back(request_id, N_("Final decision corrected.") if body.supersedes else N_("Final decision recorded."))


@router.post("/requests/{request_id}/close")
async def close(request_id: RequestId, request: Request, principal: Principal = Depends(final_page),
                ctx: DeskContext = Depends(desk_ctx)) -> Response:
    def action(form: FormData) -> Callable[[Session, DeskRequest], object]:
        reason = forms.text(form, "reason")
        return lambda session, record: cases.close(ctx, session, principal.user, record, reason)

    await _perform(request, principal, ctx, request_id, action)
    return _back(request_id, N_("Request closed."))


@router.post("/requests/{request_id}/reopen")
async def reopen(request_id: RequestId, request: Request, principal: Principal = Depends(final_page),
                 ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    try:
        reason = forms.text(form, "reason")
    except DeskInputError as exc:
        raise _unprocessable(request, exc) from None

    def reopen_it(session: Session, record: DeskRequest) -> None:
        cases.reopen(ctx, session, principal.user, record, reason)

    try:
        await run_in_threadpool(_act, ctx, principal.user, request_id, reopen_it)
    except DeskInputError as exc:
        return await _refused_view(request, principal, ctx, request_id, input_errors.for_request(request, exc), 422)
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


def _loaded(ctx: DeskContext, user: User, request_id: int) -> DeskRequest:
    with ctx.reading() as session:
        return _load(session, user, request_id)


@router.get("/requests/{request_id}/edit", response_class=HTMLResponse)
def edit_form(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
              ctx: DeskContext = Depends(desk_ctx)) -> Response:
    record = _loaded(ctx, principal.user, request_id)
    lifecycle.next_status(record.status, "edit")  # 409 on a decided or closed request: reopen it first
    return _edit_form(request, principal, ctx, record, _facts_of(record))


@router.post("/requests/{request_id}/edit", response_class=HTMLResponse)
async def edit(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
               ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    values: dict[str, Any] = {k: form.getlist(k) if k == "data" else form.get(k) for k in form}

    def correct(session: Session, record: DeskRequest) -> None:
        local_day = record.received_at.astimezone(agency.current(ctx).zone).date()
        answers = forms.classifier_answers(form, local_day, forms.chosen_place(form))
        result = classifier.classify(answers)
        cases.edit_request(ctx, session, principal.user, record, result.request, forms.text(form, "reason"))
        if answers.paper:
            record.form_seen = answers.paper

    try:
        await run_in_threadpool(_act, ctx, principal.user, request_id, correct)
    except DeskInputError as exc:
        record = await run_in_threadpool(_loaded, ctx, principal.user, request_id)
        return _edit_form(request, principal, ctx, record, values, exc, 422)
    return _back(request_id, N_("Facts corrected and decided again."))


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, principal: Principal = Depends(final_page),
               ctx: DeskContext = Depends(desk_ctx)) -> Response:
    with ctx.reading() as session:  # a read: never the write slot
        items = cases.escalated_to(session, principal.user)
    return render(request, "queue.html", principal, queue=items,
                  deadlines={r.id: cases.deadlines(ctx, r) for r, _ in items})


@router.post("/requests/{request_id}/documents")
async def upload(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
                 ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    item = form.get("document")
    if not isinstance(item, UploadFile) or not item.filename:
        raise _unprocessable(request, DeskInputError("document", N_("choose a file")))
    content, filename = await item.read(documents.MAX_BYTES + 1), item.filename

    def store(session: Session, record: DeskRequest) -> None:
        documents.store(ctx, session, principal.user, record, content, filename)

    try:
        await run_in_threadpool(_act, ctx, principal.user, request_id, store)
    except DeskInputError as exc:
        raise _unprocessable(request, exc) from None
    return _back(request_id, N_("Document stored (encrypted)."))


@router.get("/requests/{request_id}/documents/{document_id}")
def view_document(request_id: RequestId, document_id: RequestId, principal: Principal = Depends(case_page),
                  ctx: DeskContext = Depends(desk_ctx)) -> Response:
    with ctx.writing() as session:  # the view is logged
        record = _load(session, principal.user, request_id)
        document = session.get(Document, document_id)
        if document is None or document.request_id != record.id:
            raise HTTPException(status_code=404, detail="No such document.")
        content, _name = documents.read(ctx, session, principal.user, document)
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[document.content_type]
    return Response(content, media_type=document.content_type, headers={
        "Content-Disposition": f'inline; filename="request-{record.id}-document-{document.id}.{extension}"'})


@router.post("/requests/{request_id}/grants")
async def grant(request_id: RequestId, request: Request, principal: Principal = Depends(grant_page),
                ctx: DeskContext = Depends(desk_ctx)) -> Response:
    def action(form: FormData) -> Callable[[Session, DeskRequest], object]:
        hours = forms.text(form, "hours")
        body = GrantIn(username=forms.text(form, "username"),
                       hours=int(hours) if hours.isdigit() and len(hours) < 4 else 0)
        return lambda session, record: cases.grant_access(ctx, session, principal.user, record, body.username,
                                                          body.hours)

    await _perform(request, principal, ctx, request_id, action)
    return _back(request_id, N_("Access granted."))


# --- printable outputs -----------------------------------------------------------------------------------


def _exported(ctx: DeskContext, user: User, request_id: int, what: str) -> DeskRequest:
    with ctx.writing() as session:  # the export is logged
        record = _load(session, user, request_id)
        cases.record_view(ctx, session, user, record, what)
    return record


@router.get("/requests/{request_id}/letter", response_class=HTMLResponse)
def letter(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
           ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The letter that fits the paper and the final decision in force; none after compliance (409)."""
    with ctx.writing() as session:  # the export is logged
        record = _load(session, principal.user, request_id)
        in_force = cases.current_final(record)
        choice = letters.choose_letter(record.instrument_type, record.outcome,
                                       in_force.outcome if in_force else None)
        if not choice.kind:
            raise HTTPException(status_code=409, detail=choice.why_not)  # nothing was exported: rolled back
        cases.record_view(ctx, session, principal.user, record, "letter")
    decision = cases.latest_decision(record)
    forbidding = [b for b in decision.get("basis") or []
                  if b.get("effect") == "forbid" and b.get("status") == "applied"]
    inspection_due = next((d.due for d in cases.deadlines(ctx, record) if d.kind == "i9_inspection"), None)
    request.state.locale = letters.recipient_locale(record.jurisdiction)  # the recipient's language, not the UI's
    return render(request, "letter.html", principal, r=record, p=cases.personal(ctx, record), d=decision,
                  forbidding=forbidding, today=utcnow().astimezone(agency.current(ctx).zone).date(), choice=choice,
                  in_force=in_force,
                  inspection_due=inspection_due)


@router.get("/requests/{request_id}/notice", response_class=HTMLResponse)
def notice(request_id: RequestId, request: Request, principal: Principal = Depends(case_page),
           ctx: DeskContext = Depends(desk_ctx)) -> Response:
    """The notice to the person, in the languages its jurisdiction needs (``sanctuary.desk.notice``)."""
    record = _exported(ctx, principal.user, request_id, "notice")
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
    return render(request, "notice.html", principal, r=record, notices=notices, notice_langs=languages,
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
                  card=content, choices=choices, error=error, notice_langs=languages)


# --- accounts (admin) ----------------------------------------------------------------------------------


USERS_NOTICES = {"pending": "Requested: a second person (counsel or another administrator) must approve it.",
                 "saved": "Saved."}


def _users_view(ctx: DeskContext) -> dict[str, Any]:
    with ctx.reading() as session:
        return {"users": list(session.scalars(select(User).order_by(User.username))),
                "pending": approvals.pending(session)}


def _users_page(request: Request, principal: Principal, view: dict[str, Any], status_code: int = 200,
                error: DeskInputError | None = None) -> HTMLResponse:
    notice = USERS_NOTICES.get(request.query_params.get("done", ""), "")
    return render(request, "users.html", principal, status_code, roles=ROLES, error=error, token=None,
                  notice=notice, **view)


def _done(pending: bool) -> RedirectResponse:
    return RedirectResponse(url=f"/admin/users?done={'pending' if pending else 'saved'}", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, principal: Principal = Depends(admin_page),
               ctx: DeskContext = Depends(desk_ctx)) -> Response:
    return _users_page(request, principal, _users_view(ctx))


def _password(form: FormData) -> str:
    """The password as typed (never stripped: signing in does not strip it either), within its limit."""
    value = form.get("password")
    if not isinstance(value, str):
        return ""
    if len(value) > forms.limit_for("password"):
        raise DeskInputError("password", N_("at most %(limit)s characters"),
                             params={"limit": forms.limit_for("password")})
    return value


def _create_user(ctx: DeskContext, username: str, role: str, password: str, actor: User) -> bool:
    """Privileged roles are only requested here (:mod:`sanctuary.desk.approvals`); True when it waits."""
    with ctx.writing() as session:
        return approvals.create_account(ctx, session, actor, username, role, password).pending


@router.post("/admin/users", response_class=HTMLResponse)
async def create_user(request: Request, principal: Principal = Depends(admin_page),
                      ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    try:
        pending = await run_in_threadpool(_create_user, ctx, forms.text(form, "username"), forms.text(form, "role"),
                                          _password(form), principal.user)
    except DeskInputError as exc:
        view = await run_in_threadpool(_users_view, ctx)
        return _users_page(request, principal, view, 422, exc)
    return _done(pending)


def _change_user(ctx: DeskContext, user_id: int, actor: User, role: str, active: bool) -> bool:
    with ctx.writing() as session:
        target = session.get(User, user_id)
        if target is None:
            raise HTTPException(status_code=404, detail="No such user.")
        if target.id == actor.id and (not active or role != "admin"):
            raise HTTPException(status_code=422, detail="You cannot demote or deactivate your own account.")
        return approvals.change_account(ctx, session, actor, target, role=role or None, active=active).pending


@router.post("/admin/users/{user_id}", response_class=HTMLResponse)
async def change_user(user_id: RequestId, request: Request, principal: Principal = Depends(admin_page),
                      ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    try:
        pending = await run_in_threadpool(_change_user, ctx, user_id, principal.user, forms.text(form, "role"),
                                          forms.text(form, "active") != "no")
    except DeskInputError as exc:
        raise _unprocessable(request, exc) from None
    return _done(pending)
