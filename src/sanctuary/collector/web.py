"""The collector's page (read-only): for a report and period, the statewide roll-up of accepted filings and the
registered agencies that have not filed, with whether the deadline has passed. Auditors and admins only; filings
are received with `sanctuary collector receive`."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sanctuary.collector import service
from sanctuary.desk.context import DeskContext
from sanctuary.reports.laws import REPORTS
from sanctuary.web.auth import Principal, page_roles
from sanctuary.web.deps import desk_ctx

COLLECTOR_ROLES = ("auditor", "admin")
collector_page = page_roles(*COLLECTOR_ROLES)
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
                  period=period or "", rolled=rolled, absent=absent)
