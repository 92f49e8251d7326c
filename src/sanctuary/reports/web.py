"""The reports under the desk's pages, for the roles that may see them (supervisor, counsel, auditor): a list
with a form per report, and each report as a file (html shown, csv/json/pdf downloaded). Clerks, admins and the
public get 403 / the login page. Every export is recorded in the audit log like the CLI's."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from sanctuary.audit.log import AuditLog
from sanctuary.audit.setup import make_signer
from sanctuary.desk import agency
from sanctuary.desk.context import DeskContext
from sanctuary.reports.export import FORMATS, render_report
from sanctuary.reports.labels import LANGUAGES
from sanctuary.reports.laws import REPORTS
from sanctuary.web.auth import Principal, page_roles
from sanctuary.web.deps import desk_ctx

REPORT_ROLES = ("supervisor", "counsel", "auditor")
report_page = page_roles(*REPORT_ROLES)
router = APIRouter(include_in_schema=False)


@router.get("/reports", response_class=HTMLResponse)
def reports_index(request: Request, principal: Principal = Depends(report_page)) -> Response:
    from sanctuary.web.pages import render

    return render(request, "reports.html", principal, reports=list(REPORTS.values()), formats=FORMATS,
                  report_languages=LANGUAGES)


@router.get("/reports/{name}")
def report_file(
    name: str,
    period: str = Query(..., max_length=16),
    format: str = Query("html", max_length=8),
    lang: str = Query("en", max_length=2),
    principal: Principal = Depends(report_page),
    ctx: DeskContext = Depends(desk_ctx),
) -> Response:
    if name not in REPORTS:
        raise HTTPException(status_code=404, detail="No such report.")
    try:
        with ctx.writing() as session:  # a checkpoint may be signed and the export is logged
            if not isinstance(ctx.audit, AuditLog):
                raise HTTPException(status_code=503, detail="The audit log is not available.")
            made = render_report(session, ctx.audit, make_signer(ctx.settings), name, period, format, language=lang,
                                 timezone=agency.current(ctx).timezone, stylesheet="/static/report.css")
    except ValueError as exc:
        field, _, message = str(exc).partition(": ")
        raise HTTPException(status_code=422, detail=f"Check the field “{field}”: {message}") from exc
    headers = {"Cache-Control": "no-store"}
    if format != "html":
        headers["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return Response(made.content, media_type=made.media_type, headers=headers)
