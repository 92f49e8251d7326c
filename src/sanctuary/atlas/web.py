"""The atlas pages, mounted at ``/atlas``: public, no login, no JavaScript, nothing from another host."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from sanctuary.atlas import maps, queries, store
from sanctuary.atlas import scenario as scen
from sanctuary.atlas.forms import FormError, ScenarioForm
from sanctuary.atlas.scores import FAMILIES, FAMILY_NAMES

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_CSS = Path(__file__).resolve().parent / "static" / "atlas.css"

router = APIRouter(prefix="/atlas", tags=["atlas"])
_local = threading.local()
_templates: Any = None


def _tpl() -> Any:
    global _templates
    if _templates is None:
        from sanctuary.web.templating import make_templates

        _templates = make_templates([TEMPLATES_DIR])
    return _templates


def db_path(request: Request) -> Path:
    """``app.state.atlas_db`` if set, else ``$SANCTUARY_ATLAS_DB``, else the desk's data dir, else ./var."""
    explicit = getattr(request.app.state, "atlas_db", None)
    if explicit:
        return Path(explicit)
    desk = getattr(request.app.state, "desk", None)
    settings = getattr(desk, "settings", None)
    if not os.environ.get("SANCTUARY_ATLAS_DB") and settings is not None:
        return Path(settings.data_dir) / "atlas.db"
    return store.default_path()


def conn_for(request: Request) -> sqlite3.Connection:
    """A read-only connection per thread and database file, reopened when the file is rebuilt."""
    path = db_path(request)
    key = f"{path.resolve()}:{path.stat().st_mtime_ns if path.exists() else 0}"
    conns: dict[str, tuple[str, sqlite3.Connection]] = _local.__dict__.setdefault("conns", {})
    held = conns.get(str(path))
    if held is not None and held[0] == key:
        return held[1]
    try:
        conn = store.connect(path)
    except store.AtlasMissing as exc:
        raise HTTPException(503, str(exc)) from exc
    if held is not None:
        held[1].close()
    conns[str(path)] = (key, conn)
    return conn


def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    base = {"families": FAMILIES, "family_names": FAMILY_NAMES, "user": None}
    response: Response = _tpl().TemplateResponse(request, f"atlas/{name}", {**base, **ctx}, status_code=status)
    return response


@router.get("/static/atlas.css", include_in_schema=False)
def css() -> FileResponse:
    return FileResponse(STATIC_CSS, media_type="text/css")


def _view(view: str) -> tuple[str, str]:
    """('family', key) or ('scenario', preset)."""
    if view.startswith("scenario:") and view.split(":", 1)[1] in scen.PRESETS:
        return "scenario", view.split(":", 1)[1]
    if view in maps.FAMILY_KEYS:
        return "family", view
    raise HTTPException(422, f"view: {view!r} is not a family ({', '.join(maps.FAMILY_KEYS)}) or "
                             f"scenario:<preset> ({', '.join(scen.PRESETS)})")


def _country(country: str) -> str:
    if country not in ("us", "ca"):
        raise HTTPException(422, f"country: {country!r} is not one of us, ca")
    return country


def _map_svg(conn: sqlite3.Connection, view: str, country: str) -> tuple[str, dict[str, str]]:
    kind, key = _view(view)
    if kind == "family":
        return maps.family_map(conn, country, key), maps.family_values(conn, key)
    rows = scen.run(scen.PRESETS[key]["request"], scen.places(conn))
    values = {r.jurisdiction: r.shown for r in rows}
    return maps.outcome_map(conn, country, values, str(scen.PRESETS[key]["title"])), values


@router.get("", response_class=HTMLResponse, summary="The atlas map")
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request, view: str = "detainer_holds", country: str = "us") -> Response:
    conn = conn_for(request)
    svg, values = _map_svg(conn, view, _country(country))
    kind, key = _view(view)
    palette = maps.SCORE_COLOURS if kind == "family" else maps.OUTCOME_COLOURS
    return page(request, "index.html", {
        "svg": svg, "view": view, "country": country, "kind": kind, "key": key, "presets": scen.PRESETS,
        "tally": queries.tally(conn, values, country, palette), "listed": queries.listed(conn, values, country),
        "meta": queries.meta(conn)})


@router.get("/map.svg", summary="The map alone, as SVG")
def map_svg(request: Request, view: str = "detainer_holds", country: str = "us") -> Response:
    svg, _ = _map_svg(conn_for(request), view, _country(country))
    return Response(svg, media_type="image/svg+xml")


@router.get("/search", response_class=HTMLResponse, summary="Find a jurisdiction by name or id")
def search(request: Request, q: str = "") -> Response:
    conn = conn_for(request)
    hits = queries.search(conn, q) if q.strip() else []
    return page(request, "search.html", {"q": q, "hits": hits})


@router.get("/j/{jid:path}", response_class=HTMLResponse, summary="One jurisdiction: rules, sources, scores")
def jurisdiction(request: Request, jid: str) -> Response:
    conn = conn_for(request)
    j = queries.jurisdiction(conn, jid)
    if j is None:
        raise HTTPException(404, f"no jurisdiction {jid!r} in the atlas")
    return page(request, "jurisdiction.html", {"j": j, **queries.dossier(conn, j)})


@router.get("/compare", response_class=HTMLResponse, summary="Two jurisdictions side by side")
def compare(request: Request, a: str = "us/tx/travis-county", b: str = "us/ca/san-francisco") -> Response:
    conn = conn_for(request)
    sides = []
    errors = []
    for field, jid in (("a", a.strip()), ("b", b.strip())):
        j = queries.jurisdiction(conn, jid)
        if j is None:
            errors.append(f"{field}: no jurisdiction {jid!r} in the atlas (use an id such as us/il/cook-county)")
        else:
            sides.append({"j": j, **queries.dossier(conn, j)})
    return page(request, "compare.html", {"a": a, "b": b, "sides": sides, "errors": errors,
                                          "choices": queries.choices(conn)}, 422 if errors else 200)


@router.get("/scenario", response_class=HTMLResponse, summary="One request decided everywhere")
def scenario_page(request: Request) -> Response:
    conn = conn_for(request)
    params = dict(request.query_params)
    form = ScenarioForm.from_query(params, list(request.query_params.getlist("data")))
    ctx: dict[str, Any] = {"form": form, "presets": scen.PRESETS, "choices": queries.choices(conn)}
    if not params:
        return page(request, "scenario.html", ctx)
    try:
        req = form.request()
        rows = scen.run(req, scen.places(conn))
    except FormError as exc:
        return page(request, "scenario.html", {**ctx, "error": str(exc)}, 422)
    except ValueError as exc:  # the engine's RequestError names the field
        field = getattr(exc, "field", "request")
        return page(request, "scenario.html", {**ctx, "error": f"{field}: {getattr(exc, 'message', exc)}"}, 422)
    values = {r.jurisdiction: r.shown for r in rows}
    wanted = form.highlight_ids()
    chosen = [r for r in rows if r.jurisdiction in wanted]
    chosen.sort(key=lambda r: wanted.index(r.jurisdiction))
    missing = [w for w in wanted if w not in values]
    countries = sorted({w.split("/")[0] for w in wanted if w in values}) or ["us"]
    svgs = [maps.outcome_map(conn, c, values, form.title()) for c in countries if c in ("us", "ca")]
    return page(request, "scenario.html", {**ctx, "request_json": req, "chosen": chosen, "missing": missing,
                                           "summary": scen.summary(rows), "svgs": svgs, "total": len(rows)})


@router.get("/scenario.json", summary="One request decided everywhere, as JSON")
def scenario_json(request: Request) -> Response:
    conn = conn_for(request)
    form = ScenarioForm.from_query(dict(request.query_params), list(request.query_params.getlist("data")))
    try:
        rows = scen.run(form.request(), scen.places(conn))
    except ValueError as exc:
        field = getattr(exc, "field", "request")
        return JSONResponse({"error": "invalid_input", "field": field,
                             "message": str(getattr(exc, "message", exc))}, status_code=422)
    return JSONResponse([r.to_dict() for r in rows])


@router.get("/context", response_class=HTMLResponse, summary="What the public asks about")
def context(request: Request) -> Response:
    return page(request, "context.html", queries.context(conn_for(request)))


@router.get("/sources", response_class=HTMLResponse, summary="Sources, versions, licences and checksums")
def sources(request: Request) -> Response:
    conn = conn_for(request)
    rows = [dict(r) for r in conn.execute("SELECT * FROM sources ORDER BY rowid")]
    return page(request, "sources.html", {"sources": rows, "meta": queries.meta(conn)})
