"""The declarative form of a statutory report, and its computation over a log roll-up.

A law's module (``sanctuary.reports.laws.*``) describes its report as data: who files, to whom, how often,
by when, which requests are in scope, and every count with the subsection that defines it and how sure we are
of that reading (``primary``: the operative text was read; ``secondary``: a reliable summary; ``unverified``:
neither, kept because an agency will be asked for it and marked so). A count is a :class:`Match` over the
codes in :class:`~sanctuary.reports.rollup.RequestFacts`; nothing here evaluates code from a law file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Literal

from sanctuary.reports.rollup import RequestFacts

Confidence = Literal["primary", "secondary", "unverified"]
PeriodKind = Literal["year", "fiscal_year_july", "half", "quarter", "month"]

# Federal immigration authorities, as the laws define them (DHS and its components).
IMMIGRATION_AUTHORITIES = frozenset({"ice", "cbp", "uscis", "dhs"})
DETAINER_PAPERS = frozenset({"detainer", "admin_warrant"})
COMPLIED = frozenset({"complied", "partially_complied"})


@dataclass(frozen=True)
class Match:
    """A request is counted when every given attribute is one of the listed codes (``None``: any)."""

    instrument: frozenset[str] | None = None
    action: frozenset[str] | None = None
    requester_agency: frozenset[str] | None = None
    agency_kind: frozenset[str] | None = None
    engine_outcome: frozenset[str] | None = None
    final_outcome: frozenset[str] | None = None
    disposition: frozenset[str] | None = None
    receiving_agency: frozenset[str] | None = None
    not_instrument: frozenset[str] | None = None
    not_requester_agency: frozenset[str] | None = None

    def __call__(self, facts: RequestFacts) -> bool:
        for f in fields(self):
            wanted = getattr(self, f.name)
            if wanted is None:
                continue
            if f.name.startswith("not_"):
                if getattr(facts, f.name[4:]) in wanted:
                    return False
            elif getattr(facts, f.name) not in wanted:
                return False
        return True

    def describe(self) -> str:
        parts = []
        for f in fields(self):
            wanted = getattr(self, f.name)
            if wanted is not None:
                op = "not in" if f.name.startswith("not_") else "in"
                parts.append(f"{f.name.removeprefix('not_')} {op} {{{', '.join(sorted(wanted))}}}")
        return "; ".join(parts) or "every request in scope"


@dataclass(frozen=True)
class Count:
    """One number the law asks for."""

    name: str  # the key in the report's "totals"
    label: str  # English; translations in sanctuary.reports.labels
    citation: str  # the subsection that defines it
    confidence: Confidence
    match: Match
    note: str = ""


@dataclass(frozen=True)
class Certification:
    """The statement the law asks for when a count is zero."""

    when_zero: str  # the Count.name that must be zero
    text: str  # English, with {period}
    citation: str
    confidence: Confidence


@dataclass(frozen=True)
class ReportSpec:
    name: str  # the CLI name: sanctuary report NAME
    title: str
    law: str
    citation: str
    jurisdiction: str  # scope: requests whose jurisdiction is this id or below it
    period: PeriodKind
    recipient: str
    deadline: str  # in words, as the law or the recipient sets it
    counts: tuple[Count, ...]
    confidence: Confidence  # of the report as a whole (period, recipient, deadline)
    verified: bool  # False when any count or the duty itself could not be checked in the text
    scope: Match = field(default_factory=Match)  # which requests in the jurisdiction the report covers
    certifications: tuple[Certification, ...] = ()
    public_languages: tuple[str, ...] = ("en", "es", "fr")
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    deadline_days_after_period: int | None = None  # for the collector's "not filed by the deadline" list

    def __post_init__(self) -> None:
        names = [c.name for c in self.counts]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: duplicate count names")
        for cert in self.certifications:
            if cert.when_zero not in names:
                raise ValueError(f"{self.name}: certification refers to unknown count {cert.when_zero!r}")


# -- periods ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    label: str  # 2026, FY2026, 2026-H1, 2026-Q1, 2026-03
    start: date  # inclusive
    end: date  # exclusive

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


_FORMS: dict[str, str] = {
    "year": "YYYY (e.g. 2026)",
    "fiscal_year_july": "FYYYYY, the fiscal year ending 30 June (e.g. FY2026 = July 2025 to June 2026)",
    "half": "YYYY-H1 or YYYY-H2",
    "quarter": "YYYY-Qn (e.g. 2026-Q1)",
    "month": "YYYY-MM (e.g. 2026-03)",
}


def _month_add(day: date, months: int) -> date:
    m = day.month - 1 + months
    return date(day.year + m // 12, m % 12 + 1, 1)


def parse_period(kind: PeriodKind, text: str) -> Period:
    """``text`` as a period of ``kind``; ValueError ``period: ...`` naming the form expected."""
    text = text.strip()
    form = _FORMS[kind]
    patterns = {
        "year": r"(\d{4})",
        "fiscal_year_july": r"FY(\d{4})",
        "half": r"(\d{4})-H([12])",
        "quarter": r"(\d{4})-Q([1-4])",
        "month": r"(\d{4})-(0[1-9]|1[0-2])",
    }
    m = re.fullmatch(patterns[kind], text)
    if m is None:
        raise ValueError(f"period: this report is filed per {kind.replace('_', ' ')}: give {form}, not {text!r}")
    year = int(m.group(1))
    if not 2000 <= year <= 9998:
        raise ValueError(f"period: year {year} is out of range")
    if kind == "year":
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    elif kind == "fiscal_year_july":
        start, end = date(year - 1, 7, 1), date(year, 7, 1)
    elif kind == "half":
        start = date(year, 1 if m.group(2) == "1" else 7, 1)
        end = _month_add(start, 6)
    elif kind == "quarter":
        start = date(year, 3 * (int(m.group(2)) - 1) + 1, 1)
        end = _month_add(start, 3)
    else:
        start = date(year, int(m.group(2)), 1)
        end = _month_add(start, 1)
    return Period(kind, text, start, end)


def period_for_year(kind: PeriodKind, year: int) -> Period:
    """The period of ``kind`` named by a bare ``--year`` (the whole year for annual reports)."""
    label = {"year": str(year), "fiscal_year_july": f"FY{year}"}.get(kind)
    if label is None:
        raise ValueError(f"year: this report is filed per {kind}; use --period {_FORMS[kind]}")
    return parse_period(kind, label)


def current_period(kind: PeriodKind, today: date) -> Period:
    """The period of ``kind`` that contains ``today`` (the default when no period is given: counts to date)."""
    if kind == "year":
        return parse_period(kind, str(today.year))
    if kind == "fiscal_year_july":
        return parse_period(kind, f"FY{today.year + 1 if today.month >= 7 else today.year}")
    if kind == "half":
        return parse_period(kind, f"{today.year}-H{1 if today.month <= 6 else 2}")
    if kind == "quarter":
        return parse_period(kind, f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    return parse_period(kind, f"{today.year}-{today.month:02d}")


def due_date(spec: ReportSpec, period: Period) -> date | None:
    if spec.deadline_days_after_period is None:
        return None
    return period.end + timedelta(days=spec.deadline_days_after_period)


# -- computing --------------------------------------------------------------------------------------------


def in_jurisdiction(facts: RequestFacts, jurisdiction: str) -> bool:
    return facts.jurisdiction == jurisdiction or facts.jurisdiction.startswith(jurisdiction + "/")


@dataclass(frozen=True)
class Computed:
    spec: ReportSpec
    period: Period
    jurisdiction: str
    totals: dict[str, int]
    certifications: tuple[str, ...]  # texts that apply (their count is zero)


def compute(
    spec: ReportSpec, requests: tuple[RequestFacts, ...], period: Period, jurisdiction: str | None = None
) -> Computed:
    """The report's counts over ``requests`` received in ``period`` in ``jurisdiction`` (default: the law's)."""
    where = jurisdiction or spec.jurisdiction
    if not in_jurisdiction(RequestFacts(0, period.start, jurisdiction=where), spec.jurisdiction):
        raise ValueError(f"jurisdiction: {spec.citation} applies to {spec.jurisdiction} and below, not {where!r}")
    chosen = [
        r for r in requests if period.contains(r.received_on) and in_jurisdiction(r, where) and spec.scope(r)
    ]
    totals = {count.name: sum(1 for r in chosen if count.match(r)) for count in spec.counts}
    certs = tuple(
        c.text.format(period=period.label) for c in spec.certifications if totals[c.when_zero] == 0
    )
    return Computed(spec, period, where, totals, certs)


def first_difference(claimed: Mapping[str, object], recomputed: Mapping[str, int]) -> str | None:
    """The first count (in the report's own order) whose claimed value differs, as a sentence."""
    for name, value in recomputed.items():
        if name not in claimed:
            return f"totals.{name}: missing from the report (the log gives {value})"
        got = claimed[name]
        if isinstance(got, bool) or not isinstance(got, int) or got != value:
            return f"totals.{name}: the report says {got!r}, the log gives {value}"
    extra = [k for k in claimed if k not in recomputed]
    if extra:
        return f"totals.{extra[0]}: not a count of this report"
    return None
