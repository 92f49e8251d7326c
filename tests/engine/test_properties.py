"""Properties of the engine that hold for every request (Hypothesis)."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings

from sanctuary.engine import Engine
from sanctuary.engine.request import parse_request
from sanctuary.rules.loader import Library, load_library
from tests.engine.conftest import FIXTURES
from tests.engine.strategies import requests

LIB = load_library(FIXTURES)
JURISDICTIONS = [*sorted(LIB.files), "zz/an/unlisted-county", "zz/st/unlisted-city"]
ENGINE = Engine(LIB)
EXCEPTIONS = [(jid, r.id) for jid, rf in LIB.files.items() for r in rf.rules if r.exception_to]
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def subtree(jid: str, rule_id: str) -> frozenset[str]:
    """An exception and every exception to it, at any depth."""
    rf = LIB.files[jid]
    drop = {rule_id}
    changed = True
    while changed:
        changed = False
        for r in rf.rules:
            if r.exception_to in drop and r.id not in drop:
                drop.add(r.id)
                changed = True
    return frozenset(drop)


@cache
def engine_without(jid: str, rule_id: str) -> Engine:
    """The same library with one exception (and any exceptions to it) removed."""
    rf = LIB.files[jid]
    drop = subtree(jid, rule_id)
    files = dict(LIB.files)
    files[jid] = rf.model_copy(update={"rules": [r for r in rf.rules if r.id not in drop]})
    return Engine(Library(files=files, paths=LIB.paths, digest=LIB.digest + "-" + rule_id))


def _summary(d: Any) -> tuple[str, Any]:
    return d.outcome, d.decided_by


@PROPERTY
@given(requests(JURISDICTIONS))
def test_a_request_no_exception_mentions_is_decided_the_same_without_it(raw: dict[str, Any]) -> None:
    r = parse_request(raw)
    bucket = ENGINE.compiled.bucket(r.jurisdiction, r.kind, r.action, ENGINE.compiled.segment(r.date))
    with_all = ENGINE.decide(raw)
    for jid, rule_id in EXCEPTIONS:
        # Removing an exception removes its own exceptions too; one of those may apply where its base does
        # not, and then it decides (docs/semantics.md 1.1, as in Catala). So the whole subtree must be silent.
        dropped = subtree(jid, rule_id)
        entries = [i for i in bucket.items if i.jurisdiction == jid and i.rule.id in dropped]
        if any(entry.check.test(r) is not False for entry in entries):
            continue  # the exception, or an exception to it, is (or may be) about this request
        without = engine_without(jid, rule_id).decide(raw)
        assert _summary(without) == _summary(with_all), (jid, rule_id)


@PROPERTY
@given(requests(JURISDICTIONS))
def test_decision_shape_invariants(raw: dict[str, Any]) -> None:
    d = ENGINE.decide(raw)
    if d.outcome in ("forbidden", "required"):
        assert d.decided_by is not None
        assert any(b["rule"] == d.decided_by["rule"] and b["status"] == "applied" for b in d.basis)
    if d.outcome == "undetermined":
        assert d.missing_facts or d.conflicts
        assert d.decided_by is None
    else:
        assert not d.missing_facts
    for b in d.basis:
        assert b["status"] in ("applied", "overridden", "void")
        assert b["citation"] and b["confidence"] in ("primary", "secondary", "unverified")
    for o in d.obligations:
        assert o["citation"]
    # Silence is not permission (semantics 2.7): coverage "none" exactly when no rule decided an allowed answer,
    # and then the explanation says so instead of "Allowed".
    assert d.coverage == ("none" if d.outcome == "allowed" and d.decided_by is None and not d.by_data else
                          d.coverage if d.by_data else "rule")
    if d.coverage == "none":
        assert d.outcome == "allowed"
        assert d.explanation.startswith("No encoded law")
        assert "written policy" in d.explanation
    else:
        assert d.explanation.split(":")[0].lower() == d.outcome


@PROPERTY
@given(requests(JURISDICTIONS))
def test_decide_is_deterministic_and_batch_agrees(raw: dict[str, Any]) -> None:
    one = ENGINE.decide(raw).to_dict()
    again = ENGINE.decide(raw).to_dict()
    batch = ENGINE.decide_many([raw, raw])
    assert one == again == batch[0].to_dict() == batch[1].to_dict()


@PROPERTY
@given(requests(JURISDICTIONS))
def test_facts_no_rule_reads_do_not_change_the_outcome(raw: dict[str, Any]) -> None:
    r = parse_request(raw)
    bucket = ENGINE.compiled.bucket(r.jurisdiction, r.kind, r.action, ENGINE.compiled.segment(r.date))
    altered = dict(raw)
    if "location" not in bucket.facts:
        altered["location"] = "non_public_area"
    if "subject.watchlist_match" not in bucket.facts:
        altered["subject"] = {**raw.get("subject", {}), "watchlist_match": True}
    assert _summary(ENGINE.decide(altered)) == _summary(ENGINE.decide(raw))
