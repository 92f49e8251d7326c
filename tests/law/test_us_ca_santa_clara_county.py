"""Scenario tests for Santa Clara County (library/us/ca/santa-clara-county.yaml): Board Policy 3.54 (2011) and
Resolution 2010-316."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules

FILES = ("us.yaml", "us/ca.yaml", "us/ca/santa-clara-county.yaml")
COUNTY = "us/ca/santa-clara-county"


def test_no_detainer_hold_2012_before_state_law() -> None:
    """Board Policy 3.54 (18 October 2011): detainers only with a reimbursement agreement (none) - decisive before
    California's TRUST Act (2014)."""
    d = decide(FILES, COUNTY, "jail", "hold", date="2012-06-01", instrument=DETAINER)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == COUNTY
    assert d["decided_by"]["rule"] == "no-detainer-hold-without-reimbursement"


def test_policy_date_boundary() -> None:
    """Board Policy 3.54 adopted 18 October 2011."""
    assert local_rules(decide(FILES, COUNTY, "jail", "hold", date="2011-10-17", instrument=DETAINER), COUNTY) == {}
    assert "no-detainer-hold-without-reimbursement" in local_rules(
        decide(FILES, COUNTY, "jail", "hold", date="2011-10-18", instrument=DETAINER), COUNTY)


def test_no_release_notification_stricter_than_state() -> None:
    """Board Policy 3.54 notification limit (reaffirmed 4 June 2019): stricter than Gov. Code § 7282.5."""
    subject = {"convictions": [{"class": "serious_felony", "date": "2020-01-01"}], "in_custody": True}
    d = decide(FILES, COUNTY, "jail", "notify_release", instrument=DETAINER, subject=subject)
    assert d["outcome"] == "forbidden"
    assert local_rules(d, COUNTY)["no-release-notification"] == "applied"


def test_no_status_questions_outside_criminal_investigation() -> None:
    """Resolution 2010-316: no inquiry based solely on immigration status."""
    d = decide(FILES, COUNTY, "social_services", "inquire", requester=None, data=["immigration_status"],
               context="service_delivery", instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert "no-inquiry-solely-on-status" in local_rules(d, COUNTY)
