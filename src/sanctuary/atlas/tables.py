"""Every table the atlas pages show, as data: ``/atlas/table/<name>.csv`` and ``.json`` (raw ids and keys,
untranslated, so a download means the same in every language). Each function takes the connection and the
query parameters the page used and returns ``(columns, rows)``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from sanctuary.atlas import maps, queries
from sanctuary.atlas import scenario as scen
from sanctuary.atlas.forms import ScenarioForm
from sanctuary.atlas.scores import FAMILIES

Table = tuple[list[str], list[dict[str, Any]]]


class TableError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _place(conn: sqlite3.Connection, q: Mapping[str, str], field: str = "j") -> dict[str, Any]:
    jid = q.get(field, "").strip()
    j = queries.jurisdiction(conn, jid) if jid else None
    if j is None:
        raise TableError(field, f"no jurisdiction {jid!r} in the atlas (give an id such as us/il/cook-county)")
    return j


def _rows(rows: list[dict[str, Any]], columns: list[str]) -> Table:
    return columns, [{c: r.get(c) for c in columns} for r in rows]


def scores(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    j = _place(conn, q)
    rows = [{"jurisdiction": j["id"], "family": f, "family_name": name, **(s or {})}
            for f, name, s in queries.dossier(conn, j)["scores"]]
    return _rows(rows, ["jurisdiction", "family", "family_name", "score", "method", "source", "detail"])


def rules(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    j = _place(conn, q)
    rows = [r for block in queries.dossier(conn, j)["rules_by_layer"] for r in block["rules"]]
    return _rows(rows, ["jurisdiction", "rule_id", "effect", "actions", "agency_kinds", "summary", "citation",
                        "confidence", "instrument", "url", "effective_from", "effective_until"])


_ATTRIBUTE_COLUMNS = ["jurisdiction", "attribute", "value", "detail", "instrument", "as_of", "source", "source_id",
                      "confidence", "history"]


def attributes(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    return _rows(queries.dossier(conn, _place(conn, q))["attributes"], _ATTRIBUTE_COLUMNS)


def inherited(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    return _rows(queries.dossier(conn, _place(conn, q))["inherited"], _ATTRIBUTE_COLUMNS)


def answers(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    j = _place(conn, q)
    return _rows(queries.answers(conn, j), ["jurisdiction", "preset", "date", "shown", "outcome", "family",
                                           "score", "citation"])


def compare(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    a, b = _place(conn, q, "a"), _place(conn, q, "b")
    da, db = ({f: s for f, _n, s in queries.dossier(conn, x)["scores"]} for x in (a, b))
    rows = [{"family": f, "family_name": name, "a": a["id"], "a_score": (da.get(f) or {}).get("score"),
             "a_method": (da.get(f) or {}).get("method"), "b": b["id"], "b_score": (db.get(f) or {}).get("score"),
             "b_method": (db.get(f) or {}).get("method")} for f, name in FAMILIES]
    return _rows(rows, ["family", "family_name", "a", "a_score", "a_method", "b", "b_score", "b_method"])


def _values(conn: sqlite3.Connection, q: Mapping[str, str]) -> tuple[dict[str, str], str, str]:
    view, country = q.get("view", "detainer_holds"), q.get("country", "us")
    if country not in ("us", "ca"):
        raise TableError("country", f"{country!r} is not one of us, ca")
    if view.startswith("scenario:") and view.split(":", 1)[1] in scen.PRESETS:
        rows = scen.run(scen.preset_request(view.split(":", 1)[1]), scen.places(conn))
        return {r.jurisdiction: r.shown for r in rows}, "scenario", country
    if view in maps.FAMILY_KEYS:
        return maps.family_values(conn, view), "family", country
    raise TableError("view", f"{view!r} is not a family ({', '.join(maps.FAMILY_KEYS)}) or scenario:<preset>")


def tally(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    values, kind, country = _values(conn, q)
    palette = maps.SCORE_COLOURS if kind == "family" else maps.OUTCOME_COLOURS
    rows = [{"value": key, "label": label, "count": n}
            for key, (_c, label, n) in zip(palette, queries.tally(conn, values, country, palette), strict=True)]
    return _rows(rows, ["value", "label", "count"])


def listed(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    values, _kind, country = _values(conn, q)
    return _rows(queries.listed(conn, values, country), ["id", "name", "level", "region", "value"])


def scenario(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    form = ScenarioForm.from_query(dict(q), [d for d in q.get("data", "").split(",") if d])
    rows = [r.to_dict() for r in scen.run(form.request(), scen.places(conn))]
    for r in rows:
        r["decided_by"] = (r["decided_by"] or {}).get("citation", "")
        r["missing_facts"] = ";".join(r["missing_facts"])
        r["obligations"] = ";".join(r["obligations"])
    return _rows(rows, ["jurisdiction", "name", "level", "engine_id", "shown", "outcome", "coverage", "decided_by",
                        "missing_facts", "obligations", "explanation"])


def sources(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
    rows = [dict(r) for r in conn.execute("SELECT * FROM sources ORDER BY rowid")]
    return _rows(rows, ["id", "title", "publisher", "url", "version", "as_of", "licence", "files", "sha256", "note"])


def _context(part: str) -> Callable[[sqlite3.Connection, Mapping[str, str]], Table]:
    def table(conn: sqlite3.Connection, q: Mapping[str, str]) -> Table:
        ctx = queries.context(conn)
        if part == "counts":
            return _rows(queries.context_counts(ctx), ["what", "count", "as_of", "source"])
        return _rows(ctx[part], ["jurisdiction", "name", "level", "region", "attribute", "value", "detail",
                                 "instrument", "as_of", "source", "confidence"])
    return table


TABLES: dict[str, Callable[[sqlite3.Connection, Mapping[str, str]], Table]] = {
    "scores": scores, "rules": rules, "attributes": attributes, "inherited": inherited, "answers": answers,
    "compare": compare, "tally": tally, "listed": listed, "scenario": scenario, "sources": sources,
    "context-canada": _context("canada"), "context-counts": _context("counts"), "context-doj": _context("doj"),
}
