"""Scenario tests for Mississippi (library/us/ms.yaml): Miss. Code Ann. § 25-1-119 (SB 2710, 2017; HB 538, 2026).

Local limiting policies are exercised with the FICTIONAL ``us/ms/fixture-county``.
"""

from __future__ import annotations

import pytest

from tests.law._anti_sanctuary import act, decide, detainer, share
from tests.law._rules_subset import basis_entry, rules_in_basis
from tests.law._south import request

COUNTY = "us/ms/fixture-county"


def test_status_reporting_protected_from_2017_03_27() -> None:
    """§ 25-1-119(1) (SB 2710, in force on signing, 2017-03-27): the day before, Mississippi says nothing; from that
    day Mississippi law itself protects reporting status to federal agencies."""
    before = decide("ms", share("2017-03-26", "us/ms/hinds-county"))
    assert rules_in_basis(before, "us/ms") == set()
    after = decide("ms", share("2017-03-27", "us/ms/hinds-county"))
    assert after["outcome"] == "allowed"
    assert after["decided_by"] == {"jurisdiction": "us/ms", "rule": "officials-may-report-status",
                                   "citation": "Miss. Code Ann. § 25-1-119(1)"}


def test_public_college_staff_may_report_status() -> None:
    """§ 25-1-119(1) reaches universities and colleges and any agent or employee: the permission covers every kind
    of agency."""
    d = decide("ms", share("2024-05-01", "us/ms/oxford", kind="school"))
    assert basis_entry(d, "us/ms", "officials-may-report-status")["status"] == "applied"


def test_county_ban_on_status_sharing_is_void() -> None:
    """§ 25-1-119(1)-(2): a county rule forbidding staff to report status to ICE cannot stand."""
    d = decide("ms", share("2024-05-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"


def test_no_detainer_mandate_before_hb_538() -> None:
    """HB 538 takes effect 2026-07-01: on 2026-06-30 no Mississippi rule speaks to a detainer hold."""
    d = decide("ms", detainer("2026-06-30", "us/ms/hinds-county"))
    assert rules_in_basis(d, "us/ms") == set()
    assert d["decided_by"] is None or d["decided_by"]["jurisdiction"] == "us"


def test_detainer_compliance_required_from_2026_07_01() -> None:
    """§ 25-1-119 as amended by HB 538 (secondary): from 2026-07-01 law enforcement must comply with an ICE
    detainer request."""
    d = decide("ms", detainer("2026-07-01", "us/ms/hinds-county"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "detainer-compliance-required"
    assert basis_entry(d, "us/ms", "detainer-compliance-required")["confidence"] == "secondary"


def test_county_ban_on_holds_stands_then_falls() -> None:
    """HB 538's widened § 25-1-119(1)(a): the county's ban on holds decides on 2026-06-30 and is void (and the hold
    required) on 2026-07-01."""
    before = decide("ms", detainer("2026-06-30", COUNTY), fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    assert basis_entry(before, COUNTY, "no-detainer-holds")["status"] != "void"
    assert rules_in_basis(before, "us/ms") == set()
    after = decide("ms", detainer("2026-07-01", COUNTY), fixture="fixture-county")
    assert after["outcome"] == "required"
    assert basis_entry(after, COUNTY, "no-detainer-holds")["status"] == "void"
    assert basis_entry(after, "us/ms", "void-limits-on-enforcement-2026")["effect"] == "preempt"


def test_county_ban_on_jail_interviews_void_from_2026() -> None:
    """§ 25-1-119(1)(a) as amended (secondary): a ban on ICE interviews interferes with enforcement."""
    d = decide("ms", act("2026-08-01", COUNTY, "interview", subject={"in_custody": True}), fixture="fixture-county")
    assert basis_entry(d, COUNTY, "no-ice-in-jail")["status"] == "void"
    before = decide("ms", act("2025-08-01", COUNTY, "interview", subject={"in_custody": True}),
                    fixture="fixture-county")
    assert before["outcome"] == "forbidden"


@pytest.mark.parametrize(("date", "applies"), [("2008-06-30", False), ("2008-07-01", True), ("2026-08-01", True)])
def test_public_employers_use_e_verify_from_july_2008(date: str, applies: bool) -> None:
    """Miss. Code Ann. § 71-11-3(4)(b)(i), (7)(a): every employer registers with and uses E-Verify for all new hires;
    state agencies and political subdivisions "not later than July 1, 2008"."""
    d = decide("ms", request(date, "us/ms/hinds-county", "city_agency", "inquire", data=["immigration_status"],
                             context="employment_verification", instrument={"type": "statute"}))
    if applies:
        assert d["outcome"] == "required"
        entry = basis_entry(d, "us/ms", "public-employers-must-use-e-verify")
        assert (entry["status"], entry["effect"]) == ("applied", "require")
        assert entry["citation"] == "Miss. Code Ann. § 71-11-3(3)(f), (4)(b)(i), (7)(a)"
    else:
        assert "public-employers-must-use-e-verify" not in rules_in_basis(d, "us/ms")


def test_e_verify_duty_is_about_hiring_not_service_desks() -> None:
    """Miss. Code Ann. § 71-11-3(4)(b)(i) concerns newly hired employees, not the public a clinic serves."""
    d = decide("ms", request("2025-01-10", "us/ms/hinds-county", "health_facility", "inquire",
                             data=["immigration_status"], context="service_delivery"))
    assert "public-employers-must-use-e-verify" not in rules_in_basis(d, "us/ms")
