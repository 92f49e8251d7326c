"""Scenario tests for Multnomah County (library/us/or/multnomah-county.yaml): the Sheriff's no-holds practice and
the sanctuary county resolution."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules

FILES = ("us.yaml", "us/or.yaml", "us/or/multnomah-county.yaml")
COUNTY = "us/or/multnomah-county"


def test_no_ice_holds() -> None:
    """MCSO practice (stated 25 January 2017): no one is held for ICE; Oregon law forbids it too."""
    d = decide(FILES, COUNTY, "jail", "hold", instrument=DETAINER)
    assert d["outcome"] == "forbidden"
    assert local_rules(d, COUNTY)["no-ice-holds"] == "applied"


def test_services_regardless_of_status() -> None:
    """Sanctuary county resolution (December 2016): services to everyone regardless of status."""
    d = decide(FILES, COUNTY, "health_facility", "condition_service", requester=None, data=["immigration_status"],
               instrument={"type": "none"})
    assert local_rules(d, COUNTY)["services-without-regard-to-status"] == "applied"
