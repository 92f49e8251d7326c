"""Scenario tests for Illinois (library/us/il.yaml): the TRUST Act (P.A. 100-463, 5 ILCS 805, eff. 28 Aug 2017),
the Way Forward Act (P.A. 102-234, eff. 2 Aug 2021) and the Keep Illinois Families Together Act (P.A. 101-19).

Requests use a county with no rule file of its own (us/il/sangamon-county), so Illinois and the federal layer
decide. Each test names the section it checks.
"""

from __future__ import annotations

from typing import Any

import pytest

import sanctuary
from tests.law._states import (
    basis_rules,
    decided_by,
    engine_for,
    obligation_kinds,
    obligations_of,
    request,
    status_of,
)

FILES = ("us/il.yaml",)
COUNTY = "us/il/sangamon-county"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return engine_for(*FILES).decide(req).to_dict()


def jail(date: str, action: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    extra.setdefault("subject", {"in_custody": True})
    return request(date, COUNTY, "jail", action, **extra)


def test_jail_may_not_hold_on_detainer() -> None:
    """5 ILCS 805/15(a): no detention solely on an immigration detainer or civil immigration warrant; the federal
    permission to honour detainers is overridden by the state's limit on its own agencies."""
    d = decide(jail("2025-03-01", "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "no-hold-on-detainer-or-civil-warrant")
    assert d["decided_by"]["citation"] == "5 ILCS 805/15(a)"
    assert status_of(d, "us", "hold-is-a-new-seizure") == "overridden"
    entry = next(b for b in d["basis"] if b["rule"] == "no-hold-on-detainer-or-civil-warrant")
    assert entry["confidence"] == "primary"


@pytest.mark.parametrize(("date", "state_rule"), [("2017-08-27", False), ("2017-08-28", True)])
def test_trust_act_takes_effect_28_august_2017(date: str, state_rule: bool) -> None:
    """5 ILCS 805/15(a), P.A. 100-463 eff. 8-28-17: the day before, Illinois law did not limit detainer holds
    (the federal liberty baseline decided: forbidden without a judge, issue 7)."""
    d = decide(jail(date, "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert ("no-hold-on-detainer-or-civil-warrant" in basis_rules(d, "us/il")) is state_rule
    assert decided_by(d) == (("us/il", "no-hold-on-detainer-or-civil-warrant") if state_rule
                             else ("us", "hold-is-a-new-seizure"))


def test_hold_resting_on_a_judicial_warrant_is_not_solely_on_a_detainer() -> None:
    """5 ILCS 805/10, 805/15(a): a detainer that comes with a judge's warrant is not a detention "solely" on a
    detainer; the exception overrides the limit and the federal permission stands."""
    d = decide(jail("2025-03-01", "hold", instrument={"type": "detainer", "accompanied_by": ["judicial_warrant"]}))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/il", "no-hold-on-detainer-or-civil-warrant") == "overridden"
    assert status_of(d, "us/il", "hold-on-judicial-warrant") == "applied"


def test_release_notice_on_a_detainer_is_compliance_with_it() -> None:
    """5 ILCS 805/10, 805/15(a) ("or otherwise comply"): in 2019, before the Way Forward Act, answering a detainer's
    request for notice of release was already barred."""
    d = decide(jail("2019-05-01", "notify_release", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "no-compliance-with-detainer-notice-or-transfer")


@pytest.mark.parametrize(("date", "outcome", "rule"), [
    ("2021-08-01", "allowed", None),
    ("2021-08-02", "forbidden", "no-assistance-to-immigration-agents"),
])
def test_way_forward_act_boundary_for_informal_release_notice(date: str, outcome: str, rule: str | None) -> None:
    """5 ILCS 805/15 as amended by P.A. 102-234 (eff. 8-2-21 per the ILCS source note): an informal phone request
    for a release date was not barred by the 2017 Act, and is barred from 2 Aug 2021."""
    d = decide(jail(date, "notify_release", instrument={"type": "none"}))
    assert d["outcome"] == outcome
    if rule is None:
        assert basis_rules(d, "us/il") == set()
    else:
        assert decided_by(d) == ("us/il", rule)
        entry = next(b for b in d["basis"] if b["rule"] == rule)
        assert entry["contested"] is True and entry["confidence"] == "secondary"


def test_1_january_2022_is_not_the_way_forward_effective_date() -> None:
    """P.A. 102-234: the brief's 1 Jan 2022 was the deadline for ending detention contracts; the Act's bans were
    already in force in December 2021."""
    d = decide(jail("2021-12-31", "transfer", instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "no-assistance-to-immigration-agents")


@pytest.mark.parametrize(("signed_by", "outcome"), [
    ("federal_judge", "allowed"),
    ("state_judge", "forbidden"),
    (None, "undetermined"),
])
def test_transfer_only_on_federal_criminal_warrant(signed_by: str | None, outcome: str) -> None:
    """5 ILCS 805/15 (P.A. 102-234): transfers to immigration agents are barred unless they present a federal
    criminal warrant; who signed the warrant decides it."""
    instrument: dict[str, Any] = {"type": "judicial_warrant"}
    if signed_by is not None:
        instrument["signed_by"] = signed_by
    d = decide(jail("2025-03-01", "transfer", instrument=instrument))
    assert d["outcome"] == outcome
    if outcome == "allowed":
        assert status_of(d, "us/il", "assistance-on-federal-criminal-warrant-or-federal-law") == "applied"
        assert "escalate_to_counsel" in obligation_kinds(d)
    if outcome == "undetermined":
        assert d["missing_facts"] == ["instrument.signed_by"]


def test_status_information_is_not_restricted_but_release_date_is() -> None:
    """5 ILCS 805/5 (savings clause for 8 U.S.C. 1373, 1644) and 805/15 (P.A. 102-234): asked for both, the jail may
    share immigration status but not the release date of a person in its custody."""
    d = decide(jail("2025-03-01", "disclose", instrument={"type": "none"},
                    data=["immigration_status", "release_date"]))
    assert d["outcome"] == "forbidden"
    assert d["by_data"] == {"immigration_status": "allowed", "release_date": "forbidden"}
    assert status_of(d, "us/il", "no-information-about-people-in-custody") == "applied"
    assert decided_by(d) == ("us/il", "no-information-about-people-in-custody")
    # Illinois has no status-sharing limit of its own, so nothing of Illinois's is void under 8 U.S.C. 1373.
    assert all(c.get("status") != "void" for c in d["conflicts"])


def test_status_alone_is_decided_by_the_federal_layer() -> None:
    """5 ILCS 805/5: Illinois does not restrict sending status information to DHS; the federal permission decides."""
    d = decide(jail("2025-03-01", "disclose", instrument={"type": "none"}, data=["immigration_status"]))
    assert d["outcome"] == "allowed"
    assert basis_rules(d, "us/il") == set()
    assert decided_by(d) == ("us", "may-share-status-with-dhs")


def test_information_limit_needs_to_know_whether_the_person_is_in_custody() -> None:
    """5 ILCS 805/15 (P.A. 102-234): the information limit covers people in the agency's custody."""
    d = decide(request("2025-03-01", COUNTY, "police", "disclose", requester=ICE, instrument={"type": "none"},
                       data=["address"]))
    assert d["outcome"] == "undetermined"
    assert d["missing_facts"] == ["subject.in_custody"]


@pytest.mark.parametrize(("date", "outcome"), [("2021-08-01", "allowed"), ("2021-08-02", "forbidden")])
def test_no_questions_about_place_of_birth(date: str, outcome: str) -> None:
    """5 ILCS 805/15(e) (added by P.A. 102-234): police may not ask a stopped person's place of birth."""
    d = decide(request(date, COUNTY, "police", "inquire", data=["place_of_birth"], subject={"in_custody": False}))
    assert d["outcome"] == outcome
    if outcome == "forbidden":
        assert decided_by(d) == ("us/il", "no-status-or-birthplace-inquiry")


def test_detainer_goes_into_the_annual_report_to_the_attorney_general() -> None:
    """5 ILCS 805/25(a)(2), (b): every detainer received is reported annually to the Attorney General, with the
    fields (A)-(E) and no names."""
    d = decide(jail("2025-03-01", "hold", instrument=DETAINER))
    reports = [o for o in obligations_of(d, "annual-report-detainers-and-civil-warrants") if o["kind"] == "report"]
    assert len(reports) == 1
    report = reports[0]
    assert report["frequency"] == "annual"
    assert report["to"] == "Illinois Attorney General"
    assert report["citation"] == "5 ILCS 805/25(a)(2), (b)"
    for field in ("date received", "bail", "released or transferred", "which agency", "No names"):
        assert field in report["summary"]


def test_no_annual_report_duty_before_the_way_forward_act() -> None:
    """5 ILCS 805/25 was added by P.A. 102-234: no reporting duty attaches in 2020."""
    d = decide(jail("2020-03-01", "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert "report" not in obligation_kinds(d)


@pytest.mark.parametrize(("date", "outcome"), [("2019-06-20", "allowed"), ("2019-06-21", "forbidden")])
def test_287g_agreements_barred_from_2019(date: str, outcome: str) -> None:
    """P.A. 101-19, § 5(b): no law enforcement agency may enter into or remain in a 287(g) agreement (effective date
    inferred from the companion P.A. 101-20)."""
    d = decide(request(date, COUNTY, "jail", "enter_agreement"))
    assert d["outcome"] == outcome


def test_packaged_library_decides_illinois() -> None:
    """5 ILCS 805/15(a) through the public API over the whole packaged library."""
    d = sanctuary.decide(jail("2025-03-01", "hold", instrument=DETAINER))
    assert d.outcome == "forbidden"
    assert d.to_dict()["decided_by"]["rule"] == "no-hold-on-detainer-or-civil-warrant"


# ------------------------------------------------------------------ HB 1312 (P.A. 104-440, eff. 2025-12-09)
COURT_REQ: dict[str, Any] = {"requester": ICE, "context": "court_proceeding",
                             "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}


@pytest.mark.parametrize(("date", "covered"), [("2025-12-08", False), ("2025-12-09", True)])
def test_court_access_act_boundary(date: str, covered: bool) -> None:
    """705 ILCS 96/10-15(a) (P.A. 104-440, eff. 2025-12-09): a party or witness attending court is privileged
    from civil arrest; court staff may not help with one."""
    d = decide(request(date, COUNTY, "court", "assist_operation", **COURT_REQ))
    assert ("courthouse-no-civil-arrest" in basis_rules(d, "us/il")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert decided_by(d) == ("us/il", "courthouse-no-civil-arrest")


def test_court_access_act_criminal_warrant_excepted() -> None:
    """705 ILCS 96/10-15(d): the execution of a judge's criminal arrest warrant is not barred."""
    d = decide(request("2026-01-15", COUNTY, "court", "arrest", requester=ICE, context="court_proceeding",
                        instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/il", "courthouse-criminal-arrest-warrant")


def test_court_access_act_civil_order_not_enough_for_police() -> None:
    """705 ILCS 96/10-15(a), (d) with 5 ILCS 805/15: near a courthouse a judge's civil order no longer opens a
    civil arrest, although the TRUST Act alone would allow an arrest on it."""
    order = {"type": "court_order", "signed_by": "state_judge"}
    before = decide(request("2025-12-08", COUNTY, "police", "arrest", requester=ICE, context="court_proceeding",
                             instrument=order))
    on = decide(request("2025-12-09", COUNTY, "police", "arrest", requester=ICE, context="court_proceeding",
                         instrument=order))
    assert before["outcome"] == "allowed"
    assert decided_by(before) == ("us/il", "arrest-on-judicial-warrant")
    assert on["outcome"] == "forbidden"
    assert decided_by(on) == ("us/il", "courthouse-civil-order-is-not-enough")


def test_hb_1312_hospital_protocol_duties() -> None:
    """210 ILCS 85/6.14h(c)(1)-(2) (P.A. 104-440): hospitals verify the agent's identity and authority and send
    the request to the designated contact person (legal counsel or administration)."""
    d = decide(request("2026-04-01", COUNTY, "health_facility", "grant_access", requester=ICE,
                        location="non_public_area"))
    assert {"verify_identity_of_agents", "escalate_to_counsel"} <= obligation_kinds(d)
    kinds = {o["kind"] for o in obligations_of(d, "hospitals-immigration-request-protocol")}
    assert kinds == {"verify_identity_of_agents", "escalate_to_counsel"}


@pytest.mark.parametrize(("date", "due"), [("2025-12-31", False), ("2026-01-01", True)])
def test_hb_1312_hospital_policy_due_from_2026(date: str, due: bool) -> None:
    """210 ILCS 85/6.14h(c): general acute care hospitals must have the policy in place by January 1, 2026 (the
    act itself took effect on 2025-12-09)."""
    d = decide(request(date, COUNTY, "health_facility", "disclose", requester=ICE, data=["address"]))
    assert bool(obligations_of(d, "hospitals-immigration-request-protocol")) is due


def test_hb_1312_schools_no_status_disclosure_to_third_parties() -> None:
    """P.A. 104-440, Arts. 20, 25 (reported): no disclosure of a student's immigration status unless law requires."""
    d = decide(request("2026-04-01", COUNTY, "school", "disclose", data=["immigration_status"],
                        requester={"agency": "public", "purpose": "other"}, instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "schools-no-status-disclosure")
