"""Scenario tests for New Jersey (library/us/nj.yaml): Attorney General Law Enforcement Directive No. 2018-6, the
Immigrant Trust Directive (issued 29 Nov 2018, in effect March 2019, revised 2019). Section numbers of the
directive were not read, so tests name the provision by subject. Requests use a county with no rule file.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._states import basis_rules, decided_by, engine_for, obligation_kinds, request, status_of

FILES = ("us/nj.yaml",)
COUNTY = "us/nj/middlesex-county"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return engine_for(*FILES).decide(req).to_dict()


def jail(action: str, subject: dict[str, Any], date: str = "2025-06-01", **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    extra.setdefault("instrument", DETAINER)
    return request(date, COUNTY, "jail", action, subject={"in_custody": True, **subject}, **extra)


NO_RECORD = {"convictions": [], "pending_charges": [], "final_removal_order": False}


@pytest.mark.parametrize(("conviction_date", "outcome"), [("2020-06-01", "allowed"), ("2020-05-31", "forbidden")])
def test_indictable_conviction_within_five_years(conviction_date: str, outcome: str) -> None:
    """Directive 2018-6, continued detention: an indictable conviction in the last five years permits a hold;
    counted back from the request's date (1 Jun 2025), a conviction on 31 May 2020 is outside the window."""
    d = decide(jail("hold", {**NO_RECORD, "convictions": [{"class": "indictable", "date": conviction_date}]}))
    assert d["outcome"] == outcome
    if outcome == "allowed":
        assert decided_by(d) == ("us/nj", "hold-permitted-for-listed-records")
        assert status_of(d, "us/nj", "no-hold-past-release") == "overridden"
    else:
        assert decided_by(d) == ("us/nj", "no-hold-past-release")


@pytest.mark.parametrize("subject", [
    {"convictions": [{"class": "violent_or_serious", "date": "1998-01-01"}], "pending_charges": []},
    {"convictions": [], "pending_charges": [{"class": "violent_or_serious"}]},
])
def test_violent_or_serious_offense_at_any_time_or_charged(subject: dict[str, Any]) -> None:
    """Directive 2018-6, Appendix A: charged with, or ever convicted of, a violent or serious offense."""
    d = decide(jail("notify_release", {**NO_RECORD, **subject}))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/nj", "release-notice-for-listed-records")


def test_misdemeanour_record_does_not_permit_release_notice() -> None:
    """Directive 2018-6, notice of release: a recent disorderly-persons (misdemeanour) conviction is not listed."""
    d = decide(jail("notify_release", {**NO_RECORD, "convictions": [{"class": "misdemeanor", "date": "2024-01-01"}]}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/nj", "no-release-notice")


@pytest.mark.parametrize(("signed_by", "outcome"), [
    ("federal_judge", "allowed"),
    ("immigration_judge", "forbidden"),
    (None, "undetermined"),
])
def test_final_removal_order_must_be_signed_by_a_federal_judge(signed_by: str | None, outcome: str) -> None:
    """Directive 2018-6, continued detention: a final order of removal counts only if signed by a federal judge."""
    instrument: dict[str, Any] = {"type": "detainer", "accompanied_by": ["admin_warrant"]}
    if signed_by is not None:
        instrument["signed_by"] = signed_by
    d = decide(jail("hold", {**NO_RECORD, "final_removal_order": True}, instrument=instrument))
    assert d["outcome"] == outcome
    if outcome == "undetermined":
        assert d["missing_facts"] == ["instrument.signed_by"]


def test_unknown_record_is_undetermined() -> None:
    """Directive 2018-6: whether a hold is permitted depends on the record; the engine names what to find out."""
    d = decide(jail("hold", {}))
    assert d["outcome"] == "undetermined"
    assert {"subject.convictions", "subject.pending_charges", "subject.final_removal_order"} <= set(d["missing_facts"])


def test_detainee_is_told_of_the_request() -> None:
    """Directive 2018-6, notice to detainees: the jail tells the person, on the A.G.'s form, of ICE's request."""
    d = decide(jail("hold", NO_RECORD))
    assert "notify_subject" in obligation_kinds(d)
    assert {"record_request", "report"} <= obligation_kinds(d)


@pytest.mark.parametrize(("consent", "outcome"), [(False, "forbidden"), (True, "allowed")])
def test_ice_interview_needs_counsel_notice_and_written_consent(consent: bool, outcome: str) -> None:
    """Directive 2018-6, ICE interviews of detainees: only after notice of the right to a lawyer and written consent."""
    d = decide(jail("interview", {"written_consent": consent}, instrument={"type": "none"}))
    assert d["outcome"] == outcome
    if consent:
        assert {"advise_of_rights", "obtain_written_consent"} <= obligation_kinds(d)


def test_release_notice_on_judicial_warrant() -> None:
    """Directive 2018-6, permitted assistance: officers comply with judicial warrants and court orders."""
    d = decide(jail("notify_release", NO_RECORD, instrument={"type": "court_order", "signed_by": "federal_judge"}))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/nj", "release-notice-on-judicial-warrant") == "applied"


@pytest.mark.parametrize(("context", "outcome"), [("booking", "forbidden"), ("criminal_investigation", "allowed")])
def test_police_ask_status_only_in_a_serious_investigation(context: str, outcome: str) -> None:
    """Directive 2018-6, inquiries: status may be asked only when necessary to investigate a serious offense."""
    d = decide(request("2025-06-01", COUNTY, "police", "inquire", data=["immigration_status"], context=context))
    assert d["outcome"] == outcome


@pytest.mark.parametrize(("exigent", "outcome"), [(False, "forbidden"), (True, "allowed")])
def test_no_participation_in_ice_operations_except_in_exigency(exigent: bool, outcome: str) -> None:
    """Directive 2018-6: no participation in civil enforcement operations; assistance in exigent circumstances."""
    d = decide(request("2025-06-01", COUNTY, "police", "assist_operation", requester=ICE,
                       instrument={"type": "none"}, exigent=exigent))
    assert d["outcome"] == outcome


@pytest.mark.parametrize(("date", "state_rule"), [("2019-03-14", False), ("2019-03-15", True)])
def test_directive_in_effect_march_2019(date: str, state_rule: bool) -> None:
    """Directive 2018-6, effective date (March 2019; the day is recalled, not verified). Before it the federal
    liberty baseline decided (issue 7)."""
    d = decide(jail("hold", NO_RECORD, date=date))
    assert d["outcome"] == "forbidden"
    assert ("no-hold-past-release" in basis_rules(d, "us/nj")) is state_rule
    assert (d["decided_by"]["jurisdiction"] == "us") is not state_rule


@pytest.mark.parametrize("cls", ["felony", "violent_felony", "serious_felony"])
def test_portable_felony_classes_count_as_indictable_within_five_years(cls: str) -> None:
    """Review 2026-11-26: New Jersey's indictable offences are its felony-grade crimes, so a recent conviction
    given in a portable felony class opens the five-year branch; an older one does not."""
    recent = decide(jail("hold", {**NO_RECORD, "convictions": [{"class": cls, "date": "2023-01-01"}]}))
    assert recent["outcome"] == "allowed"
    assert decided_by(recent) == ("us/nj", "hold-permitted-for-listed-records")
    old = decide(jail("hold", {**NO_RECORD, "convictions": [{"class": cls, "date": "2015-01-01"}]}))
    assert old["outcome"] == "forbidden"


# ------------------------------------------------------------------ courts, sensitive locations, 287(g) (2026-12-04)
@pytest.mark.parametrize(("date", "covered"), [("2019-05-22", False), ("2019-05-23", True)])
def test_judiciary_directive_07_19_status_only_for_court_purpose(date: str, covered: bool) -> None:
    """N.J. Admin. Directive #07-19 (2019-05-23): courts request immigration status only for a legitimate court
    purpose."""
    d = decide(request(date, COUNTY, "court", "collect", data=["immigration_status"], context="service_delivery"))
    assert ("courts-status-only-for-court-purpose" in basis_rules(d, "us/nj")) is covered
    if covered:
        assert d["outcome"] == "forbidden"


def test_judiciary_directive_07_19_allows_status_for_a_proceeding() -> None:
    """N.J. Admin. Directive #07-19: status may be received when a proceeding needs it."""
    d = decide(request("2024-02-01", COUNTY, "court", "collect", data=["immigration_status"],
                       context="court_proceeding"))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/nj", "courts-status-for-court-purpose")


def test_courthouse_ice_protocol_duties() -> None:
    """N.J. Admin. Directive #07-19 (as reported): identify agents, see the warrant, tell the Assignment Judge."""
    d = decide(request("2024-02-01", COUNTY, "court", "grant_access", requester=ICE, location="public_area"))
    assert {"verify_identity_of_agents", "escalate_to_counsel", "do_not_obstruct"} <= obligation_kinds(d)


@pytest.mark.parametrize(("date", "covered"), [("2026-01-19", False), ("2026-01-20", True)])
def test_safe_communities_act_boundary(date: str, covered: bool) -> None:
    """Safe Communities Act (A6308/S5036, signed and effective 2026-01-20): sensitive-location policies apply."""
    d = decide(request(date, COUNTY, "health_facility", "grant_access", requester=ICE, location="non_public_area"))
    assert ("sensitive-locations-model-policy" in basis_rules(d, "us/nj")) is covered


def test_287g_bar_with_emergency_exception() -> None:
    """Directive 2018-6 (as summarised by NJ Appleseed): no 287(g) agreements unless approved by the Attorney
    General or needed for a declared emergency."""
    plain = decide(request("2024-02-01", COUNTY, "jail", "enter_agreement"))
    emergency = decide(request("2024-02-01", COUNTY, "jail", "enter_agreement", exigent=True))
    assert plain["outcome"] == "forbidden"
    assert decided_by(plain) == ("us/nj", "no-287g-agreements")
    assert emergency["outcome"] == "allowed"
    assert decided_by(emergency) == ("us/nj", "emergency-287g-agreement")
