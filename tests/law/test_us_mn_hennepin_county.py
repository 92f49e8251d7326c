"""Scenario tests for Hennepin County (library/us/mn/hennepin-county.yaml): the Sheriff's directive of June 2021."""

from __future__ import annotations

from tests.law._local import DETAINER, FEDERAL_WARRANT, decide, local_rules

FILES = ("us.yaml", "us/mn.yaml", "us/mn/hennepin-county.yaml")
COUNTY = "us/mn/hennepin-county"


def test_no_hold_without_judicial_warrant() -> None:
    """Sheriff's directive (June 2021): detainers no longer hold anyone without a judge's approval."""
    assert decide(FILES, COUNTY, "jail", "hold", instrument=DETAINER)["outcome"] == "forbidden"
    assert decide(FILES, COUNTY, "jail", "hold", instrument=FEDERAL_WARRANT)["outcome"] == "allowed"


def test_no_release_alerts() -> None:
    """Sheriff's directive (June 2021): the jail stopped alerting ICE of releases."""
    d = decide(FILES, COUNTY, "jail", "notify_release", instrument=DETAINER)
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "no-release-notification")


def test_directive_date() -> None:
    """June 2021, dated 30 June 2021 (the month's last day)."""
    assert local_rules(decide(FILES, COUNTY, "jail", "notify_release", date="2021-06-29", instrument=DETAINER),
                       COUNTY) == {}
    assert decide(FILES, COUNTY, "jail", "notify_release", date="2021-06-30", instrument=DETAINER)["outcome"] == \
        "forbidden"
