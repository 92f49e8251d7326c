"""Scenario tests for Indiana (library/us/in.yaml): IC 5-2-18.2 (2011) and SEA 76 (2026)."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, obligation_kinds, request, rules_in_basis


@pytest.mark.parametrize(("date", "in_force"), [("2026-06-30", False), ("2026-07-01", True)])
def test_sea76_detainer_duty_from_2026_07_01(date: str, in_force: bool) -> None:
    """SEA 76 (2026, secondary): a governmental body with custody must comply with an immigration detainer
    request; before 2026-07-01 Indiana barred limits but required no hold."""
    d = decide("in", detainer(date, "us/in/marion-county"))
    assert ("detainer-compliance" in rules_in_basis(d, "us/in")) is in_force
    assert (d["outcome"] == "required") is in_force


def test_sea76_duties_follow_the_detainer() -> None:
    """SEA 76: notify the bail judge, record the request in the case file, tell the person they are held on it."""
    d = decide("in", detainer("2026-09-01", "us/in/allen-county"))
    assert {"report", "record_request", "notify_subject"} <= obligation_kinds(d)
    assert basis_entry(d, "us/in", "detainer-compliance")["confidence"] == "secondary"


def test_county_ban_on_holds_void_even_before_sea76() -> None:
    """IC 5-2-18.2-3 (secondary): no limit on enforcing federal immigration law; a county ban on holds is void."""
    d = decide("in", detainer("2025-03-01", "us/in/fixture-county"), fixture=True)
    assert basis_entry(d, "us/in/fixture-county", "no-detainer-holds")["status"] == "void"
    assert basis_entry(d, "us/in", "void-limits-on-enforcement")["confidence"] == "secondary"
    void = [c for c in d["conflicts"] if c.get("status") == "void"]
    assert void and void[0]["contested"] is True
    assert "City of Gary v. Nicholson, 181 N.E.3d 390 (Ind. Ct. App. 2021)" in void[0]["cases"]


@pytest.mark.parametrize(("date", "void"), [("2011-06-30", False), ("2011-07-01", True)])
def test_chapter_18_2_date_boundary(date: str, void: bool) -> None:
    """IC 5-2-18.2 (SEA 590, effective 2011-07-01, assumed): a county rule against sharing status information with
    another government (here state police; beyond 8 U.S.C. § 1373) stands the day before and is void from then."""
    d = decide("in", request(date, "us/in/fixture-county", "jail", "disclose",
                             requester={"agency": "state_law_enforcement"}, data=["immigration_status"]),
               fixture=True)
    assert (basis_entry(d, "us/in/fixture-county", "no-status-sharing")["status"] == "void") is void
    assert (d["outcome"] == "forbidden") is not void


# -- law14 (2026-12-04): IC 22-5-1.7-10 read in the lexace.ai copy ---------------------------------------------------


def hiring(date: str) -> dict[str, object]:
    return request(date, "us/in/indianapolis", "city_agency", "collect", data=["immigration_status"],
                   context="employment_verification")


def test_political_subdivision_must_e_verify_new_hires() -> None:
    """IC 22-5-1.7-10(a) (P.L. 171-2011): a state agency or political subdivision uses E-Verify for all employees
    hired after June 30, 2011."""
    d = decide("in", hiring("2024-02-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/in", "rule": "public-employer-e-verify",
                               "citation": "IC 22-5-1.7-10(a)"}
    assert basis_entry(d, "us/in", "public-employer-e-verify")["confidence"] == "primary"


def test_e_verify_duty_covers_hires_after_30_june_2011() -> None:
    """SEA 590 effective 2011-07-01: no Indiana rule for a hire on 2011-06-30."""
    assert rules_in_basis(decide("in", hiring("2011-06-30")), "us/in") == set()
    assert decide("in", hiring("2011-07-01"))["outcome"] == "required"
