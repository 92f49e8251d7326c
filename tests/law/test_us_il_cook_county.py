"""Scenario tests for Cook County (library/us/il/cook-county.yaml): Ord. 11-O-73, Cook County Code § 46-37
(passed 7 Sep 2011). The County binds its own agencies, above all the Sheriff's jail, including the jail that
stands inside Chicago. Each test names the section it checks.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._states import basis_rules, decided_by, engine_for, request, status_of

FILES = ("us/il.yaml", "us/il/cook-county.yaml")
COOK = "us/il/cook-county"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return engine_for(*FILES).decide(req).to_dict()


def jail(date: str, action: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    extra.setdefault("subject", {"in_custody": True})
    return request(date, COOK, "jail", action, **extra)


def test_sheriff_declines_detainers_before_the_state_act() -> None:
    """§ 46-37(a), (c): in 2016, before the Illinois TRUST Act, the County ordinance alone forbade the hold."""
    d = decide(jail("2016-05-01", "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (COOK, "decline-detainers-unless-fully-reimbursed")
    entry = next(b for b in d["basis"] if b["rule"] == "decline-detainers-unless-fully-reimbursed")
    assert entry["contested"] is True
    assert entry["confidence"] == "primary"
    assert status_of(d, "us", "hold-is-a-new-seizure") == "overridden"


@pytest.mark.parametrize(("date", "decider"), [("2011-09-06", ("us", "hold-is-a-new-seizure")),
                                               ("2011-09-07", (COOK, "decline-detainers-unless-fully-reimbursed"))])
def test_ordinance_date(date: str, decider: tuple[str, str]) -> None:
    """Ord. 11-O-73, passed 7 Sep 2011: the day before, nothing in the County or State limited the hold, and the
    federal liberty baseline decided (issue 7)."""
    d = decide(jail(date, "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == decider


def test_after_2017_the_state_decides_and_the_county_agrees() -> None:
    """§ 46-37(a) with 5 ILCS 805/15(a): the higher layer is named; the County rule is applied alongside."""
    d = decide(jail("2025-03-01", "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "no-hold-on-detainer-or-civil-warrant")
    assert status_of(d, COOK, "decline-detainers-unless-fully-reimbursed") == "applied"


def test_no_release_date_talk_with_ice() -> None:
    """§ 46-37(b): County staff may not spend on-duty time telling ICE a release date."""
    d = decide(jail("2016-05-01", "notify_release", instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == (COOK, "no-custody-status-or-release-date-to-ice")


@pytest.mark.parametrize(("requester", "instrument", "rule"), [
    ({"agency": "ice", "purpose": "civil_immigration"}, {"type": "judicial_warrant"},
     "release-notice-on-criminal-warrant"),
    ({"agency": "ice", "purpose": "criminal_investigation"}, {"type": "none"},
     "release-notice-for-unrelated-law-enforcement-purpose"),
])
def test_criminal_warrant_or_unrelated_purpose_lifts_the_limit(requester: dict[str, str], instrument: dict[str, str],
                                                               rule: str) -> None:
    """§ 46-37(b): the limits do not apply when ICE has a criminal warrant or for a legitimate law-enforcement
    purpose unrelated to immigration (2016, before the state limits)."""
    d = decide(jail("2016-05-01", "notify_release", requester=requester, instrument=instrument))
    assert d["outcome"] == "allowed"
    assert status_of(d, COOK, rule) == "applied"
    assert status_of(d, COOK, "no-custody-status-or-release-date-to-ice") == "overridden"


def test_unknown_purpose_of_an_interview_request_is_undetermined() -> None:
    """§ 46-37(b): whether ICE may interview a detainee turns on the purpose when no criminal warrant is shown."""
    d = decide(jail("2016-05-01", "interview", requester={"agency": "ice"}, instrument={"type": "none"}))
    assert d["outcome"] == "undetermined"
    assert d["missing_facts"] == ["requester.purpose"]


def test_state_settles_what_the_county_leaves_open() -> None:
    """§ 46-37(b) with 5 ILCS 805/15 (P.A. 102-234): in 2025 the State forbids the interview whatever the purpose,
    so the County's open question does not matter."""
    d = decide(jail("2025-03-01", "interview", requester={"agency": "ice"}, instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/il", "no-assistance-to-immigration-agents")


def test_incarceration_status_and_release_date_not_disclosed() -> None:
    """§ 46-37(b): neither incarceration status nor release date goes to ICE."""
    d = decide(jail("2016-05-01", "disclose", instrument={"type": "none"}, data=["custody_status", "release_date"]))
    assert d["outcome"] == "forbidden"
    assert d["by_data"] == {"custody_status": "forbidden", "release_date": "forbidden"}


def test_county_hospital_is_county_personnel_too() -> None:
    """§ 46-37(b) binds all County personnel: a County health facility does not tell ICE a patient's custody status."""
    d = decide(request("2016-05-01", COOK, "health_facility", "disclose", requester=ICE,
                       instrument={"type": "none"}, data=["custody_status"]))
    assert d["outcome"] == "forbidden"
    assert "no-incarceration-status-information-to-ice" in basis_rules(d, COOK)


def test_detainer_rule_reaches_detainers_only() -> None:
    """§ 46-37(a), (c) speak of "ICE detainer requests": a hold on a federal judge's warrant is not decided by the
    County's detainer rule (corrected 2026-12-04; it used to forbid every hold)."""
    warrant = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    d = decide(jail("2016-05-01", "hold", instrument=warrant))
    assert "decline-detainers-unless-fully-reimbursed" not in basis_rules(d, COOK)
    d = decide(jail("2016-05-01", "hold", instrument=DETAINER))
    assert decided_by(d) == (COOK, "decline-detainers-unless-fully-reimbursed")
