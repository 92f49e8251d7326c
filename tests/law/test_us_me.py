"""Scenario tests for Maine (library/us/me.yaml): LD 1971 (5 M.R.S. ch. 337-E), in force 2026-07-29 (inferred)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import (
    DETAINER,
    ICE,
    JUDICIAL_WARRANT,
    confidence_of,
    decide_in,
    decided_by,
    obligation_kinds,
    request,
    state_rules,
)

COUNTY = "us/me/cumberland-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/me.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2026-07-28", False), ("2026-07-29", True)])
def test_ld_1971_hold_boundary(date: str, covered: bool) -> None:
    """5 M.R.S. ch. 337-E (LD 1971; effective date inferred 2026-07-29): no hold solely on a hold request."""
    d = decide(request(date, COUNTY, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert ("no-hold-on-hold-request" in state_rules(d, "us/me")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert confidence_of(d, "us/me", "no-hold-on-hold-request") == "secondary"


def test_hold_on_court_order_or_criminal_warrant() -> None:
    """5 M.R.S. ch. 337-E: a court order or criminal warrant authorises custody."""
    d = decide(request("2026-09-01", COUNTY, "jail", "hold", requester=ICE, instrument=JUDICIAL_WARRANT))
    assert d["outcome"] != "forbidden"
    assert "hold-on-court-order-or-criminal-warrant" in state_rules(d, "us/me")


def test_release_date_not_given_but_criminal_history_may_be() -> None:
    """5 M.R.S. ch. 337-E: no release date or personal information; criminal history requests may be answered."""
    release = decide(request("2026-09-01", COUNTY, "jail", "disclose", requester=ICE, data=["release_date"],
                             instrument=DETAINER))
    history = decide(request("2026-09-01", COUNTY, "jail", "disclose", requester=ICE, data=["criminal_history"],
                             instrument=DETAINER))
    assert release["outcome"] == "forbidden"
    assert history["outcome"] == "allowed"
    assert decided_by(history) == ("us/me", "criminal-history-response")


def test_interview_needs_written_consent_after_advice() -> None:
    """5 M.R.S. ch. 337-E: ICE interviews only with a court order or the person's written consent, after advice."""
    refused = decide(request("2026-09-01", COUNTY, "jail", "interview", requester=ICE,
                             subject={"in_custody": True, "written_consent": False}, instrument={"type": "none"}))
    consent = decide(request("2026-09-01", COUNTY, "jail", "interview", requester=ICE,
                             subject={"in_custody": True, "written_consent": True}, instrument={"type": "none"}))
    assert refused["outcome"] == "forbidden"
    assert consent["outcome"] == "allowed"
    assert {"advise_of_rights", "obtain_written_consent"} <= obligation_kinds(consent)
