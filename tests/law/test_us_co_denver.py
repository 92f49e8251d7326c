"""Scenario tests for Denver (library/us/co/denver.yaml): Denver Rev. Mun. Code §§ 28-250 et seq. (Ord. 17-0940,
passed 2017-08-28), under Colorado's HB19-1124 and SB25-276.
"""

from __future__ import annotations

from tests.law._us_sanctuary import (
    DETAINER,
    FEDERAL_WARRANT,
    ICE,
    STATE_WARRANT,
    basis_entry,
    decide,
    decided,
    obligation_kinds,
    request,
    status_of,
)

DENVER = "us/co/denver"


def test_denver_hold_ban_date_boundary() -> None:
    """Denver Rev. Mun. Code § 28-250(a)(5) (Ord. 17-0940, 2017-08-28): no hold on an ICE detainer; Colorado had
    no rule until 2019."""
    before = decide(request("2017-08-27", DENVER, "jail", "hold", requester=ICE, instrument=DETAINER))
    on = decide(request("2017-08-28", DENVER, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert before["outcome"] == "forbidden"  # the federal liberty baseline (issue 7)
    assert before["decided_by"]["rule"] == "hold-is-a-new-seizure"
    assert on["outcome"] == "forbidden"
    assert decided(on) == (DENVER, "no-hold-on-detainer")


def test_state_judge_warrant_enough_for_denver_in_2018_not_for_colorado_in_2020() -> None:
    """Denver honours a judicially issued warrant (§ 28-250); from 2019 Colorado requires a federal judge's
    warrant (C.R.S. art. 24-76.6), and the state's ban prevails."""
    d2018 = decide(request("2018-06-01", DENVER, "jail", "hold", requester=ICE, instrument=STATE_WARRANT))
    d2020 = decide(request("2020-06-01", DENVER, "jail", "hold", requester=ICE, instrument=STATE_WARRANT))
    assert d2018["outcome"] == "allowed"
    assert decided(d2018) == (DENVER, "hold-on-judicial-warrant")
    assert d2020["outcome"] == "forbidden"
    assert decided(d2020) == ("us/co", "no-hold-on-detainer-2019")
    assert status_of(d2020, DENVER, "hold-on-judicial-warrant") == "overridden"


def test_no_secure_area_access_without_federal_warrant() -> None:
    """Denver Rev. Mun. Code § 28-252: no ICE access to secure jail areas without a federal judge's warrant."""
    plain = decide(request("2018-06-01", DENVER, "jail", "grant_access", requester=ICE, location="non_public_area",
                           instrument=DETAINER))
    warrant = decide(request("2018-06-01", DENVER, "jail", "grant_access", requester=ICE,
                             location="non_public_area", instrument=FEDERAL_WARRANT))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == (DENVER, "no-secure-area-access")
    assert warrant["outcome"] == "allowed"


def test_consular_nationality_question_at_booking_but_not_status() -> None:
    """Denver Rev. Mun. Code § 28-250(a)(2): no status questions, except as a treaty requires (Vienna Convention
    art. 36 consular notification at booking)."""
    d = decide(request("2026-03-01", DENVER, "jail", "inquire", data=["citizenship", "immigration_status"],
                       context="booking"))
    assert d["by_data"] == {"immigration_status": "forbidden", "citizenship": "allowed"}
    assert d["outcome"] == "forbidden"
    assert status_of(d, DENVER, "consular-notification-at-booking") == "applied"


def test_service_staff_may_not_ask_status() -> None:
    """Denver Rev. Mun. Code § 28-250(a)(2)."""
    d = decide(request("2026-03-01", DENVER, "social_services", "inquire", data=["immigration_status"],
                       context="service_delivery"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (DENVER, "no-status-questions")
    assert basis_entry(d, DENVER, "no-status-questions")["confidence"] == "primary"


def test_no_status_questions_on_applications() -> None:
    """Denver Rev. Mun. Code § 28-250(a)(3)."""
    d = decide(request("2026-03-01", DENVER, "housing", "collect", data=["citizenship"],
                       context="benefits_eligibility"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (DENVER, "no-status-on-applications")


def test_status_dissemination_ban_yields_to_1373_but_national_origin_does_not() -> None:
    """Denver Rev. Mun. Code § 28-250(a)(4) (which names 8 U.S.C. §§ 1373, 1644): immigration status may go to
    ICE, national origin may not."""
    d = decide(request("2026-03-01", DENVER, "police", "disclose", requester=ICE,
                       data=["immigration_status", "place_of_birth"]))
    assert d["by_data"] == {"immigration_status": "allowed", "place_of_birth": "forbidden"}
    assert any(c["status"] == "void" and c["rule"]["rule"] == "no-status-dissemination" for c in d["conflicts"])


def test_interview_advisement_from_city_and_state() -> None:
    """Denver Rev. Mun. Code § 28-252 and C.R.S. art. 24-76.6: written advisement of rights before an ICE
    phone or video interview."""
    d = decide(request("2026-03-01", DENVER, "jail", "interview", requester=ICE))
    assert "advise_of_rights" in obligation_kinds(d)
    assert status_of(d, DENVER, "interview-rights-in-writing") == "applied"
    assert status_of(d, "us/co", "interview-advisement") == "applied"


def test_denver_civil_arrest_ban() -> None:
    """Denver Rev. Mun. Code § 28-250(a)(1): no help with civil immigration arrests."""
    d = decide(request("2018-03-01", DENVER, "police", "arrest", requester=ICE, instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (DENVER, "no-help-with-civil-arrests")


def test_shelter_does_not_consent_to_entry_on_an_administrative_warrant() -> None:
    """Review 2026-11-26 (secondary): consenting to ICE entry into a non-public area for civil enforcement is
    assisting a civil immigration investigation or arrest; a judge's warrant opens the door."""
    admin = {"type": "admin_warrant", "signed_by": "immigration_officer"}
    judicial = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    base = {"requester": ICE, "location": "non_public_area"}
    refused = decide(request("2026-03-01", DENVER, "shelter", "grant_access", instrument=admin, **base))
    assert refused["outcome"] == "forbidden"
    assert decided(refused) == (DENVER, "no-consent-to-entry-for-civil-enforcement")
    assert {"request_judicial_warrant", "do_not_obstruct"} <= obligation_kinds(refused)
    opened = decide(request("2026-03-01", DENVER, "shelter", "grant_access", instrument=judicial, **base))
    assert opened["outcome"] == "allowed"


def test_secure_area_limit_covers_police_facilities_too() -> None:
    """Denver Rev. Mun. Code § 28-252(a) (text read 2026-12-04): the limit reaches 'any city or county jail or
    other city-owned law enforcement facility', so a police station's secure area is covered as a jail's is
    (the rule covered jails only before the text was read)."""
    plain = decide(request("2018-06-01", DENVER, "police", "grant_access", requester=ICE,
                           location="non_public_area", instrument=DETAINER))
    warrant = decide(request("2018-06-01", DENVER, "police", "grant_access", requester=ICE,
                             location="non_public_area", instrument=FEDERAL_WARRANT))
    assert plain["outcome"] == "forbidden"
    assert status_of(plain, DENVER, "no-secure-area-access") == "applied"
    assert basis_entry(plain, DENVER, "no-secure-area-access")["confidence"] == "primary"
    assert warrant["outcome"] == "allowed"
