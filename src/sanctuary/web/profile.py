"""The agency profile (admin page and API) and the place search (page and API).

Handlers are sync (FastAPI runs them in a worker thread) or, when they read a form, async with the database
work handed to a worker thread: the event loop never waits on the database.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from sanctuary.desk import access, agency, places
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import User
from sanctuary.web import forms
from sanctuary.web.auth import Principal, page_principal, page_roles, require_roles
from sanctuary.web.deps import desk_ctx, get_ctx
from sanctuary.web.pages import checked_form, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["agency"])
admin_page = page_roles(*access.ADMIN_ROLES)
admin_user = require_roles(*access.ADMIN_ROLES)
any_user = require_roles("clerk", "supervisor", "counsel", "auditor", "admin")

# Where the place search may send its choice (never an arbitrary URL).
NEXT_PAGES = ("/classify", "/requests/new", "/card")



def _save(ctx: DeskContext, actor: User, values: dict[str, str]) -> agency.AgencyProfile:
    with ctx.writing() as session:
        actor_row = session.get(User, actor.id)
        assert actor_row is not None
        return agency.save(ctx, session, actor_row, values)


# --- the agency profile --------------------------------------------------------------------------------------


@pages.get("/admin/agency", response_class=HTMLResponse)
def agency_form(request: Request, principal: Principal = Depends(admin_page),
                ctx: DeskContext = Depends(desk_ctx)) -> Response:
    agency.forget(ctx)  # the admin sees what is stored, not the cache
    profile = agency.current(ctx)
    return render(request, "agency.html", principal, values=profile.to_dict(), error=None,
                  saved=request.query_params.get("saved") == "1")


@pages.post("/admin/agency", response_class=HTMLResponse)
async def agency_submit(request: Request, principal: Principal = Depends(admin_page),
                        ctx: DeskContext = Depends(desk_ctx)) -> Response:
    form = await checked_form(request, principal)
    values = {key: forms.text(form, key) for key in agency.LIMITS}
    values["address"] = str(form.get("address") or "")
    values["letterhead"] = str(form.get("letterhead") or "")
    try:
        await run_in_threadpool(_save, ctx, principal.user, values)
    except DeskInputError as exc:
        return render(request, "agency.html", principal, 422, values=values, error=exc, saved=False)
    return RedirectResponse(url="/admin/agency?saved=1", status_code=303)


class AgencyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=agency.LIMITS["name"])
    address: str = Field(default="", max_length=agency.LIMITS["address"])
    letterhead: str = Field(default="", max_length=agency.LIMITS["letterhead"])
    counsel_phone: str = Field(default="", max_length=agency.LIMITS["counsel_phone"])
    timezone: str = Field(max_length=agency.LIMITS["timezone"], description="IANA time zone, e.g. America/Chicago")


@api.get("/agency", summary="The agency's profile (name, address, letterhead, counsel's phone, time zone)")
def get_agency(request: Request, user: User = Depends(any_user)) -> dict[str, Any]:
    ctx = get_ctx(request)
    agency.forget(ctx)
    return agency.current(ctx).to_dict()


@api.put("/agency", summary="Set the agency's profile (admin; audit-logged)")
def put_agency(body: AgencyIn, request: Request, user: User = Depends(admin_user)) -> dict[str, Any]:
    return _save(get_ctx(request), user, body.model_dump()).to_dict()


# --- choosing a place ------------------------------------------------------------------------------------------


def carry_params(request: Request, drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The query's other answers, to carry through the search as hidden fields."""
    skip = {"q", "next", "jurisdiction", "place", *drop}
    return [(k, v) for k, v in request.query_params.multi_items() if k not in skip]


@pages.get("/places", response_class=HTMLResponse)
def place_search(request: Request, principal: Principal = Depends(page_principal)) -> Response:
    """Search places by name; each match is a link (or a radio choice) back to the page that asked."""
    query = request.query_params.get("q", "")[:120]
    target = request.query_params.get("next", "/requests/new")
    if target not in NEXT_PAGES:
        target = "/requests/new"
    carry = carry_params(request)
    found = places.search(query) if query.strip() else []
    links = [(p, f"{target}?{urlencode([*carry, ('jurisdiction', p.id)])}") for p in found]
    return render(request, "places.html", principal, 200 if found or not query else 404, query=query,
                  target=target, carry=carry, results=links)


@api.get("/places", summary="Places by name, with their state or province (for choosing a jurisdiction)")
def api_places(q: str = Query(min_length=1, max_length=120, description="Part of the place's name"),
               limit: int = Query(default=10, ge=1, le=50),
               user: User = Depends(any_user)) -> dict[str, Any]:
    return {"query": q, "places": [p.to_dict() for p in places.search(q, limit)]}
