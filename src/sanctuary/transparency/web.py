"""The public transparency page, ``/transparency``: no login, no JavaScript, nothing from another host.

Routes: ``/transparency`` (HTML, ``?lang=en|es|fr`` or the browser's Accept-Language),
``/transparency/data.json``, ``/transparency/data.csv`` and the page's stylesheet.

Load: the counts are computed at most once a minute per process (:class:`Publisher`), by one thread at a time;
a request that cannot get the computation within :data:`WAIT_SECONDS` is answered 503 with Retry-After (the
app's bounded-wait rule). No client address is read, stored or logged here.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from sanctuary.db.session import DatabaseBusy
from sanctuary.desk import agency
from sanctuary.desk.context import DeskContext
from sanctuary.transparency import charts, messages
from sanctuary.transparency.counts import read_counts, zone
from sanctuary.transparency.policy import policy_start
from sanctuary.transparency.publication import Publication, build, to_csv, to_json
from sanctuary.transparency.suppression import ProtectedTable, Published

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_CSS = Path(__file__).resolve().parent / "static" / "transparency.css"
CACHE_SECONDS = 60.0
WAIT_SECONDS = 5.0

router = APIRouter(prefix="/transparency", tags=["transparency"])
_templates: Any = None


def _tpl() -> Any:
    global _templates
    if _templates is None:
        from sanctuary.web.templating import make_templates

        _templates = make_templates([TEMPLATES_DIR])
    return _templates


class Publisher:
    """Computes the publication from the desk's database, at most once per ``ttl`` seconds."""

    def __init__(self, ttl: float = CACHE_SECONDS) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._held: tuple[float, Publication] | None = None

    def get(self, ctx: DeskContext) -> Publication:
        held = self._held
        if held is not None and time.monotonic() - held[0] < self.ttl:
            return held[1]
        if not self._lock.acquire(timeout=WAIT_SECONDS):
            raise DatabaseBusy("the transparency tables are being computed")
        try:
            held = self._held
            if held is not None and time.monotonic() - held[0] < self.ttl:
                return held[1]
            publication = compute(ctx)
            self._held = (time.monotonic(), publication)
            return publication
        finally:
            self._lock.release()


def compute(ctx: DeskContext) -> Publication:
    settings = ctx.settings
    timezone = agency.current(ctx).timezone  # the agency profile's (SANCTUARY_TIMEZONE until one is saved)
    now = datetime.now(UTC).astimezone(zone(timezone))
    with ctx.reading() as session:
        counts = read_counts(session, timezone)
    policy = policy_start(settings.default_jurisdiction, now.date())
    return build(counts, settings.transparency_k, timezone, policy, now)


def publisher_of(request: Request) -> Publisher:
    state = request.app.state
    found = getattr(state, "transparency", None)
    if not isinstance(found, Publisher):
        found = Publisher()
        state.transparency = found
    return found


def publication(request: Request) -> Publication:
    ctx: DeskContext = request.app.state.desk
    return publisher_of(request).get(ctx)


def choose_language(lang: str | None, accept_language: str) -> str:
    """``?lang=`` first (an unknown value is an error naming it), then the best of Accept-Language, then
    English."""
    if lang is not None:
        if lang not in messages.LANGUAGES:
            raise HTTPException(422, f"lang: {lang!r} is not one of {', '.join(messages.LANGUAGES)}")
        return lang
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in messages.LANGUAGES and quality > 0:
            ranked.append((-quality, n, primary))
    return min(ranked)[2] if ranked else "en"


@dataclass(frozen=True)
class Shown:
    text: str
    hidden: bool


def _shown(cell: Published, lang: str) -> Shown:
    return Shown(messages.t("hidden_mark", lang), True) if cell.count is None else Shown(str(cell.count), False)


def _table_view(name: str, dimension: str, table: ProtectedTable, lang: str,
                rows: tuple[str, ...] | None = None) -> dict[str, Any]:
    index = {key: i for i, key in enumerate(table.rows)}
    keys = rows if rows is not None else table.rows
    return {
        "id": name,
        "heading": messages.t(name, lang),
        "row_header": messages.t(dimension, lang),
        "columns": [messages.label("outcome", c, lang) for c in table.columns],
        "rows": [
            {"label": messages.label(dimension, key, lang),
             "cells": [_shown(c, lang) for c in table.cells[index[key]]],
             "total": _shown(table.row_totals[index[key]], lang)}
            for key in keys
        ],
        "column_totals": [_shown(c, lang) for c in table.column_totals],
        "grand_total": _shown(table.grand_total, lang),
    }


def page_context(pub: Publication, lang: str) -> dict[str, Any]:
    t = messages.t
    words = charts.Words(title="", desc=t("chart_desc", lang), hidden=t("hidden_mark", lang), total=t("total", lang))
    sections = []
    for name, (dimension, table) in pub.tables.items():
        labels = [messages.label(dimension, key, lang) for key in table.rows]
        svg = charts.bar_chart(f"chart-{name}", table, labels,
                               charts.Words(**{**words.__dict__, "title": t(name, lang)}))
        sections.append({**_table_view(name, dimension, table, lang), "svg": Markup(svg)})
    totals = pub.column_totals
    outcome_rows = [{"label": messages.label("outcome", c, lang), "count": _shown(cell, lang)}
                    for c, cell in zip(totals.columns, totals.column_totals, strict=True)]
    before_after: dict[str, Any] | None = None
    if pub.policy is not None:
        month_table = pub.tables["by_month"][1]
        policy_month = pub.policy.day.strftime("%Y-%m")
        intro = t("before_after_intro", lang, instrument=pub.policy.instrument, citation=pub.policy.citation,
                  day=messages.date_label(pub.policy.day.isoformat(), lang))
        before_after = {"intro": intro, "layer": None, "svg": None, "table": None}
        if pub.policy.layer != pub.policy.jurisdiction:
            before_after["layer"] = t("before_after_layer", lang, layer=pub.policy.layer_name)
        if pub.window:
            svg = charts.month_chart(
                "chart-before-after", month_table, pub.window,
                [messages.month_label(m, lang, short=True) for m in pub.window], policy_month,
                charts.Words(**{**words.__dict__, "title": t("before_after_title", lang)}),
                t("policy_line", lang), t("before", lang), t("after", lang))
            view = _table_view("by_month", "month", month_table, lang, rows=pub.window)
            for key, row in zip(pub.window, view["rows"], strict=True):
                row["side"] = t("before" if key < policy_month else "after" if key > policy_month
                                else "policy_month", lang)
            before_after.update(svg=Markup(svg), table=view)
    legend = [{"label": messages.label("outcome", c, lang), "swatch": Markup(charts.swatch(f"legend-{j}", j))}
              for j, c in enumerate(pub.columns)]
    legend.append({"label": t("hidden_long", lang), "swatch": Markup(charts.swatch("legend-hidden", None))})
    grand = pub.column_totals.grand_total
    return {
        "lang": lang,
        "t": lambda key, **values: t(key, lang, **values),
        "languages": [(code, messages.LANGUAGE_NAMES[code]) for code in messages.LANGUAGES],
        "k": pub.k,
        "empty": not pub.months,
        "period": t("period", lang, first=messages.month_label(pub.months[0], lang),
                    last=messages.month_label(pub.months[-1], lang),
                    total=_shown(grand, lang).text) if pub.months else "",
        "sections": sections,
        "outcomes": outcome_rows,
        "outcome_total": _shown(grand, lang),
        "legend": legend,
        "before_after": before_after,
        "has_policy": pub.policy is not None,
        "updated": t("updated", lang, when=pub.generated_at.strftime("%Y-%m-%d %H:%M"), zone=pub.timezone),
    }


@router.get("", response_class=HTMLResponse, summary="The public transparency page (en, es, fr)")
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page(request: Request, lang: str | None = None) -> Response:
    chosen = choose_language(lang, request.headers.get("accept-language", ""))
    pub = publication(request)
    response: Response = _tpl().TemplateResponse(request, "transparency/index.html",
                                                 {**page_context(pub, chosen), "user": None})
    response.headers["content-language"] = chosen
    response.headers["vary"] = "Accept-Language"
    return response


@router.get("/data.json", summary="The published tables as JSON (withheld numbers: count null, suppressed true)")
def data_json(request: Request) -> JSONResponse:
    return JSONResponse(to_json(publication(request)))


@router.get("/data.csv", summary="The published tables as CSV (long format)")
def data_csv(request: Request) -> Response:
    return Response(to_csv(publication(request)), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="transparency.csv"'})


@router.get("/static/transparency.css", include_in_schema=False)
def css() -> FileResponse:
    return FileResponse(STATIC_CSS, media_type="text/css")
