"""The evidence pages under ``/atlas/evidence`` (public, server-rendered, no JavaScript), in English, Spanish
and French (``?lang=es``), and the CSV of every estimate."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sanctuary.atlas import web as atlas_web
from sanctuary.evidence import charts, store
from sanctuary.evidence.messages import LANGS, QUESTION_KEYS, label, lang_of, t
from sanctuary.evidence.results import CSV_COLUMNS, Estimate

router = APIRouter(prefix="/atlas/evidence", tags=["evidence"])
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
_templates: Any = None


def page(request: Request, ctx: dict[str, Any], status: int = 200) -> Response:
    global _templates
    if _templates is None:
        from sanctuary.web.templating import make_templates

        _templates = make_templates([TEMPLATES_DIR, atlas_web.TEMPLATES_DIR])
    response: Response = _templates.TemplateResponse(request, "evidence/index.html", {"user": None, **ctx},
                                                     status_code=status)
    return response


def _rows(conn: Any, sql: str, *args: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, args)]


def _context(conn: Any, lang: str) -> dict[str, Any]:
    estimates = [Estimate.from_row(r) for r in _rows(conn, "SELECT * FROM evidence_estimates ORDER BY rowid")]
    events: dict[str, list[tuple[int, float, float, float]]] = {}
    for r in _rows(conn, "SELECT * FROM evidence_events ORDER BY estimate_id, k"):
        events.setdefault(r["estimate_id"], []).append((r["k"], r["coef"], r["low"], r["high"]))
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in estimates:
        svg = ""
        if e.id in events:
            outcome = label(lang, e.outcome)
            svg = charts.event_study(events[e.id], t(lang, "event_title", outcome=outcome),
                                     t(lang, "event_desc"), t(lang, "event_x"), t(lang, "event_y"), f"es-{e.id}")
        synth = None
        if e.id.startswith("ca-sb54-synth"):
            rows = _rows(conn, "SELECT year, actual, synthetic, gap FROM evidence_synth WHERE estimate_id = ? AND "
                               "unit = 'CA' ORDER BY year", e.id)
            outcome = label(lang, e.outcome)
            synth = {"rows": rows, "svg": charts.paths(
                [r["year"] for r in rows], [r["actual"] for r in rows], [r["synthetic"] for r in rows], 2018,
                t(lang, "synth_title", outcome=outcome), t(lang, "synth_desc"),
                (t(lang, "california"), t(lang, "synthetic")), outcome, f"sc-{e.id}")}
        groups.setdefault(QUESTION_KEYS.get(e.question, "q_crime"), []).append(
            {"e": e, "svg": svg, "events": events.get(e.id, []), "synth": synth})
    meta = dict(conn.execute("SELECT key, value FROM evidence_meta").fetchall())
    return {
        "groups": groups, "quality": _rows(conn, "SELECT * FROM evidence_quality ORDER BY rowid"),
        "unmatched": _rows(conn, "SELECT * FROM evidence_unmatched ORDER BY year, state, agency"),
        "npr": _rows(conn, "SELECT * FROM evidence_npr_check ORDER BY fips"),
        "command": meta.get("command", "sanctuary evidence build"),
        "cannot_tell": [t(lang, f"ct_{i}") for i in range(len(json.loads(meta.get("cannot_tell", "[]"))))],
    }


@router.get("", response_class=HTMLResponse, summary="Do sanctuary policies work? The evidence")
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request, lang: str = "en") -> Response:
    lang = lang_of(lang)
    conn = atlas_web.conn_for(request)
    ctx: dict[str, Any] = {"lang": lang, "langs": LANGS, "t": lambda k, **kw: t(lang, k, **kw),
                           "label": lambda s: label(lang, s), "section": "evidence"}
    if not store.has_evidence(conn):
        return page(request, {**ctx, "built": False})  # the page says how to build it: not a server failure
    return page(request, {**ctx, "built": True, **_context(conn, lang)})


@router.get("/estimates.csv", summary="Every estimate as CSV, with the command that reproduces it")
def estimates_csv(request: Request) -> Response:
    conn = atlas_web.conn_for(request)
    if not store.has_evidence(conn):
        return Response(t("en", "missing"), status_code=404, media_type="text/plain")
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(_rows(conn, "SELECT * FROM evidence_estimates ORDER BY rowid"))
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="sanctuary-evidence.csv"'})
