"""``sanctuary evidence build``: load the outcome data into the atlas database and run every analysis.

Deterministic: no clock, no network, sorted inputs; the same repository gives the same numbers.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctuary.atlas import geography
from sanctuary.atlas import store as atlas_store
from sanctuary.atlas.store import insert
from sanctuary.evidence import adjacency, guardrails, load, match, npr, panel, policy, store
from sanctuary.evidence.compare import compare
from sanctuary.evidence.results import Estimate
from sanctuary.evidence.sources import SOURCES

STEPS = ("load", "match", "county TWFE and event studies", "heterogeneity-robust (did2s)", "bordering counties",
         "SB 54 synthetic control", "NPR check", "write")
Progress = Callable[[str], None]
COMMAND = "sanctuary evidence build"
SB54_FIRST, SB54_LAST = 1990, 2019  # 2020-2022 left out: pandemic; the FBI's NIBRS switch (2021)
SHERIFF = "Outcome: offences known to sheriffs' offices and county police (unincorporated areas), not whole counties."
Q_CRIME = "Did county detainer policies (ICE's 2014 list) change recorded crime?"
Q_SB54 = "Did California's Values Act (SB 54, 2018) change recorded crime in California?"
Q_DEPORT = "Did sanctuary policies reduce deportations?"
Q_DATES = "Did the listed jails start declining ICE detainers around the listed dates?"
OUTCOMES = {"log_total": "log(1 + violent + property offences)", "log_violent": "log(1 + violent offences)",
            "log_property": "log(1 + property offences)",
            "violent_rate": "violent offences per 100,000 county residents (2010-2016)"}


@dataclass
class BuildResult:
    path: Path
    estimates: list[Estimate]
    quality: match.QualityReport


def _ci(fit: Any) -> tuple[float, float]:
    return float(fit.ci[0]), float(fit.ci[1])


def _cmp_crime(outcome: str, ci: tuple[float, float], border: bool) -> list[Any]:
    differs = SHERIFF if outcome != "violent_rate" else (
        SHERIFF + " Rates use whole-county population, so they understate sheriff-area rates.")
    out = []
    if outcome in ("log_total", "log_violent", "log_property"):
        out.append(compare("hausman-crime", ci, differs + " Hausman: 2010-15, 140 adopting counties."))
    if outcome == "log_total":
        out.append(compare("arellano-bover-biasi-total", ci, differs + (
            " Same comparison group design (bordering counties)." if border else
            " Their controls: 251 bordering counties (our second control group).")))
    if outcome == "log_violent":
        out.append(compare("arellano-bover-biasi-violent", ci, differs))
    if outcome == "violent_rate":
        out.append(compare("manning-burkhardt", ci, differs + " Theirs: 2014 adopters, 2010-16."))
    return out


def _county_estimates(df: Any, controls: str, robust: bool, tick: Progress | None = None) -> list[Estimate]:
    from sanctuary.evidence import estimators as est

    out: list[Estimate] = []
    data = panel.sample(df, controls)
    tag = "border" if controls == "border" else "all"
    label = "bordering never-listed counties" if controls == "border" else "all never-listed counties"
    for outcome in OUTCOMES:
        rows = data if outcome != "violent_rate" else data[(data["year"] >= 2010)]
        if robust:
            if outcome == "violent_rate":
                continue
            fit, es = est.did2s(rows, outcome)
            estimator = f"Gardner two-stage DiD (did2s), controls: {label}"
            eid = f"county-{tag}-did2s-{outcome}"
        else:
            fit = est.twfe(rows, outcome)
            es = est.event_study(rows, outcome)
            estimator = f"two-way fixed effects, controls: {label}"
            eid = f"county-{tag}-twfe-{outcome}"
        flags = guardrails.treated_flags(fit.treated_clusters, regression=True) + guardrails.pre_trend_flags(es.pre_p)
        out.append(Estimate(
            eid, Q_CRIME, OUTCOMES[outcome], estimator, fit.estimate, _ci(fit), fit.p, fit.treated_clusters,
            int(rows[rows["g"] == 0]["fips"].nunique()), fit.n_obs, es.pre_p, flags,
            _cmp_crime(outcome, _ci(fit), controls == "border"), COMMAND,
            f"{fit.treated_units} treated agencies in {fit.treated_clusters} counties; errors clustered by county. "
            + SHERIFF, es.points))
    return out


def _footnote_sensitivity(df: Any) -> Estimate:
    """The main log-total TWFE again without any agency-year the FBI footnoted (the texts are not in our copy)."""
    from sanctuary.evidence import estimators as est

    rows = panel.sample(df, "all")
    rows = rows[rows["footnoted"] == 0]
    fit = est.twfe(rows, "log_total")
    es = est.event_study(rows, "log_total")
    flags = guardrails.treated_flags(fit.treated_clusters, regression=True) + guardrails.pre_trend_flags(es.pre_p)
    return Estimate(
        "county-all-twfe-log_total-unfootnoted", Q_CRIME, OUTCOMES["log_total"],
        "two-way fixed effects, controls: all never-listed counties (footnoted rows left out)", fit.estimate,
        _ci(fit), fit.p, fit.treated_clusters, int(rows[rows["g"] == 0]["fips"].nunique()), fit.n_obs, es.pre_p,
        flags, _cmp_crime("log_total", _ci(fit), False), COMMAND,
        "Sensitivity: the FBI footnotes agency rows whose figures are incomplete or not comparable; our copy "
        "keeps the marks, not the texts, so every footnoted agency-year is dropped here. " + SHERIFF)


def _gap_in(r: Any, year: int) -> float:
    i = r.years.index(year)
    return float(r.treated_path[i] - r.synthetic_path[i])


def _sb54(conn: sqlite3.Connection, sdf: Any, laws: list[policy.StateLaw]
          ) -> tuple[list[Estimate], list[dict[str, Any]]]:
    from sanctuary.evidence import estimators as est

    found = policy.instrument_date(conn, "ca", "SB 54")
    if found is None:
        raise ValueError("rule library: no California rule cites SB 54; cannot date the synthetic control")
    instrument, effective = found
    start = int(effective[:4])
    excluded = {law.state for law in laws if 2012 <= int(law.effective[:4]) <= SB54_LAST}
    donors = sorted(set(sdf["state"]) - excluded - {"CA"})
    out: list[Estimate] = []
    series: list[dict[str, Any]] = []
    for outcome, label in (("log_violent_rate", "log violent crimes per 100,000 (state)"),
                           ("log_property_rate", "log property crimes per 100,000 (state)")):
        r = est.synth(sdf, outcome, "state", "CA", donors, start, SB54_FIRST, SB54_LAST)
        eid = f"ca-sb54-synth-{outcome}"
        flags = guardrails.treated_flags(1, regression=False) + guardrails.fit_flags(r.pre_rmspe)
        weights = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r.weights.items(), key=lambda kv: -kv[1]))
        out.append(Estimate(
            eid, Q_SB54, label, "synthetic control, placebo-in-space inference", r.estimate, r.ci, r.p, 1,
            r.donors, len(r.years) * (r.donors + 1), None, flags,
            [compare("kubrin-bartos", r.ci, f"Theirs: 1970-2018; ours: {SB54_FIRST}-{SB54_LAST}, FBI estimates.")],
            COMMAND, f"{instrument} in force {effective} (rule library). Donors: states without a limiting state "
            f"law 2012-{SB54_LAST} ({r.donors}); weights: {weights}. "
            f"Pre-period RMSPE {r.pre_rmspe:.3f} log points. Interval: placebo gaps inverted (constant effect). "
            f"Gap in {start - 1}, before SB 54: {_gap_in(r, start - 1):+.3f}. "
            "California's TRUST Act (2014) falls inside the pre-period, so the pre-period is not policy-free."))
        for i, y in enumerate(r.years):
            series.append({"estimate_id": eid, "unit": "CA", "year": y, "actual": r.treated_path[i],
                           "synthetic": r.synthetic_path[i], "gap": r.treated_path[i] - r.synthetic_path[i]})
        for d, gaps in sorted(r.placebo_gaps.items()):
            for i, y in enumerate(r.years):
                series.append({"estimate_id": eid, "unit": d, "year": y, "actual": None, "synthetic": None,
                               "gap": gaps[i]})
    # The trap: one treated state against the rest by two-way fixed effects.
    fit = est.one_unit_twfe(sdf[(sdf["year"] >= SB54_FIRST) & (sdf["year"] <= SB54_LAST)], "log_property_rate",
                            "CA", start, "state")
    out.append(Estimate(
        "ca-sb54-naive-twfe-log_property_rate", Q_SB54, "log property crimes per 100,000 (state)",
        "two-way fixed effects, one treated state (the trap)", fit.estimate, _ci(fit), fit.p, 1, fit.control_units,
        fit.n_obs, None, guardrails.treated_flags(1, regression=True), [], COMMAND,
        "Refused as evidence: with one treated cluster, clustered standard errors are meaningless. Shown only to "
        "show why the synthetic control is used."))
    return out, series


def _published() -> Estimate:
    return Estimate("deportations-hausman-published", Q_DEPORT, "deportations (ICE removals)",
                    "published (Hausman 2020)", None, None, None, 140, 0, 0, None, ["not_recomputed"],
                    [compare("hausman-deportations", None, "Not recomputed here: the county-level removal data "
                             "are not public.")], COMMAND,
                    "Shown as published. Not recomputed here: the county-level removal data are not public.")


def _npr_estimate(checks: list[npr.Check], summary: dict[str, int]) -> Estimate:
    from math import sqrt

    with_decl = [c for c in checks if c.first_decline_year is not None]
    n = len(with_decl)
    k = sum(1 for c in with_decl if c.verdict == "consistent")
    share = k / n if n else 0.0
    z = 1.959964
    centre = (share + z * z / (2 * n)) / (1 + z * z / n) if n else 0.0
    half = z * sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n) if n else 0.0
    return Estimate("npr-adoption-dates-check", Q_DATES, "share of listed counties whose jails first declined a "
                    "detainer within a year of the listed date", "descriptive (Wilson interval)", share,
                    (centre - half, centre + half), None, n, 0, summary["facility_years"], None,
                    guardrails.treated_flags(n, regression=False), [], COMMAND,
                    f"{len(checks)} listed counties checked; {n} have jails with declines in NPR's file; {k} "
                    f"consistent, {sum(c.verdict == 'earlier' for c in checks)} earlier, "
                    f"{sum(c.verdict == 'later' for c in checks)} later, "
                    f"{sum(c.verdict == 'no declines recorded' for c in checks)} no declines recorded. "
                    f"{summary['unlisted_counties_declining']} counties not on the list also declined at least "
                    "one detainer. Facility-years matched to a county: "
                    f"{summary['facility_years_matched']} of {summary['facility_years']}.")


def build(atlas: Path, progress: Progress | None = None, build_atlas: bool = True) -> BuildResult:
    tick = progress or (lambda _s: None)
    if not atlas.exists():
        if not build_atlas:
            raise atlas_store.AtlasMissing(f"no atlas database at {atlas}: run `sanctuary atlas build` first")
        from sanctuary.atlas import build as atlas_build

        atlas_build.build(atlas)
    conn, tmp = store.open_copy(atlas)
    try:
        rows = load.table10()
        states = load.state_estimates()
        pops = load.populations()
        npr_rows = load.npr_declined()
        names = load.county_names()
        tick("load")
        index = match.CountyIndex.build(names)
        matched, report = match.match_rows(rows, index)
        adoptions, _skipped = policy.county_adoptions(conn)
        laws = policy.state_laws(conn)
        edges = adjacency.pairs(geography.load_us_topology())
        nb = adjacency.neighbours(edges)
        pop = {(str(p["fips"]), int(p["year"])): int(p["population"]) for p in pops}
        df = panel.county_frame(matched, adoptions, laws, pop, nb)
        tick("match")
        estimates = _county_estimates(df, "all", robust=False)
        estimates.append(_footnote_sensitivity(df))
        tick("county TWFE and event studies")
        estimates += _county_estimates(df, "all", robust=True)
        tick("heterogeneity-robust (did2s)")
        estimates += _county_estimates(df, "border", robust=False)
        estimates += [e for e in _county_estimates(df, "border", robust=True) if e.outcome == OUTCOMES["log_total"]]
        tick("bordering counties")
        sdf = panel.state_frame(states)
        sb54, series = _sb54(conn, sdf, laws)
        estimates += sb54
        estimates.append(_published())
        tick("SB 54 synthetic control")
        checks, npr_summary = npr.check(npr_rows, adoptions, index)
        estimates.append(_npr_estimate(checks, npr_summary))
        tick("NPR check")
        _write(conn, estimates, series, report, matched, states, pops, adoptions, laws, checks, edges)
        store.finish(conn, tmp, atlas)
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    tick("write")
    return BuildResult(atlas, estimates, report)


def _write(conn: sqlite3.Connection, estimates: list[Estimate], series: list[dict[str, Any]],
           report: match.QualityReport, matched: list[match.MatchedRow], states: list[dict[str, Any]],
           pops: list[dict[str, Any]], adoptions: list[policy.Adoption], laws: list[policy.StateLaw],
           checks: list[npr.Check], edges: set[tuple[str, str]]) -> None:
    insert(conn, "sources", (s.row() for s in SOURCES))
    insert(conn, "evidence_estimates", (e.row() for e in estimates))
    insert(conn, "evidence_events", ({"estimate_id": e.id, "k": k, "coef": c, "low": lo, "high": hi}
                                     for e in estimates for k, c, lo, hi in e.events))
    insert(conn, "evidence_synth", series)
    insert(conn, "evidence_quality", ({"item": i, "count": n, "explanation": x} for i, n, x in report.items()))
    insert(conn, "evidence_unmatched", ({"year": m.row.year, "state": m.row.state, "agency": m.row.raw_name.strip(),
                                         "line": m.row.line, "reason": m.how} for m in report.unmatched))
    insert(conn, "evidence_county_crime", ({
        "year": m.row.year, "state": m.row.state, "metro": m.row.metro, "agency": m.row.name,
        "footnotes": ",".join(str(f) for f in m.row.footnotes), "fips": m.fips, **m.row.counts,
        "source_id": "fbi-table10"} for m in matched))
    insert(conn, "evidence_state_crime", ({
        "state": s["state"], "year": s["year"], "population": s["population"], "violent_crime": s["violent_crime"],
        "property_crime": s["property_crime"], "source_id": "fbi-states"} for s in states))
    insert(conn, "evidence_population", ({**p, "source_id": "census-pep-2010-2019"} for p in pops))
    insert(conn, "evidence_adoptions", ({"fips": a.fips, "jurisdiction": a.jurisdiction, "enacted": a.enacted,
                                         "policy": a.policy, "how": a.how, "source_id": "ice-ddor-2017"}
                                        for a in adoptions))
    insert(conn, "evidence_state_laws", ({"state": law.state, "state_fips": law.state_fips,
                                          "instrument": law.instrument, "effective": law.effective,
                                          "source_id": "rule-library"} for law in laws))
    insert(conn, "evidence_npr_check", (c.__dict__ for c in checks))
    insert(conn, "evidence_adjacency", ({"a": a, "b": b} for a, b in sorted(edges)))
    insert(conn, "evidence_meta", ({"key": k, "value": v} for k, v in sorted({
        "command": COMMAND, "cannot_tell": json.dumps(guardrails.CANNOT_TELL),
        "min_treated": str(guardrails.MIN_TREATED)}.items())))
