"""The desk's intake-form check: a page to upload a form and see the findings, and ``POST /api/v1/forms/lint``.

The page works without JavaScript (a multipart form with the session's CSRF token); nothing uploaded is
stored or logged: the file is read in memory, checked and dropped.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import User
from sanctuary.forms.lint import DEFAULT_AGENCY_KIND, LintInputError, Report, lint_bytes
from sanctuary.forms.readers import MAX_BYTES, FormReadError
from sanctuary.vocabulary import AGENCY_KINDS, CONTEXTS
from sanctuary.web.auth import Principal, page_principal, require_roles
from sanctuary.web.deps import desk_ctx
from sanctuary.web.pages import checked_form, render

router = APIRouter()
any_user = require_roles("clerk", "supervisor", "counsel", "auditor", "admin")


def _page(request: Request, principal: Principal, ctx: DeskContext, status_code: int = 200,
          **values: Any) -> HTMLResponse:  # values: report, error, filename, jurisdiction, agency_kind, context
    context = {"report": None, "error": None, "filename": "",
               "jurisdiction": ctx.settings.default_jurisdiction,
               "agency_kind": ctx.settings.default_agency_kind or DEFAULT_AGENCY_KIND, "context": ""}
    context.update(values)
    return render(request, "forms_check.html", principal, status_code, kinds=AGENCY_KINDS, contexts=CONTEXTS,
                  max_mb=MAX_BYTES // (1024 * 1024), **context)


@router.get("/forms/check", response_class=HTMLResponse, include_in_schema=False)
def check_page(request: Request, principal: Principal = Depends(page_principal),
               ctx: DeskContext = Depends(desk_ctx)) -> Response:
    return _page(request, principal, ctx)


async def _lint_upload(upload: object, jurisdiction: str, agency_kind: str, context: str) -> Report:
    if not hasattr(upload, "read") or not getattr(upload, "filename", ""):
        raise FormReadError("file: choose a form to check")
    if agency_kind not in AGENCY_KINDS:
        raise LintInputError(f"agency kind {agency_kind!r}: use one of {', '.join(AGENCY_KINDS)}", "agency_kind")
    if context and context not in CONTEXTS:
        raise LintInputError(f"context {context!r}: use one of {', '.join(CONTEXTS)}", "context")
    data = await upload.read(MAX_BYTES + 1)
    name = str(getattr(upload, "filename", "form"))[-200:]
    return await run_in_threadpool(lint_bytes, data, name, jurisdiction or None, agency_kind, context or None)


@router.post("/forms/check", response_class=HTMLResponse, include_in_schema=False)
async def check_upload(request: Request, principal: Principal = Depends(page_principal),
                       ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    values = {k: str(form.get(k) or "").strip() for k in ("jurisdiction", "agency_kind", "context")}
    values["agency_kind"] = values["agency_kind"] or DEFAULT_AGENCY_KIND
    upload = form.get("file")
    try:
        report = await _lint_upload(upload, values["jurisdiction"].lower(), values["agency_kind"], values["context"])
    except (FormReadError, LintInputError) as exc:
        return _page(request, principal, ctx, status_code=422, error=str(exc), **values)
    return _page(request, principal, ctx, status_code=200, report=report,
                 filename=str(getattr(upload, "filename", "")), **values)


@router.post("/api/v1/forms/lint", tags=["forms"], summary="Check an intake form for status questions")
async def lint_api(file: UploadFile = File(...), jurisdiction: str = Form(""),
                   agency_kind: str = Form(DEFAULT_AGENCY_KIND), context: str = Form(""),
                   _: User = Depends(any_user)) -> dict[str, Any]:
    """The same JSON as ``sanctuary forms lint --json``: ``{"findings": [...], "fields_checked": N}``."""
    try:
        report = await _lint_upload(file, jurisdiction.strip().lower(), agency_kind, context)
    except FormReadError as exc:
        message = str(exc)
        raise HTTPException(status_code=422,
                            detail=message if message.startswith("file:") else f"file: {message}") from exc
    except LintInputError as exc:
        raise HTTPException(status_code=422, detail=f"{exc.field}: {exc}") from exc
    return report.to_dict()
