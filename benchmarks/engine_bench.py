"""Engine benchmark: our single-decision latency and batch throughput against Cedar (cedarpy) and OPA/Rego (regopy).

Run: ``.venv/bin/python benchmarks/engine_bench.py`` (about a minute on 2 cores; ``--quick`` for a smoke run).
Prints a table and writes ``benchmarks/out/engine.json``. Method and results: ``benchmarks/README.md``.

Everything runs in one process on one machine, against the rule-library snapshot in
``benchmarks/fixtures/library`` (refresh it with ``--snapshot`` when the library loads). Cedar and Rego decide
an equivalent hand-written policy for a fixed slice (San Francisco jail: hold, notify_release, transfer), and
the three engines are checked to agree on every slice request before anything is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from sanctuary import vocabulary as v
from sanctuary.engine import Engine
from sanctuary.engine.batch import Columns, decide_columns, decide_requests, encode
from sanctuary.engine.conditions import years_before
from sanctuary.engine.request import parse_request
from sanctuary.rules.loader import load_library

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "fixtures" / "library"
# The Cedar and Rego slice policies were written against this library (26 files, 2026-11-26): the slice keeps
# it, so that the three engines are compared on the same law when the library grows (issue 7 added a federal
# baseline for holds that the hand-written slice policies do not encode).
SLICE_LIBRARY = HERE / "fixtures" / "slice_library"
OUT = HERE / "out" / "engine.json"
SLICE_JURISDICTION = "us/ca/san-francisco"
IMMIGRATION = ("ice", "cbp", "uscis", "dhs", "cbsa")


# -- request mixes ----------------------------------------------------------------------------------------------
def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def realistic_request(rng: random.Random, jurisdictions: Sequence[str]) -> dict[str, Any]:
    """A request as a desk would see it: mostly ICE asking a jail or police department, some civil agencies,
    facts sometimes missing (so some decisions are ``undetermined``), dates from 2010 to today."""
    day = _day(rng, dt.date(2010, 1, 1), dt.date(2026, 11, 26))
    jid = rng.choice(jurisdictions)
    kind = _pick(rng, [("jail", 35), ("police", 20), ("probation", 5), ("school", 6), ("health_facility", 6),
                       ("social_services", 6), ("housing", 4), ("shelter", 3), ("library", 2), ("city_agency", 5),
                       ("court", 5), ("prosecutor", 3)])
    if kind in ("jail", "police", "probation"):
        action = _pick(rng, [("hold", 25), ("notify_release", 20), ("transfer", 15), ("disclose", 12),
                             ("grant_access", 6), ("interview", 6), ("arrest", 6), ("inquire", 4),
                             ("assist_operation", 4), ("enter_agreement", 2)])
    elif kind in ("court", "prosecutor"):
        action = _pick(rng, [("disclose", 50), ("grant_access", 30), ("arrest", 20)])
    else:
        action = _pick(rng, [("disclose", 35), ("inquire", 25), ("collect", 20), ("condition_service", 10),
                             ("grant_access", 10)])
    canada = jid == "ca" or jid.startswith("ca/")
    requester = "cbsa" if canada and rng.random() < 0.7 else _pick(rng, [
        ("ice", 45), ("cbp", 10), ("dhs", 5), ("federal_law_enforcement", 10), ("local_law_enforcement", 10),
        ("public", 5), ("attorney", 5), ("subject", 5), ("court", 5)])
    out: dict[str, Any] = {"date": day.isoformat(), "agency": {"jurisdiction": jid, "kind": kind}, "action": action,
                           "requester": {"agency": requester}}
    purpose = _pick(rng, [("civil_immigration", 60), ("criminal_investigation", 20), (None, 20)])
    if purpose is not None:
        out["requester"]["purpose"] = purpose
    itype = _pick(rng, [("detainer", 30), ("admin_warrant", 15), ("judicial_warrant", 15), ("admin_subpoena", 5),
                        ("none", 20), (None, 15)])
    if itype is not None:
        signer = {"judicial_warrant": _pick(rng, [("federal_judge", 6), ("state_judge", 4)]),
                  "none": "other"}.get(itype, "immigration_officer")
        out["instrument"] = {"type": itype, "signed_by": signer}
        pcf = _pick(rng, [(True, 15), (False, 50), (None, 35)])
        if pcf is not None:
            out["instrument"]["probable_cause_finding"] = pcf
    if action in ("disclose", "inquire", "collect"):
        out["data"] = rng.sample(["immigration_status", "citizenship", "release_date", "address", "contact",
                                  "custody_status", "criminal_history", "place_of_birth"], rng.choice((1, 1, 1, 2)))
    if kind not in ("jail", "police", "probation", "court", "prosecutor"):
        out["context"] = _pick(rng, [("service_delivery", 60), ("benefits_eligibility", 30), ("victim_or_witness", 10)])
    if action == "grant_access":
        out["location"] = rng.choice(v.LOCATIONS)
        out["exigent"] = rng.random() < 0.1
    subject: dict[str, Any] = {}
    if kind in ("jail", "police", "probation"):
        subject["in_custody"] = kind == "jail" or rng.random() < 0.5
    if rng.random() < 0.75:
        subject["convictions"] = [
            {"class": _pick(rng, [("misdemeanor", 30), ("felony", 20), ("serious_felony", 12),
                                  ("violent_felony", 10), ("wobbler_misdemeanor", 10), ("aggravated_felony", 8),
                                  ("class_a_felony", 5), ("indictable", 5)]),
             "date": (day - dt.timedelta(days=rng.randrange(15 * 365))).isoformat()}
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]
    if rng.random() < 0.5:
        subject["pending_charges"] = [
            {"class": rng.choice(("misdemeanor", "felony", "serious_felony", "violent_felony")),
             "probable_cause_finding": rng.random() < 0.5} for _ in range(rng.choice((0, 1, 1, 2)))]
    if rng.random() < 0.5:
        subject["minor"] = rng.random() < 0.05
    if action in ("interview", "disclose") and rng.random() < 0.3:
        subject["written_consent"] = rng.random() < 0.5
    out["subject"] = subject
    return out


def slice_request(rng: random.Random) -> dict[str, Any]:
    """A request in the Cedar/Rego slice: the San Francisco jail, hold/notify_release/transfer, every fact given."""
    day = _day(rng, dt.date(2012, 1, 1), dt.date(2026, 11, 26))
    itype = _pick(rng, [("detainer", 40), ("admin_warrant", 20), ("judicial_warrant", 20), ("none", 20)])
    signer = (_pick(rng, [("federal_judge", 6), ("state_judge", 4)]) if itype == "judicial_warrant"
              else "other" if itype == "none" else "immigration_officer")
    return {
        "date": day.isoformat(),
        "agency": {"jurisdiction": SLICE_JURISDICTION, "kind": "jail"},
        "action": rng.choice(("hold", "notify_release", "transfer")),
        "requester": {"agency": _pick(rng, [("ice", 50), ("cbp", 10), ("federal_law_enforcement", 15),
                                            ("local_law_enforcement", 15), ("attorney", 10)]),
                      "purpose": "civil_immigration"},
        "instrument": {"type": itype, "signed_by": signer, "probable_cause_finding": rng.random() < 0.2,
                       "accompanied_by": ["judicial_warrant"] if rng.random() < 0.1 else []},
        "subject": {
            "in_custody": True,
            "convictions": [
                {"class": rng.choice(("violent_felony", "serious_felony", "felony", "aggravated_felony",
                                      "wobbler_misdemeanor", "misdemeanor")),
                 "date": (day - dt.timedelta(days=rng.randrange(12 * 366))).isoformat()}
                for _ in range(rng.choice((0, 1, 1, 2, 3, 4)))],
            "pending_charges": [
                {"class": rng.choice(("violent_felony", "serious_felony", "felony", "misdemeanor")),
                 "probable_cause_finding": rng.random() < 0.5} for _ in range(rng.choice((0, 1, 1)))],
        },
    }


# -- Cedar and Rego inputs (built before timing, as in tech-anchors §6) -------------------------------------------
def _ymd(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def cedar_request(r: dict[str, Any]) -> dict[str, Any]:
    day = dt.date.fromisoformat(r["date"])
    cut5, cut7 = years_before(day, 5), years_before(day, 7)
    conv: dict[str, dict[str, int]] = {}
    for c in r["subject"]["convictions"]:
        when = dt.date.fromisoformat(c["date"])
        counts = conv.setdefault(c["class"], {"ever": 0, "y5": 0, "y7": 0})
        counts["ever"] += 1
        counts["y5"] += when >= cut5
        counts["y7"] += when >= cut7
    ins = r["instrument"]
    return {
        "principal": {"type": "Requester", "id": r["requester"]["agency"]},
        "action": {"type": "Action", "id": r["action"]},
        "resource": {"type": "Agency", "id": "sf-jail"},
        "context": {
            "day": _ymd(day), "instrument": ins["type"], "signed_by": ins["signed_by"],
            "accompanied_by": list(ins["accompanied_by"]), "pcf": ins["probable_cause_finding"], "conv": conv,
            "charged_pc": sorted({c["class"] for c in r["subject"]["pending_charges"] if c["probable_cause_finding"]}),
        },
    }


def rego_input(r: dict[str, Any]) -> dict[str, Any]:
    day = dt.date.fromisoformat(r["date"])
    ins = r["instrument"]
    return {
        "action": r["action"], "requester": r["requester"]["agency"], "day": _ymd(day), "instrument": ins["type"],
        "signed_by": ins["signed_by"], "accompanied_by": list(ins["accompanied_by"]),
        "pcf": ins["probable_cause_finding"],
        "convictions": [{"class": c["class"], "date": _ymd(dt.date.fromisoformat(c["date"]))}
                        for c in r["subject"]["convictions"]],
        "pending_charges": r["subject"]["pending_charges"],
        "cutoff": {"5": _ymd(years_before(day, 5)), "7": _ymd(years_before(day, 7))},
    }


def cedar_policy_ids(text: str) -> list[str]:
    """The @id of each policy, in file order (cedarpy reports determining policies as policy0, policy1, ...)."""
    return [line.split('"')[1] for line in text.splitlines() if line.startswith("@id(")]


# -- timing ------------------------------------------------------------------------------------------------------
def per_call(fn: Callable[[Any], Any], items: Sequence[Any], reps: int, warm: int = 300,
             before: Callable[[Any], Any] | None = None) -> dict[str, float]:
    """Time each call with perf_counter_ns, gc disabled; median and p99 per repetition, then the median of
    those across repetitions. ``before`` runs ahead of each call, outside the timed region."""
    for x in items[:warm]:
        fn(x)
    medians: list[float] = []
    p99s: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(reps):
        times: list[int] = []
        gc.collect()
        gc.disable()
        try:
            for x in items:
                if before is not None:
                    before(x)
                t0 = clock()
                fn(x)
                times.append(clock() - t0)
        finally:
            gc.enable()
        times.sort()
        medians.append(times[len(times) // 2] / 1000)
        p99s.append(times[min(len(times) - 1, int(len(times) * 0.99))] / 1000)
    return {"median_us": statistics.median(medians), "p99_us": statistics.median(p99s), "calls": len(items),
            "reps": reps}


def whole(fn: Callable[[], Any], count: int, reps: int, gc_off: bool = True) -> dict[str, float]:
    """Time ``fn`` end to end ``reps`` times (after one warm-up run); throughput from the median run. The garbage
    collector is off while timing unless ``gc_off`` is false (to show what a real caller pays)."""
    fn()
    runs: list[float] = []
    cpu: list[float] = []
    for _ in range(reps):
        gc.collect()
        if gc_off:
            gc.disable()
        try:
            c0 = time.process_time_ns()
            t0 = time.perf_counter_ns()
            fn()
            runs.append((time.perf_counter_ns() - t0) / 1e9)
            cpu.append((time.process_time_ns() - c0) / 1e9)
        finally:
            gc.enable()
    median = statistics.median(runs)
    return {"seconds": median, "per_second": count / median, "count": count, "reps": reps,
            "cpu_seconds": statistics.median(cpu), "per_cpu_second": count / statistics.median(cpu)}


# -- the 1,000,000-request columnar batch -------------------------------------------------------------------------
def big_columns(pool: Columns, n: int, seed: int) -> Columns:
    """``n`` requests resampled from an encoded pool of realistic requests, each moved by up to a year in time
    (its conviction dates move with it), so days, segments and look-back windows vary row by row."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(pool), n)
    shift = rng.integers(-365, 366, n)
    limit = dt.date(2026, 11, 26).toordinal()
    day = np.minimum(pool.day[idx] + shift, limit)
    shift = day - pool.day[idx]
    arrays: dict[str, Any] = {}
    for name in ("requester", "purpose", "instrument_type", "signed_by", "context", "location",
                 "probable_cause_finding", "exigent", "written_consent", "proof_of_lawful_status", "in_custody",
                 "watchlist_match", "final_removal_order", "reentered_after_removal", "minor", "accompanied_by",
                 "data", "convictions", "pending_charges"):
        arrays[name] = getattr(pool, name)[idx]
    for prefix, extra in (("conviction", "day"), ("charge", "pcf")):
        rows = getattr(pool, f"{prefix}_row")
        order = np.argsort(rows, kind="stable")
        counts = np.bincount(rows, minlength=len(pool))
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        lengths = counts[idx]
        total = int(lengths.sum())
        new_row = np.repeat(np.arange(n), lengths)
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        entries = order[np.repeat(starts[idx], lengths) + offsets]
        arrays[f"{prefix}_row"] = new_row
        arrays[f"{prefix}_class"] = getattr(pool, f"{prefix}_class")[entries]
        other = getattr(pool, f"{prefix}_{extra}")[entries]
        arrays[f"{prefix}_{extra}"] = other + shift[new_row] if extra == "day" else other
    return Columns.build(pool.jurisdictions, pool.jurisdiction[idx], pool.kind[idx], pool.action[idx], day, **arrays)


# -- the run -----------------------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ("numpy", "cedarpy", "regopy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {"nproc": os.cpu_count(), "cpu": model, "load_average_at_start": os.getloadavg(),
            "python": platform.python_version(),
            "implementation": platform.python_implementation(), "platform": platform.platform(), **versions}


def snapshot() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "sanctuary" / "library"
    load_library(source)  # raises, naming file and line, if the library does not load now
    tmp = SNAPSHOT.with_name("library.new")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(source, tmp, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    tmp.rename(SNAPSHOT)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repetition: a smoke run")
    parser.add_argument("--snapshot", action="store_true", help="refresh the library snapshot first")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.snapshot:
        snapshot()
    started = time.perf_counter()
    reps = 1 if args.quick else 5
    batch_reps = 1 if args.quick else 3
    n_mix = 500 if args.quick else 3000
    n_big = 50_000 if args.quick else 1_000_000
    n_many = 10_000 if args.quick else 100_000

    library = load_library(SNAPSHOT)
    engine = Engine(library)
    rng = random.Random(42)
    with_file = sorted(library.files)
    without_file = ["us/ca/los-angeles", "us/tx/harris-county", "us/fl/miami-dade-county", "us/ny/albany",
                    "ca/on/ottawa"]
    slice_engine = Engine(load_library(SLICE_LIBRARY))
    jurisdictions = [j for j in with_file if "/" in j] * 3 + without_file
    mix = [realistic_request(rng, jurisdictions) for _ in range(n_mix)]
    slice_mix = [slice_request(rng) for _ in range(n_mix)]
    results: dict[str, Any] = {"machine": machine(), "library": {"path": str(SNAPSHOT.relative_to(HERE.parent)),
                                                                 "digest": library.digest,
                                                                 "jurisdictions": len(library.files)}}
    outcomes = [engine.decide(r).outcome for r in mix]
    results["mix"] = {"requests": n_mix, "outcomes": {o: outcomes.count(o) for o in v.OUTCOMES}}

    # (a) single decisions
    def forget(r: dict[str, Any]) -> None:  # empty the memo of the request's bucket: the first-sight cost
        p = parse_request(r)
        engine.compiled.bucket(p.jurisdiction, p.kind, p.action, engine.compiled.segment(p.date)).forget()

    single = {
        "decide": per_call(engine.decide, mix, reps),
        "decide, bucket memo emptied before each call": per_call(engine.decide, mix, reps, before=forget),
        "decide on a parsed Request (no dict validation)": per_call(engine.decide, [parse_request(r) for r in mix],
                                                                   reps),
        "parse_request alone": per_call(parse_request, mix, reps),
        "decide+to_dict": per_call(lambda r: engine.decide(r).to_dict(), mix, reps),
        "decide (slice)": per_call(slice_engine.decide, slice_mix, reps),
    }

    # (c, d) Cedar and Rego on the slice, after checking all three engines agree
    import cedarpy
    import regopy

    cedar_text = (HERE / "cedar" / "slice.cedar").read_text()
    cedar_ids = cedar_policy_ids(cedar_text)
    policies = cedarpy.PolicySet.from_str(cedar_text)
    entities = cedarpy.Entities.from_json_str("[]")
    rego = regopy.Interpreter()
    rego.add_module("slice", (HERE / "rego" / "slice.rego").read_text())
    bundle = rego.build("x := data.sanctuary.decision", ["sanctuary/decision"])
    cedar_reqs = [cedar_request(r) for r in slice_mix]
    rego_inputs = [regopy.Input(rego_input(r)) for r in slice_mix]

    def cedar_decide(req: dict[str, Any]) -> tuple[str, str | None]:
        res = cedarpy.is_authorized(req, policies, entities)
        if res.diagnostics.errors:
            raise RuntimeError(f"cedar: {res.diagnostics.errors}")
        order = sorted(int(p.removeprefix("policy")) for p in res.diagnostics.reasons)
        if not res.allowed:
            return "forbidden", cedar_ids[order[0]]
        by = cedar_ids[order[-1]]
        return "allowed", None if by.startswith("default-") else by

    def rego_decide(inp: Any) -> tuple[str, str | None]:
        rego.set_input(inp)
        out = json.loads(str(rego.query_bundle_entrypoint(bundle, "sanctuary/decision")))["expressions"][0]
        return out["outcome"], out["decided_by"]

    agree = 0
    disagreements: list[dict[str, Any]] = []
    for r, creq, rin in zip(slice_mix, cedar_reqs, rego_inputs, strict=True):
        d = slice_engine.decide(r)
        ours = (d.outcome, f"{d.decided_by['jurisdiction']}/{d.decided_by['rule']}" if d.decided_by else None)
        theirs = (cedar_decide(creq), rego_decide(rin))
        if theirs[0] == ours and theirs[1] == ours:
            agree += 1
        elif len(disagreements) < 5:
            disagreements.append({"request": r, "sanctuary": ours, "cedar": theirs[0], "rego": theirs[1]})
    batch_answers = cedarpy.is_authorized_batch(cedar_reqs, policies, entities)
    cedar_batch_agree = sum(a.allowed == (slice_engine.decide(r).outcome == "allowed")
                            for a, r in zip(batch_answers, slice_mix, strict=True))
    slice_outcomes = [slice_engine.decide(r).outcome for r in slice_mix]
    results["agreement"] = {"requests": len(slice_mix), "all_three_agree": agree,
                            "cedar_batch_agrees": cedar_batch_agree,
                            "outcomes": {o: slice_outcomes.count(o) for o in v.OUTCOMES},
                            "first_disagreements": disagreements}
    print(f"agreement on the slice: {agree}/{len(slice_mix)} requests (outcome and decided_by, all three engines); "
          f"cedar batch {cedar_batch_agree}/{len(slice_mix)}", flush=True)

    def rego_core(inp: Any) -> Any:
        rego.set_input(inp)
        return rego.query_bundle_entrypoint(bundle, "sanctuary/decision")

    single["cedar is_authorized (slice)"] = per_call(
        lambda req: cedarpy.is_authorized(req, policies, entities).allowed, cedar_reqs, reps)
    single["rego bundle entrypoint (slice)"] = per_call(rego_core, rego_inputs, reps)
    single["rego bundle entrypoint + decode (slice)"] = per_call(rego_decide, rego_inputs, reps)
    results["single"] = single

    # (b) batch throughput
    batch: dict[str, Any] = {}
    n_slice = len(cedar_reqs)

    def cedar_batch() -> None:
        for k in range(0, n_slice, 1000):
            [a.allowed for a in cedarpy.is_authorized_batch(cedar_reqs[k:k + 1000], policies, entities)]

    batch["cedar is_authorized_batch, chunks of 1,000 (slice)"] = whole(cedar_batch, n_slice, batch_reps)
    pool = encode([realistic_request(rng, jurisdictions) for _ in range(20_000 if not args.quick else 2000)])
    big = big_columns(pool, n_big, seed=7)
    fresh = Engine(library)  # the first call also compiles every bucket the batch touches: a one-time cost
    t0, c0 = time.perf_counter_ns(), time.process_time_ns()
    probe = decide_columns(fresh, big)
    cold_s, cold_cpu = (time.perf_counter_ns() - t0) / 1e9, (time.process_time_ns() - c0) / 1e9
    batch["decide_columns, first call on a fresh Engine"] = {
        "seconds": cold_s, "per_second": n_big / cold_s, "count": n_big, "reps": 1, "cpu_seconds": cold_cpu,
        "per_cpu_second": n_big / cold_cpu, "buckets_compiled": len(fresh.compiled._buckets)}
    del fresh
    batch["decide_columns"] = {**whole(lambda: decide_columns(engine, big), n_big, batch_reps),
                               "unique_keys": probe.unique}
    t0 = time.perf_counter_ns()
    probe.all_decisions()
    batch["decide_columns"]["all_decisions_seconds"] = (time.perf_counter_ns() - t0) / 1e9
    many = [realistic_request(rng, jurisdictions) for _ in range(n_many)]
    batch["decide_many (dicts)"] = whole(lambda: engine.decide_many(many), n_many, batch_reps)
    batch["batch.decide_requests (dicts)"] = whole(lambda: decide_requests(engine, many), n_many, batch_reps)
    batch["decide_many (dicts), gc on"] = whole(lambda: engine.decide_many(many), n_many, 1, gc_off=False)
    batch["batch.decide_requests (dicts), gc on"] = whole(lambda: decide_requests(engine, many), n_many, 1,
                                                          gc_off=False)
    check = decide_requests(engine, many[:2000])
    batch["batch.decide_requests (dicts)"]["checked_against_decide"] = sum(
        a.to_dict() == engine.decide(r).to_dict() for a, r in zip(check, many, strict=False))
    results["batch"] = batch

    ours_us = single["decide (slice)"]["median_us"]
    results["ratios"] = {
        "cedar_single_over_ours_slice": single["cedar is_authorized (slice)"]["median_us"] / ours_us,
        "rego_single_over_ours_slice": single["rego bundle entrypoint (slice)"]["median_us"] / ours_us,
        "ours_batch_over_cedar_batch": batch["decide_columns"]["per_second"]
        / batch["cedar is_authorized_batch, chunks of 1,000 (slice)"]["per_second"],
    }
    results["targets"] = {
        "median_us_with_explanation": {"target": 5.0, "measured": single["decide"]["median_us"],
                                       "met": single["decide"]["median_us"] <= 5.0},
        "batch_decisions_per_second": {"target": 1_000_000, "measured": batch["decide_columns"]["per_second"],
                                       "met": batch["decide_columns"]["per_second"] >= 1_000_000},
    }
    results["seconds_total"] = time.perf_counter() - started

    print(f"\nmachine: {results['machine']['nproc']} x {results['machine']['cpu']}, "
          f"Python {results['machine']['python']}; library {library.digest[:12]} ({len(library.files)} files)")
    print(f"{'single decision':48} {'median µs':>10} {'p99 µs':>10}")
    for name, row in single.items():
        print(f"{name:48} {row['median_us']:10.2f} {row['p99_us']:10.2f}")
    print(f"\n{'batch':52} {'decisions/s':>12} {'seconds':>8} {'per CPU-s':>12}")
    for name, row in batch.items():
        extra = f"  ({row['unique_keys']:,} unique keys)" if "unique_keys" in row else ""
        print(f"{name:52} {row['per_second']:12,.0f} {row['seconds']:8.3f} {row['per_cpu_second']:12,.0f}{extra}")
    results["machine"]["load_average_at_end"] = os.getloadavg()
    print("\nratios: " + ", ".join(f"{k} = {val:.1f}x" for k, val in results["ratios"].items()))
    for name, t in results["targets"].items():
        print(f"target {name}: {t['measured']:,.2f} vs {t['target']:,} -> {'met' if t['met'] else 'NOT met'}")
    print(f"total {results['seconds_total']:.0f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"wrote {args.out}")
    return 0 if agree == len(slice_mix) else 1


if __name__ == "__main__":
    sys.exit(main())
