"""``sanctuary lint``: static checks and an exhaustive sweep of each jurisdiction's finite request space.

The request space is finite once each fact is cut into the classes the rules can tell apart: for a
membership test, each value a rule names, one value no rule names, and "unknown"; for a boolean, true, false
and unknown; for convictions, none, unknown, and for each group of classes the record tests treat alike one
record just inside and one just outside every look-back window the rules use. Conflicts are between rules of
one jurisdiction, and whether a rule applies depends only on the facts it reads, so each jurisdiction is swept
over the facts its own rules read: every combination, for every agency kind and action, on a day in every
period between its rules' start and end dates. This is Cedar's "analyse every request" idea done by
enumeration, which our small domains allow. Scopes of one jurisdiction that hold the same rules (most agency
kinds and actions share them) are swept once, and jurisdictions are swept in parallel in up to two forked
processes (``SANCTUARY_LINT_JOBS``); ``benchmarks/lint_bench.py`` measures it (``benchmarks/README.md``).

Findings: ``error`` (the library must not ship): conflicts between rules of equal rank; rules that can never
apply. ``warning``: citations without a section number; exceptions with the same effect as their base;
exceptions in force on days their base is not. ``info``: gaps (a jurisdiction covers an agency kind and action
but some fact combinations match none of its rules, so the layers above decide them).
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing as mp
import os
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console

from sanctuary import vocabulary as v
from sanctuary.engine import Engine
from sanctuary.engine.compiled import CompiledRule
from sanctuary.engine.conditions import years_before
from sanctuary.engine.evaluate import resolve
from sanctuary.engine.request import CUSTODIAL, STAFF_INITIATED, Request, parse_request
from sanctuary.rules.schema import Condition, Covers, RecordTest

MAX_COMBINATIONS = 150_000  # above this a scope is sampled (and the report says how many were)
SECTION_RE = re.compile(r"\d")


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    jurisdiction: str
    rule: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "code": self.code, "jurisdiction": self.jurisdiction, "rule": self.rule,
                "message": self.message}


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    decisions: int = 0
    buckets: int = 0
    sampled_buckets: int = 0
    reused_buckets: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    def to_dict(self) -> dict[str, Any]:
        return {"errors": len(self.errors), "decisions_swept": self.decisions, "buckets": self.buckets,
                "sampled_buckets": self.sampled_buckets,
                "reused_buckets": self.reused_buckets, "findings": [f.to_dict() for f in self.findings]}

    def print(self, console: Console) -> None:
        for f in self.findings:
            if f.level != "info":
                where = f"{f.jurisdiction}#{f.rule}" if f.rule else f.jurisdiction
                console.print(f"{f.level}: [{f.code}] {where}: {f.message}", highlight=False, markup=False,
                              soft_wrap=True)
        gaps = [f for f in self.findings if f.level == "info"]
        console.print(f"Swept {self.decisions:,} requests in {self.buckets:,} scopes "
                      f"({self.reused_buckets:,} identical to one already swept, {self.sampled_buckets} sampled); "
                      f"{len(self.errors)} error(s), "
                      f"{sum(1 for f in self.findings if f.level == 'warning')} warning(s), {len(gaps)} note(s) "
                      "on gaps and overrides (see --json).", highlight=False)


# -- representatives ----------------------------------------------------------------------------------------
@dataclass
class _Mentions:
    values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    windows: set[int] = field(default_factory=set)
    conviction_tests: list[frozenset[str]] = field(default_factory=list)
    charge_tests: list[frozenset[str]] = field(default_factory=list)
    at_least: set[int] = field(default_factory=set)


def _note_covers(m: _Mentions, covers: Covers | None) -> None:
    if covers is None:
        return
    for fact, values in (("requester.agency", covers.requesters), ("requester.purpose", covers.purposes),
                         ("instrument.type", covers.instruments), ("data", covers.data),
                         ("context", covers.contexts), ("location", covers.locations)):
        if values:
            m.values[fact].update(values)


def _note_record(m: _Mentions, spec: RecordTest, convictions: bool) -> None:
    (m.conviction_tests if convictions else m.charge_tests).append(frozenset(spec.classes))
    if spec.within_years:
        m.windows.add(spec.within_years)
    m.at_least.add(spec.at_least)


def _note_condition(m: _Mentions, cond: Condition | None) -> None:
    if cond is None:
        return
    if cond.requester:
        if cond.requester.agency:
            m.values["requester.agency"].update(cond.requester.agency)
        if cond.requester.purpose:
            m.values["requester.purpose"].update(cond.requester.purpose)
    if cond.instrument:
        if cond.instrument.type:
            m.values["instrument.type"].update(cond.instrument.type)
        if cond.instrument.signed_by:
            m.values["instrument.signed_by"].update(cond.instrument.signed_by)
        if cond.instrument.accompanied_by:
            m.values["instrument.accompanied_by"].update(cond.instrument.accompanied_by)
    if cond.subject:
        if cond.subject.convictions:
            _note_record(m, cond.subject.convictions, True)
        if cond.subject.pending_charges:
            _note_record(m, cond.subject.pending_charges, False)
    for fact, values in (("data", cond.data), ("context", cond.context), ("location", cond.location)):
        if values:
            m.values[fact].update(values)
    for sub in (cond.any_of or []) + (cond.all_of or []) + ([cond.not_] if cond.not_ else []):
        _note_condition(m, sub)


_DOMAIN = {
    "requester.agency": v.REQUESTER_AGENCIES, "requester.purpose": v.PURPOSES, "instrument.type": v.INSTRUMENT_TYPES,
    "instrument.signed_by": v.SIGNERS, "data": v.DATA_CATEGORIES, "context": v.CONTEXTS, "location": v.LOCATIONS,
}
_NULLABLE_BOOLS = ("subject.in_custody", "subject.watchlist_match", "subject.final_removal_order",
                   "subject.reentered_after_removal", "subject.minor")
_DEFAULTED_BOOLS = ("instrument.probable_cause_finding", "exigent", "subject.written_consent",
                    "subject.proof_of_lawful_status")


def _representative_classes(tests: list[frozenset[str]]) -> list[str]:
    """One conviction class for each different way the record tests treat a class: two classes that every
    test either accepts or rejects together can never lead to different decisions."""
    seen: dict[tuple[bool, ...], str] = {}
    for cls in v.CONVICTION_CLASSES:
        signature = tuple(cls in test for test in tests)
        if any(signature):
            seen.setdefault(signature, cls)
    return sorted(seen.values())


def _choices(items: list[CompiledRule], day: dt.date) -> list[tuple[str, list[Any]]]:
    m = _Mentions()
    for item in items:
        _note_covers(m, item.rule.covers)
        _note_condition(m, item.rule.when)
    facts = frozenset().union(*(item.check.facts for item in items))
    out: list[tuple[str, list[Any]]] = []
    for fact in sorted(facts):
        if fact in _DOMAIN:
            named = sorted(m.values.get(fact, set()))
            other = next((x for x in _DOMAIN[fact] if x not in named), None)
            opts: list[Any] = [*named, *([other] if other else []), None]
            out.append((fact, opts))
        elif fact == "instrument.accompanied_by":
            out.append((fact, [[], *[[x] for x in sorted(m.values.get(fact, set()))]]))
        elif fact in _NULLABLE_BOOLS:
            out.append((fact, [True, False, None]))
        elif fact in _DEFAULTED_BOOLS:
            out.append((fact, [True, False]))
        elif fact == "subject.convictions":
            ages = sorted({*(w * 365 + 300 for w in m.windows), 30, 60 * 365})
            counts = sorted(m.at_least | {1})
            records: list[Any] = [None, []]
            for cls in _representative_classes(m.conviction_tests):
                for age, count in itertools.product(ages, counts):
                    when = (day - dt.timedelta(days=age)).isoformat() if age < 60 * 365 else \
                        years_before(day, 60).isoformat()
                    records.append([{"class": cls, "date": when}] * count)
            out.append((fact, records))
        elif fact == "subject.pending_charges":
            charges: list[Any] = [None, []]
            for cls in _representative_classes(m.charge_tests):
                charges += [[{"class": cls, "probable_cause_finding": True}],
                            [{"class": cls, "probable_cause_finding": False}]]
            out.append((fact, charges))
    return out


def _request(jid: str, kind: str, action: str, day: dt.date, facts: dict[str, Any]) -> Request:
    raw: dict[str, Any] = {"date": day.isoformat(), "agency": {"jurisdiction": jid, "kind": kind}, "action": action}
    for fact, value in facts.items():
        if value is None:
            continue
        if fact == "data":
            raw["data"] = [value]
            continue
        head, _, tail = fact.partition(".")
        if tail:
            raw.setdefault(head, {})[tail] = value
        else:
            raw[head] = value
    return parse_request(raw)


# -- the sweep ----------------------------------------------------------------------------------------------
def _days(engine: Engine, jid: str) -> list[dt.date]:
    """A day in each period during which none of this jurisdiction's own rules starts or ends."""
    breaks = {d for c in engine.compiled.rules.get(jid, []) for d in (c.start, c.end) if d is not None}
    if not breaks:
        return [dt.date(2020, 1, 1)]
    first = min(breaks) - dt.timedelta(days=1)
    return sorted({first, *breaks})


@dataclass
class _Swept:
    """What sweeping one jurisdiction found (merged into the report in jurisdiction order)."""

    findings: list[Finding] = field(default_factory=list)
    applied: set[str] = field(default_factory=set)
    gaps: dict[tuple[str, str], int] = field(default_factory=dict)
    decisions: int = 0
    buckets: int = 0
    sampled: int = 0
    reused: int = 0


def _sweep(engine: Engine, jid: str) -> _Swept:
    """Sweep one jurisdiction over the facts its own rules read, for every agency kind and action, on a day in
    every period of its rules. Scopes holding the same rules are swept once: tests read neither the agency kind
    nor the action (the index resolves those), and the date only through look-back windows counted from the
    request's own date; the action matters only through the facts it fills in (custody, instrument), which is
    part of the key."""
    out = _Swept()
    conflicts_seen: set[tuple[str, ...]] = set()
    rng = random.Random(f"1373:{jid}")
    done: dict[tuple[Any, ...], tuple[set[str], int]] = {}
    for day in _days(engine, jid):
        segment = engine.compiled.segment(day)
        for kind in v.AGENCY_KINDS:
            for action in v.ACTIONS:
                bucket = engine.compiled.bucket(jid, kind, action, segment)
                own = [i for i, item in enumerate(bucket.items) if item.jurisdiction == jid]
                if not own:
                    continue
                out.buckets += 1
                key = (tuple(bucket.items[i].rule.id for i in own), action in STAFF_INITIATED, action in CUSTODIAL)
                cached = done.get(key)
                if cached is not None:
                    out.reused += 1
                    out.applied |= cached[0]
                    if cached[1]:
                        out.gaps[(kind, action)] = out.gaps.get((kind, action), 0) + cached[1]
                    continue
                applied: set[str] = set()
                gap = 0
                choices = _choices([bucket.items[i] for i in own], day)
                total = 1
                for _, opts in choices:
                    total *= len(opts)
                combos: Any = itertools.product(*(opts for _, opts in choices))
                if total > MAX_COMBINATIONS:
                    out.sampled += 1
                    combos = ([rng.choice(opts) for _, opts in choices] for _ in range(MAX_COMBINATIONS))
                names = [fact for fact, _ in choices]
                tests = [(i, bucket.tests[i]) for i in own]
                off = [False] * len(bucket.items)
                no_pre = [False] * len(bucket.pre_tests)
                for combo in combos:
                    r = _request(jid, kind, action, day, dict(zip(names, combo, strict=True)))
                    out.decisions += 1
                    # Unknown facts count as not holding: every concrete value of each fact is swept too, so a
                    # conflict a real request can reach shows in a fully known combination.
                    app = list(off)
                    for i, test in tests:
                        app[i] = test(r) is True
                    res = resolve(bucket, app, no_pre)
                    for i in own:
                        if res.status[i] is not None:
                            applied.add(bucket.items[i].rule.id)
                    for group in res.layer_conflicts:
                        ckey = tuple(sorted(f"{jid}#{bucket.items[i].rule.id}" for i in group))
                        if ckey not in conflicts_seen:
                            conflicts_seen.add(ckey)
                            example = ", ".join(f"{n}={c!r}" for n, c in zip(names, combo, strict=True)
                                                if c not in (None, [], False))
                            out.findings.append(Finding(
                                "error", "conflict", jid, bucket.items[group[0]].rule.id,
                                f"rules of equal rank disagree: {', '.join(ckey)} — e.g. {kind} {action} "
                                f"on {day.isoformat()} with {example or 'no other facts'}"))
                    if not any(app[i] for i in own):
                        gap += 1
                done[key] = (applied, gap)
                out.applied |= applied
                if gap:
                    out.gaps[(kind, action)] = out.gaps.get((kind, action), 0) + gap
    return out


_POOL_ENGINE: list[Engine] = []


def _sweep_in_worker(jid: str) -> tuple[str, _Swept]:
    return jid, _sweep(_POOL_ENGINE[0], jid)


def lint_library(engine: Engine, jobs: int | None = None) -> LintReport:
    """Static checks, then the sweep of every jurisdiction, in ``jobs`` processes (default: up to 2 CPUs)."""
    report = LintReport()
    lib = engine.library
    _static_checks(engine, report)
    jids = sorted(lib.files)
    if jobs is None:
        jobs = int(os.environ.get("SANCTUARY_LINT_JOBS") or min(2, os.cpu_count() or 1))
    results: dict[str, _Swept] = {}
    if jobs > 1 and len(jids) > 1 and "fork" in mp.get_all_start_methods():
        # Forked workers share the compiled engine; each jurisdiction is swept in one of them. The heaviest
        # files (most rules) go first, so the two workers finish together.
        _POOL_ENGINE[:] = [engine]
        order = sorted(jids, key=lambda j: -len(lib.files[j].rules))
        try:
            with mp.get_context("fork").Pool(jobs) as pool:
                for jid, swept in pool.imap_unordered(_sweep_in_worker, order):
                    results[jid] = swept
        finally:
            _POOL_ENGINE.clear()
    else:
        for jid in jids:
            results[jid] = _sweep(engine, jid)
    applied: set[tuple[str, str]] = set()
    gaps: list[tuple[str, str, str, int]] = []
    for jid in jids:
        swept = results[jid]
        report.findings.extend(swept.findings)
        report.decisions += swept.decisions
        report.buckets += swept.buckets
        report.sampled_buckets += swept.sampled
        report.reused_buckets += swept.reused
        applied |= {(jid, rule) for rule in swept.applied}
        gaps.extend((jid, kind, action, n) for (kind, action), n in swept.gaps.items())
    for jid, rf in sorted(lib.files.items()):
        for rule in rf.rules:
            if (jid, rule.id) not in applied:
                report.findings.append(Finding("error", "unreachable", jid, rule.id,
                                               "no request in the swept space makes this rule apply"))
    for jid, kind, action, count in sorted(gaps):
        report.findings.append(Finding("info", "gap", jid, None,
                                       f"{kind} {action}: {count} fact combination(s) match none of this "
                                       "jurisdiction's own rules; the layers above decide them"))
    return report


def _static_checks(engine: Engine, report: LintReport) -> None:
    for jid, rf in sorted(engine.library.files.items()):
        by_id = {r.id: r for r in rf.rules}
        for rule in rf.rules:
            if not SECTION_RE.search(rule.citation):
                report.findings.append(Finding("warning", "citation", jid, rule.id,
                                               f"citation {rule.citation!r} names no section or number"))
            base = by_id.get(rule.exception_to or "")
            if base is not None and base.effect == rule.effect and not rule.obligations:
                report.findings.append(Finding("warning", "redundant-exception", jid, rule.id,
                                               f"an exception with the same effect ({rule.effect}) as its base "
                                               f"{base.id!r} changes nothing"))
        compiled = {c.rule.id: c for c in engine.compiled.rules.get(jid, [])}
        for c in compiled.values():
            base_c = compiled.get(c.rule.exception_to or "")
            if base_c is None:
                continue
            starts_early = base_c.start is not None and (c.start is None or c.start < base_c.start)
            ends_late = base_c.end is not None and (c.end is None or c.end > base_c.end)
            if starts_early or ends_late:
                report.findings.append(Finding(
                    "warning", "exception-outlives-base", jid, c.rule.id,
                    f"in force on days its base {base_c.rule.id!r} is not; there it stands on its own"))
        if rf.jurisdiction.status == "in_force" and not rf.rules and not rf.preempts:
            report.findings.append(Finding("warning", "empty", jid, None,
                                           "in force but has no rules; mark it no_policy or encode its rules"))
