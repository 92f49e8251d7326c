"""Scenario tests for Florida (library/us/fl.yaml): Fla. Stat. ch. 908 (SB 168 2019, SB 1808 2022, SB 2-C 2025).

Local limiting policies are exercised with the FICTIONAL ``us/fl/fixture-county``
(tests/law/fixtures/anti_sanctuary/us/fl/fixture-county.yaml).
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, obligation_kinds, rules_in_basis

REAL = ("us.yaml", "us/fl.yaml")
COUNTY = ("us/fl/fixture-county.yaml",)


def decide(request: dict[str, Any], *, fixture: bool = False) -> dict[str, Any]:
    return engine(*REAL, fixtures=COUNTY if fixture else ()).decide(request).to_dict()


def detainer(date: str, jurisdiction: str = "us/fl/miami-dade-county", *, warrant: bool = True) -> dict[str, Any]:
    instrument: dict[str, Any] = {"type": "detainer", "signed_by": "immigration_officer"}
    if warrant:
        instrument["accompanied_by"] = ["admin_warrant"]
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": "jail"}, "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"}, "instrument": instrument,
            "subject": {"in_custody": True}}


def test_county_jail_must_comply_with_detainer_with_warrant() -> None:
    """Fla. Stat. § 908.105(1)(a)-(c) (read in the 2024 text) with the § 908.102(2) definition: a
    detainer accompanied by its administrative warrant must be complied with, after telling the bail judge and
    recording it in the case file."""
    d = decide(detainer("2026-03-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/fl", "rule": "detainer-compliance",
                               "citation": "Fla. Stat. § 908.105(1)"}
    entry = basis_entry(d, "us/fl", "detainer-compliance")
    assert (entry["status"], entry["confidence"]) == ("applied", "primary")
    mine = {(o["kind"], o["citation"]) for o in d["obligations"] if o["jurisdiction"] == "us/fl"}
    assert mine == {("report", "Fla. Stat. § 908.105(1)(a)"), ("record_request", "Fla. Stat. § 908.105(1)(b)")}


def test_detainer_without_warrant_is_not_an_immigration_detainer() -> None:
    """§ 908.102(2): an "immigration detainer" is issued along with a warrant; without it Florida law imposes no
    duty and only the federal layer speaks: a detainer is a request, and a hold on it alone is a new seizure
    (the federal liberty baseline, issue 7)."""
    d = decide(detainer("2026-03-01", warrant=False))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "hold-is-a-new-seizure"
    assert rules_in_basis(d, "us/fl") == set()


def test_detainer_duty_starts_with_sb168() -> None:
    """Ch. 2019-102 effective 2019-07-01 (date not verified): the day before, no Florida duty."""
    assert decide(detainer("2019-06-30"))["decided_by"]["rule"] == "hold-is-a-new-seizure"
    assert decide(detainer("2019-07-01"))["outcome"] == "required"


def test_jail_287g_agreement_is_mandatory_with_quarterly_reports() -> None:
    """§ 908.11(1)-(2): the sheriff must have a 287(g) agreement; from 2025-04-01, quarterly reports to the State
    Board of Immigration Enforcement until it is signed."""
    request = {"agency": {"jurisdiction": "us/fl/broward-county", "kind": "jail"}, "action": "enter_agreement"}
    d = decide({"date": "2025-06-01", **request})
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "jail-287g-agreement-required"
    reports = [o for o in d["obligations"] if o["kind"] == "report"]
    assert reports and reports[0]["frequency"] == "quarterly"
    assert reports[0]["to"] == "State Board of Immigration Enforcement"
    early = decide({"date": "2025-03-31", **request})
    assert early["outcome"] == "required"
    assert "report" not in obligation_kinds(early)


def test_287g_not_required_before_sb1808() -> None:
    """§ 908.11 was created by ch. 2022-193 (effective date taken as 2022-07-01); before it, the jail's duty was the
    § 908.106 detention agreement of any kind (law14)."""
    d = decide({"date": "2022-06-30", "agency": {"jurisdiction": "us/fl/broward-county", "kind": "jail"},
                "action": "enter_agreement"})
    assert rules_in_basis(d, "us/fl") == {"jail-detention-agreement-required"}


def test_county_jail_must_have_a_detention_agreement_from_2019() -> None:
    """Fla. Stat. § 908.106 (s. 1, ch. 2019-102, unchanged): each county correctional facility enters an agreement
    with a federal immigration agency for housing detainees and paying the costs; not before SB 168."""
    request = {"agency": {"jurisdiction": "us/fl/broward-county", "kind": "jail"}, "action": "enter_agreement"}
    d = decide({"date": "2020-03-01", **request})
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/fl", "rule": "jail-detention-agreement-required",
                               "citation": "Fla. Stat. § 908.106"}
    assert basis_entry(d, "us/fl", "jail-detention-agreement-required")["confidence"] == "primary"
    assert rules_in_basis(decide({"date": "2019-06-30", **request}), "us/fl") == set()
    assert decide({"date": "2019-07-01", **request})["outcome"] == "required"


def inmate_list(date: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "us/fl/orange-county", "kind": "jail"}, "action": "disclose",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "data": ["immigration_status"]}


def test_jail_must_give_ice_the_list_of_inmates_booked() -> None:
    """Fla. Stat. § 908.104(6): on a federal immigration agency's request, the sheriff gives it the list of all
    inmates booked and any information on each one's immigration status."""
    d = decide(inmate_list("2026-01-15"))
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/fl", "law-enforcement-may-share-status")["status"] == "overridden"
    assert d["decided_by"] == {"jurisdiction": "us/fl", "rule": "jail-inmate-list-on-request",
                               "citation": "Fla. Stat. § 908.104(6)"}


def test_inmate_list_duty_dated_from_ch_2025_1() -> None:
    """§ 908.104(6) is dated from ch. 2025-1 (13 Feb 2025, the last amendment in the history note)."""
    assert "jail-inmate-list-on-request" not in rules_in_basis(decide(inmate_list("2025-02-12")), "us/fl")
    assert "jail-inmate-list-on-request" in rules_in_basis(decide(inmate_list("2025-02-13")), "us/fl")


def test_county_ban_on_holds_is_overridden_then_void() -> None:
    """§ 908.105 outranks a county rule from 2019-07-01; § 908.103 voids the county's sanctuary policy from
    2019-10-01 (dates not verified)."""
    summer = decide(detainer("2019-08-01", "us/fl/fixture-county"), fixture=True)
    assert summer["outcome"] == "required"
    assert basis_entry(summer, "us/fl/fixture-county", "no-detainer-holds")["status"] == "overridden"
    autumn = decide(detainer("2019-10-01", "us/fl/fixture-county"), fixture=True)
    assert autumn["outcome"] == "required"
    assert basis_entry(autumn, "us/fl/fixture-county", "no-detainer-holds")["status"] == "void"
    assert basis_entry(autumn, "us/fl", "void-sanctuary-policies")["effect"] == "preempt"


def test_county_ban_on_287g_is_void() -> None:
    """§§ 908.102(6)(d), 908.103, 908.11(1): a county rule against 287(g) is void; the agreement is required."""
    d = decide({"date": "2026-01-15", "agency": {"jurisdiction": "us/fl/fixture-county", "kind": "jail"},
                "action": "enter_agreement"}, fixture=True)
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/fl/fixture-county", "no-287g")["status"] == "void"


def test_county_ban_on_status_sharing_is_void() -> None:
    """§ 908.104(2): no local body may restrict law enforcement from sending status information to ICE."""
    d = decide({"date": "2026-01-15", "agency": {"jurisdiction": "us/fl/fixture-county", "kind": "police"},
                "action": "disclose", "requester": {"agency": "ice"}, "data": ["immigration_status"]}, fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/fl/fixture-county", "no-status-sharing")["status"] == "void"
    assert "law-enforcement-may-share-status" in rules_in_basis(d, "us/fl")


def test_county_ban_on_ice_interviews_is_void() -> None:
    """§ 908.102(6)(c), § 908.103: limiting ICE access to inmates for interviews is a sanctuary policy."""
    d = decide({"date": "2026-01-15", "agency": {"jurisdiction": "us/fl/fixture-county", "kind": "jail"},
                "action": "interview", "requester": {"agency": "ice"}, "subject": {"in_custody": True}},
               fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/fl/fixture-county", "no-ice-in-jail")["status"] == "void"


def test_county_ban_on_sharing_status_with_the_public_is_not_void() -> None:
    """§ 908.104(2) protects exchanges with federal immigration agencies and other governments only."""
    d = decide({"date": "2026-01-15", "agency": {"jurisdiction": "us/fl/fixture-county", "kind": "police"},
                "action": "disclose", "requester": {"agency": "public"}, "data": ["immigration_status"]}, fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-sharing"


def hospital_question(date: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "us/fl/miami-dade-county", "kind": "health_facility"},
            "action": "inquire", "data": ["immigration_status"], "context": "service_delivery"}


def test_hospital_admission_form_must_ask_status_with_the_statement() -> None:
    """Fla. Stat. § 395.3027(1)-(2): the registration form asks about status, followed by the statement that the
    answer will not affect care or be reported; counts go to AHCA every quarter."""
    d = decide(hospital_question("2024-02-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/fl", "rule": "hospital-admission-status-question",
                               "citation": "Fla. Stat. § 395.3027(1)"}
    kinds = {(o["kind"], o["citation"]) for o in d["obligations"]}
    assert ("notify_subject", "Fla. Stat. § 395.3027(1)") in kinds
    report = next(o for o in d["obligations"] if o["citation"] == "Fla. Stat. § 395.3027(2)")
    assert (report["kind"], report["frequency"], report["to"]) == (
        "report", "quarterly", "Agency for Health Care Administration")


def test_hospital_question_starts_on_2023_07_01() -> None:
    """SB 1718 (ch. 2023-40): the hospital provision took effect 2023-07-01."""
    assert rules_in_basis(decide(hospital_question("2023-06-30")), "us/fl") == set()
    assert decide(hospital_question("2023-07-01"))["outcome"] == "required"


def test_sb_4c_creates_no_rule_for_staff() -> None:
    """SB 4-C (ch. 2025-2, §§ 811.101-811.103) is an instrument only: enjoined, and it defines crimes of
    individuals, so a police civil-immigration arrest is not made lawful by Florida law."""
    d = decide({"date": "2025-03-01", "agency": {"jurisdiction": "us/fl/miami-dade-county", "kind": "police"},
                "action": "arrest", "requester": {"agency": "local_law_enforcement", "purpose": "civil_immigration"}})
    assert rules_in_basis(d, "us/fl") == set()


def test_jail_may_transport_detainee_to_federal_custody() -> None:
    """§ 908.104(4): on verification that a person subject to a detainer is in custody, the facility may securely
    transport the person to a federal facility or point of transfer (a permission, not a duty)."""
    d = decide({"date": "2024-03-01", "agency": {"jurisdiction": "us/fl/broward-county", "kind": "jail"},
                "action": "transfer", "requester": {"agency": "ice"},
                "instrument": {"type": "detainer", "accompanied_by": ["admin_warrant"]},
                "subject": {"in_custody": True}})
    entry = basis_entry(d, "us/fl", "jail-may-transport-detainee")
    assert (entry["effect"], entry["status"], entry["citation"]) == ("allow", "applied", "Fla. Stat. § 908.104(4)")
    assert d["outcome"] != "required"
