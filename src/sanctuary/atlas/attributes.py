"""Policy attributes: long-format rows (jurisdiction, attribute, value, instrument, as_of, source, confidence).

One fact per row, never blended across sources. ``confidence`` is ``high``, ``medium`` or ``low``: how far the
row can be trusted as a statement of the policy it names, given its source.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from sanctuary.atlas import ids
from sanctuary.atlas.geography import Jurisdiction
from sanctuary.atlas.sources import BY_ID, DATA_DIR

ICE_SHEET_AS_OF = "2025-07-18"
DOJ_AS_OF = "2025-08-05"
STANCE = {"pro": "requires_cooperation", "anti": "limits_cooperation", "none": "no_state_law"}
MODELS = {"Task Force Model": "task_force", "Warrant Service Officer": "warrant_service_officer",
          "Jail Enforcement Model": "jail_enforcement"}


@dataclass(frozen=True)
class Attribute:
    jurisdiction: str
    attribute: str
    value: str
    instrument: str
    as_of: str
    source_id: str
    source: str
    confidence: str
    detail: str = ""
    history: bool = False

    def row(self) -> dict[str, Any]:
        d = asdict(self)
        d["history"] = int(self.history)
        return d


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def state_law() -> list[Attribute]:
    rows = json.loads((DATA_DIR / "policy/legislation_stance.json").read_text(encoding="utf-8"))
    out: list[Attribute] = []
    for r in rows:
        note = r.get("review_note") or ""
        detail = r.get("description") or ""
        if note:
            detail = f"{detail} Review note: {note}"
        out.append(Attribute(
            ids.state_id(r["state"]), "state_cooperation_law", STANCE[r["stance"]], r.get("common_name") or "none",
            str(r["verified_date"]), "287g-watch", r.get("source_url") or BY_ID["287g-watch"].url,
            "low" if note else "medium", detail))
    return out


def doj_list(places: dict[tuple[str, str], str]) -> list[Attribute]:
    out: list[Attribute] = []
    url = BY_ID["doj-2025"].url
    for r in _csv("policy/doj_sanctuary_jurisdictions_2025-08-05.csv"):
        kind, st = r["jurisdiction_type"], r["state_abbr"]
        if kind == "state":
            jid = ids.state_id(st)
        elif kind == "county":
            jid = places[("fips", r["county_fips"])]
        else:
            name = r["name_as_listed"].rsplit(",", 1)[0].removesuffix(" City").strip()
            jid = places.get(("city", f"{st}:{ids.slug(name)}")) or places[("city", f"{st}:{ids.slug(name + ' city')}")]
        out.append(Attribute(jid, "federal_designation", "doj_listed_2025_08_05",
                             "DOJ list of sanctuary jurisdictions under EO 14287", DOJ_AS_OF, "doj-2025", url, "high",
                             f"Listed as {r['name_as_listed']!r}. A federal designation, not a measure of policy."))
    return out


_POLICE = re.compile(r"\s+(Police Department|Police Services Department|Department of Public Safety|Public Safety)$")


def municipality_name(agency: str) -> str | None:
    """'Cape Coral Police Department' -> 'Cape Coral'; None for constables and state bodies."""
    m = _POLICE.search(agency.strip())
    return agency.strip()[:m.start()] if m else None


def _county_key(name: str) -> str:
    n = name.lower().replace("saint ", "st. ").replace("ste. ", "ste. ")
    return re.sub(r"\s+", " ", n).strip()


class CountyMatcher:
    def __init__(self, jurisdictions: list[Jurisdiction]) -> None:
        self.by_state: dict[str, dict[str, str]] = {}
        for j in jurisdictions:
            if j.level == "county":
                self.by_state.setdefault(j.region, {})[_county_key(j.name)] = j.id

    def match(self, postal: str, name: str) -> str | None:
        names = self.by_state.get(postal, {})
        key = _county_key(name)
        for cand in (key, f"{key} county", f"{key} parish", key.replace(" county", " parish"),
                     key.replace(" county", " city")):
            if cand in names:
                return names[cand]
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.85)
        return names[close[0]] if close else None


def ice_287g(jurisdictions: list[Jurisdiction]) -> list[Attribute]:
    postal = {j.name.upper(): j.region for j in jurisdictions if j.level == "state"}
    matcher = CountyMatcher(jurisdictions)
    cities = {(j.region, ids.slug(j.name)): j.id for j in jurisdictions if j.level == "city" and j.country == "US"}
    out: list[Attribute] = []
    for fname, pending in (("policy/ice_287g_participating_agencies_2025-07-18pm.csv", False),
                           ("policy/ice_287g_pending_agencies_2025-07-18pm.csv", True)):
        for r in _csv(fname):
            st = postal[r["state"].strip().upper()]
            agency, kind = r["law_enforcement_agency"].strip(), r["type"].strip()
            county = matcher.match(st, r["county"]) if r["county"].strip() not in ("", "#N/A") else None
            model = MODELS.get(r["support_type"].strip(), ids.slug(r["support_type"]).replace("-", "_"))
            town = municipality_name(agency) if kind == "Municipality" else None
            city = cities.get((st, ids.slug(town))) if town else None
            if kind == "County" and county:
                jid, attr = county, "agreement_287g"
            elif city:
                jid, attr = city, "agreement_287g"
            elif kind == "Municipality" and county:
                jid, attr = county, "agreement_287g_local_agency"
            elif kind == "Municipality":
                jid, attr = ids.state_id(st), "agreement_287g_local_agency"
            elif kind == "County":
                jid, attr = ids.state_id(st), "agreement_287g_county_unmatched"
            else:
                jid, attr = ids.state_id(st), "agreement_287g_state_agency"
            if pending:
                attr = "agreement_287g_pending"
            signed = r.get("signed", "")
            instrument = f"287(g) MOA: {agency}" + (f", signed {signed}" if signed else "")
            detail = f"{agency} ({kind}; county as printed by ICE: {r['county'].strip() or 'n/a'})"
            out.append(Attribute(jid, attr, model, instrument, ICE_SHEET_AS_OF, "ice-287g-2025",
                                 r.get("moa_url") or BY_ID["ice-287g-2025"].url, "high", detail))
    return out


def ddor_history() -> list[Attribute]:
    return [Attribute(r["jurisdiction"], "detainer_policy_2014", "limits_detainers", r["policy"], r["enacted"],
                      "ice-ddor-2017", BY_ID["ice-ddor-2017"].url, "medium",
                      f"{r['criteria']} (listed as {r['location_as_listed']!r}; date to the month)", True)
            for r in _csv("policy/ice_ddor_detainer_policies_2014.csv")]


def curated() -> list[Attribute]:
    return [Attribute(r["jurisdiction"], r["attribute"], r["value"], r["instrument"], r["as_of"],
                      "sanctuary-curated", r["source"], r["confidence"], r["detail"])
            for r in _csv("policy/curated_policies.csv")]


def load(jurisdictions: list[Jurisdiction]) -> list[Attribute]:
    places: dict[tuple[str, str], str] = {}
    for j in jurisdictions:
        if j.level == "county":
            places[("fips", j.fips)] = j.id
        if j.level in ("city", "county") and j.country == "US":
            places[("city", f"{j.region}:{ids.slug(j.name)}")] = j.id
    return state_law() + doj_list(places) + ice_287g(jurisdictions) + ddor_history() + curated()
