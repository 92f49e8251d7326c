"""Scenario tests for Montgomery County, Maryland (library/us/md/montgomery-county.yaml): Executive Order 135-19."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules

FILES = ("us.yaml", "us/md.yaml", "us/md/montgomery-county.yaml")
COUNTY = "us/md/montgomery-county"


def test_no_status_questions_from_2019_07_22() -> None:
    """EO 135-19 (effective 22 July 2019): county departments and employees do not ask about status."""
    kwargs = {"requester": None, "data": ["immigration_status"], "instrument": {"type": "none"}}
    assert local_rules(decide(FILES, COUNTY, "library", "inquire", date="2019-07-21", **kwargs), COUNTY) == {}
    d = decide(FILES, COUNTY, "library", "inquire", date="2019-07-22", **kwargs)
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "no-status-inquiry")


def test_no_holds_and_no_agreements() -> None:
    """EO 135-19: no acting on DHS directives (no detainer holds); no agreements with immigration authorities."""
    assert decide(FILES, COUNTY, "jail", "hold", instrument=DETAINER)["outcome"] == "forbidden"
    assert decide(FILES, COUNTY, "police", "enter_agreement")["outcome"] == "forbidden"


def test_release_notification_is_not_encoded_as_forbidden() -> None:
    """EO 135-19: the County still notifies ICE for certain convictions (reported), so no county rule on it."""
    d = decide(FILES, COUNTY, "jail", "notify_release", instrument=DETAINER)
    assert local_rules(d, COUNTY) == {}
