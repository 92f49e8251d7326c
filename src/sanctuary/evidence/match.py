"""County agency -> county FIPS, with a data-quality report (our own normaliser; addfips is GPL and not used).

An FBI Table 10 row names a sheriff's office or county police department by its county ("Autauga",
"De Kalb", "Baltimore County Police Department", "Hawaii Police Department") under a state header. We match
the name to the Census county names of that state after normalising both (case, accents, "St."/"Saint",
spaces, the words County/Parish/Borough/Police Department/Sheriff). Independent cities (Virginia's
"Richmond city") are candidates only when no county of that name exists. Every row that does not match is kept
in the report with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from sanctuary.evidence.load import AgencyRow

_DROP_WORDS = re.compile(
    r"\b(county|parish|borough|census area|city and borough|municipality|police|department|dept|sheriff'?s?|"
    r"office|public safety|metropolitan|unified|bureau of|consolidated|government)\b")
# Names the FBI prints that normalising alone cannot reach: (state, normalised FBI name) -> normalised Census name.
# Each is a consolidated government's name or a misspelling in the FBI's tables, checked against the Census list.
ALIASES: dict[tuple[str, str], str] = {
    ("GEORGIA", "augustarichmond"): "richmond",  # Augusta-Richmond County consolidated government (13245)
    ("TENNESSEE", "hartsvilletrousdale"): "trousdale",  # Hartsville/Trousdale County (47169)
    ("INDIANA", "bartholemew"): "bartholomew",  # misspelt (18005)
    ("NEW YORK", "duchess"): "dutchess",  # misspelt (36027)
    ("NEVADA", "story"): "storey",  # misspelt (32029)
    ("MARYLAND", "allegheny"): "allegany",  # Allegany County Bureau of Police, misspelt once (24001)
    ("SOUTH DAKOTA", "shannon"): "oglalalakota",  # renamed in 2015; FIPS 46113 became 46102
}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("’", "'")
    text = re.sub(r"\bst\.?\s", "saint ", text)
    text = re.sub(r"\bste\.?\s", "sainte ", text)
    text = _DROP_WORDS.sub(" ", text)
    return re.sub(r"[^a-z]", "", text)


@dataclass
class CountyIndex:
    """{(STATE NAME, normalised name): fips}, counties first, independent cities as a fallback."""

    counties: dict[tuple[str, str], str] = field(default_factory=dict)
    cities: dict[tuple[str, str], str] = field(default_factory=dict)
    states: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, names: list[tuple[str, str, str]]) -> CountyIndex:
        idx = cls()
        for fips, state, county in names:
            st = state.upper()
            idx.states.add(st)
            target = idx.cities if county.lower().endswith(" city") and st != "NEVADA" else idx.counties
            target[(st, normalise(county.removesuffix(" city")))] = fips
        return idx

    def find(self, state: str, name: str) -> tuple[str | None, str]:
        """(fips, how) or (None, reason)."""
        if state not in self.states:
            return None, "state not in the Census county list"
        key = normalise(name)
        if not key:
            return None, "empty name after normalising"
        aliased = ALIASES.get((state, key))
        if aliased is not None and (state, aliased) in self.counties:
            return self.counties[(state, aliased)], "alias (FBI spelling or consolidated name)"
        if (state, key) in self.counties:
            return self.counties[(state, key)], "county name"
        if (state, key) in self.cities:
            return self.cities[(state, key)], "independent city"
        return None, "no county of that name in the state"


@dataclass
class MatchedRow:
    row: AgencyRow
    fips: str | None
    how: str


@dataclass
class QualityReport:
    rows: int
    matched: int
    unmatched: list[MatchedRow]
    by_how: Counter[str]
    footnoted: int
    incomplete: int
    duplicates: int
    by_year: dict[int, tuple[int, int]]  # year -> (rows, matched)

    def items(self) -> list[tuple[str, int, str]]:
        """(item, count, explanation) lines of the data-quality table."""
        out = [("rows read", self.rows, "agency-year rows in FBI Table 10, 2006-2016"),
               ("matched to a county", self.matched, "name matched a Census county (or independent city) of the "
                                                     "state")]
        out += [(f"matched by {h}", n, "") for h, n in sorted(self.by_how.items())]
        reasons = Counter(m.how for m in self.unmatched)
        out += [(f"unmatched: {r}", n, "kept out of the analyses; listed in the unmatched table")
                for r, n in sorted(reasons.items())]
        out.append(("footnoted rows", self.footnoted, "a footnote mark was glued to the name; the figures the FBI "
                    "printed are kept, a figure it left out stays missing (never zero)"))
        out.append(("rows without both totals", self.incomplete, "violent or property total left blank by the FBI "
                    "(not 12 months complete or not compliant): out of that outcome for that year"))
        out += [(f"year {y}: rows / matched", n, f"{m} matched") for y, (n, m) in self.by_year.items()]
        out.append(("duplicate agency-years", self.duplicates, "same state, county and agency twice in one year: "
                    "the first is kept"))
        return out


def match_rows(rows: list[AgencyRow], index: CountyIndex) -> tuple[list[MatchedRow], QualityReport]:
    out: list[MatchedRow] = []
    by_how: Counter[str] = Counter()
    unmatched: list[MatchedRow] = []
    seen: set[tuple[int, str, str]] = set()
    duplicates = 0
    by_year: dict[int, list[int]] = {}
    for r in rows:
        fips, how = index.find(r.state, r.name)
        m = MatchedRow(r, fips, how)
        counts = by_year.setdefault(r.year, [0, 0])
        counts[0] += 1
        if fips is None:
            unmatched.append(m)
            continue
        key = (r.year, fips, normalise(r.name) + ("pd" if "police" in r.name.lower() else ""))
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        counts[1] += 1
        by_how[how] += 1
        out.append(m)
    report = QualityReport(len(rows), len(out), unmatched, by_how, sum(1 for r in rows if r.footnotes),
                           sum(1 for r in rows if not r.complete), duplicates,
                           {y: (a, b) for y, (a, b) in sorted(by_year.items())})
    return out, report
