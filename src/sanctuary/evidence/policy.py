"""Policy adoption dates, read from the atlas database (never re-typed here).

* County detainer policies: the atlas' ``detainer_policy_2014`` attributes (ICE's 2014-2015 table of
  jurisdictions limiting detainers), joined to county FIPS. The one statewide row, "All county jails in
  Colorado will not honor ICE detainer", is applied to every Colorado county. City rows are not county
  agencies and are left out of the county design (listed as such).
* State laws: the rule library's encoded rules in the atlas ``rules`` table; a state's limiting law is its
  earliest ``forbid`` rule (for example the TRUST Act of 2014 and the Values Act, SB 54, of 2018 in California).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Adoption:
    fips: str
    jurisdiction: str
    enacted: str  # ISO date, to the month
    policy: str
    how: str  # "county row" or "statewide row (Colorado)"

    @property
    def year(self) -> int:
        return int(self.enacted[:4])


@dataclass(frozen=True)
class StateLaw:
    state: str  # postal code
    state_fips: str
    instrument: str
    effective: str


def county_adoptions(conn: sqlite3.Connection) -> tuple[list[Adoption], list[tuple[str, str]]]:
    """(adoptions by county, [(jurisdiction, reason)] rows not used)."""
    rows = conn.execute(
        "SELECT a.jurisdiction, j.fips, j.level, a.as_of, a.instrument FROM attributes a JOIN jurisdictions j "
        "ON j.id = a.jurisdiction WHERE a.attribute = 'detainer_policy_2014' ORDER BY a.jurisdiction").fetchall()
    counties = {str(f): str(i) for i, f in conn.execute(
        "SELECT id, fips FROM jurisdictions WHERE level = 'county' AND fips IS NOT NULL")}
    out: dict[str, Adoption] = {}
    skipped: list[tuple[str, str]] = []
    for jid, fips, level, as_of, instrument in rows:
        if level == "county" and fips:
            prev = out.get(fips)
            if prev is None or as_of < prev.enacted:
                out[fips] = Adoption(fips, jid, as_of, instrument, "county row")
        elif level == "state" and jid == "us/co":
            for cf, cid in counties.items():
                if cf.startswith(str(fips)) and cf not in out:
                    out[cf] = Adoption(cf, cid, as_of, instrument, "statewide row (Colorado)")
        else:
            skipped.append((jid, f"{level} row: not a county sheriff or county police agency"))
    return sorted(out.values(), key=lambda a: a.fips), skipped


def state_laws(conn: sqlite3.Connection) -> list[StateLaw]:
    """Each US state's earliest encoded rule limiting cooperation (effect ``forbid``)."""
    rows = conn.execute(
        "SELECT r.jurisdiction, j.fips, r.instrument, MIN(r.effective_from) FROM rules r JOIN jurisdictions j "
        "ON j.id = r.jurisdiction WHERE r.effect = 'forbid' AND r.jurisdiction LIKE 'us/%' AND "
        "r.jurisdiction NOT LIKE 'us/%/%' AND r.effective_from != '' GROUP BY r.jurisdiction ORDER BY 1").fetchall()
    return [StateLaw(str(j).split("/")[1].upper(), str(f), str(i), str(e)) for j, f, i, e in rows]


def instrument_date(conn: sqlite3.Connection, state: str, needle: str) -> tuple[str, str] | None:
    """(instrument, effective date) of the first rule of ``us/<state>`` whose instrument names ``needle``."""
    row = conn.execute(
        "SELECT instrument, MIN(effective_from) FROM rules WHERE jurisdiction = ? AND instrument LIKE ? AND "
        "effective_from != ''", (f"us/{state.lower()}", f"%{needle}%")).fetchone()
    if row is None or row[0] is None:
        return None
    return str(row[0]), str(row[1])
