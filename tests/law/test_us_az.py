"""Scenario tests for Arizona (library/us/az.yaml): A.R.S. § 11-1051 (S.B. 1070 as amended by H.B. 2162, 2010)."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, request, rules_in_basis


def booking(date: str, jurisdiction: str = "us/az/maricopa-county") -> dict[str, object]:
    return request(date, jurisdiction, "jail", "inquire", data=["immigration_status"], context="booking")


def test_arrested_person_status_determined_before_release() -> None:
    """A.R.S. § 11-1051(B): "Any person who is arrested shall have the person's immigration status determined
    before the person is released." Contested: Arizona v. United States upheld it only on its face."""
    d = decide("az", booking("2024-04-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/az", "rule": "status-determined-before-release-of-arrestee",
                               "citation": "A.R.S. § 11-1051(B)"}
    entry = basis_entry(d, "us/az", "status-determined-before-release-of-arrestee")
    assert entry["confidence"] == "primary"


@pytest.mark.parametrize(("date", "in_force"), [("2010-07-28", False), ("2010-07-29", True)])
def test_sb1070_takes_effect_2010_07_29(date: str, in_force: bool) -> None:
    """S.B. 1070 / H.B. 2162 took effect 2010-07-29 (outside the 2017 window, kept as a boundary check)."""
    d = decide("az", booking(date))
    assert (d["outcome"] == "required") is in_force


def test_status_check_not_required_outside_booking() -> None:
    """§ 11-1051(B)'s duty at a stop turns on reasonable suspicion (not encoded): no state requirement there."""
    d = decide("az", request("2024-04-01", "us/az/phoenix", "police", "inquire", data=["immigration_status"],
                             context="service_delivery"))
    assert "status-determined-before-release-of-arrestee" not in rules_in_basis(d, "us/az")


def test_county_ban_on_holds_is_void() -> None:
    """§ 11-1051(A): no limit on enforcing federal immigration law to less than the full extent federal law
    permits; Arizona itself makes no hold mandatory."""
    d = decide("az", detainer("2024-04-01", "us/az/fixture-county"), fixture=True)
    assert basis_entry(d, "us/az/fixture-county", "no-detainer-holds")["status"] == "void"
    pre = basis_entry(d, "us/az", "void-limits-on-detainers-and-sharing")
    assert (pre["effect"], pre["confidence"]) == ("preempt", "primary")
    assert d["outcome"] != "required"


def test_county_ban_on_287g_is_void_as_a_secondary_reading() -> None:
    """§ 11-1051(A) (secondary reading: 287(g) participation is enforcement federal law permits)."""
    d = decide("az", request("2024-04-01", "us/az/fixture-county", "jail", "enter_agreement"), fixture=True)
    assert basis_entry(d, "us/az/fixture-county", "no-287g")["status"] == "void"
    assert basis_entry(d, "us/az", "void-other-limits-on-enforcement")["confidence"] == "secondary"


# -- law14 (2026-12-04): A.R.S. § 23-214(A) read in the lawserver / self-law copies --------------------------------


def hiring(date: str) -> dict[str, object]:
    return request(date, "us/az/phoenix", "city_agency", "collect", data=["immigration_status"],
                   context="employment_verification")


def test_public_employer_must_e_verify_new_hires_and_keep_the_record() -> None:
    """A.R.S. § 23-214(A), with § 23-211(4) ("Employer includes this state, any political subdivision of this
    state"): every employer verifies each new hire through E-Verify and keeps the record."""
    d = decide("az", hiring("2024-02-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/az", "rule": "employer-e-verify",
                               "citation": "A.R.S. § 23-214(A)"}
    assert basis_entry(d, "us/az", "employer-e-verify")["confidence"] == "primary"
    assert ("preserve_records", "A.R.S. § 23-214(A)") in {(o["kind"], o["citation"]) for o in d["obligations"]}


def test_e_verify_duty_starts_after_31_december_2007() -> None:
    """§ 23-214(A) applies "After December 31, 2007": no Arizona rule on 2007-12-31, required on 2008-01-01."""
    assert rules_in_basis(decide("az", hiring("2007-12-31")), "us/az") == set()
    assert decide("az", hiring("2008-01-01"))["outcome"] == "required"
