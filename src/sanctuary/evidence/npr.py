"""Checking the atlas' adoption dates against NPR's facility-years of detainers declined by local agencies.

A jail is matched to a county when its free-text name holds "<name> COUNTY" (or "CO.", "CNTY", "PARISH") and
the name is a county of its state. For each county on ICE's list we ask: did its jails decline detainers, and
from when? NPR's years are ICE fiscal years as exported (October to September), so a policy dated July-September
2014 may show in "2014" or "2015"; we count a first decline within one year either side of the listed year as
consistent.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sanctuary.evidence.match import CountyIndex
from sanctuary.evidence.policy import Adoption

_COUNTY = re.compile(r"^(.*?)\s+(?:COUNTY|CO\.|CO|CNTY|CTY|PARISH)\b")


def facility_county(index: CountyIndex, facility: str, state: str) -> str | None:
    m = _COUNTY.match(facility.upper())
    if not m:
        return None
    fips, _how = index.find(state, m.group(1))
    return fips


@dataclass(frozen=True)
class Check:
    fips: str
    jurisdiction: str
    listed_year: int
    first_decline_year: int | None
    declined_total: int
    verdict: str  # "consistent", "earlier", "later", "no declines recorded"


def check(rows: list[dict[str, Any]], adoptions: list[Adoption], index: CountyIndex
          ) -> tuple[list[Check], dict[str, int]]:
    by_county: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    matched = unmatched = 0
    for r in rows:
        fips = facility_county(index, str(r["facility"]), str(r["state"]))
        if fips is None:
            unmatched += 1
            continue
        matched += 1
        by_county[fips][int(r["year"])] += int(r["declined"])
    out: list[Check] = []
    for a in adoptions:
        if a.how != "county row":
            continue  # the Colorado statewide row is not a per-county date to check
        years = {y: n for y, n in by_county.get(a.fips, {}).items() if n > 0}
        first = min(years) if years else None
        if first is None:
            verdict = "no declines recorded"
        elif abs(first - a.year) <= 1:
            verdict = "consistent"
        else:
            verdict = "earlier" if first < a.year else "later"
        out.append(Check(a.fips, a.jurisdiction, a.year, first, sum(years.values()), verdict))
    listed = {a.fips for a in adoptions}
    unlisted = sum(1 for f, ys in by_county.items() if f not in listed and sum(ys.values()) > 0)
    summary = {"facility_years": len(rows), "facility_years_matched": matched, "facility_years_unmatched": unmatched,
               "unlisted_counties_declining": unlisted}
    return out, summary
