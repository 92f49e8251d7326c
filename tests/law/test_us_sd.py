"""Scenario tests for South Dakota (library/us/sd.yaml): S.B. 7 (2025), in force 2025-07-01 (secondary).

Local limiting policies are exercised with the FICTIONAL ``us/sd/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import decide, detainer
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/sd/fixture-county"


def test_county_ban_on_release_notifications_stands_on_2025_06_30() -> None:
    """S.B. 7 took effect 2025-07-01: the day before, the county's ban decides."""
    d = decide("sd", detainer("2025-06-30", COUNTY, action="notify_release"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert rules_in_basis(d, "us/sd") == set()


def test_county_ban_on_release_notifications_void_from_2025_07_01() -> None:
    """S.B. 7 (2025): no political subdivision may prevent local law enforcement cooperating with federal
    immigration authorities."""
    d = decide("sd", detainer("2025-07-01", COUNTY, action="notify_release"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-cooperate"
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "void"
    assert basis_entry(d, "us/sd", "void-limits-on-cooperation")["confidence"] == "secondary"


def test_no_state_duty_to_hold() -> None:
    """S.B. 7 bans limits on cooperation but was not read to require holds: no South Dakota rule requires one."""
    d = decide("sd", detainer("2025-08-01", "us/sd/minnehaha-county"))
    assert d["outcome"] != "required"
