"""Scenario tests for Atlanta (library/us/ga/atlanta.yaml): the Mayor's executive orders of 20 June and
6 September 2018.

us/ga.yaml on this branch is a placeholder (no rules); Georgia's HB 1105 (2024) belongs to the real state file."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules

FILES = ("us.yaml", "us/ga.yaml", "us/ga/atlanta.yaml")
CITY = "us/ga/atlanta"


def test_june_2018_order_stops_new_ice_detainees() -> None:
    """Executive order of 20 June 2018: no new ICE detainees under the U.S. Marshals agreement."""
    assert local_rules(decide(FILES, CITY, "jail", "enter_agreement", date="2018-06-19"), CITY) == {}
    d = decide(FILES, CITY, "jail", "enter_agreement", date="2018-06-20")
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "no-new-ice-detainees")


def test_september_2018_order_is_permanent_and_ends_holds() -> None:
    """Executive order of 6 September 2018: no ICE detainees housed, and no holds for ICE."""
    d = decide(FILES, CITY, "jail", "enter_agreement", date="2018-09-06")
    assert d["decided_by"]["rule"] == "no-ice-detention-at-city-jail"
    assert "no-holds-for-ice" not in local_rules(
        decide(FILES, CITY, "jail", "hold", date="2018-09-05", instrument=DETAINER), CITY)
    # Georgia's HB 1105 (O.C.G.A. § 42-4-14 as amended 2024) now requires jails to honour detainers and voids the
    # city's limit on the default date (merge of the Georgia state file); counsel should review the city file.
    assert decide(FILES, CITY, "jail", "hold", instrument=DETAINER)["outcome"] == "required"
