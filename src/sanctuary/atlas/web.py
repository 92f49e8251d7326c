"""The atlas pages, mounted at ``/atlas``: public, no login, no JavaScript, nothing from another host.

Pages speak the request's language (``?lang=``, cookie, ``Accept-Language``; ``docs/i18n.md``); every table
has CSV and JSON downloads under ``/atlas/table/<name>.{csv,json}``; ``/atlas/for/<jurisdiction id>`` takes a
desk request's jurisdiction to its place in the atlas (``docs/atlas.md``).
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from sanctuary import i18n, palette
from sanctuary.atlas import ids, labels, maps, queries, store, tables
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
        # Globals, so macros imported without context see them too.
        _templates.env.globals.update(word=labels.word, words=labels.words, place_name=ids.place_name,
                                      level_key=ids.level_key, effect_outcome=labels.EFFECT_OUTCOME)
    return _templates


@contextmanager
def _in_locale(request: Request) -> Iterator[None]:
    """Text made outside a template (the SVG maps, titles) in the request's language."""
    from sanctuary.web.templating import request_locale

    with i18n.rendering_in(request_locale(request)):
        yield


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


def _params(request: Request) -> dict[str, str]:
    """The page's query without the language choice (``lang`` is the page's, not the question's)."""
    return {k: v for k, v in request.query_params.items() if k != "lang"}


def _download_query(request: Request, **extra: str) -> str:
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    items += list(extra.items())
    return urlencode(items)


def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    base = {"families": FAMILIES, "family_names": FAMILY_NAMES, "user": None,
            "outcome_swatches": palette.OUTCOMES, "score_swatches": palette.SCORES,
            "download_query": lambda **extra: _download_query(request, **extra)}
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


def _map_svg(request: Request, conn: sqlite3.Connection, view: str, country: str) -> tuple[str, dict[str, str]]:
    kind, key = _view(view)
    with _in_locale(request):
        if kind == "family":
            return maps.family_map(conn, country, key), maps.family_values(conn, key)
        rows = scen.run(scen.preset_request(key), scen.places(conn))
        values = {r.jurisdiction: r.shown for r in rows}
        title = i18n.gettext(str(scen.PRESETS[key]["title"]))
        return maps.outcome_map(conn, country, values, title), values


@router.get("", response_class=HTMLResponse, summary="The atlas map")
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request, view: str = "detainer_holds", country: str = "us") -> Response:
    conn = conn_for(request)
    svg, values = _map_svg(request, conn, view, _country(country))
    kind, key = _view(view)
    palette_ = maps.SCORE_COLOURS if kind == "family" else maps.OUTCOME_COLOURS
    swatches = palette.SCORES if kind == "family" else palette.OUTCOMES
    tally = [(key_, colour, label, n) for key_, (colour, label, n)
             in zip(palette_, queries.tally(conn, values, country, palette_), strict=True)]
    return page(request, "index.html", {
        "svg": svg, "view": view, "country": country, "kind": kind, "key": key, "presets": scen.PRESETS,
        "tally": tally, "swatches": swatches, "listed": queries.listed(conn, values, country),
        "meta": queries.meta(conn), "section": "map"})


@router.get("/map.svg", summary="The map alone, as SVG")
def map_svg(request: Request, view: str = "detainer_holds", country: str = "us") -> Response:
    svg, _ = _map_svg(request, conn_for(request), view, _country(country))
    return Response(svg, media_type="image/svg+xml")


@router.get("/search", response_class=HTMLResponse, summary="Find a jurisdiction by name or id")
def search(request: Request, q: str = "") -> Response:
    conn = conn_for(request)
    hits = queries.search(conn, q) if q.strip() else []
    return page(request, "search.html", {"q": q, "hits": hits})


@router.get("/j/{jid:path}", response_class=HTMLResponse, summary="One jurisdiction: rules, sources, scores")
def jurisdiction(request: Request, jid: str, missing: str = "") -> Response:
    conn = conn_for(request)
    j = queries.jurisdiction(conn, jid)
    if j is None:
        raise HTTPException(404, f"no jurisdiction {jid!r} in the atlas")
    return page(request, "jurisdiction.html", {"j": j, **queries.dossier(conn, j), "missing": missing[:200],
                                               "answers": queries.answers(conn, j), "meta": queries.meta(conn)})


@router.get("/for/{jid:path}", summary="A desk request's jurisdiction: its place in the atlas")
def for_jurisdiction(request: Request, jid: str) -> Response:
    """303 to the atlas page of the place the engine decides under ``jid`` (the id in a request's
    ``agency.jurisdiction``). A place the atlas lacks goes to the nearest government above it, named on the page.
    The language choice (``lang``) is kept."""
    conn = conn_for(request)
    wanted = jid.strip().strip("/").lower()
    lang = request.query_params.get("lang")
    suffix = f"?{urlencode({'lang': lang})}" if lang else ""
    target = queries.jurisdiction(conn, wanted)
    if target is None:
        row = conn.execute("SELECT id FROM jurisdictions WHERE engine_id = ? ORDER BY rowid LIMIT 1",
                           (wanted,)).fetchone()
        target = queries.jurisdiction(conn, row[0]) if row else None
    if target is not None:
        return RedirectResponse(f"/atlas/j/{target['id']}{suffix}", status_code=303)
    parent = ids.parent_of(wanted)
    while parent:
        if queries.jurisdiction(conn, parent) is not None:
            query = urlencode({"missing": wanted, **({"lang": lang} if lang else {})})
            return RedirectResponse(f"/atlas/j/{parent}?{query}", status_code=303)
        parent = ids.parent_of(parent)
    raise HTTPException(404, f"jurisdiction: no place {wanted!r} in the atlas, nor any government above it")


@router.get("/compare", response_class=HTMLResponse, summary="Two jurisdictions side by side")
def compare(request: Request, a: str = "us/tx/travis-county", b: str = "us/ca/san-francisco") -> Response:
    conn = conn_for(request)
    sides = []
    errors = []
    for field, jid in (("a", a.strip()), ("b", b.strip())):
        j = queries.jurisdiction(conn, jid)
        if j is None:
            errors.append((field, jid))
        else:
            sides.append({"j": j, **queries.dossier(conn, j)})
    return page(request, "compare.html", {"a": a, "b": b, "sides": sides, "errors": errors,
                                          "choices": queries.choices(conn), "section": "compare"},
                422 if errors else 200)


@router.get("/scenario", response_class=HTMLResponse, summary="One request decided everywhere")
def scenario_page(request: Request) -> Response:
    conn = conn_for(request)
    params = _params(request)
    form = ScenarioForm.from_query(params, list(request.query_params.getlist("data")))
    ctx: dict[str, Any] = {"form": form, "presets": scen.PRESETS, "choices": queries.choices(conn),
                           "section": "scenario"}
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
    regions = dict(conn.execute("SELECT id, region FROM jurisdictions").fetchall())
    with _in_locale(request):
        title = form.title()
        svgs = [maps.outcome_map(conn, c, values, title) for c in countries if c in ("us", "ca")]
    return page(request, "scenario.html", {**ctx, "request_json": req, "chosen": chosen, "missing": missing,
                                           "summary": scen.summary(rows), "svgs": svgs, "total": len(rows),
                                           "regions": regions})


@router.get("/scenario.json", summary="One request decided everywhere, as JSON")
def scenario_json(request: Request) -> Response:
    conn = conn_for(request)
    form = ScenarioForm.from_query(_params(request), list(request.query_params.getlist("data")))
    try:
        rows = scen.run(form.request(), scen.places(conn))
    except ValueError as exc:
        field = getattr(exc, "field", "request")
        return JSONResponse({"error": "invalid_input", "field": field,
                             "message": str(getattr(exc, "message", exc))}, status_code=422)
    return JSONResponse([r.to_dict() for r in rows])


@router.get("/table/{name}.{fmt}", summary="Any table of the atlas pages, as CSV or JSON")
def table(request: Request, name: str, fmt: str) -> Response:
    if fmt not in ("csv", "json"):
        raise HTTPException(404, f"format: {fmt!r} is not csv or json")
    fn = tables.TABLES.get(name)
    if fn is None:
        raise HTTPException(404, f"table: no table {name!r} (one of {', '.join(tables.TABLES)})")
    query = _params(request)
    if name == "scenario":
        query["data"] = ",".join(request.query_params.getlist("data"))
    try:
        columns, rows = fn(conn_for(request), query)
    except ValueError as exc:
        field = getattr(exc, "field", "request")
        return JSONResponse({"error": "invalid_input", "field": field,
                             "message": str(getattr(exc, "message", exc))}, status_code=422)
    filename = f"atlas-{name}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if fmt == "json":
        return JSONResponse(rows, headers=headers)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/context", response_class=HTMLResponse, summary="What the public asks about")
def context(request: Request) -> Response:
    ctx = queries.context(conn_for(request))
    return page(request, "context.html", {**ctx, "counts": queries.context_counts(ctx), "section": "context"})


@router.get("/sources", response_class=HTMLResponse, summary="Sources, versions, licences and checksums")
def sources(request: Request) -> Response:
    conn = conn_for(request)
    rows = [dict(r) for r in conn.execute("SELECT * FROM sources ORDER BY rowid")]
    return page(request, "sources.html", {"sources": rows, "meta": queries.meta(conn), "section": "sources"})
