"""Scenario tests for Philadelphia (library/us/pa/philadelphia.yaml): Executive Orders 1-14 and 5-16.

us/pa.yaml on this branch is a placeholder (no rules); the real Pennsylvania file comes from another branch."""

from __future__ import annotations

from tests.law._local import DETAINER, decide
from tests.law._rules_subset import basis_entry

FILES = ("us.yaml", "us/pa.yaml", "us/pa/philadelphia.yaml")
CITY = "us/pa/philadelphia"
VIOLENT = {"convictions": [{"class": "violent_felony", "date": "2025-01-01"}], "in_custody": True}
JUDICIAL = {"type": "detainer", "signed_by": "federal_judge", "accompanied_by": ["judicial_warrant"]}


def test_no_hold_or_notice_on_a_plain_detainer() -> None:
    """EO 5-16, s. 1: no detention on an ICE civil detainer, nor notice of release."""
    for action in ("hold", "notify_release"):
        d = decide(FILES, CITY, "jail", action, instrument=DETAINER, subject=VIOLENT)
        assert d["outcome"] == "forbidden", action
        assert d["decided_by"]["rule"] == "no-detainer-hold"


def test_violent_felony_with_judicial_warrant() -> None:
    """EO 5-16, s. 1: unless released after a first- or second-degree violent felony and a judicial warrant."""
    d = decide(FILES, CITY, "jail", "hold", instrument=JUDICIAL, subject=VIOLENT)
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "violent-felony-with-judicial-warrant")


def test_judicial_warrant_alone_is_not_enough() -> None:
    """EO 5-16, s. 1: both conditions are needed."""
    misdemeanour = {"convictions": [{"class": "misdemeanor", "date": "2025-01-01"}], "in_custody": True}
    assert decide(FILES, CITY, "jail", "hold", instrument=JUDICIAL, subject=misdemeanour)["outcome"] == "forbidden"


def test_2014_order_and_2016_order_boundary() -> None:
    """EO 1-14 (16 April 2014) to EO 5-16 (4 January 2016, date not verified)."""
    assert basis_entry(decide(FILES, CITY, "jail", "hold", date="2016-01-03", instrument=DETAINER), CITY,
                       "no-detainer-hold-2014")["confidence"] == "primary"
    assert decide(FILES, CITY, "jail", "hold", date="2016-01-04", instrument=DETAINER)["decided_by"]["rule"] == \
        "no-detainer-hold"
    # Before the city's order, the federal default (us#hold-is-a-new-seizure) forbids a hold on a detainer alone.
    assert decide(FILES, CITY, "jail", "hold", date="2014-04-15", instrument=DETAINER)["outcome"] == "forbidden"
