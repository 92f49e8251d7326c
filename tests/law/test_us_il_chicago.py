"""Scenario tests for Chicago (library/us/il/chicago.yaml): the Welcoming City Ordinance, Chicago Mun. Code
ch. 2-173, before and after O2021-117 (passed 27 Jan 2021). Each test names the section it checks.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._local import decide as local_decide
from tests.law._local import local_rules
from tests.law._states import basis_rules, decided_by, engine_for, obligation_kinds, request, status_of

FILES = ("us/il.yaml", "us/il/chicago.yaml")
CHI = "us/il/chicago"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
PHONE = {"type": "none"}
FELON = {"in_custody": True, "convictions": [{"class": "felony", "date": "2015-06-01"}]}
NO_RECORD = {"in_custody": True, "convictions": [], "pending_charges": []}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return engine_for(*FILES).decide(req).to_dict()


def cpd(date: str, action: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    return request(date, CHI, "police", action, **extra)


@pytest.mark.parametrize(("date", "outcome", "rule"), [
    ("2021-01-26", "allowed", "pre2021-carve-out-release-notification"),
    ("2021-01-27", "forbidden", "no-release-notification"),
])
def test_felony_carve_out_ends_with_o2021_117(date: str, outcome: str, rule: str) -> None:
    """§ 2-173-042(c)(2) (2012 text) vs § 2-173-020(a)(3) (O2021-117): ICE phones CPD for the release date of a person
    with a felony conviction. The day before passage the carve-out allowed an answer; from 27 Jan 2021 it is barred."""
    d = decide(cpd(date, "notify_release", instrument=PHONE, subject=FELON))
    assert d["outcome"] == outcome
    assert decided_by(d) == (CHI, rule)
    if outcome == "allowed":
        assert status_of(d, CHI, "pre2021-no-release-notification") == "overridden"
        assert status_of(d, CHI, "pre2021-carve-out-release-notification") == "applied"
    else:
        assert "pre2021-carve-out-release-notification" not in basis_rules(d, CHI)
        assert d["decided_by"]["citation"] == "Chicago Mun. Code § 2-173-020(a)(3)"


def test_pending_felony_charge_was_also_a_carve_out() -> None:
    """§ 2-173-042(c)(3) (2012 text): a pending felony charge also lifted the limit before 27 Jan 2021."""
    subject = {"in_custody": True, "convictions": [], "pending_charges": [{"class": "felony"}]}
    d = decide(cpd("2020-06-01", "disclose", instrument=PHONE, data=["release_date"], subject=subject))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == (CHI, "pre2021-carve-out-custody-or-release-information")


def test_before_2021_no_felony_record_means_no_answer() -> None:
    """§ 2-173-042(b)(1)(C) (2012 text): without a carve-out, CPD could not give ICE a release date."""
    d = decide(cpd("2021-01-26", "notify_release", instrument=PHONE, subject=NO_RECORD))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (CHI, "pre2021-no-release-notification")


def test_before_2021_unknown_record_is_undetermined() -> None:
    """§ 2-173-042(c) (2012 text): whether the carve-outs applied depends on the person's record."""
    d = decide(cpd("2021-01-26", "notify_release", instrument=PHONE, subject={"in_custody": True}))
    assert d["outcome"] == "undetermined"
    assert set(d["missing_facts"]) == {"subject.convictions", "subject.pending_charges"}


def test_status_sharing_limit_is_void_against_1373_but_contested() -> None:
    """§ 2-173-030(a)(1) against 8 U.S.C. § 1373: sharing immigration status with ICE cannot be forbidden by the
    City (contested), so the City's rule is void for this request; Illinois (5 ILCS 805/5) has no limit to void."""
    d = decide(cpd("2025-03-01", "disclose", instrument=PHONE, data=["immigration_status"], subject=NO_RECORD))
    assert d["outcome"] == "allowed"
    assert status_of(d, CHI, "no-sharing-status-information") == "void"
    voided = [c for c in d["conflicts"] if c.get("status") == "void"]
    assert len(voided) == 1
    assert voided[0]["rule"]["rule"] == "no-sharing-status-information"
    assert voided[0]["contested"] is True


def test_rest_of_the_ordinance_stands_when_status_and_release_date_are_asked_together() -> None:
    """§§ 2-173-030(a)(1), 2-173-020(a)(3): the status part is void under § 1373, the release-date part is not."""
    d = decide(cpd("2025-03-01", "disclose", instrument=PHONE, data=["immigration_status", "release_date"],
                   subject=NO_RECORD))
    assert d["outcome"] == "forbidden"
    assert d["by_data"] == {"immigration_status": "allowed", "release_date": "forbidden"}
    assert status_of(d, CHI, "no-custody-release-or-contact-information") == "applied"


def test_status_sharing_with_a_non_federal_requester_stays_forbidden() -> None:
    """§ 2-173-030(a)(1): § 1373 protects sharing with federal immigration authorities only; a member of the public
    asking a City department for someone's status is refused, over Illinois's permission."""
    d = decide(request("2025-03-01", CHI, "social_services", "disclose", requester={"agency": "public"},
                       instrument=PHONE, data=["immigration_status"], subject={"written_consent": False}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (CHI, "no-sharing-status-information")


def test_written_consent_lets_the_city_share_status() -> None:
    """§ 2-173-030(a)(1): the person's written authorisation allows sharing (here with their own lawyer)."""
    d = decide(request("2025-03-01", CHI, "social_services", "disclose", requester={"agency": "attorney"},
                       instrument=PHONE, data=["immigration_status"], subject={"written_consent": True}))
    assert d["outcome"] == "allowed"
    assert status_of(d, CHI, "status-sharing-with-written-consent") == "applied"


def test_service_counter_may_not_ask_status_and_1373_does_not_reach_questions() -> None:
    """§ 2-173-030(a)(1)-(2): City staff may not ask for status; the federal preemption covers sharing, not asking."""
    d = decide(request("2025-03-01", CHI, "city_agency", "inquire", data=["immigration_status"],
                       context="service_delivery", instrument=PHONE))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (CHI, "no-requesting-or-keeping-status-information")
    assert all(c.get("status") != "void" for c in d["conflicts"])


def test_cpd_hold_on_detainer_is_decided_by_the_state_first() -> None:
    """§ 2-173-020(a)(1)(C) and 5 ILCS 805/15(a): both forbid; the higher layer is named as deciding and the City's
    own rule is applied alongside it."""
    d = decide(cpd("2025-03-01", "hold", instrument={"type": "detainer", "accompanied_by": ["admin_warrant"]},
                   subject=FELON))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "no-hold-on-detainer-or-civil-warrant")
    assert status_of(d, CHI, "no-civil-immigration-arrest-or-detention") == "applied"
    assert "report" in obligation_kinds(d)


def test_ice_interview_in_cpd_custody_before_the_way_forward_act() -> None:
    """§ 2-173-020(a)(2)(A): in March 2021 Illinois did not yet bar access, but Chicago did, for anyone."""
    d = decide(cpd("2021-03-01", "interview", instrument=PHONE, subject=FELON))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (CHI, "no-ice-access-to-people-in-custody")


def test_ice_visit_to_a_library_back_office_on_an_administrative_warrant() -> None:
    """§ 2-173-020(a)(2)(B) and the Corporation Counsel guidelines of 10 Jan 2025 under § 2-173-020(c)."""
    d = decide(request("2025-03-01", CHI, "library", "grant_access", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"},
                       location="non_public_area"))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (CHI, "no-use-of-facilities-for-investigation")
    assert {"notify_counsel_or_designee", "request_judicial_warrant", "verify_identity_of_agents",
            "do_not_obstruct", "record_request"} <= obligation_kinds(d)


def test_ice_visit_with_a_judicial_warrant() -> None:
    """§ 2-173-020(a)(2) and the 2025 guidelines: staff do not obstruct a search under a judicial warrant."""
    d = decide(request("2025-03-01", CHI, "library", "grant_access", requester=ICE,
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"},
                       location="non_public_area"))
    assert d["outcome"] == "allowed"
    assert status_of(d, CHI, "access-under-judicial-warrant") == "applied"
    assert "do_not_obstruct" in obligation_kinds(d)


def test_no_visit_protocol_duty_before_the_2025_guidelines() -> None:
    """Corporation Counsel guidelines of 10 Jan 2025: not in force in 2024."""
    d = decide(request("2024-12-01", CHI, "library", "grant_access", requester=ICE,
                       instrument={"type": "admin_warrant"}, location="non_public_area"))
    assert d["outcome"] == "forbidden"
    assert "ice-visit-protocol" not in basis_rules(d, CHI)


def test_city_may_not_sign_287g() -> None:
    """§ 2-173-020(a)(4) and § 2-173-030(b), with P.A. 101-19 § 5(b) at the state layer."""
    d = decide(request("2025-03-01", CHI, "police", "enter_agreement"))
    assert d["outcome"] == "forbidden"
    assert {"no-287g-agreement", "no-database-access-for-civil-enforcement"} <= basis_rules(d, CHI)


def test_county_jail_inside_chicago_is_not_bound_by_the_ordinance() -> None:
    """Contract: a Sheriff's jail in Chicago belongs to us/il/cook-county; Chicago's rules are not in its chain."""
    eng = engine_for("us/il.yaml", "us/il/chicago.yaml", "us/il/cook-county.yaml")
    d = eng.decide(request("2025-03-01", "us/il/cook-county", "jail", "notify_release", requester=ICE,
                           instrument=PHONE, subject={"in_custody": True})).to_dict()
    assert [layer["jurisdiction"] for layer in d["layers"]] == ["us", "us/il", "us/il/cook-county"]
    assert basis_rules(d, CHI) == set()


def test_outstanding_criminal_warrant_was_a_carve_out() -> None:
    """§ 2-173-042(c)(1) (2012 text): before 27 Jan 2021, ICE presenting a judge's criminal warrant could interview
    a person in CPD custody; from 27 Jan 2021 § 2-173-020(a)(2)(A) bars access whatever the paper."""
    warrant = {"type": "judicial_warrant", "signed_by": "state_judge"}
    before = decide(cpd("2020-06-01", "interview", instrument=warrant, subject=NO_RECORD))
    assert before["outcome"] == "allowed"
    assert decided_by(before) == (CHI, "pre2021-carve-out-interviews")
    after = decide(cpd("2021-03-01", "interview", instrument=warrant, subject=NO_RECORD))
    assert after["outcome"] == "forbidden"
    assert decided_by(after) == (CHI, "no-ice-access-to-people-in-custody")


def test_ice_free_zone_order_covers_open_city_property_from_2025_10_06() -> None:
    """Executive Order "ICE Free Zone" (6 October 2025): City property - parking lots, parks - is not a staging area,
    processing location or operations base for civil immigration enforcement; staff report uses to the Mayor."""
    files = ("us.yaml", "us/il.yaml", "us/il/chicago.yaml")
    kwargs = {"location": "public_area", "instrument": {"type": "none"}}
    before = local_decide(files, "us/il/chicago", "city_agency", "grant_access", date="2025-10-05", **kwargs)
    assert "no-city-property-for-civil-immigration-enforcement" not in local_rules(before, "us/il/chicago")
    after = local_decide(files, "us/il/chicago", "city_agency", "grant_access", date="2025-10-06", **kwargs)
    assert after["outcome"] == "forbidden"
    assert after["decided_by"]["rule"] == "no-city-property-for-civil-immigration-enforcement"
    assert {"report", "do_not_obstruct"} <= {o["kind"] for o in after["obligations"]}


def test_ice_visit_protocol_rests_on_the_guidelines_text() -> None:
    """Corporation Counsel, Recommended Guidelines for Visits by Federal Representatives (10 Jan 2025), I.A-E, read in
    the City's press release: the visit duty is primary, and its record is of an officer's refusal (I.D), not the
    search-notes step known only from a news rewording."""
    d = decide(request("2025-03-01", CHI, "shelter", "grant_access", requester=ICE,
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"},
                       location="non_public_area"))
    entry = next(e for e in d["basis"] if e["rule"] == "ice-visit-protocol")
    assert entry["confidence"] == "primary"
    records = [o for o in d["obligations"] if o["kind"] == "record_request" and "refusal" in o["summary"]]
    assert records
    assert not any("seized" in o["summary"] for o in d["obligations"])
