"""Scenario tests for Ohio (library/us/oh.yaml): Ohio Rev. Code § 9.63.

Municipal and county policies are exercised with the FICTIONAL ``us/oh/fixture-city`` and ``us/oh/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import act, decide, detainer
from tests.law._rules_subset import basis_entry, obligation_kinds

CITY = "us/oh/fixture-city"
COUNTY = "us/oh/fixture-county"


def test_refusing_federal_assistance_goes_to_counsel() -> None:
    """§ 9.63(A): employees must not unreasonably fail to comply with a lawful federal request for assistance in an
    immigration investigation; the engine cannot judge reasonableness, so it sends the refusal to counsel."""
    d = decide("oh", act("2024-04-01", "us/oh/columbus", "assist_operation", kind="police"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "may-assist-federal-immigration-investigations"
    assert "escalate_to_counsel" in obligation_kinds(d)
    assert basis_entry(d, "us/oh", "no-unreasonable-refusal-of-federal-assistance")["effect"] == "duty"


def test_city_ban_on_assistance_is_void() -> None:
    """§ 9.63(B)-(C): a municipal corporation may not adopt a policy that materially hinders cooperation with
    federal immigration services."""
    d = decide("oh", act("2024-04-01", CITY, "assist_operation", kind="police"), fixture="fixture-city")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, CITY, "no-assistance")["status"] == "void"


def test_county_policy_is_outside_9_63_b() -> None:
    """§ 9.63(B) binds municipal corporations only: a county's ban on assistance is not void (its employees still
    carry the § 9.63(A) duty, which goes to counsel)."""
    d = decide("oh", act("2024-04-01", COUNTY, "assist_operation", kind="police"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == COUNTY
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_city_ban_on_transfers_void_but_ban_on_holds_stands() -> None:
    """§ 9.63(B) (secondary reading): a city ban on transfers to ICE materially hinders cooperation; a ban on
    detainer holds is deliberately not treated as void (a hold is a new seizure § 9.63 does not authorise)."""
    transfer = act("2024-04-01", CITY, "transfer", kind="police", subject={"in_custody": True})
    d = decide("oh", transfer, fixture="fixture-city")
    assert basis_entry(d, CITY, "no-ice-in-jail")["status"] == "void"
    hold = decide("oh", detainer("2024-04-01", CITY, kind="police"), fixture="fixture-city")
    assert hold["outcome"] == "forbidden"
    assert basis_entry(hold, CITY, "no-detainer-holds")["status"] == "applied"
