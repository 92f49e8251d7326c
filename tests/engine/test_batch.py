"""The vectorised batch path (sanctuary.engine.batch) gives exactly what Engine.decide gives, request by request."""

from __future__ import annotations

import datetime as dt
import gc
from functools import cache
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctuary import vocabulary as v
from sanctuary.engine import Engine, RequestError, parse_request
from sanctuary.engine.batch import (
    OUTCOMES,
    Columns,
    RecordSpec,
    _cutoff_ymd,
    _ymd,
    decide_columns,
    decide_requests,
    encode,
    record_results,
)
from sanctuary.engine.conditions import FACT_ATTRS, years_before
from sanctuary.engine.decision import Decision
from sanctuary.engine.request import Request
from sanctuary.rules.loader import load_library
from tests.engine.conftest import req

FIXTURE_JURISDICTIONS = ["zz", "zz/st", "zz/an", "zz/an/county", "zz/st/city", "zz/st/elsewhere", "zz/an/nowhere"]
REAL_JURISDICTIONS = ["us", "us/ca", "us/ca/san-francisco", "us/tx", "us/tx/travis-county", "us/il", "us/il/chicago",
                      "us/fl", "us/id", "us/ny/new-york-city", "us/or", "ca", "ca/on/toronto", "ca/bc/vancouver"]
# Days around the fixture's and the real library's break dates, and any other day.
DAYS = st.one_of(
    st.sampled_from([dt.date(y, m, d) for y in (2009, 2010, 2014, 2016, 2017, 2018, 2021) for m, d in
                     ((1, 1), (8, 31), (9, 1), (12, 31), (2, 28))] + [dt.date(2020, 2, 29), dt.date(2024, 2, 29)]),
    st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31)),
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def requests(draw: st.DrawFn, jurisdictions: list[str]) -> dict[str, Any]:
    day: dt.date = draw(DAYS)
    out: dict[str, Any] = {
        "date": day.isoformat(),
        "agency": {"jurisdiction": draw(st.sampled_from(jurisdictions)),
                   "kind": draw(st.sampled_from(["jail", "police", "school", "court", *v.AGENCY_KINDS]))},
        "action": draw(st.sampled_from(["hold", "notify_release", "transfer", "disclose", *v.ACTIONS])),
    }
    requester = {k: val for k, val in (("agency", draw(_maybe(st.sampled_from(v.REQUESTER_AGENCIES)))),
                                       ("purpose", draw(_maybe(st.sampled_from(v.PURPOSES))))) if val is not None}
    if requester:
        out["requester"] = requester
    instrument = {k: val for k, val in (
        ("type", draw(_maybe(st.sampled_from(v.INSTRUMENT_TYPES)))),
        ("signed_by", draw(_maybe(st.sampled_from(v.SIGNERS)))),
        ("probable_cause_finding", draw(_maybe(st.booleans()))),
        ("accompanied_by", draw(_maybe(st.lists(st.sampled_from(v.INSTRUMENT_TYPES), max_size=2)))),
    ) if val is not None}
    if instrument:
        out["instrument"] = instrument
    for name, strategy in (("data", st.lists(st.sampled_from(v.DATA_CATEGORIES), max_size=3)),
                           ("context", st.sampled_from(v.CONTEXTS)), ("location", st.sampled_from(v.LOCATIONS)),
                           ("exigent", st.booleans())):
        value = draw(_maybe(strategy))
        if value is not None:
            out[name] = value
    subject: dict[str, Any] = {}
    for name in ("in_custody", "watchlist_match", "final_removal_order", "reentered_after_removal",
                 "written_consent", "minor", "proof_of_lawful_status"):
        value = draw(_maybe(st.booleans()))
        if value is not None:
            subject[name] = value
    if draw(st.booleans()):  # convictions, dated up to 12 years back: inside and outside every window
        subject["convictions"] = [
            {"class": draw(st.sampled_from(v.CONVICTION_CLASSES)),
             "date": (day - dt.timedelta(days=draw(st.integers(0, 12 * 366)))).isoformat()}
            for _ in range(draw(st.integers(0, 3)))
        ]
    if draw(st.booleans()):
        subject["pending_charges"] = [
            {"class": draw(st.sampled_from(v.CONVICTION_CLASSES)), "probable_cause_finding": draw(st.booleans())}
            for _ in range(draw(st.integers(0, 2)))
        ]
    if subject:
        out["subject"] = subject
    return out


def batches(jurisdictions: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    # Draw from a small pool and repeat, so that many requests share a key while differing in what the key drops.
    pool = st.lists(requests(jurisdictions), min_size=1, max_size=8)
    return pool.flatmap(lambda p: st.lists(st.sampled_from(p) | requests(jurisdictions), min_size=1, max_size=30))


def assert_same_as_single(engine: Engine, batch: list[dict[str, Any]]) -> None:
    singles = [engine.decide(r) for r in batch]
    for keep in (False, True):  # False: every decided row is rebuilt from the columns
        result = decide_columns(engine, encode(batch, keep=keep))
        assert len(result) == len(batch)
        assert result.unique <= len(batch)
        for i, single in enumerate(singles):
            assert OUTCOMES[result.outcome[i]] == single.outcome
            code = int(result.decided_by[i])
            if single.decided_by is None:
                assert code == -1
            else:
                assert result.rules[code] == (single.decided_by["jurisdiction"], single.decided_by["rule"])
            assert result.decision(i).to_dict() == single.to_dict()
    assert [d.to_dict() for d in decide_requests(engine, batch)] == [d.to_dict() for d in singles]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(FIXTURE_JURISDICTIONS))
def test_batch_equals_decide_on_the_fixture_library(engine: Engine, batch: list[dict[str, Any]]) -> None:
    assert_same_as_single(engine, batch)


@cache
def real_engine() -> Engine:
    return Engine(load_library())  # the packaged library must load: a LibraryError fails the test


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(REAL_JURISDICTIONS))
def test_batch_equals_decide_on_the_real_library(batch: list[dict[str, Any]]) -> None:
    engine = real_engine()
    try:
        assert_same_as_single(engine, batch)
    except RequestError as exc:  # a jurisdiction id the library rejects must be rejected by both paths
        with pytest.raises(RequestError) as single_error:
            for r in batch:
                engine.decide(r)
        assert single_error.value.field == exc.field


def test_a_key_ignores_what_the_rules_do_not_read(engine: Engine) -> None:
    base = req("zz/st", "jail", "hold", "2016-06-01", requester={"agency": "ice"}, instrument={"type": "detainer"},
               subject={"convictions": [{"class": "felony", "date": "2014-01-01"}]})
    other_day = {**base, "date": "2016-07-01"}  # same segment, conviction still inside the 5-year window
    result = decide_columns(engine, encode([base, other_day, {**base, "location": "public_area"}]))
    assert result.unique == 1
    assert result.outcome_names() == ["allowed"] * 3
    outside = {**base, "date": "2019-01-02"}  # the window has passed and the new act is in force
    assert decide_columns(engine, encode([base, outside])).unique == 2


def test_columns_built_directly(engine: Engine) -> None:
    day = dt.date(2016, 6, 1).toordinal()
    cols = Columns.build(
        ["zz/st"], jurisdiction=[0, 0, 0], kind=[v.AGENCY_KINDS.index("jail")] * 3,
        action=[v.ACTIONS.index("hold")] * 3, day=[day, day, day],
        requester=[v.REQUESTER_AGENCIES.index("ice")] * 3, instrument_type=[v.INSTRUMENT_TYPES.index("detainer")] * 3,
        convictions=[0, 0, -1], conviction_row=[0], conviction_class=[v.CONVICTION_CLASSES.index("felony")],
        conviction_day=[dt.date(2014, 1, 1).toordinal()],
    )
    result = decide_columns(engine, cols)
    expected = [engine.decide(cols.request(i)).to_dict() for i in range(3)]
    assert [d.to_dict() for d in result.all_decisions()] == expected
    assert result.outcome_names() == ["allowed", "forbidden", "undetermined"]
    assert result.decision(2).missing_facts == ("subject.convictions",)


def test_empty_batch(engine: Engine) -> None:
    result = decide_columns(engine, encode([]))
    assert len(result) == 0 and result.unique == 0 and result.all_decisions() == []


def test_bad_columns_name_the_column(engine: Engine) -> None:
    with pytest.raises(RequestError) as exc:
        decide_columns(engine, Columns.build(["zz"], [0], [99], [0], [730000]))
    assert exc.value.field == "kind"
    with pytest.raises(RequestError) as exc:
        Columns.build(["zz"], [0], [0], [0], [730000], colour=[1])
    assert exc.value.field == "colour"
    with pytest.raises(RequestError) as exc:
        decide_columns(engine, Columns.build(["zz"], [0], [0], [0], [730000], convictions=[0], conviction_row=[0],
                                             conviction_class=[0], conviction_day=[730001]))
    assert exc.value.field == "subject.convictions"
    with pytest.raises(RequestError) as exc:
        decide_columns(engine, Columns.build(["qq/zz"], [0], [0], [0], [730000]))
    assert exc.value.field == "agency.jurisdiction"


def test_bad_request_in_a_batch_names_its_index() -> None:
    with pytest.raises(RequestError) as exc:
        encode([req("zz", "jail", "hold"), req("zz", "jail", "fly")])
    assert exc.value.field == "[1].action"


@given(st.lists(st.dates(dt.date(1800, 1, 1), dt.date(2200, 12, 31)), min_size=1, max_size=20)
       | st.just([dt.date(2024, 2, 29), dt.date(2000, 2, 29), dt.date(2100, 3, 1)]), st.integers(1, 30))
def test_vectorised_look_back_matches_years_before(days: list[dt.date], years: int) -> None:
    ymd = _ymd(np.array([d.toordinal() for d in days], dtype=np.int64))
    assert ymd.tolist() == [d.year * 10000 + d.month * 100 + d.day for d in days]
    cutoffs = [years_before(d, years) for d in days]
    assert _cutoff_ymd(ymd, years).tolist() == [c.year * 10000 + c.month * 100 + c.day for c in cutoffs]


def test_record_results_are_three_valued() -> None:
    cols = encode([
        req("zz", "jail", "hold", "2020-03-01", subject={"convictions": [{"class": "felony", "date": "2015-03-01"}]}),
        req("zz", "jail", "hold", "2020-03-02", subject={"convictions": [{"class": "felony", "date": "2015-03-01"}]}),
        req("zz", "jail", "hold", "2020-03-01", subject={"convictions": []}),
        req("zz", "jail", "hold", "2020-03-01"),
    ])
    spec = RecordSpec("convictions", frozenset({"felony"}), 5, 1, None)
    assert record_results(cols, spec).tolist() == [1, 0, 0, -1]


@settings(max_examples=60, deadline=None)
@given(batches(FIXTURE_JURISDICTIONS), st.data())
def test_record_results_on_some_rows_are_those_rows_of_the_whole(
        batch: list[dict[str, Any]], data: st.DataObject) -> None:
    """decide_columns computes record tests only on the rows of buckets that use them (``at``): each row's result
    is the one computed over the whole batch, for every kind of record test."""
    cols = encode(batch)
    at = np.array(sorted(data.draw(st.sets(st.integers(0, len(batch) - 1)))), dtype=np.int64)
    specs = [RecordSpec("convictions", frozenset({"felony"}), 5, 1, None),
             RecordSpec("convictions", frozenset({"felony", "misdemeanor"}), None, 2, None),
             RecordSpec("pending_charges", frozenset({"felony"}), None, 1, True),
             RecordSpec("pending_charges", frozenset({"misdemeanor"}), None, 1, None)]
    shared: dict[str, Any] = {}
    for spec in specs:
        whole = record_results(cols, spec)
        assert set(whole.tolist()) <= {-1, 0, 1}
        assert record_results(cols, spec, shared, at=at).tolist() == whole[at].tolist()


def test_record_results_refuse_a_cache_of_other_rows_and_repeated_rows() -> None:
    cols = encode([
        req("zz", "jail", "hold", "2020-03-01", subject={"convictions": [{"class": "felony", "date": "2015-03-01"}]}),
        req("zz", "jail", "hold", "2020-03-02", subject={"convictions": [{"class": "felony", "date": "2015-03-01"}]}),
    ])
    spec = RecordSpec("convictions", frozenset({"felony"}), 5, 1, None)
    cache: dict[str, Any] = {}
    assert record_results(cols, spec, cache).tolist() == [1, 0]
    with pytest.raises(ValueError, match="one and the same"):
        record_results(cols, spec, cache, at=np.array([1], dtype=np.int64))
    with pytest.raises(ValueError, match="distinct"):
        record_results(cols, spec, at=np.array([0, 0], dtype=np.int64))
    assert record_results(cols, spec, at=np.array([1, 0], dtype=np.int64)).tolist() == [0, 1]


def test_decisions_from_the_engine_memo_are_immutable(engine: Engine) -> None:
    """Engine._decide_one shares one built decision per bucket, test pattern and absent facts; it cannot be
    changed by a caller, and to_dict gives each caller its own copy."""
    request = req("zz/st", "jail", "hold", "2016-06-01", requester={"agency": "ice"}, instrument={"type": "detainer"},
                  subject={"in_custody": True, "convictions": [{"class": "felony", "date": "2014-01-01"}]})
    first = engine.decide(request)
    expected = first.to_dict()
    for name in ("basis", "obligations", "conflicts", "missing_facts", "layers", "assumed"):
        assert isinstance(getattr(first, name), tuple), name
    mutable = first.to_dict()
    mutable["basis"].clear()
    mutable["obligations"].append({"kind": "report"})
    again = engine.decide({**request, "date": "2016-06-02"})  # same bucket and test results: from the memo
    assert again is first
    assert again.to_dict() == expected
    # Same test results, but one request leaves proof of lawful status unsaid (taken as false, and `assumed`).
    hold = req("zz/an", "jail", "hold", "2020-01-01", instrument={"type": "detainer"}, subject={"in_custody": True})
    said = engine.decide({**hold, "subject": {"in_custody": True, "proof_of_lawful_status": False}})
    unsaid = engine.decide(hold)
    assert said.outcome == unsaid.outcome
    assert "subject.proof_of_lawful_status" in unsaid.assumed
    assert "subject.proof_of_lawful_status" not in said.assumed


def test_what_to_dict_gives_cannot_change_a_shared_decision(engine: Engine) -> None:
    """A conditional obligation's ``conditional_on`` and a contested conflict's ``cases`` are lists inside the
    entries: ``to_dict`` copies them too, so a caller changing them leaves the memoised decision as it was."""
    conditional = req("zz/an", "jail", "hold", "2026-01-11", requester={"agency": "dhs",
                      "purpose": "criminal_investigation"}, subject={"in_custody": True, "minor": False,
                      "pending_charges": [{"class": "violent_felony", "probable_cause_finding": True}]})
    contested = req("zz/st/city", "jail", "disclose", "2022-04-09", data=["immigration_status"],
                    requester={"agency": "ice", "purpose": "civil_immigration"},
                    subject={"in_custody": True, "convictions": [], "minor": False})
    for request, section, field in ((conditional, "obligations", "conditional_on"),
                                    (contested, "conflicts", "cases")):
        first = engine.decide(request)
        expected = first.to_dict()
        changed = first.to_dict()
        lists = [entry[field] for entry in changed[section] if field in entry]
        assert lists, (section, field)  # the case this test is about
        for value in lists:
            value.append("changed by a caller")
        again = engine.decide(request)
        assert again is first
        assert again.to_dict() == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(FIXTURE_JURISDICTIONS))
def test_the_engine_memo_gives_what_a_fresh_build_gives(engine: Engine, batch: list[dict[str, Any]]) -> None:
    warm = [engine.decide(r).to_dict() for r in batch]  # later requests may come from the memo of earlier ones
    for raw, expected in zip(batch, warm, strict=True):
        r = parse_request(raw)
        engine.compiled.bucket(r.jurisdiction, r.kind, r.action, engine.compiled.segment(r.date)).forget()
        assert engine.decide(raw).to_dict() == expected


def test_a_batch_restores_the_garbage_collector(engine: Engine) -> None:
    batch = [req("zz/st", "jail", "hold", "2016-06-01"), req("zz", "police", "arrest")]
    assert gc.isenabled()
    decide_requests(engine, batch)
    assert gc.isenabled()
    gc.disable()
    try:
        decide_columns(engine, encode(batch))
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RequestError):
        decide_requests(engine, [*batch, req("zz", "jail", "fly")])
    assert gc.isenabled()


def test_a_bucket_with_preemptions_is_answered_from_its_memo(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """A request under a preemption (Anland voids its counties' and cities' limits on holds) is decided once; the
    same bucket, test results and preemption results then come from the memo on the fast path (the full
    evaluation is not called again), and equal a fresh build."""
    request = req("zz/an/unlisted-county", "jail", "hold", "2020-01-01", requester={"agency": "ice"},
                  instrument={"type": "detainer"}, subject={"in_custody": True, "proof_of_lawful_status": False})
    r = parse_request(request)
    bucket = engine.compiled.bucket(r.jurisdiction, r.kind, r.action, engine.compiled.segment(r.date))
    assert bucket.pre_tests  # the case this test is about
    first = engine.decide(request)
    bucket.by_facts.clear()  # the memo by test results, on its own
    with monkeypatch.context() as patched:
        patched.setattr(engine, "_decide_one", lambda *_: pytest.fail("not answered from the memo"))
        again = engine.decide({**request, "date": "2020-01-02"})
    assert again is first
    bucket.forget()
    assert engine.decide(request).to_dict() == first.to_dict()


def _untraced(decision: Decision) -> dict[str, Any]:
    out = decision.to_dict()
    out.pop("trace", None)
    return out


def assert_memos_agree_with_a_full_evaluation(engine: Engine, batch: list[dict[str, Any]]) -> None:
    """Every answer of a warm engine (later requests may be answered by either memo from earlier ones) equals the
    traced evaluation, which reads neither memo."""
    for raw in batch:  # the session's engine may have filled these buckets' memos (64 each) in earlier tests
        r = parse_request(raw)
        engine._check_jurisdiction(r.jurisdiction)
        engine.compiled.bucket(r.jurisdiction, r.kind, r.action, engine.compiled.segment(r.date)).forget()
    warm = [engine.decide(r) for r in batch]
    for raw, got in zip(batch, warm, strict=True):
        assert got.to_dict() == _untraced(engine.decide(raw, trace=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(FIXTURE_JURISDICTIONS))
def test_the_facts_memo_agrees_with_a_full_evaluation_on_the_fixture_library(
        engine: Engine, batch: list[dict[str, Any]]) -> None:
    assert_memos_agree_with_a_full_evaluation(engine, batch)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(REAL_JURISDICTIONS))
def test_the_facts_memo_agrees_with_a_full_evaluation_on_the_real_library(batch: list[dict[str, Any]]) -> None:
    assert_memos_agree_with_a_full_evaluation(real_engine(), batch)


def test_the_facts_memo_answers_undetermined_and_item_by_item_requests(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests that miss a fact the answer turns on, or ask for several data items, are evaluated in full once;
    a later request stating the same facts on another day of the same period is answered from the facts memo
    without running a test, and equals its own full evaluation."""
    unknown = req("zz/st", "jail", "hold", "2016-06-01", requester={"agency": "ice"})
    items = req("zz/st", "jail", "disclose", "2016-06-01", requester={"agency": "ice"},
                data=["address", "immigration_status", "health"])
    for request in (unknown, items):
        r = parse_request(request)
        bucket = engine.compiled.bucket(r.jurisdiction, r.kind, r.action, engine.compiled.segment(r.date))
        first = engine.decide(request)
        assert bucket.by_facts
        with monkeypatch.context() as patched:
            patched.setattr(engine, "_evaluate", lambda *_: pytest.fail("not answered from the facts memo"))
            again = engine.decide({**request, "date": "2016-06-02"})
        assert again is first
        assert again.to_dict() == _untraced(engine.decide({**request, "date": "2016-06-02"}, trace=True))
    assert engine.decide(unknown).outcome == "undetermined"
    assert engine.decide(items).by_data is not None


def test_a_look_back_window_is_not_answered_from_the_facts_memo(engine: Engine) -> None:
    """Whether a conviction falls inside a rule's look-back window depends on the request's date: two requests
    stating the same conviction on different days are each decided on their own day."""
    conviction = {"convictions": [{"class": "felony", "date": "2010-01-01"}], "in_custody": True}
    hold = req("zz/st", "jail", "hold", "2014-06-01", requester={"agency": "ice"}, instrument={"type": "detainer"},
               subject=conviction)
    later = {**hold, "date": "2015-06-01"}  # five years and five months after the conviction: outside the window
    inside, outside = engine.decide(hold), engine.decide(later)
    assert (inside.outcome, outside.outcome) == ("allowed", "forbidden")
    for request, got in ((hold, inside), (later, outside)):
        assert got.to_dict() == _untraced(engine.decide(request, trace=True))
    r = parse_request(hold)
    assert engine.compiled.bucket(r.jurisdiction, r.kind, r.action, engine.compiled.segment(r.date)).reads_date


_READ: list[str] = []


class _ReadRecorder(Request):
    """A request that records the name of every attribute read from it (and from its item-by-item copies)."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("__") and name not in ("with_data", "key"):
            _READ.append(name)
        return object.__getattribute__(self, name)

    def with_data(self, data: frozenset[str]) -> Request:
        clone = _ReadRecorder.__new__(_ReadRecorder)
        for name in Request.__slots__:
            object.__setattr__(clone, name, object.__getattribute__(self, name))
        object.__setattr__(clone, "data", data)
        return clone


def _recording(r: Request) -> _ReadRecorder:
    out = _ReadRecorder.__new__(_ReadRecorder)
    for name in Request.__slots__:
        object.__setattr__(out, name, getattr(r, name))
    return out


def assert_decisions_read_only_the_projected_facts(engine: Engine, raw: dict[str, Any]) -> None:
    """The facts memo is sound only if a decision reads nothing of the request beyond what ``Bucket.project``
    reads, the facts taken as given, and what is the same for the whole bucket; and the date only where the
    memo is skipped. Checked directly: every attribute the full evaluation reads is recorded."""
    r = parse_request(raw)
    engine._check_jurisdiction(r.jurisdiction)
    bucket = engine.compiled.bucket(r.jurisdiction, r.kind, r.action, engine.compiled.segment(r.date))
    bucket.forget()
    _READ.clear()
    engine._evaluate(_recording(r), bucket)
    projected = {FACT_ATTRS[f] for f in bucket.facts | bucket.silence_facts}
    same_for_the_bucket = {"jurisdiction", "action", "kind"}
    extra = set(_READ) - projected - same_for_the_bucket - {"absent"}
    if bucket.reads_date and r.convictions is not None:
        extra -= {"date", "convictions"}
    assert not extra, (extra, raw)
    names = sorted(projected or {"action"})  # what Bucket.project must read, in its order
    got = bucket.project(r)
    assert (got if len(names) > 1 else (got,)) == tuple(getattr(r, name) for name in names)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(FIXTURE_JURISDICTIONS))
def test_a_decision_reads_only_what_the_facts_memo_keys_on_fixture_library(
        engine: Engine, raw: dict[str, Any]) -> None:
    assert_decisions_read_only_the_projected_facts(engine, raw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests(REAL_JURISDICTIONS))
def test_a_decision_reads_only_what_the_facts_memo_keys_on_real_library(raw: dict[str, Any]) -> None:
    assert_decisions_read_only_the_projected_facts(real_engine(), raw)
