"""Scenario tests for Missouri (library/us/mo.yaml): RSMo § 67.307 (2008).

Local limiting policies are exercised with the FICTIONAL ``us/mo/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import decide, detainer, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/mo/fixture-county"


def test_municipal_staff_may_report_status() -> None:
    """§ 67.307.1(4)(a), .2: municipal officials and employees may verify or report immigration status."""
    d = decide("mo", share("2024-02-01", "us/mo/kansas-city", kind="city_agency"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/mo", "rule": "officials-may-report-status",
                               "citation": "Mo. Rev. Stat. § 67.307.1(4)(a), .2"}


def test_county_sanctuary_policy_is_void() -> None:
    """§ 67.307.2: no county may enact or follow a sanctuary policy; its ban on reporting status is void."""
    d = decide("mo", share("2024-02-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"


def test_section_applies_from_2008_08_28() -> None:
    """§ 67.307 (HB 1549, 2008; effective date assumed 2008-08-28): no Missouri rule the day before."""
    assert rules_in_basis(decide("mo", share("2008-08-27", "us/mo/kansas-city")), "us/mo") == set()
    assert "officials-may-report-status" in rules_in_basis(decide("mo", share("2008-08-28", "us/mo/kansas-city")),
                                                           "us/mo")


def test_missouri_has_no_detainer_mandate() -> None:
    """§ 67.307 concerns status communication only: a detainer hold is not decided by Missouri law, and a county's
    own ban on holds is not voided by it."""
    d = decide("mo", detainer("2024-02-01", COUNTY), fixture="fixture-county")
    assert rules_in_basis(d, "us/mo") == set()
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "applied"
    assert d["outcome"] == "forbidden"
