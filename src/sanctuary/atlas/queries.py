"""Read-side queries over the atlas database for the pages."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping
from typing import Any

from sanctuary.atlas import scenario as scen
from sanctuary.atlas.scores import FAMILIES
from sanctuary.i18n import N_


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def meta(conn: sqlite3.Connection) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in conn.execute("SELECT key, value FROM meta")}
    out["counts"] = json.loads(out.get("counts", "{}"))
    return out


def jurisdiction(conn: sqlite3.Connection, jid: str) -> dict[str, Any] | None:
    rows = _dicts(conn.execute("SELECT * FROM jurisdictions WHERE id = ?", (jid.strip().lower(),)))
    return rows[0] if rows else None


def chain(conn: sqlite3.Connection, jid: str) -> list[dict[str, Any]]:
    """The jurisdiction and its ancestors, country first (ids missing from the atlas are kept as stubs)."""
    out: list[dict[str, Any]] = []
    current: str | None = jid
    while current:
        j = jurisdiction(conn, current)
        out.append(j or {"id": current, "name": current, "level": "", "parent_id": None})
        current = (j or {}).get("parent_id") or (current.rsplit("/", 1)[0] if "/" in current else None)
    return list(reversed(out))


def dossier(conn: sqlite3.Connection, j: dict[str, Any]) -> dict[str, Any]:
    """Everything a jurisdiction page shows: scores, own and inherited attributes, and the encoded rules of
    every layer that decides for it, each with its citation, confidence and dates."""
    jid = j["id"]
    layers = chain(conn, j["engine_id"])
    scores = {s["family"]: s for s in _dicts(conn.execute("SELECT * FROM scores WHERE jurisdiction = ?", (jid,)))}
    attrs = _dicts(conn.execute("SELECT * FROM attributes WHERE jurisdiction = ? AND attribute != 'encoded_rule' "
                                "ORDER BY history, as_of DESC, attribute", (jid,)))
    parent_ids = [layer["id"] for layer in chain(conn, jid)[:-1]]
    inherited = []
    for pid in parent_ids:
        inherited += _dicts(conn.execute(
            "SELECT * FROM attributes WHERE jurisdiction = ? AND attribute != 'encoded_rule' AND history = 0 "
            "AND attribute NOT LIKE 'agreement_287g%' ORDER BY as_of DESC", (pid,)))
    rules_by_layer = []
    for layer in layers:
        rules = _dicts(conn.execute("SELECT * FROM rules WHERE jurisdiction = ? ORDER BY effective_until != '', "
                                    "actions, rule_id", (layer["id"],)))
        rules_by_layer.append({"layer": layer, "rules": rules})
    related = _dicts(conn.execute(
        "SELECT j.id, j.name, j.level FROM city_counties c JOIN jurisdictions j ON j.id = "
        "CASE WHEN c.city_id = ? THEN c.county_id ELSE c.city_id END WHERE c.city_id = ? OR c.county_id = ?",
        (jid, jid, jid)))
    return {"layers": layers, "scores": [(f, name, scores.get(f)) for f, name in FAMILIES if f in scores],
            "attributes": attrs, "inherited": inherited, "rules_by_layer": rules_by_layer, "related": related}


def answers(conn: sqlite3.Connection, j: dict[str, Any]) -> list[dict[str, Any]]:
    """The law's own answers for this place to the common cases, on the date the scores were computed, each
    beside the family score it bears on (so the page shows one story: tests/atlas/test_consistency.py)."""
    date = meta(conn).get("date") or scen.today()
    place = scen.Place(j["id"], j["name"], j["level"], j["engine_id"])
    scores = {r[0]: r[1] for r in conn.execute("SELECT family, score FROM scores WHERE jurisdiction = ?", (j["id"],))}
    out = []
    for key, preset in scen.PRESETS.items():
        row = scen.run(scen.preset_request(key, date), [place])[0]
        family = str(preset["family"])
        out.append({"jurisdiction": j["id"], "preset": key, "title": preset["title"], "date": date,
                    "shown": row.shown, "outcome": row.outcome, "family": family,
                    "score": scores.get(family) if family else None,
                    "citation": (row.decided_by or {}).get("citation", ""), "explanation": row.explanation})
    return out


def search(conn: sqlite3.Connection, q: str, limit: int = 60) -> list[dict[str, Any]]:
    like = f"%{q.strip().lower()}%"
    return _dicts(conn.execute(
        "SELECT id, name, level, region FROM jurisdictions WHERE lower(name) LIKE ? OR id LIKE ? "
        "ORDER BY CASE level WHEN 'country' THEN 0 WHEN 'state' THEN 1 WHEN 'province' THEN 1 WHEN 'city' THEN 2 "
        "ELSE 3 END, name LIMIT ?", (like, like, limit)))


def choices(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Ids for the forms' suggestion lists: countries, states, provinces, cities and encoded counties."""
    return _dicts(conn.execute(
        "SELECT id, name, level FROM jurisdictions WHERE level != 'county' OR id IN (SELECT jurisdiction FROM rules) "
        "OR id IN (SELECT jurisdiction FROM attributes WHERE attribute = 'federal_designation') ORDER BY id"))


def tally(conn: sqlite3.Connection, values: Mapping[str, str], country: str,
          palette: Mapping[str, tuple[str, str]]) -> list[tuple[str, str, int]]:
    levels = ("county", "city") if country == "us" else ("province", "city")
    ids = [r[0] for r in conn.execute(f"SELECT id FROM jurisdictions WHERE country = ? AND level IN {levels!r}",
                                      (country.upper(),))]
    counts = Counter(values.get(i, "") for i in ids)
    return [(colour, label, counts.get(key, 0)) for key, (colour, label) in palette.items()]


def listed(conn: sqlite3.Connection, values: Mapping[str, str], country: str) -> list[dict[str, Any]]:
    """States (or provinces) and cities with their value: the map's content as a table."""
    rows = _dicts(conn.execute(
        "SELECT id, name, level, region FROM jurisdictions WHERE country = ? "
        "AND level IN ('state', 'province', 'city') ORDER BY level DESC, name", (country.upper(),)))
    for r in rows:
        r["value"] = values.get(r["id"], "")
    return rows


def context(conn: sqlite3.Connection) -> dict[str, Any]:
    def attrs(where: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return _dicts(conn.execute(
            "SELECT a.*, j.name, j.level, j.region FROM attributes a JOIN jurisdictions j ON j.id = a.jurisdiction "
            f"WHERE {where} ORDER BY a.as_of, j.name", args))

    canada = attrs("j.country = 'CA' AND a.attribute IN ('sanctuary_declaration', 'access_without_fear', "
                   "'police_access_without_fear')")
    doj = attrs("a.attribute = 'federal_designation'")
    state_law = Counter(r[0] for r in conn.execute(
        "SELECT value FROM attributes WHERE attribute = 'state_cooperation_law'"))
    law_asof = conn.execute("SELECT max(as_of) FROM attributes WHERE attribute = 'state_cooperation_law'").fetchone()[0]
    agreements = conn.execute("SELECT count(*) FROM attributes WHERE attribute LIKE 'agreement_287g%' "
                              "AND attribute != 'agreement_287g_pending'").fetchone()[0]
    pending = conn.execute("SELECT count(*) FROM attributes WHERE attribute = 'agreement_287g_pending'").fetchone()[0]
    counties_287g = conn.execute("SELECT count(DISTINCT jurisdiction) FROM attributes WHERE attribute = "
                                 "'agreement_287g'").fetchone()[0]
    history = conn.execute("SELECT count(*), min(as_of), max(as_of) FROM attributes "
                           "WHERE attribute = 'detainer_policy_2014'").fetchone()
    federal = attrs("a.jurisdiction = 'us' AND a.attribute LIKE 'federal_funding_threat%'")
    doj_by_level = Counter(r["level"] for r in doj)
    return {"canada": canada, "doj": doj, "doj_by_level": doj_by_level, "state_law": state_law,
            "law_asof": law_asof, "agreements": agreements, "pending": pending, "counties_287g": counties_287g,
            "history": history, "federal": federal, "meta": meta(conn)}


def context_counts(ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """The United States counts of the context page, each with its date and source (English keys)."""
    law, doj, history = ctx["state_law"], ctx["doj"], ctx["history"]
    explorer = N_("287(g) Explorer state table (AI-researched, not yet second-reviewed)")
    return [
        {"what": "states_limiting", "count": law.get("limits_cooperation", 0), "as_of": ctx["law_asof"],
         "source": explorer},
        {"what": "states_requiring", "count": law.get("requires_cooperation", 0), "as_of": ctx["law_asof"],
         "source": explorer},
        {"what": "states_without_law", "count": law.get("no_state_law", 0), "as_of": ctx["law_asof"],
         "source": explorer},
        {"what": "doj_listed", "count": len(doj), "as_of": "2025-08-05", "source": N_("US DOJ under EO 14287"),
         "states": ctx["doj_by_level"].get("state", 0), "counties": ctx["doj_by_level"].get("county", 0),
         "cities": ctx["doj_by_level"].get("city", 0)},
        {"what": "agreements_287g", "count": ctx["agreements"], "as_of": "2025-07-18",
         "source": N_("ICE 287(g) sheet; about 1,300 by 2026, not captured"), "counties": ctx["counties_287g"]},
        {"what": "agreements_287g_pending", "count": ctx["pending"], "as_of": "2025-07-18",
         "source": N_("ICE 287(g) sheet")},
        {"what": "detainer_policies_2014", "count": history[0],
         "as_of": f"{(history[1] or '')[:4]}–{(history[2] or '')[:4]}",
         "source": N_("ICE Declined Detainer Outcome Report table (2017), via the CIS sheet")},
    ]
