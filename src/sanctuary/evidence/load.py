"""Read the vendored outcome files into plain rows (no pandas here: the CLI imports this quickly).

* ``table10`` parses the FBI's Table 10 copies: the state and metropolitan/nonmetropolitan header on the first
  row of each group, footnote digits glued to agency names, thousands separators, and the extra rape column
  from 2013 (revised definition, then legacy).
* ``state_estimates`` reads the FBI state estimates, dropping the copier's ``Total crimes`` column.
* ``npr_declined`` reads NPR's facility-years of detainers declined (its header repeats two columns).
* ``populations`` reads the county population estimates 2010-2019.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sanctuary.evidence.sources import DATA_DIR, TABLE10_YEARS

OFFENCES = ("violent", "murder", "rape", "robbery", "aggravated_assault", "property", "burglary", "larceny",
            "motor_vehicle_theft", "arson")
_HEADER = re.compile(r"^\s*([A-Z][A-Z .]*?)\s*(?:-|\ue83a|\s)?\s*(Metropolitan|Nonmetropolitan)\s+Count(?:y|ies)",
                     re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(.*?[^\d\s,])\s*(\d+(?:\s*,\s*\d+)*)\s*$")


class DataError(ValueError):
    """A vendored file does not have the layout this module expects; the message names the file and line."""


@dataclass
class AgencyRow:
    year: int
    state: str  # upper-case state name as the FBI prints it
    metro: str  # "metropolitan" or "nonmetropolitan"
    raw_name: str
    name: str  # footnote digits and spaces removed
    footnotes: tuple[int, ...]
    line: int
    counts: dict[str, int | None] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Both published totals present (the FBI leaves a figure out when it is not complete or compliant)."""
        return self.counts.get("violent") is not None and self.counts.get("property") is not None


def _number(text: str, where: str) -> int | None:
    t = text.strip().replace(",", "").replace(" ", "")
    if not t:
        return None
    if not t.isdigit():
        raise DataError(f"{where}: {text!r} is not a count")
    return int(t)


def split_footnotes(name: str) -> tuple[str, tuple[int, ...]]:
    """'Alameda4' -> ('Alameda', (4,)); 'Tulare4, 5' -> ('Tulare', (4, 5)); 'Pinal2   ' -> ('Pinal', (2,))."""
    clean = " ".join(name.split())
    m = _FOOTNOTE.match(clean)
    if not m:
        return clean, ()
    return m.group(1).strip(), tuple(int(d) for d in re.split(r"\s*,\s*", m.group(2)))


def parse_table10(path: Path, year: int) -> Iterator[AgencyRow]:
    state = metro = ""
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.reader(fh), start=1):
            if not row or not any(c.strip() for c in row):
                continue
            where = f"{path.name}:{line}"
            if row[0].strip():
                m = _HEADER.match(row[0])
                if not m:
                    raise DataError(f"{where}: {row[0]!r} is not a 'STATE - Metropolitan Counties' header")
                state, metro = " ".join(m.group(1).split()).upper(), m.group(2).lower()
            if not state:
                raise DataError(f"{where}: agency row before any state header")
            if len(row) < 2 or not row[1].strip():
                raise DataError(f"{where}: no agency name")
            name, notes = split_footnotes(row[1])
            cells = row[2:]
            if year >= 2013:  # rape: revised definition, then legacy; keep whichever the agency reported
                revised = _number(cells[2], where) if len(cells) > 2 else None
                legacy = _number(cells[3], where) if len(cells) > 3 else None
                cells = [*cells[:2], "" if revised is None and legacy is None else str(
                    revised if revised is not None else legacy), *cells[4:]]
            counts = {k: (_number(cells[i], where) if i < len(cells) else None) for i, k in enumerate(OFFENCES)}
            yield AgencyRow(year, state, metro, row[1], name, notes, line, counts)


def table10(data_dir: Path = DATA_DIR) -> list[AgencyRow]:
    rows: list[AgencyRow] = []
    for year in TABLE10_YEARS:
        rows.extend(parse_table10(data_dir / "fbi-table10" / f"{year}.csv", year))
    return rows


STATE_COLUMNS = ("year", "state_abbr", "state_name", "population", "violent_crime", "homicide", "rape_legacy",
                 "rape_revised", "robbery", "aggravated_assault", "property_crime", "burglary", "larceny",
                 "motor_vehicle_theft")


def state_estimates(data_dir: Path = DATA_DIR) -> list[dict[str, str | int | None]]:
    path = data_dir / "fbi-states" / "estimated_crimes_1979_2022.csv"
    out: list[dict[str, str | int | None]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in STATE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path.name}: missing columns {missing}")
        for line, r in enumerate(reader, start=2):
            if not r["state_abbr"].strip():
                continue  # the national row
            row: dict[str, str | int | None] = {"state": r["state_abbr"].strip(), "state_name": r["state_name"]}
            for c in STATE_COLUMNS:
                if c in ("state_abbr", "state_name"):
                    continue
                row[c] = _number(r[c], f"{path.name}:{line}:{c}")
            out.append(row)
    return out


def npr_declined(data_dir: Path = DATA_DIR) -> list[dict[str, str | int]]:
    path = data_dir / "npr-detainers" / "declined_vs_everythingelse.csv"
    out: list[dict[str, str | int]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header[:5] != ["year", "det_facility", "city", "state", "count"]:
            raise DataError(f"{path.name}:1: unexpected header {header[:5]}")
        for line, r in enumerate(reader, start=2):
            if not r or not r[0].strip():
                continue
            count = _number(r[4], f"{path.name}:{line}")
            out.append({"year": int(r[0]), "facility": " ".join(r[1].split()), "city": r[2].strip(),
                        "state": r[3].strip().upper(), "declined": count or 0})
    return out


def populations(data_dir: Path = DATA_DIR) -> list[dict[str, str | int]]:
    path = data_dir / "census" / "us_county_population_2010_2019.csv"
    out: list[dict[str, str | int]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            for y in range(2010, 2020):
                out.append({"fips": r["county_fips"], "year": y, "population": int(r[f"pop_{y}"])})
    return out


def county_names(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str]]:
    """(fips, state name, county name) for every county (Census 2019 vintage)."""
    path = data_dir / "census" / "us_county_population_2010_2019.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["county_fips"], r["state_name"], r["county_name"]) for r in csv.DictReader(fh)]
