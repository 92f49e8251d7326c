"""``sanctuary atlas build``: the atlas database from the vendored files, the rule library and the engine.

Reproducible: the same repository and ``--date`` give byte-identical tables (no network, sorted inputs); the
one clock read is the build day, the default date and ``meta.built_on``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctuary.atlas import attributes as attrs_mod
from sanctuary.atlas import geo, geography, ruledata, scores, store
from sanctuary.atlas.geography import Jurisdiction
from sanctuary.atlas.sources import SOURCES

STEPS = ("geography", "boundaries", "attributes", "rules", "scores", "write")
Progress = Callable[[str], None]
CANADA_WIDTH = 900.0


@dataclass
class BuildResult:
    path: Path
    counts: dict[str, int]
    ruleset: str


def _engine() -> tuple[Any, Callable[[list[dict[str, Any]]], list[Any]]] | None:
    try:
        import sanctuary

        # The library the default engine decides with (loaded once, by ``sanctuary.load_library``), so the rules
        # shown and the decisions made come from the same files.
        engine = sanctuary.default_engine()
        library = getattr(engine, "library", None) or sanctuary.load_library()
        return library, sanctuary.decide_many
    except (ImportError, AttributeError):  # pragma: no cover - the engine is part of this package
        return None


def _shapes(js: list[Jurisdiction]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    us = geography.load_us_topology()
    arcs = geo.decode_arcs(us)
    by_fips = {j.fips: j.id for j in js if j.country == "US" and j.fips}
    shapes: list[dict[str, Any]] = []
    for layer in ("states", "counties"):
        for g in us["objects"][layer]["geometries"]:
            jid = by_fips.get(str(g["id"]))
            if jid is None:
                continue
            rings = geo.simplify(geo.decode_rings(g, arcs), 0.3) or geo.decode_rings(g, arcs)
            cx, cy = geo.centroid(rings)
            shapes.append({"jurisdiction": jid, "layer": layer[:-1] if layer == "states" else "county",
                           "d": geo.path_d(rings), "cx": round(cx, 1), "cy": round(cy, 1)})
    ca = geography.load_canada_topology()
    ca_arcs = geo.decode_arcs(ca)
    rings_by_id: dict[str, list[geo.Ring]] = {}
    provinces = {j.region: j.id for j in js if j.level == "province"}
    from sanctuary.atlas.ids import HASC_TO_ISO
    for g in ca["objects"]["can"]["geometries"]:
        code = HASC_TO_ISO.get(str(g.get("id")))
        if code in provinces:
            rings_by_id[provinces[code]] = [[geo.CANADA(x, y) for x, y in r] for r in geo.decode_rings(g, ca_arcs)]
    fitted, height, s, dx, dy = geo.fit(rings_by_id, CANADA_WIDTH)
    for jid in sorted(fitted):
        rings = geo.simplify(fitted[jid], 1.2, min_size=2.5) or fitted[jid]
        cx, cy = geo.centroid(rings)
        shapes.append({"jurisdiction": jid, "layer": "province", "d": geo.path_d(rings, 0),
                       "cx": round(cx, 1), "cy": round(cy, 1)})
    points: list[dict[str, Any]] = []
    for j in js:
        if j.level != "city" or j.lat is None or j.lon is None:
            continue
        if j.country == "US":
            x, y = geo.albers_usa(j.lon, j.lat)
            points.append({"jurisdiction": j.id, "map": "us", "x": round(x, 2), "y": round(y, 2)})
        else:
            px, py = geo.CANADA(j.lon, j.lat)
            points.append({"jurisdiction": j.id, "map": "ca", "x": round(px * s + dx, 2),
                           "y": round(py * s + dy, 2)})
    return shapes, points, height


def _add_library_jurisdictions(js: list[Jurisdiction], library: Any) -> None:
    known = {j.id for j in js}
    for jid, (name, level, parent) in sorted(ruledata.library_names(library).items()):
        if jid not in known:
            country = jid.split("/")[0].upper()
            js.append(Jurisdiction(jid, name, country, level if level != "agency" else "city", parent,
                                   jid.split("/")[1].upper() if "/" in jid else "", in_sources="rule-library"))
            known.add(jid)


def datasette_metadata(name: str, counts: dict[str, int], ruleset: str) -> dict[str, Any]:
    return {
        "title": "Sanctuary atlas",
        "description": "US states, counties and cities and Canadian provinces and cities, with sourced policy "
                       "attributes, encoded rules, nine family scores and boundaries. Built by `sanctuary atlas "
                       f"build`; rule library {ruleset[:12] or 'not loaded'}.",
        "license": "Apache-2.0 (compilation); each source keeps its own licence, see the sources table",
        "source": "Sanctuary atlas sources (see the sources table)",
        "databases": {name: {"tables": {
            "sources": {"description": "Every vendored file: origin, version, licence and sha256."},
            "jurisdictions": {"description": f"{counts.get('jurisdictions', 0)} jurisdictions; ids follow the "
                              "decision contract (us, us/tx, us/tx/travis-county, ca/on/toronto)."},
            "attributes": {"description": "Long-format policy attributes: one fact per row, with instrument, "
                           "as-of date, source and confidence. history = 1 marks superseded facts."},
            "rules": {"description": "The encoded rule library, one row per rule, with citation."},
            "scores": {"description": "Nine policy families scored 0/1/2, method rules or attributes."},
            "shapes": {"description": "SVG path data (us-atlas Albers USA frame; Canada conic equal-area)."},
            "points": {"description": "City points in the same frames."},
        }}},
    }


def build(out: Path, date: str | None = None, progress: Progress | None = None) -> BuildResult:
    """Build the atlas at ``out``. Scores are the law's answers on ``date`` (default: today, the build date)."""
    tick = progress or (lambda _step: None)
    built_on = dt.date.today().isoformat()
    date = date or built_on
    js = geography.load()
    engine = _engine()
    library, decide_many = engine if engine else (None, None)
    if library is not None:
        _add_library_jurisdictions(js, library)
    tick("geography")
    shapes, points, ca_height = _shapes(js)
    tick("boundaries")
    attrs = attrs_mod.load(js)
    tick("attributes")
    rule_rows = ruledata.rule_rows(library) if library is not None else []
    digest = library.digest if library is not None else ""
    attrs += ruledata.rule_attributes(rule_rows, digest, date)
    tick("rules")

    def encoded_chain(eid: str) -> tuple[str, ...]:
        if library is None:
            return ()
        chain = library.chain(eid)
        if chain[0] not in library.files:
            return ()
        return tuple(layer for layer in chain[1:] if layer in library.files)

    score_rows = scores.compute(js, attrs, encoded_chain, decide_many, date)
    tick("scores")
    conn = store.create(out)
    counts = {
        "jurisdictions": store.insert(conn, "jurisdictions", (j.row() for j in js)),
        "city_counties": store.insert(conn, "city_counties", (
            {"city_id": j.id, "county_id": c} for j in js for c in j.counties)),
        "attributes": store.insert(conn, "attributes", (a.row() for a in attrs)),
        "rules": store.insert(conn, "rules", (r.row() for r in rule_rows)),
        "scores": store.insert(conn, "scores", (s.row() for s in score_rows)),
        "shapes": store.insert(conn, "shapes", shapes),
        "points": store.insert(conn, "points", points),
    }
    for level in ("country", "state", "county", "city", "province"):
        counts[level] = sum(1 for j in js if j.level == level)
    store.insert(conn, "sources", ({
        **s.row(), "version": digest if s.id == "rule-library" and digest else s.version} for s in SOURCES))
    store.insert(conn, "meta", ({"key": k, "value": v} for k, v in sorted({
        "date": date, "built_on": built_on, "ruleset": digest, "us_viewbox": "0 0 975 610",
        "ca_viewbox": f"0 0 {CANADA_WIDTH:g} {round(ca_height, 1):g}", "engine": "yes" if decide_many else "no",
        "counts": json.dumps(counts, sort_keys=True)}.items())))
    store.finish(conn, out)
    meta_path = out.with_name(out.stem + ".metadata.json")
    meta_path.write_text(json.dumps(datasette_metadata(out.stem, counts, digest), indent=2) + "\n", encoding="utf-8")
    tick("write")
    return BuildResult(out, counts, digest)
