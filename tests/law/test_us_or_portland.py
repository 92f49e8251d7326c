"""Scenario tests for Portland (library/us/or/portland.yaml): Resolution 37277 (2017) and the 2025 sanctuary code."""

from __future__ import annotations

from tests.law._local import decide, local_rules

FILES = ("us.yaml", "us/or.yaml", "us/or/portland.yaml")
CITY = "us/or/portland"


def test_no_information_to_ice_without_court_order() -> None:
    """Portland sanctuary code (15 October 2025): no information to ICE unless a court order compels it."""
    refused = decide(FILES, CITY, "housing", "disclose", data=["address"], instrument={"type": "none"})
    assert refused["outcome"] == "forbidden"
    assert local_rules(refused, CITY)["no-information-to-ice"] == "applied"
    ordered = decide(FILES, CITY, "housing", "disclose", data=["address"], instrument={"type": "court_order"})
    assert local_rules(ordered, CITY)["information-compelled-by-court-order"] == "applied"


def test_code_date_boundary() -> None:
    """Portland sanctuary code passed 15 October 2025 (effective date not verified; passage used)."""
    kwargs = {"data": ["address"], "instrument": {"type": "none"}}
    assert "no-information-to-ice" not in local_rules(
        decide(FILES, CITY, "housing", "disclose", date="2025-10-14", **kwargs), CITY)
    assert "no-information-to-ice" in local_rules(
        decide(FILES, CITY, "housing", "disclose", date="2025-10-15", **kwargs), CITY)


def test_police_no_action_solely_on_status_from_2017() -> None:
    """PPB Directive 810.10, affirmed by Resolution 37277 (22 March 2017)."""
    d = decide(FILES, CITY, "police", "arrest", date="2017-03-22", instrument={"type": "admin_warrant"})
    assert local_rules(d, CITY)["ppb-no-action-solely-on-status"] == "applied"
    assert "ppb-no-action-solely-on-status" not in local_rules(
        decide(FILES, CITY, "police", "arrest", date="2017-03-21", instrument={"type": "admin_warrant"}), CITY)


DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}


def test_no_city_holds_for_immigration_enforcement() -> None:
    """Portland City Code 23.20.030.A.1: City facilities and personnel may not be used for "detaining or holding
    persons for the purpose of enforcing federal immigration laws" (from the code's passage, 15 October 2025)."""
    d = decide(FILES, CITY, "jail", "hold", instrument=DETAINER)
    assert d["outcome"] == "forbidden"
    assert local_rules(d, CITY)["no-city-resources-for-immigration-enforcement"] == "applied"
    before = decide(FILES, CITY, "jail", "hold", date="2025-10-14", instrument=DETAINER)
    assert "no-city-resources-for-immigration-enforcement" not in local_rules(before, CITY)


def test_no_detention_agreements() -> None:
    """23.20.030.A.2: no formal or informal agreement with a federal immigration authority relating to detention."""
    d = decide(FILES, CITY, "police", "enter_agreement")
    assert d["outcome"] == "forbidden"
    assert local_rules(d, CITY)["no-detention-agreements"] == "applied"


def test_court_order_lifts_the_city_ban_without_invented_duties() -> None:
    """23.20.030.A.4.a: the chapter does not apply "when required by court order, or a warrant authorized by a
    court". The text imposes no duties there, so the City's exception carries none (Oregon's own ban on
    assisting, ORS 181A.826, still decides the outcome)."""
    d = decide(FILES, CITY, "city_agency", "assist_operation",
               instrument={"type": "court_order", "signed_by": "federal_judge"})
    rules = local_rules(d, CITY)
    assert rules["no-city-resources-for-immigration-enforcement"] == "overridden"
    assert "help-compelled-by-court-order" in rules
    city = [b for b in d["basis"] if b["jurisdiction"] == CITY and b["rule"] == "help-compelled-by-court-order"]
    assert city and all(b["confidence"] == "primary" for b in city)


def test_collection_ban_reaches_immigration_enforcement_only() -> None:
    """23.20.030.A.3 bars collecting or inquiring "for the purpose of enforcing federal immigration laws" (the
    old rule barred every status question); a benefit-eligibility need is excepted (A.4.g)."""
    for_ice = decide(FILES, CITY, "city_agency", "collect", data=["immigration_status"])
    assert local_rules(for_ice, CITY)["no-status-collection"] == "applied"
    own_programme = decide(FILES, CITY, "city_agency", "collect", data=["immigration_status"],
                           requester={"agency": "local_law_enforcement", "purpose": "other"},
                           context="service_delivery")
    assert "no-status-collection" not in local_rules(own_programme, CITY)
    eligibility = decide(FILES, CITY, "city_agency", "inquire", data=["immigration_status"],
                         context="benefits_eligibility")
    assert local_rules(eligibility, CITY)["no-status-collection"] == "overridden"
    assert "status-collection-required" in local_rules(eligibility, CITY)


def test_disclosure_required_by_law_is_outside_the_city_ban() -> None:
    """23.20.030.A.3 opens with "Except when required by state or federal law"."""
    d = decide(FILES, CITY, "housing", "disclose", data=["address"], instrument={"type": "statute"})
    rules = local_rules(d, CITY)
    assert rules["no-information-to-ice"] == "overridden"
    assert "information-required-by-law" in rules


def _obligations(decision: dict[str, object]) -> list[tuple[str, str, str | None]]:
    return [(o["kind"], o["citation"], o.get("frequency")) for o in decision["obligations"]]  # type: ignore[index,union-attr]


def test_ppb_annual_report_of_federal_immigration_requests() -> None:
    """Portland City Code 23.20.040.B: the Police Bureau's annual report to Council details every communication
    or request from a federal agency relating to immigration enforcement (from 15 October 2025)."""
    d = decide(FILES, CITY, "police", "disclose", data=["address"], instrument={"type": "none"})
    assert local_rules(d, CITY)["ppb-annual-report-of-federal-requests"] == "applied"
    assert ("report", "Portland City Code 23.20.040.B", "annual") in _obligations(d)
    before = decide(FILES, CITY, "police", "disclose", date="2025-10-14", data=["address"],
                    instrument={"type": "none"})
    assert "ppb-annual-report-of-federal-requests" not in local_rules(before, CITY)
    other = decide(FILES, CITY, "library", "disclose", data=["address"], instrument={"type": "none"})
    assert "ppb-annual-report-of-federal-requests" not in local_rules(other, CITY)


def test_quarterly_report_of_federal_enforcement_on_city_property() -> None:
    """Portland City Code 23.20.030.D.1.b: every bureau reports federal enforcement activity on City property
    and facilities to Council at least quarterly; the access itself stays forbidden (23.20.030.A.1)."""
    d = decide(FILES, CITY, "library", "grant_access", location="non_public_area", instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert local_rules(d, CITY)["quarterly-report-of-enforcement-on-city-property"] == "applied"
    assert ("report", "Portland City Code 23.20.030.D.1.b", "quarterly") in _obligations(d)


def test_city_annual_report_of_immigration_enforcement_requests() -> None:
    """Portland City Code 23.20.030.D.2: the City's annual report to Council summarizes immigration enforcement
    communications, requests and activities and the City's response."""
    d = decide(FILES, CITY, "housing", "disclose", data=["address"], instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert local_rules(d, CITY)["annual-report-of-immigration-enforcement-requests"] == "applied"
    assert ("report", "Portland City Code 23.20.030.D.2", "annual") in _obligations(d)
    before = decide(FILES, CITY, "housing", "disclose", date="2025-10-14", data=["address"],
                    instrument={"type": "none"})
    assert "annual-report-of-immigration-enforcement-requests" not in local_rules(before, CITY)
