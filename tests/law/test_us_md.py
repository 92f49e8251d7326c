"""Scenario tests for Maryland (library/us/md.yaml): Md. Code, Crim. Proc. § 5-104(b), 2025 Md. Laws ch. 718 (Maryland
Values Act: § 2-104.2, sensitive locations) and 2026 Md. Laws ch. 2 (HB 444 / SB 245, § 5-104.1, emergency,
2026-02-17)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import (
    DETAINER,
    ICE,
    JUDICIAL_WARRANT,
    confidence_of,
    decide_in,
    decided_by,
    request,
    state_rules,
)

COUNTY = "us/md/frederick-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/md.yaml", req)


def test_police_may_not_ask_status_during_a_stop() -> None:
    """Crim. Proc. § 5-104(b)(2)(i): no question about citizenship, status or place of birth during a stop."""
    d = decide(request("2024-05-01", COUNTY, "police", "inquire", data=["place_of_birth"], context="service_delivery"))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/md", "police-no-status-questions")
    assert confidence_of(d, "us/md", "police-no-status-questions") == "primary"


def test_routine_booking_is_not_an_arrest() -> None:
    """Crim. Proc. § 5-104(b)(1): "arrest" does not include a routine booking procedure."""
    d = decide(request("2024-05-01", COUNTY, "police", "inquire", data=["citizenship"], context="booking"))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/md", "booking-is-not-an-arrest")


def test_police_may_not_prolong_detention_on_civil_suspicion() -> None:
    """Crim. Proc. § 5-104(b)(2)(ii): no detention on suspicion of a civil immigration violation."""
    d = decide(request("2024-05-01", COUNTY, "police", "arrest", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "forbidden"
    assert "police-no-status-detention" in state_rules(d, "us/md")


def test_jail_staff_are_not_law_enforcement_agents() -> None:
    """Crim. Proc. § 5-104(a)(5)(ii): correctional staff are excluded; a jail hold is not decided by § 5-104."""
    d = decide(request("2024-05-01", COUNTY, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert state_rules(d, "us/md") == set()


def test_police_transfer_only_when_federal_law_requires() -> None:
    """Crim. Proc. § 5-104(b)(2)(iii): no transfer to federal immigration authorities unless federal law requires."""
    detainer = decide(request("2024-05-01", COUNTY, "police", "transfer", requester=ICE, instrument=DETAINER))
    statute = decide(request("2024-05-01", COUNTY, "police", "transfer", requester=ICE,
                             instrument={"type": "statute"}))
    assert detainer["outcome"] == "forbidden"
    assert statute["outcome"] == "allowed"
    assert "escalate_to_counsel" in {o["kind"] for o in statute["obligations"]}


@pytest.mark.parametrize(("date", "covered"), [("2026-02-16", False), ("2026-02-17", True)])
def test_values_act_2026_287g_ban_boundary(date: str, covered: bool) -> None:
    """Maryland Values Act of 2026 (HB 444 / SB 245, emergency, signed 2026-02-17): no 287(g) agreements."""
    d = decide(request(date, COUNTY, "jail", "enter_agreement"))
    assert ("no-287g-agreements" in state_rules(d, "us/md")) is covered
    if covered:
        assert d["outcome"] == "forbidden"


@pytest.mark.parametrize("kind", ["school", "city_agency", "health_facility"])
def test_values_act_binds_every_state_and_local_agency(kind: str) -> None:
    """Crim. Proc. § 5-104.1(b) (2026 Md. Laws ch. 2): "the State, a unit of local government, a county sheriff, or
    any agency, officer, employee, or agent" may not enter into an immigration enforcement agreement - not only
    law enforcement."""
    d = decide(request("2026-03-01", COUNTY, kind, "enter_agreement"))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/md", "no-287g-agreements")
    assert confidence_of(d, "us/md", "no-287g-agreements") == "primary"


@pytest.mark.parametrize("kind", ["school", "library", "health_facility"])
def test_sensitive_locations_deny_non_public_access_2025(kind: str) -> None:
    """Crim. Proc. § 2-104.2(b)(2) (2025 Md. Laws ch. 718, in force 2025-06-01): a public school, library or public
    health facility denies immigration enforcement access to non-public areas without a federal court's warrant."""
    admin = decide(request("2025-07-01", COUNTY, kind, "grant_access", requester=ICE, location="non_public_area",
                           instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert admin["outcome"] == "forbidden"
    assert decided_by(admin) == ("us/md", "sensitive-locations-deny-non-public-access")
    assert confidence_of(admin, "us/md", "sensitive-locations-deny-non-public-access") == "primary"
    warrant = decide(request("2025-07-01", COUNTY, kind, "grant_access", requester=ICE, location="non_public_area",
                             instrument=JUDICIAL_WARRANT))
    assert warrant["outcome"] == "allowed"
    assert decided_by(warrant) == ("us/md", "sensitive-locations-access-on-federal-court-warrant")


def test_sensitive_locations_rule_starts_2025_06_01_and_spares_public_areas_and_jails() -> None:
    """§ 2 of ch. 718: in force 2025-06-01; (b)(2) covers only areas not open to the public; (b)(1) excludes jails."""
    before = decide(request("2025-05-31", COUNTY, "school", "grant_access", requester=ICE, location="non_public_area",
                            instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    public = decide(request("2025-07-01", COUNTY, "school", "grant_access", requester=ICE, location="public_area",
                            instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    jail = decide(request("2025-07-01", COUNTY, "jail", "grant_access", requester=ICE, location="non_public_area",
                          instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    for d in (before, public, jail):
        assert "sensitive-locations-deny-non-public-access" not in state_rules(d, "us/md")


def test_state_court_warrant_does_not_open_a_sensitive_location() -> None:
    """§ 2-104.2(b)(2)(i) requires a warrant "issued by a federal court"."""
    d = decide(request("2025-07-01", COUNTY, "library", "grant_access", requester=ICE, location="non_public_area",
                       instrument={"type": "judicial_warrant", "signed_by": "state_judge"}))
    assert d["outcome"] == "forbidden"


# --- Crim. Proc. § 11-931(g) (until 2025-09-30) and § 11-932(a) (2025 Md. Laws ch. 114, from 2025-10-01) ---------

def victim_info(date: str, data: list[str], **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    extra.setdefault("instrument", {"type": "none"})
    return decide(request(date, COUNTY, "police", "disclose", data=data, context="victim_or_witness", **extra))


@pytest.mark.parametrize(("date", "rule"), [
    ("2025-09-30", "u-visa-victim-information-before-2025"),
    ("2025-10-01", "u-visa-victim-information"),
])
def test_u_visa_victim_information_limit_moves_to_11_932_on_1_october_2025(date: str, rule: str) -> None:
    """Crim. Proc. § 11-931(g) until 2025-09-30, § 11-932(a) from 2025-10-01 (ch. 114, § 2): a certifying entity may
    not give out a U visa victim's information except as the section allows."""
    d = victim_info(date, ["address"])
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/md", rule)
    assert confidence_of(d, "us/md", rule) == "primary"


@pytest.mark.parametrize(("date", "outcome"), [("2025-09-30", "forbidden"), ("2025-10-01", "allowed")])
def test_a_minors_written_consent_counts_only_from_2025(date: str, outcome: str) -> None:
    """§ 11-931(g)(2) required the consent of "adult petitioners"; § 11-932(a)(2) speaks of the victim's VAWA
    waiver, without the word adult."""
    d = victim_info(date, ["address"], subject={"written_consent": True, "minor": True})
    assert d["outcome"] == outcome


def test_u_visa_victim_information_on_a_court_order() -> None:
    """§ 11-932(a)(1): to comply with a court order."""
    d = victim_info("2026-03-01", ["address"], instrument={"type": "court_order", "signed_by": "state_judge"})
    assert d["outcome"] == "allowed"
    assert "u-visa-victim-information-on-law-order-or-waiver" in state_rules(d, "us/md")


def test_u_visa_limit_outside_the_victim_context_is_not_applied() -> None:
    """§ 11-932(a) protects information about victims seeking U status (context `victim_or_witness`); a request in
    a criminal investigation is outside it."""
    d = decide(request("2026-03-01", COUNTY, "police", "disclose", data=["address"], requester=ICE,
                       instrument={"type": "none"}, context="criminal_investigation"))
    assert not {"u-visa-victim-information", "u-visa-victim-information-before-2025"} & state_rules(d, "us/md")
