"""Scenario tests for New Hampshire (library/us/nh.yaml): HB 511 (2025 N.H. Laws ch. 39, RSA ch. 106-R) and
SB 62 (2025, RSA chs. 106-P, 106-Q, RSA 30-B:1), both in force 2026-01-01. Every rule is secondary.

Local limiting policies are exercised with the FICTIONAL ``us/nh/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import act, ask, decide, detainer
from tests.law._rules_subset import basis_entry, obligation_kinds, rules_in_basis

COUNTY = "us/nh/fixture-county"


def test_no_detainer_duty_on_2025_12_31() -> None:
    """HB 511 takes effect 2026-01-01: the day before, no New Hampshire rule speaks to a detainer hold."""
    d = decide("nh", detainer("2025-12-31", "us/nh/hillsborough-county"))
    assert rules_in_basis(d, "us/nh") == set()


def test_detainer_compliance_required_from_2026_01_01() -> None:
    """RSA ch. 106-R (HB 511, analysis I, III): a county jail must comply with an ICE detainer for an inmate; a
    refusal is reported to the attorney general (RSA 30-B:1, SB 62) and a county hold lasts at most 48 hours after
    the state charges are resolved (RSA 30-B:1, III)."""
    d = decide("nh", detainer("2026-01-01", "us/nh/hillsborough-county", context="booking"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "detainer-compliance-required"
    assert basis_entry(d, "us/nh", "detainer-compliance-required")["confidence"] == "secondary"
    kinds = obligation_kinds(d)
    assert {"report", "limit_hold_duration"} <= kinds
    limits = [o for o in d["obligations"] if o.get("rule") == "county-hold-limit"]
    assert limits and limits[0]["deadline"] == "48 hours excluding Saturdays, Sundays and holidays"


def test_state_police_holding_cell_is_covered_too() -> None:
    """HB 511 binds every law enforcement agency; the county-facility 48-hour clause of RSA 30-B:1 does not reach a
    police lockup."""
    d = decide("nh", detainer("2026-02-01", "us/nh/manchester", kind="police", context="booking"))
    assert d["outcome"] == "required"
    assert "county-hold-limit" not in rules_in_basis(d, "us/nh")


def test_detainer_duty_waits_for_the_context() -> None:
    """RSA ch. 106-R (HB 511, analysis IV): whether the victim-or-witness exception applies depends on the context,
    so without it the engine asks rather than guesses."""
    d = decide("nh", detainer("2026-02-01", "us/nh/hillsborough-county"))
    assert d["outcome"] == "undetermined"
    assert "context" in d["missing_facts"]


def test_victim_or_witness_exception() -> None:
    """RSA ch. 106-R (HB 511, analysis IV): the duty does not reach certain crime victims and witnesses."""
    request = detainer("2026-02-01", "us/nh/hillsborough-county")
    request["context"] = "victim_or_witness"
    d = decide("nh", request)
    assert d["outcome"] != "required"
    assert basis_entry(d, "us/nh", "detainer-compliance-required")["status"] == "overridden"
    assert basis_entry(d, "us/nh", "detainer-victim-or-witness-exception")["status"] == "applied"


def test_citizenship_investigation_only_after_an_alleged_offence() -> None:
    """RSA ch. 106-R (HB 511, analysis II): officers may not investigate citizenship outside an alleged violation of
    state law; at booking they may; without the context the answer waits for it."""
    assert decide("nh", ask("2026-03-01", "us/nh/concord", context="service_delivery"))["outcome"] == "forbidden"
    booking = decide("nh", ask("2026-03-01", "us/nh/concord", context="booking"))
    assert booking["outcome"] == "allowed"
    assert booking["decided_by"]["rule"] == "citizenship-inquiry-after-alleged-offence"
    unknown = decide("nh", ask("2026-03-01", "us/nh/concord"))
    assert unknown["outcome"] == "undetermined"
    assert "context" in unknown["missing_facts"]
    assert rules_in_basis(decide("nh", ask("2025-12-31", "us/nh/concord", context="service_delivery")),
                          "us/nh") == set()


def test_county_ban_on_jail_interviews_void_from_2026() -> None:
    """HB 511's sanctuary-policy definition covers bans on ICE jail interviews: void from 2026-01-01."""
    before = decide("nh", act("2025-12-31", COUNTY, "interview", subject={"in_custody": True}),
                    fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    after = decide("nh", act("2026-01-01", COUNTY, "interview", subject={"in_custody": True}),
                   fixture="fixture-county")
    assert basis_entry(after, COUNTY, "no-ice-in-jail")["status"] == "void"
    assert basis_entry(after, "us/nh", "void-sanctuary-policies")["effect"] == "preempt"


def test_county_ban_on_287g_void() -> None:
    """RSA ch. 106-P (SB 62): no political subdivision may impede a law enforcement agency entering a 287(g)
    agreement."""
    d = decide("nh", act("2026-01-02", COUNTY, "enter_agreement", kind="police", agency=None),
               fixture="fixture-county")
    assert basis_entry(d, COUNTY, "no-287g")["status"] == "void"
