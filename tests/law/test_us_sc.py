"""Scenario tests for South Carolina (library/us/sc.yaml): S.C. Code §§ 6-1-170 and 17-13-170.

Local limiting policies are exercised with the FICTIONAL ``us/sc/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import ask, decide, detainer, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/sc/fixture-county"


def test_county_ban_on_telling_state_officers_status_is_void() -> None:
    """§ 6-1-170(C): no political subdivision may limit communicating status to appropriate STATE officials either
    (a case federal § 1373 does not reach)."""
    d = decide("sc", share("2022-04-01", COUNTY, agency="state_law_enforcement"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/sc", "rule": "officials-may-communicate-status",
                               "citation": "S.C. Code Ann. § 6-1-170(C)"}
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"
    assert basis_entry(d, "us/sc", "void-limits-on-status-communication")["confidence"] == "primary"


def test_school_district_staff_may_communicate_status() -> None:
    """§ 6-1-170(A), (C): "political subdivision" includes school districts; the permission covers every kind of
    agency."""
    d = decide("sc", share("2022-04-01", "us/sc/greenville", kind="school"))
    assert basis_entry(d, "us/sc", "officials-may-communicate-status")["status"] == "applied"


def test_officers_may_check_status_during_an_arrest() -> None:
    """§ 17-13-170(A): during a lawful stop or arrest with reasonable suspicion, officers make a reasonable effort to
    determine lawful presence; a county ban on such questions cannot stand (§ 17-13-170(G), read in the code)."""
    d = decide("sc", ask("2022-04-01", COUNTY, context="criminal_investigation"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-check-status"
    assert basis_entry(d, COUNTY, "no-status-questions")["status"] == "void"


def test_county_ban_on_status_questions_outside_a_stop_stands() -> None:
    """§ 17-13-170 concerns stops, detentions and arrests: a county ban on asking people who come for services is not
    void."""
    d = decide("sc", ask("2022-04-01", COUNTY, context="service_delivery"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == COUNTY


def test_south_carolina_has_no_detainer_mandate() -> None:
    """Neither section makes ICE detainers mandatory for local jails."""
    assert rules_in_basis(decide("sc", detainer("2022-04-01", "us/sc/charleston-county")), "us/sc") == set()


def test_agencies_may_keep_status_information_from_2012() -> None:
    """§ 17-13-170(E) (2011 Act No. 69, § 6, eff. 2012-01-01, read in the code): officers and agencies may not be
    prohibited from maintaining status information."""
    request = {"date": "2022-04-01", "agency": {"jurisdiction": "us/sc/charleston-county", "kind": "police"},
               "action": "collect", "data": ["immigration_status"]}
    d = decide("sc", request)
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/sc", "rule": "officers-may-keep-status",
                               "citation": "S.C. Code Ann. § 17-13-170(E)"}
    assert basis_entry(d, "us/sc", "officers-may-keep-status")["confidence"] == "primary"
    before = decide("sc", {**request, "date": "2011-12-31"})
    assert "officers-may-keep-status" not in rules_in_basis(before, "us/sc")
