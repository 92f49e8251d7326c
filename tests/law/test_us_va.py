"""Scenario tests for Virginia (library/us/va.yaml): SB 783 (2026 Va. Acts ch. 1028; in force 2026-07-01, its
agreement conditions expire 2028-06-30)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import decide_in, request, state_rules

COUNTY = "us/va/prince-william-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/va.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2026-06-30", False), ("2026-07-01", True), ("2028-06-30", True),
                                               ("2028-07-01", False)])
def test_agreement_conditions_in_force_window(date: str, covered: bool) -> None:
    """2026 Va. Acts ch. 1028 (SB 783): a 287(g) agreement must contain the act's conditions, from 2026-07-01
    until the provisions expire on 2028-06-30."""
    d = decide(request(date, COUNTY, "jail", "enter_agreement"))
    assert ("agreement-must-contain-conditions" in state_rules(d, "us/va")) is covered
    if covered:
        kinds = {o["kind"] for o in d["obligations"] if o.get("rule") == "agreement-must-contain-conditions"}
        assert kinds == {"escalate_to_counsel"}


def test_conditions_are_a_duty_not_a_ban() -> None:
    """SB 783 sets conditions; it does not forbid agreements, so it never decides the outcome itself."""
    d = decide(request("2026-09-01", COUNTY, "jail", "enter_agreement"))
    assert d["decided_by"] is None or d["decided_by"]["jurisdiction"] != "us/va"
    entry = next(b for b in d["basis"] if b["rule"] == "agreement-must-contain-conditions")
    assert entry["contested"] is True


def by(d: dict[str, Any]) -> str | None:
    return None if d["decided_by"] is None else str(d["decided_by"]["rule"])


@pytest.mark.parametrize(("date", "applies"), [("2020-06-30", False), ("2020-07-01", True)])
def test_jail_asks_birthplace_and_citizenship_on_felony_custody(date: str, applies: bool) -> None:
    """Va. Code § 19.2-83.2: a person taken into custody at a jail for a felony is asked about birthplace and
    citizenship, and an immigration alien query goes to ICE's LESC; encoded from the 2020 text (cc. 995, 996)."""
    d = decide(request(date, COUNTY, "jail", "inquire", data=["place_of_birth", "citizenship"], context="booking",
                       subject={"pending_charges": [{"class": "felony"}]}))
    if applies:
        assert d["outcome"] == "required"
        assert by(d) == "jail-felony-custody-status-query"
        assert "report" in {o["kind"] for o in d["obligations"]}
    else:
        assert "jail-felony-custody-status-query" not in state_rules(d, "us/va")


def test_no_status_query_duty_for_a_misdemeanour_booking() -> None:
    """Va. Code § 19.2-83.2 covers custody "for a felony offense" only."""
    d = decide(request("2024-05-01", COUNTY, "jail", "inquire", data=["citizenship"], context="booking",
                       subject={"pending_charges": [{"class": "misdemeanor"}]}))
    assert "jail-felony-custody-status-query" not in state_rules(d, "us/va")


def test_clerk_furnishes_felony_case_records_to_the_immigration_officer() -> None:
    """Va. Code § 53.1-219: on the immigration officer's official request, the clerk of the committing court
    furnishes certified copies of the charging papers, judgment and sentence of a convicted alien."""
    d = decide(request("2024-05-01", COUNTY, "court", "disclose", requester={"agency": "ice"},
                       data=["criminal_history"], subject={"convictions": [{"class": "felony", "date": "2023-10-02"}]}))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/va", "rule": "clerk-furnishes-records-of-committed-alien",
                               "citation": "Va. Code Ann. § 53.1-219"}


@pytest.mark.parametrize(("date", "applies"), [("2015-06-30", False), ("2015-07-01", True)])
def test_transfer_to_ice_on_a_detainer_is_permitted(date: str, applies: bool) -> None:
    """Va. Code § 53.1-220.2 (2015): on an ICE detainer the official in charge may transfer the person to ICE up to
    five days before release."""
    d = decide(request(date, COUNTY, "jail", "transfer", requester={"agency": "ice"},
                       instrument={"type": "detainer"}, subject={"in_custody": True}))
    assert ("may-transfer-on-detainer-before-release" in state_rules(d, "us/va")) is applies
    if applies:
        assert d["outcome"] == "allowed"
        assert by(d) == "may-transfer-on-detainer-before-release"


def test_public_assistance_depends_on_legal_presence() -> None:
    """Va. Code § 63.2-503.1(A): no state or local public assistance for a person neither a citizen nor legally
    present, save what federal law mandates."""
    d = decide(request("2024-05-01", COUNTY, "social_services", "condition_service", context="benefits_eligibility",
                       instrument={"type": "statute"}))
    assert d["outcome"] == "required"
    assert by(d) == "no-public-assistance-without-legal-presence"


def test_adult_applicant_gives_proof_of_citizenship_or_legal_presence() -> None:
    """Va. Code § 63.2-503.1(B): an applicant 19 or older gives affirmative proof of citizenship or legal presence
    at the time of application."""
    d = decide(request("2024-05-01", COUNTY, "social_services", "collect", data=["citizenship", "immigration_status"],
                       context="benefits_eligibility", instrument={"type": "statute"}, subject={"minor": False}))
    assert d["outcome"] == "required"
    entry = next(b for b in d["basis"] if b["rule"] == "benefit-applicants-prove-legal-presence")
    assert (entry["jurisdiction"], entry["status"]) == ("us/va", "applied")
    assert entry["citation"] == "Va. Code Ann. § 63.2-503.1(B)"


@pytest.mark.parametrize(("date", "applies"), [("2020-06-30", False), ("2020-07-01", True)])
def test_no_status_questions_to_crime_victims_and_witnesses(date: str, applies: bool) -> None:
    """Va. Code § 19.2-11.02(A) (2020, c. 273): no law-enforcement officer may ask about the immigration status of a
    person reporting a crime as its victim, or of a witness, in connection with the investigation."""
    d = decide(request(date, COUNTY, "police", "inquire", data=["immigration_status"], context="victim_or_witness"))
    if applies:
        assert d["outcome"] == "forbidden"
        assert d["decided_by"] == {"jurisdiction": "us/va", "rule": "no-status-questions-to-victims-and-witnesses",
                                   "citation": "Va. Code Ann. § 19.2-11.02(A)"}
    else:
        assert "no-status-questions-to-victims-and-witnesses" not in state_rules(d, "us/va")


def test_victim_rule_does_not_reach_a_booking_inquiry() -> None:
    """Va. Code § 19.2-11.02 protects victims and witnesses; a felony booking query (§ 19.2-83.2) is another matter."""
    d = decide(request("2024-05-01", COUNTY, "jail", "inquire", data=["citizenship"], context="booking",
                       subject={"pending_charges": [{"class": "felony"}]}))
    assert d["outcome"] == "required"
    assert "no-status-questions-to-victims-and-witnesses" not in state_rules(d, "us/va")
