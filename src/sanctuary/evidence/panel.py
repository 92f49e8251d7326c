"""The analysis panels (pandas is imported here, never at CLI start-up).

County design: one row per county agency and year (sheriff's office or county police, 2006-2016), its county
FIPS, the county's adoption year (ICE list) and the outcome columns. Units are agencies, fixed effects are
agency and year, errors are clustered by county. The treated group is the counties on ICE's list; the main
control group is every county never on it outside states whose own law limited cooperation during the panel
(California's TRUST Act, Connecticut's, Rhode Island's policy, DC: partly treated, so neither group); the
second control group is the never-listed counties that border a listed one.

State design: one row per state and year, 1979-2022, with rates per 100,000 residents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from sanctuary.evidence.match import MatchedRow, normalise
from sanctuary.evidence.policy import Adoption, StateLaw

PANEL_YEARS = (2006, 2016)
NEVER = 0  # cohort of never-treated units


def county_frame(matched: Iterable[MatchedRow], adoptions: list[Adoption], laws: list[StateLaw],
                 populations: dict[tuple[str, int], int], neighbours: dict[str, set[str]]) -> Any:
    import pandas as pd

    cohort = {a.fips: a.year for a in adoptions}
    law_states = {law.state_fips for law in laws if PANEL_YEARS[0] <= int(law.effective[:4]) <= PANEL_YEARS[1]}
    treated = set(cohort)
    border = {n for f in treated for n in neighbours.get(f, set())} - treated
    records = []
    for m in matched:
        r = m.row
        if m.fips is None:
            continue
        pd_flag = "police" in r.name.lower()
        unit = f"{m.fips}:{normalise(r.name)}{':pd' if pd_flag else ''}"
        g = cohort.get(m.fips, NEVER)
        c = r.counts
        total = None if c.get("violent") is None or c.get("property") is None else \
            int(c["violent"] or 0) + int(c["property"] or 0)
        records.append({
            "unit": unit, "fips": m.fips, "state_fips": m.fips[:2], "year": r.year, "g": g,
            "treat": int(g != NEVER and r.year >= g), "violent": c.get("violent"), "property": c.get("property"),
            "total": total, "footnoted": int(bool(r.footnotes)), "population": populations.get((m.fips, r.year)),
            "law_state": int(m.fips[:2] in law_states and m.fips not in treated),
            "border": int(m.fips in border)})
    df = pd.DataFrame.from_records(records)
    for col in ("violent", "property", "total"):
        df[col] = pd.to_numeric(df[col], errors="coerce")
        df[f"log_{col}"] = df[col].map(lambda v: math.log1p(v) if v == v and v is not None else float("nan"))
    df["violent_rate"] = df["violent"] / df["population"] * 100_000
    df["rel"] = (df["year"] - df["g"]).where(df["g"] != NEVER, -1000)
    return df


def sample(df: Any, controls: str) -> Any:
    """The analysis sample: treated units plus ``controls`` ("all" never-listed outside law states, "border")."""
    treated = df["g"] != NEVER
    if controls == "border":
        keep = treated | ((df["border"] == 1) & (df["law_state"] == 0))
    else:
        keep = treated | (df["law_state"] == 0)
    return df[keep].copy()


def state_frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    df = pd.DataFrame.from_records(rows)
    df["violent_rate"] = df["violent_crime"] / df["population"] * 100_000
    df["property_rate"] = df["property_crime"] / df["population"] * 100_000
    df["log_violent_rate"] = df["violent_rate"].map(math.log)
    df["log_property_rate"] = df["property_rate"].map(math.log)
    return df
