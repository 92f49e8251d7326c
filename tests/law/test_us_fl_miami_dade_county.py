"""Scenario tests for Miami-Dade County (library/us/fl/miami-dade-county.yaml): R-1008-13 (2013), the Mayor's order
of 26 January 2017, R-381-17."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules
from tests.law._rules_subset import obligation_kinds

FILES = ("us.yaml", "us/fl.yaml", "us/fl/miami-dade-county.yaml")
COUNTY = "us/fl/miami-dade-county"


def test_2013_resolution_declined_detainers() -> None:
    """R-1008-13 (3 December 2013): detainers declined without federal reimbursement."""
    d = decide(FILES, COUNTY, "jail", "hold", date="2016-06-01", instrument=DETAINER)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "decline-detainers-without-reimbursement"


def test_mayors_order_date_boundary() -> None:
    """Mayor's memorandum of 26 January 2017: honour ICE detainers (R-1008-13 superseded that day)."""
    before = decide(FILES, COUNTY, "jail", "hold", date="2017-01-25", instrument=DETAINER)
    assert before["outcome"] == "forbidden"
    after = decide(FILES, COUNTY, "jail", "hold", date="2017-01-26", instrument=DETAINER)
    assert after["outcome"] == "required"
    assert after["decided_by"]["rule"] == "honour-all-detainers"
    assert "limit_hold_duration" in obligation_kinds(after)


def test_state_law_requires_it_today() -> None:
    """Fla. Stat. ch. 908 (2019) requires detainer compliance; the county's order agrees."""
    d = decide(FILES, COUNTY, "jail", "hold", instrument=DETAINER)
    assert d["outcome"] == "required"
    assert local_rules(d, COUNTY)["honour-all-detainers"] in ("applied", "overridden")


def test_board_told_of_287g_requests() -> None:
    """R-381-17 (4 April 2017): the Mayor notifies the Board of a request for a 287(g) agreement."""
    d = decide(FILES, COUNTY, "police", "enter_agreement", date="2018-01-01")
    assert "report" in obligation_kinds(d)
    assert "notify-board-of-287g-request" not in local_rules(
        decide(FILES, COUNTY, "police", "enter_agreement", date="2017-04-03"), COUNTY)
