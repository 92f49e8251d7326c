"""Scenario tests for Oregon (library/us/or.yaml): ORS 181A.820 (1987 c.467), ORS 180.805 (2017 c.724, eff.
15 Aug 2017) and the Sanctuary Promise Act (2021 c.550, eff. 19 Jul 2021; ORS 181A.820-.829).

Requests use a county with no rule file (us/or/multnomah-county), so Oregon and the federal layer decide.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._states import basis_rules, decided_by, engine_for, obligation_kinds, request, status_of

FILES = ("us/or.yaml",)
COUNTY = "us/or/multnomah-county"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}
CHARGED = {"in_custody": True, "pending_charges": [{"class": "misdemeanor"}], "convictions": []}
CLEAN = {"in_custody": False, "pending_charges": [], "convictions": []}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return engine_for(*FILES).decide(req).to_dict()


def jail(date: str, action: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    extra.setdefault("subject", CHARGED)
    return request(date, COUNTY, "jail", action, **extra)


@pytest.mark.parametrize(("date", "outcome"), [("2021-07-18", "allowed"), ("2021-07-19", "forbidden")])
def test_sanctuary_promise_act_boundary_for_release_notice(date: str, outcome: str) -> None:
    """ORS 181A.823(1)(c) (2021 c.550, effective on signature 19 Jul 2021): before it, no Oregon statute barred a
    jail from answering a detainer's release-notice request; from that day it is barred."""
    d = decide(jail(date, "notify_release", instrument=DETAINER))
    assert d["outcome"] == outcome
    if outcome == "forbidden":
        assert decided_by(d) == ("us/or", "no-information-about-people-in-custody")
        assert {"decline_in_writing", "record_request", "report"} <= obligation_kinds(d)
    else:
        assert basis_rules(d, "us/or") == set()


@pytest.mark.parametrize(("instrument", "outcome"), [
    ({"type": "judicial_subpoena", "signed_by": "federal_judge"}, "allowed"),
    ({"type": "admin_subpoena", "signed_by": "immigration_officer"}, "forbidden"),
])
def test_only_court_process_opens_custody_records(instrument: dict[str, str], outcome: str) -> None:
    """ORS 181A.823(1)(c)(A), (2): a judicial subpoena allows disclosure; an ICE administrative subpoena does not."""
    d = decide(jail("2025-03-01", "disclose", instrument=instrument, data=["address", "release_date"]))
    assert d["outcome"] == outcome
    if outcome == "allowed":
        assert status_of(d, "us/or", "information-on-court-process") == "applied"
        assert "decline_in_writing" not in obligation_kinds(d)
    else:
        entry = next(b for b in d["basis"] if b["rule"] == "no-information-about-people-in-custody")
        assert entry["contested"] is True


@pytest.mark.parametrize(("date", "outcome"), [("2017-08-14", "allowed"), ("2017-08-15", "forbidden")])
def test_public_body_may_not_give_out_an_address(date: str, outcome: str) -> None:
    """ORS 180.805(1) (2017 c.724, eff. 15 Aug 2017): a housing office asked by ICE for a tenant's address."""
    d = decide(request(date, COUNTY, "housing", "disclose", requester=ICE, instrument={"type": "none"},
                       data=["address"], subject=CLEAN))
    assert d["outcome"] == outcome
    if outcome == "forbidden":
        assert decided_by(d) == ("us/or", "no-personal-information-for-immigration-enforcement")


@pytest.mark.parametrize(("date", "subject", "outcome", "rule"), [
    ("2020-06-01", CHARGED, "allowed", "person-with-criminal-charge"),
    ("2020-06-01", CLEAN, "forbidden", "no-resources-for-status-only-violators"),
    ("2021-07-19", CHARGED, "forbidden", "no-immigration-arrest-or-detention"),
])
def test_1987_law_protected_only_status_only_violators(date: str, subject: dict[str, Any], outcome: str,
                                                       rule: str) -> None:
    """ORS 181A.820(1) before and after 2021 c.550 § 9: the 1987 text covered people whose "only violation" was
    unlawful presence; the 2021 text covers all immigration enforcement."""
    d = decide(request(date, COUNTY, "police", "arrest", requester=ICE, instrument={"type": "none"}, subject=subject))
    assert d["outcome"] == outcome
    assert status_of(d, "us/or", rule) == "applied"


def test_arrest_on_federal_magistrate_warrant_is_allowed() -> None:
    """ORS 181A.820(5): arrest for a federal immigration crime on a federal magistrate's warrant."""
    d = decide(request("2025-03-01", COUNTY, "police", "arrest", requester=ICE,
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}, subject=CLEAN))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/or", "arrest-on-federal-magistrate-warrant") == "applied"


@pytest.mark.parametrize(("context", "date", "outcome"), [
    ("service_delivery", "2025-03-01", "forbidden"),
    ("benefits_eligibility", "2025-03-01", "allowed"),
])
def test_public_bodies_do_not_ask_status(context: str, date: str, outcome: str) -> None:
    """ORS 180.805(2): status may be asked only where law requires or to decide benefit eligibility."""
    d = decide(request(date, COUNTY, "social_services", "inquire", data=["immigration_status"], context=context,
                       instrument={"type": "none"}))
    assert d["outcome"] == outcome


@pytest.mark.parametrize(("date", "outcome"), [("2021-07-18", "forbidden"), ("2021-07-19", "allowed")])
def test_criminal_investigation_exception_comes_with_the_2021_act(date: str, outcome: str) -> None:
    """ORS 181A.823(1)(b)(A) (2021 c.550) against ORS 180.805(2) (2017 text): police asking status for a state
    criminal investigation."""
    d = decide(request(date, COUNTY, "police", "inquire", data=["immigration_status"],
                       context="criminal_investigation", instrument={"type": "none"}))
    assert d["outcome"] == outcome


def test_status_question_in_custody_carries_the_right_to_refuse() -> None:
    """ORS 181A.823(3): a detained person asked about status is told in writing they may refuse."""
    d = decide(request("2025-03-01", COUNTY, "jail", "inquire", data=["citizenship"], context="criminal_investigation",
                       instrument={"type": "none"}, subject={"in_custody": True}))
    assert d["outcome"] == "allowed"
    assert "advise_of_rights" in obligation_kinds(d)


def test_status_disclosure_limit_is_void_under_1373() -> None:
    """ORS 181A.823(1)(c) against 8 U.S.C. § 1373: the status part of the custody-information limit is void
    (contested); the decision says so and the rest of the Act still applies to other data."""
    d = decide(jail("2025-03-01", "disclose", instrument={"type": "none"}, data=["immigration_status", "release_date"]))
    assert d["by_data"] == {"immigration_status": "allowed", "release_date": "forbidden"}
    assert d["outcome"] == "forbidden"
    voided = [c for c in d["conflicts"] if c.get("status") == "void"]
    assert voided and all(c["contested"] for c in voided)
    assert {c["rule"]["rule"] for c in voided} == {"no-information-about-people-in-custody"}


@pytest.mark.parametrize(("date", "outcome"), [("2021-07-18", "allowed"), ("2021-07-19", "forbidden")])
def test_no_detention_or_287g_agreements(date: str, outcome: str) -> None:
    """ORS 181A.820(3), 181A.829 (2021 c.550): no 287(g) or immigration detention agreements."""
    d = decide(request(date, COUNTY, "jail", "enter_agreement"))
    assert d["outcome"] == outcome


def test_hold_on_detainer_forbidden_after_2021() -> None:
    """ORS 181A.826(1): public resources may not be used to detain or hold anyone for immigration enforcement."""
    d = decide(jail("2025-03-01", "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/or", "no-immigration-arrest-or-detention")
    assert status_of(d, "us", "hold-is-a-new-seizure") == "overridden"


def test_no_transfer_to_ice_on_a_detainer() -> None:
    """ORS 181A.826(1) (review 2026-11-26, secondary): handing a person to ICE on a detainer uses public
    personnel to detain or hold them for immigration enforcement; before the fix it came out `allowed`."""
    d = decide(jail("2026-03-01", "transfer", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/or", "no-transfer-for-immigration-enforcement")


def test_transfer_on_federal_magistrate_warrant_is_allowed() -> None:
    """ORS 181A.820(5): a federal magistrate's arrest warrant (federal immigration crime) still works."""
    warrant = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    d = decide(jail("2026-03-01", "transfer", instrument=warrant))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/or", "no-transfer-for-immigration-enforcement") == "overridden"
