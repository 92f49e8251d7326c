"""Scenario tests for the District of Columbia (library/us/dc.yaml): D.C. Code § 24-211.07 (2012 version and the
Sanctuary Values Amendment Act)."""

from __future__ import annotations

from typing import Any

from tests.law._local import DETAINER, FEDERAL_WARRANT, local_rules
from tests.law._local import decide as _decide
from tests.law._rules_subset import basis_entry, obligation_kinds

FILES = ("us.yaml", "us/dc.yaml")


def decide(kind: str, action: str, **extra: Any) -> dict[str, Any]:
    return _decide(FILES, "us/dc", kind, action, **extra)


def test_no_hold_on_a_detainer() -> None:
    """§ 24-211.07(a)(1): no hold past release absent a federal judge's warrant or order."""
    d = decide("jail", "hold", instrument=DETAINER)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "us/dc", "rule": "no-hold-without-federal-judicial-warrant",
                               "citation": "D.C. Code § 24-211.07(a)(1)"}
    assert basis_entry(d, "us/dc", "no-hold-without-federal-judicial-warrant")["confidence"] == "primary"


def test_hold_with_a_federal_judges_warrant() -> None:
    """§ 24-211.07(a): an Article III or magistrate judge's warrant lifts the prohibition (federal 48-hour limit)."""
    d = decide("jail", "hold", instrument=FEDERAL_WARRANT)
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "hold-on-federal-judicial-warrant")
    assert "limit_hold_duration" in obligation_kinds(d)


def test_immigration_judges_order_is_not_enough() -> None:
    """§ 24-211.07(a): only Article III or magistrate judges; an immigration judge's order does not qualify."""
    d = decide("jail", "hold", instrument={"type": "court_order", "signed_by": "immigration_judge"})
    assert d["outcome"] == "forbidden"


def test_release_date_and_address_refused_status_left_to_federal_law() -> None:
    """§ 24-211.07(a)(4)(B) and (g): release date and address are refused; immigration status is not restricted."""
    d = decide("jail", "disclose", data=["release_date", "address", "immigration_status"], instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert d["by_data"]["release_date"] == "forbidden"
    assert d["by_data"]["address"] == "forbidden"
    assert d["by_data"]["immigration_status"] == "allowed"


def test_no_release_notification() -> None:
    """§ 24-211.07(a)(4)(B): no date and time of release to ICE."""
    assert decide("jail", "notify_release", instrument=DETAINER)["decided_by"]["rule"] == "no-release-notification"


def test_no_interview_unless_order_or_request_with_counsel() -> None:
    """§ 24-211.07(a)(3): interview only on a judicial order or the person's request, with counsel or a waiver."""
    assert decide("jail", "interview", instrument={"type": "none"})["outcome"] == "forbidden"
    d = decide("jail", "interview", instrument={"type": "none"}, subject={"written_consent": True})
    assert d["outcome"] == "allowed"
    assert {"advise_of_rights", "notify_counsel_or_designee"} <= obligation_kinds(d)


def test_no_transfer_no_space_no_facilities() -> None:
    """§ 24-211.07(a)(4)(D), (a)(4)(A), (a)(2): no release for transfer, no detention space, no search facilities."""
    assert decide("jail", "transfer", instrument=DETAINER)["decided_by"]["rule"] == "no-release-for-transfer"
    assert decide("jail", "enter_agreement")["decided_by"]["rule"] == "no-detention-space-for-ice"
    access = decide("jail", "grant_access", location="non_public_area", instrument={"type": "none"})
    assert access["outcome"] == "forbidden"


def test_no_status_questions_in_custody() -> None:
    """§ 24-211.07(b): the District does not ask people in its custody about immigration status."""
    d = decide("police", "inquire", requester=None, data=["immigration_status"], subject={"in_custody": True})
    assert d["decided_by"]["rule"] == "no-status-inquiry-in-custody"
    d = decide("city_agency", "inquire", requester=None, data=["immigration_status"], subject={"in_custody": False})
    assert "no-status-inquiry-in-custody" not in local_rules(d, "us/dc")


def test_annual_report_duty() -> None:
    """§ 24-211.07(d): DOC, DYRS, DBH and MPD report requests yearly to the Mayor and the Council."""
    d = decide("jail", "hold", instrument=DETAINER)
    assert {"record_request", "report"} <= obligation_kinds(d)


def test_2012_version_before_the_sanctuary_values_act() -> None:
    """§ 24-211.07(b)(1) (2012): hold only with a reimbursement agreement (none known) - until 2019-10-22; the
    Sanctuary Values emergency act applies from 2019-10-23."""
    before = decide("jail", "hold", date="2019-10-22", instrument=DETAINER)
    assert before["decided_by"]["rule"] == "detainer-hold-needs-reimbursement-agreement"
    after = decide("jail", "hold", date="2019-10-23", instrument=DETAINER)
    assert after["decided_by"]["rule"] == "no-hold-without-federal-judicial-warrant"


def test_2012_interview_needs_opportunity_for_counsel() -> None:
    """§ 24-211.07(d)(1) (2012): no individualized interview without an opportunity to have counsel present."""
    d = decide("jail", "interview", date="2015-06-01", instrument={"type": "none"})
    assert "advise_of_rights" in obligation_kinds(d)


def test_before_2012_no_district_rule() -> None:
    """D.C. Law 19-194 effective 2012-12-11: the day before, no District rule (the federal permission decides)."""
    d = decide("jail", "hold", date="2012-12-10", instrument=DETAINER)
    assert local_rules(d, "us/dc") == {}
    assert decide("jail", "hold", date="2012-12-11", instrument=DETAINER)["outcome"] == "forbidden"


def test_lrsp_no_status_question() -> None:
    """D.C. Code § 6-226(c)(2), § 6-228(a)(3) (temporary acts 2022-2025): the Housing Authority does not ask about
    citizenship or immigration status for the Local Rent Supplement Program."""
    d = decide("housing", "inquire", date="2024-06-01", requester=None, data=["immigration_status"],
               context="benefits_eligibility")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "lrsp-no-status-inquiry"
    assert basis_entry(d, "us/dc", "lrsp-no-status-inquiry")["confidence"] == "primary"


def test_lrsp_status_not_considered() -> None:
    """D.C. Code § 6-226(c)(2): nor consider status for eligibility, admission or continued occupancy."""
    d = decide("housing", "condition_service", date="2024-06-01", requester=None, context="benefits_eligibility")
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "lrsp-status-not-considered")


def test_lrsp_federal_program_verification_is_outside() -> None:
    """§ 6-226(c)(2) governs the local program only: a question a statute demands (federal vouchers) is outside."""
    d = decide("housing", "inquire", date="2024-06-01", requester=None, data=["immigration_status"],
               context="benefits_eligibility", instrument={"type": "statute"})
    assert "lrsp-no-status-inquiry" not in local_rules(d, "us/dc")


def test_lrsp_dates() -> None:
    """D.C. Act 24-522 from 2022-07-27; the temporary legislation expires 2025-03-01 (no rule after)."""
    req = {"requester": None, "data": ["immigration_status"], "context": "benefits_eligibility"}
    assert "lrsp-no-status-inquiry" not in local_rules(decide("housing", "inquire", date="2022-07-26", **req), "us/dc")
    assert decide("housing", "inquire", date="2022-07-27", **req)["decided_by"]["rule"] == "lrsp-no-status-inquiry"
    assert decide("housing", "inquire", date="2025-02-28", **req)["decided_by"]["rule"] == "lrsp-no-status-inquiry"
    assert "lrsp-no-status-inquiry" not in local_rules(decide("housing", "inquire", date="2025-03-01", **req), "us/dc")


def test_lrsp_permanent_law_from_2025_03_07() -> None:
    """D.C. Code § 6-229.04(a)(1) (D.C. Law 25-261, effective 2025-03-07): the permanent clause; the day before,
    in the gap after the temporary act lapsed (2025-03-01), no District rule."""
    req = {"requester": None, "data": ["citizenship"], "context": "benefits_eligibility"}
    gap = decide("housing", "inquire", date="2025-03-06", **req)
    assert not {"lrsp-no-status-inquiry", "lrsp-no-status-inquiry-2025"} & set(local_rules(gap, "us/dc"))
    d = decide("housing", "inquire", date="2025-03-07", **req)
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "lrsp-no-status-inquiry-2025")
    assert d["decided_by"]["citation"] == "D.C. Code § 6-229.04(a)(1)-(2), (c)"
    assert basis_entry(d, "us/dc", "lrsp-no-status-inquiry-2025")["confidence"] == "primary"


def test_lrsp_permanent_law_status_not_considered() -> None:
    """D.C. Code § 6-229.04(a)(1): nor consider status for eligibility, admission or continued participation."""
    d = decide("housing", "condition_service", requester=None, context="benefits_eligibility")
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "lrsp-status-not-considered-2025")


def test_lrsp_permanent_law_federal_subsidy_outside() -> None:
    """D.C. Code § 6-229.04(a)(2), (c): a unit with a status-limited federal subsidy, or a federal program, may ask
    what the federal rules need (instrument type statute) - the District rule does not apply."""
    d = decide("housing", "inquire", requester=None, data=["immigration_status"], context="benefits_eligibility",
               instrument={"type": "statute"})
    assert "lrsp-no-status-inquiry-2025" not in local_rules(d, "us/dc")
    d = decide("housing", "condition_service", requester=None, context="benefits_eligibility",
               instrument={"type": "statute"})
    assert "lrsp-status-not-considered-2025" not in local_rules(d, "us/dc")


def test_2012_no_hold_of_a_minor() -> None:
    """§ 24-211.07(b)(2)(A) (2012): a detainer could be honoured only for a person 18 or older (2012-12-11 to
    2019-10-22); not in force the day before D.C. Law 19-194."""
    d = decide("jail", "hold", date="2015-06-01", instrument=DETAINER, subject={"minor": True})
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, "us/dc", "no-hold-of-minors-2012")["confidence"] == "primary"
    adult = decide("jail", "hold", date="2015-06-01", instrument=DETAINER, subject={"minor": False})
    assert "no-hold-of-minors-2012" not in local_rules(adult, "us/dc")
    before = decide("jail", "hold", date="2012-12-10", instrument=DETAINER, subject={"minor": True})
    assert "no-hold-of-minors-2012" not in local_rules(before, "us/dc")
    after = decide("jail", "hold", date="2019-10-23", instrument=DETAINER, subject={"minor": True})
    assert "no-hold-of-minors-2012" not in local_rules(after, "us/dc")
