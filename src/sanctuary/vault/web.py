"""The vault on the desk: ``/api/v1/vault`` and the ``/vault`` pages (server-rendered, CSRF, no JavaScript).

Who may do what (the desk's roles): clerks, supervisors and counsel may store records; clerks read only the
records they stored, supervisors and counsel read all; supervisors and counsel set and release legal holds and
shred. Auditors and administrators never read records (they see the audit log). Every call runs off the event
loop (crypto, SQLite and the post-shred VACUUM are blocking work): sync handlers run in worker threads, async
ones hand the vault's work (and its first build) to one.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import User
from sanctuary.vault.envelope import Envelope
from sanctuary.vault.keystore import KeyStore
from sanctuary.vault.kinds import KindsError, kinds_path, load_kinds
from sanctuary.vault.service import (
    HOLD_ROLES,
    SHRED_ROLES,
    Actor,
    Forbidden,
    Held,
    NotFound,
    Shredded,
    Vault,
    VaultError,
)
from sanctuary.web.auth import Principal, page_roles, require_roles
from sanctuary.web.deps import get_ctx
from sanctuary.web.pages import checked_form, render

router = APIRouter()
PUT_ROLES = ("clerk", "supervisor", "counsel")
put_user = require_roles(*PUT_ROLES)
hold_user = require_roles(*HOLD_ROLES)
shred_user = require_roles(*SHRED_ROLES)
vault_page = page_roles(*PUT_ROLES)
_LOCK = threading.Lock()


def get_vault(request: Request) -> Vault:
    """The application's vault, built on first use over the desk's engine, sessions and audit log."""
    app = request.app
    vault: Vault | None = getattr(app.state, "vault", None)
    if vault is None:
        with _LOCK:
            vault = getattr(app.state, "vault", None)
            if vault is None:
                ctx: DeskContext = get_ctx(request)
                try:
                    kinds = load_kinds(kinds_path(ctx.settings.data_dir))
                except KindsError as exc:
                    raise HTTPException(status_code=503, detail=f"the vault's kinds file is wrong: {exc}",
                                        headers={"Retry-After": "3600"}) from exc
                vault = Vault(ctx.engine, ctx.sessions, KeyStore.in_data_dir(ctx.settings.data_dir),
                              Envelope.from_data_dir(ctx.settings.data_dir), kinds,
                              ctx.audit)  # type: ignore[arg-type]  # the desk's AuditSink is an AuditLog
                app.state.vault = vault
    return vault


def _actor(user: User) -> Actor:
    return Actor(user.username, user.id, user.role)


def _http(exc: VaultError) -> HTTPException:
    if isinstance(exc, Held):
        return HTTPException(status_code=409, detail={"field": exc.field, "message": exc.message,
                                                      "hold_id": exc.hold_id})
    if isinstance(exc, Shredded):
        return HTTPException(status_code=410, detail={"field": exc.field, "message": exc.message,
                                                      "shredded_at": exc.when})
    status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, Forbidden) else 422
    return HTTPException(status_code=status, detail={"field": exc.field, "message": exc.message})


# --- API ------------------------------------------------------------------------------------------------------


class RecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(description="a record kind declared in the agency's kinds file")
    subject: str = Field(description="the agency's opaque reference for the person (stored only as a keyed hash)")
    fields: dict[str, Any]


class HoldIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: str
    reason: str = Field(description="why the records must be kept (sealed with the person's key)")


class ShredIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: str
    reason: str = Field(default="erasure_request", description="erasure_request or manual")


@router.get("/api/v1/vault/kinds", tags=["vault"], summary="Record kinds, their fields and retention")
def kinds_api(request: Request, _: User = Depends(put_user)) -> dict[str, Any]:
    vault = get_vault(request)
    return {"kinds": [{"name": k.name, "retention_days": k.retention_days,
                       "fields": [{"name": f.name, "label": f.label} for f in k.fields.values()],
                       "required_by": k.allowed_by} for k in vault.kinds.values()]}


@router.post("/api/v1/vault/records", status_code=201, tags=["vault"], summary="Store a record (encrypted)")
def put_api(body: RecordIn, request: Request, user: User = Depends(put_user)) -> dict[str, Any]:
    try:
        record_id = get_vault(request).put(body.kind, body.subject, body.fields, _actor(user))
    except VaultError as exc:
        raise _http(exc) from exc
    return {"id": record_id, "links": {"self": f"/api/v1/vault/records/{record_id}"}}


@router.get("/api/v1/vault/records/{record_id}", tags=["vault"],
            summary="Read a record (role-checked and audited; 410 once shredded)")
def get_api(record_id: str, request: Request, user: User = Depends(put_user)) -> dict[str, Any]:
    try:
        return get_vault(request).get(record_id, _actor(user)).to_dict()
    except VaultError as exc:
        raise _http(exc) from exc


@router.post("/api/v1/vault/holds", status_code=201, tags=["vault"], summary="Put a legal hold on a person")
def hold_api(body: HoldIn, request: Request, user: User = Depends(hold_user)) -> dict[str, Any]:
    try:
        return {"id": get_vault(request).create_hold(body.subject, body.reason, _actor(user))}
    except VaultError as exc:
        raise _http(exc) from exc


@router.post("/api/v1/vault/holds/{hold_id}/release", tags=["vault"], summary="Release a legal hold")
def release_api(hold_id: str, request: Request, user: User = Depends(hold_user)) -> dict[str, Any]:
    try:
        get_vault(request).release_hold(hold_id, _actor(user))
    except VaultError as exc:
        raise _http(exc) from exc
    return {"id": hold_id, "released": True}


@router.post("/api/v1/vault/shred", tags=["vault"],
             summary="Crypto-shred a person (409 naming the hold that blocks it)")
def shred_api(body: ShredIn, request: Request, user: User = Depends(shred_user)) -> dict[str, Any]:
    try:
        result = get_vault(request).shred(body.subject, _actor(user), body.reason)
    except VaultError as exc:
        raise _http(exc) from exc
    return {"keys_destroyed": result.keys, "records_unreadable": result.records,
            "scrubbed": not result.scrub_problem}


# --- pages ----------------------------------------------------------------------------------------------------


def _vault_page(request: Request, principal: Principal, status_code: int = 200, **values: Any) -> HTMLResponse:
    context: dict[str, Any] = {"error": None, "notice": request.query_params.get("done", ""), "record": None,
                               "can_hold": principal.user.role in HOLD_ROLES}
    context.update(values)
    return render(request, "vault.html", principal, status_code, kinds=get_vault(request).kinds, **context)


@router.get("/vault", response_class=HTMLResponse, include_in_schema=False)
def vault_home(request: Request, principal: Principal = Depends(vault_page)) -> Response:
    record_id = (request.query_params.get("id") or "").strip()
    if not record_id:
        return _vault_page(request, principal)
    try:
        record = get_vault(request).get(record_id, _actor(principal.user))
    except VaultError as exc:
        status = _http(exc).status_code
        return _vault_page(request, principal, status, error=str(exc))
    return _vault_page(request, principal, record=record)


@router.post("/vault/records", include_in_schema=False)
async def vault_put(request: Request, principal: Principal = Depends(vault_page)) -> Response:
    form = await checked_form(request, principal)
    kind = str(form.get("kind") or "")
    vault = await run_in_threadpool(get_vault, request)  # built on first use: files and keys, off the loop
    declared = vault.kinds.get(kind)
    fields = {name: str(form.get(f"field_{name}") or "") for name in (declared.fields if declared else ())}
    fields = {k: v for k, v in fields.items() if v.strip()}
    try:
        record_id = await run_in_threadpool(vault.put, kind, str(form.get("subject") or ""), fields,
                                            _actor(principal.user))
    except VaultError as exc:
        return _vault_page(request, principal, 422, error=str(exc))
    return RedirectResponse(url=f"/vault?id={record_id}&done=Stored%20(encrypted).", status_code=303)


@router.post("/vault/holds", include_in_schema=False)
async def vault_hold(request: Request, principal: Principal = Depends(page_roles(*HOLD_ROLES))) -> Response:
    form = await checked_form(request, principal)
    vault = await run_in_threadpool(get_vault, request)
    action = str(form.get("action") or "")
    try:
        if action == "release":
            hold_id = str(form.get("hold_id") or "").strip()
            await run_in_threadpool(vault.release_hold, hold_id, _actor(principal.user))
            done = f"Hold {hold_id} released."
        elif action == "shred":
            result = await run_in_threadpool(vault.shred, str(form.get("subject") or ""), _actor(principal.user),
                                             str(form.get("reason") or "erasure_request"))
            done = f"Shredded: {result.records} record(s) can no longer be read by anyone."
        else:
            hold_id = await run_in_threadpool(vault.create_hold, str(form.get("subject") or ""),
                                              str(form.get("reason") or ""), _actor(principal.user))
            done = f"Legal hold {hold_id} set."
    except VaultError as exc:
        status = _http(exc).status_code
        return _vault_page(request, principal, status, error=str(exc))
    from urllib.parse import quote

    return RedirectResponse(url=f"/vault?done={quote(done)}", status_code=303)
