"""The semantics of docs/semantics.md, one test per clause, over a fictional library (tests/engine/fixtures)."""

from __future__ import annotations

from typing import Any

from sanctuary.engine import Engine
from tests.engine.conftest import req

ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer"}


def statuses(decision: Any) -> dict[str, str]:
    return {b["rule"]: b["status"] for b in decision.basis}


# §1 Exceptions inside one jurisdiction -------------------------------------------------------------------
def test_general_rule_applies_without_its_exception(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "hold", "2016-06-01", requester=ICE, instrument=DETAINER,
                          subject={"convictions": []}))
    assert d.outcome == "forbidden"
    assert d.decided_by == {"jurisdiction": "zz/st", "rule": "old-hold-limit", "citation": "S.C. § 10(a)"}


def test_exception_overrides_its_base(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "hold", "2016-06-01", requester=ICE, instrument=DETAINER,
                          subject={"convictions": [{"class": "felony", "date": "2014-01-01"}]}))
    assert d.outcome == "allowed"
    assert statuses(d) == {"status-duty": "applied", "hold-limit": "applied", "old-hold-limit": "overridden",
                           "old-hold-felony": "applied"}


def test_look_back_window_counts_from_the_request_date(engine: Engine) -> None:
    conviction = {"convictions": [{"class": "felony", "date": "2012-03-01"}]}
    inside = engine.decide(req("zz/st", "jail", "hold", "2017-03-01", subject=conviction))
    outside = engine.decide(req("zz/st", "jail", "hold", "2017-03-02", subject=conviction))
    assert (inside.outcome, outside.outcome) == ("allowed", "forbidden")


def test_exception_to_an_exception(engine: Engine) -> None:
    violent = [{"class": "violent_felony", "date": "2019-01-01"}]
    adult = engine.decide(req("zz/st", "jail", "notify_release", requester=ICE,
                              subject={"convictions": violent, "minor": False}))
    minor = engine.decide(req("zz/st", "jail", "notify_release", requester=ICE,
                              subject={"convictions": violent, "minor": True}))
    assert adult.outcome == "allowed"
    assert minor.outcome == "forbidden"
    assert minor.decided_by is not None and minor.decided_by["rule"] == "notify-violent-but-minor"
    assert statuses(minor)["notify-violent"] == "overridden"


def test_equal_rank_rules_that_disagree_are_a_conflict_not_a_pick(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "school", "inquire", context="benefits_eligibility",
                          data=["immigration_status"]))
    assert d.outcome == "undetermined"
    assert d.decided_by is None
    assert {r["rule"] for r in d.conflicts[0]["rules"]} == {"clash-a", "clash-b"}
    assert "escalate_to_counsel" in {o["kind"] for o in d.obligations}


# §2 Layers ---------------------------------------------------------------------------------------------
def test_higher_layer_preemption_voids_lower_rule(engine: Engine) -> None:
    d = engine.decide(req("zz/an/county", "jail", "hold", requester=ICE, instrument=DETAINER,
                          subject={"in_custody": True}))
    assert d.outcome == "required"
    assert statuses(d)["county-no-hold"] == "void"
    assert d.conflicts[0]["by"]["rule"] == "no-sanctuary-policies"
    assert {"record_request", "notify_subject"} <= {o["kind"] for o in d.obligations}


def test_preemption_does_not_reach_dates_before_it(engine: Engine) -> None:
    d = engine.decide(req("zz/an/county", "jail", "hold", "2017-08-31", requester=ICE, instrument=DETAINER,
                          subject={"in_custody": True}))
    assert d.outcome == "forbidden"
    assert statuses(d) == {"status-duty": "applied", "hold-limit": "applied", "county-no-hold": "applied"}


def test_exception_in_higher_layer_lets_lower_forbid_stand_only_if_not_void(engine: Engine) -> None:
    d = engine.decide(req("zz/an/county", "jail", "hold", requester=ICE, instrument=DETAINER,
                          subject={"in_custody": True, "proof_of_lawful_status": True}))
    # The county rule is still void (preempted), so the state's exception leaves discretion.
    assert d.outcome == "allowed"
    assert statuses(d)["proof-of-status"] == "applied"


def test_lower_layer_forbid_beats_higher_permission_with_deference(engine: Engine) -> None:
    d = engine.decide(req("zz/st/city", "jail", "notify_release", requester=ICE,
                          subject={"convictions": [{"class": "violent_felony", "date": "2019-01-01"}],
                                   "minor": False}))
    assert d.outcome == "forbidden"
    assert d.decided_by is not None and d.decided_by["rule"] == "no-notify-ever"
    assert statuses(d)["notify-violent"] == "overridden"
    assert d.conflicts[0]["resolution"].startswith("overridden: this permission defers")


def test_higher_forbid_and_lower_forbid_both_apply(engine: Engine) -> None:
    d = engine.decide(req("zz/st/city", "jail", "notify_release", requester=ICE, subject={"convictions": []}))
    assert d.outcome == "forbidden"
    assert d.decided_by is not None and d.decided_by["jurisdiction"] == "zz/st"
    assert statuses(d) == {"no-notify": "applied", "no-notify-ever": "applied", "copy-duty": "applied"}


def test_jurisdiction_without_a_file_is_decided_by_the_layers_above(engine: Engine) -> None:
    d = engine.decide(req("zz/an/nowhere-county", "jail", "hold", requester=ICE, instrument=DETAINER,
                          subject={"in_custody": True}))
    assert d.outcome == "required"
    assert [layer["has_policy"] for layer in d.layers] == [True, True, False]
    assert "Nowhere County has no policy of its own" in d.explanation


def test_contested_preemption_is_reported_as_contested(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "disclose", requester=ICE, data=["immigration_status"]))
    assert d.outcome == "allowed"
    assert statuses(d)["no-disclose-status"] == "void"
    conflict = d.conflicts[0]
    assert conflict["contested"] is True and conflict["cases"] == ["City v. Zedland (2018)"]
    assert "contested in court" in d.explanation


def test_mixed_data_is_decided_item_by_item(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "disclose", requester=ICE, data=["immigration_status", "address"]))
    assert d.by_data == {"immigration_status": "allowed", "address": "forbidden"}
    assert d.outcome == "forbidden"
    assert {(b["rule"], b["status"]) for b in d.basis} == {
        ("status-sharing-protected", "applied"), ("no-disclose-status", "void"), ("no-disclose-status", "applied"),
    }


# §3 Dates ----------------------------------------------------------------------------------------------
def test_rule_versions_follow_the_request_date(engine: Engine) -> None:
    felony = {"convictions": [{"class": "felony", "date": "2016-01-01"}]}
    before = engine.decide(req("zz/st", "jail", "hold", "2017-12-31", subject=felony))
    after = engine.decide(req("zz/st", "jail", "hold", "2018-01-01", subject=felony))
    assert before.decided_by is not None and before.decided_by["rule"] == "old-hold-felony"
    assert after.decided_by is not None and after.decided_by["rule"] == "no-hold"
    assert (before.outcome, after.outcome) == ("allowed", "forbidden")


# §4 Missing facts ----------------------------------------------------------------------------------------
def test_missing_deciding_fact_gives_undetermined_with_missing_facts(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "hold", "2016-06-01"))
    assert d.outcome == "undetermined"
    assert d.missing_facts == ("subject.convictions",)
    assert "forbidden or allowed" in d.explanation


def test_missing_fact_that_does_not_matter_does_not_block(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "hold", "2019-06-01", subject={"in_custody": None}))
    assert d.outcome == "forbidden"
    # A hold concerns a person in custody by definition: the federal record duty applies, and says why.
    assert "record_request" in {o["kind"] for o in d.obligations}
    assert "subject.in_custody" in d.assumed
    assert "the person is in the agency's custody" in d.explanation


def test_duty_waiting_for_an_unknown_fact_is_conditional(engine: Engine) -> None:
    d = engine.decide(req("zz", "jail", "disclose", data=["identity"]))
    assert d.outcome == "allowed"
    conditional = [o for o in d.obligations if "conditional_on" in o]
    assert [(o["kind"], o["conditional_on"]) for o in conditional] == [("record_request", ["subject.in_custody"])]


def test_absent_proof_is_assumed_not_shown(engine: Engine) -> None:
    d = engine.decide(req("zz/an", "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d.outcome == "required"
    assert "subject.proof_of_lawful_status" in d.assumed


def test_decision_carries_ruleset_digest(engine: Engine) -> None:
    d = engine.decide(req("zz", "jail", "hold"))
    assert d.ruleset == engine.digest and len(d.ruleset) == 64
    assert d.to_dict()["ruleset"] == engine.digest


def test_no_rule_means_discretion_and_says_so(engine: Engine) -> None:
    d = engine.decide(req("zz", "library", "collect", data=["identity"]))
    assert d.outcome == "allowed" and d.decided_by is None and d.basis == ()
    assert d.coverage == "none" and d.to_dict()["coverage"] == "none"
    assert d.explanation.startswith("No encoded law")
    assert "follow the agency's written policy, or ask counsel" in d.explanation
    assert "You may" not in d.explanation and not d.explanation.startswith("Allowed")


# §2.7 Silence is not permission ---------------------------------------------------------------------------------
def test_a_rule_that_decides_gives_coverage_rule(engine: Engine) -> None:
    forbidden = engine.decide(req("zz/st", "jail", "hold", "2016-06-01", subject={"convictions": []}))
    allowed_by_rule = engine.decide(req("zz/st", "jail", "hold", "2016-06-01", requester=ICE, instrument=DETAINER,
                                        subject={"convictions": [{"class": "felony", "date": "2014-01-01"}]}))
    assert (forbidden.coverage, allowed_by_rule.coverage) == ("rule", "rule")
    assert allowed_by_rule.outcome == "allowed" and allowed_by_rule.decided_by is not None
    assert allowed_by_rule.explanation.startswith("Allowed")


def test_silence_on_liberty_or_personal_data_goes_to_counsel(engine: Engine) -> None:
    def kinds(**kw: Any) -> set[str]:
        d = engine.decide(req("zz", "library", **kw))
        assert d.coverage == "none", kw
        return {o["kind"] for o in d.obligations}

    for action in ("hold", "arrest", "transfer", "notify_release"):
        assert "escalate_to_counsel" in kinds(action=action)
    assert "escalate_to_counsel" in kinds(action="interview")  # custody taken as given for an interview
    assert "escalate_to_counsel" not in kinds(action="interview", subject={"in_custody": False})
    assert "escalate_to_counsel" in kinds(action="disclose", data=["address"])
    assert "escalate_to_counsel" in kinds(action="disclose")  # what is asked for is unknown
    assert "escalate_to_counsel" not in kinds(action="disclose", data=["immigration_status"])
    assert "escalate_to_counsel" not in kinds(action="inquire", data=["address"])
    assert "escalate_to_counsel" not in kinds(action="grant_access")


def test_silence_escalation_is_memoised_per_fact_it_reads(engine: Engine) -> None:
    # The same bucket, decided from the memo: the answer must still follow custody and the data asked for.
    for _ in range(2):
        assert engine.decide(req("zz", "library", "interview", subject={"in_custody": False})).obligations == ()
        assert engine.decide(req("zz", "library", "interview", subject={"in_custody": True})).obligations != ()
        assert engine.decide(req("zz", "library", "disclose", data=["citizenship"])).obligations == ()
        assert engine.decide(req("zz", "library", "disclose", data=["health"])).obligations != ()


def test_trace_lists_every_rule_in_scope(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "jail", "hold", "2016-06-01", subject={"convictions": []}), trace=True)
    assert d.trace is not None
    layer = next(t for t in d.trace if t["jurisdiction"] == "zz/st")
    assert {r["rule"]: r["applies"] for r in layer["rules"]} == {
        "old-hold-limit": True, "old-hold-felony": False,
    }
    assert layer["rules"][0]["status"] == "applied" and layer["rules"][1]["status"] is None


# §6 Obligations ---------------------------------------------------------------------------------------------
def test_duty_limited_to_outcomes_attaches_only_on_them(engine: Engine) -> None:
    required = engine.decide(req("zz/an", "jail", "hold", requester=ICE, instrument=DETAINER,
                                 subject={"in_custody": True}))
    forbidden = engine.decide(req("zz/st", "jail", "hold", requester=ICE, instrument=DETAINER,
                                  subject={"in_custody": True}))
    assert "limit_hold_duration" in {o["kind"] for o in required.obligations}
    assert forbidden.outcome == "forbidden"
    assert "limit_hold_duration" not in {o["kind"] for o in forbidden.obligations}
    assert {"record_request", "give_copy_to_subject"} <= {o["kind"] for o in forbidden.obligations}


def test_a_lower_jurisdictions_own_exception_is_not_shown_as_preempted(engine: Engine) -> None:
    """Clause 2.1: exceptions are settled inside the jurisdiction before preemption voids what is left."""
    d = engine.decide(req("zz/an/county", "jail", "hold", requester=ICE,
                          instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    assert d.outcome == "allowed"
    assert d.decided_by is not None and d.decided_by["rule"] == "county-hold-on-warrant"
    assert statuses(d) == {"status-duty": "applied", "county-no-hold": "overridden",
                           "county-hold-on-warrant": "applied"}
    assert d.conflicts == ()


# §2.6 Baselines: a higher layer's default that gives way where a lower layer decides ---------------------------
def test_baseline_decides_where_no_lower_layer_speaks(engine: Engine) -> None:
    d = engine.decide(req("zz/st", "police", "transfer", requester=ICE, instrument=DETAINER))
    assert d.outcome == "forbidden" and d.coverage == "rule"
    assert d.decided_by is not None and d.decided_by["rule"] == "transfer-needs-a-judge"
    warrant = engine.decide(req("zz/st", "police", "transfer", requester=ICE, instrument={"type": "judicial_warrant"}))
    assert warrant.outcome == "allowed" and warrant.decided_by is not None
    assert warrant.decided_by["rule"] == "transfer-on-a-judges-warrant"


def test_baseline_gives_way_to_a_lower_layer_that_requires(engine: Engine) -> None:
    d = engine.decide(req("zz/an", "police", "transfer", requester=ICE, instrument=DETAINER))
    assert d.outcome == "required"
    assert d.decided_by is not None and d.decided_by["rule"] == "must-transfer"
    assert statuses(d)["transfer-needs-a-judge"] == "overridden"
    conflict = next(c for c in d.conflicts if c["rule"]["rule"] == "transfer-needs-a-judge")
    assert conflict["resolution"].startswith("overridden: a baseline gives way")


def test_baseline_gives_way_to_a_lower_permission_too(engine: Engine) -> None:
    d = engine.decide(req("zz/st/city", "police", "transfer", requester=ICE, instrument=DETAINER))
    assert d.outcome == "allowed" and d.coverage == "rule"
    assert d.decided_by is not None and d.decided_by["rule"] == "may-transfer"
    assert statuses(d)["transfer-needs-a-judge"] == "overridden"


def test_baseline_stands_when_the_lower_rule_does_not_apply(engine: Engine) -> None:
    # zz/an's rule covers ICE only: for a CBP request the state is silent and the baseline decides.
    d = engine.decide(req("zz/an", "police", "transfer", requester={"agency": "cbp"}, instrument=DETAINER))
    assert d.outcome == "forbidden" and d.decided_by is not None
    assert d.decided_by["rule"] == "transfer-needs-a-judge"
    unknown = engine.decide(req("zz/an", "police", "transfer", instrument=DETAINER))
    assert unknown.outcome == "undetermined" and unknown.missing_facts == ("requester.agency",)
