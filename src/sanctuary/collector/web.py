"""The collector's page: for a report and period, the statewide roll-up of accepted filings and the registered
agencies that have not filed, with whether the deadline has passed (auditors and admins); and an upload form for
a report file, checked exactly as `sanctuary collector receive` checks it (admins)."""

from __future__ import annotations

import json
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from sanctuary.collector import service
from sanctuary.desk.context import DeskContext
from sanctuary.reports.laws import REPORTS
from sanctuary.web.auth import Principal, page_roles
from sanctuary.web.deps import desk_ctx

COLLECTOR_ROLES = ("auditor", "admin")
collector_page = page_roles(*COLLECTOR_ROLES)
receive_page = page_roles("admin")
MAX_FILING_BYTES = 1024 * 1024  # a report file is a few kilobytes
router = APIRouter(include_in_schema=False)


@router.get("/collector", response_class=HTMLResponse)
def collector_index(
    request: Request,
    report: str | None = Query(None, max_length=32),
    period: str | None = Query(None, max_length=16),
    principal: Principal = Depends(collector_page),
    ctx: DeskContext = Depends(desk_ctx),
) -> Response:
    from sanctuary.web.pages import render

    rolled = absent = None
    if report and period:
        try:
            with ctx.reading() as session:
                rolled = service.rollup(session, report, period)
                absent = service.missing(session, report, period, date.today())
        except ValueError as exc:
            field, _, message = str(exc).partition(": ")
            raise HTTPException(status_code=422, detail=f"Check the field “{field}”: {message}") from exc
    return render(request, "collector.html", principal, reports=list(REPORTS.values()), report=report or "",
                  period=period or "", rolled=rolled, absent=absent, message=None)


def _receive(ctx: DeskContext, content: bytes) -> service.Accepted:
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise service.FilingRejected(f"file: not JSON ({exc.__class__.__name__})") from exc
    if not isinstance(document, dict):
        raise service.FilingRejected("file: not a report object")
    with ctx.writing() as session:
        return service.receive(session, document)


@router.post("/collector/filings", response_class=HTMLResponse)
async def receive_filing(request: Request, principal: Principal = Depends(receive_page),
                         ctx: DeskContext = Depends(desk_ctx)) -> Response:
    from sanctuary.web.pages import checked_form, render

    form = await checked_form(request, principal)
    item = form.get("file")
    if not isinstance(item, UploadFile) or not item.filename:
        raise HTTPException(status_code=422, detail="Check the field “file”: choose a report file (.json)")
    content = await item.read(MAX_FILING_BYTES + 1)
    if len(content) > MAX_FILING_BYTES:
        raise HTTPException(status_code=413, detail="A report file is at most 1 MB.")
    try:
        accepted = await run_in_threadpool(_receive, ctx, content)
    except service.FilingRejected as exc:
        return render(request, "collector.html", principal, 422, reports=list(REPORTS.values()), report="",
                      period="", rolled=None, absent=None, message=f"Refused: {exc}")
    return render(request, "collector.html", principal, reports=list(REPORTS.values()), report=accepted.report,
                  period=accepted.period, rolled=None, absent=None,
                  message=f"Accepted: {accepted.agency_id}, {accepted.report} {accepted.period} "
                          f"(log size {accepted.log_size}).")
