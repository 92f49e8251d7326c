"""The policy's start date for the before-and-after chart, from the packaged rule library."""

from __future__ import annotations

from datetime import date

from sanctuary.transparency.policy import policy_start


def test_the_jurisdictions_own_layer_and_its_latest_start() -> None:
    sf = policy_start("us/ca/san-francisco", date(2026, 12, 1))
    assert sf is not None and sf.layer == "us/ca/san-francisco"
    # The latest start: SFPD General Order 5.15 (Rev. 07/05/17), which bars officers' status questions; the
    # Sanctuary ordinance (1989) and its 2013 and 2016 amendments are earlier starts.
    assert sf.day == date(2017, 7, 5) and {date(1989, 10, 24), date(2016, 7, 1)} <= set(sf.earlier)
    assert all(d < sf.day for d in sf.earlier)


def test_a_city_without_its_own_rules_takes_its_states() -> None:
    salem = policy_start("us/or/salem", date(2026, 12, 1))
    assert salem is not None and salem.layer == "us/or" and salem.day == date(2021, 7, 19)
    assert salem.citation.startswith("ORS 181A")


def test_dates_after_today_are_not_yet_the_policy() -> None:
    early = policy_start("us/or/salem", date(2019, 1, 1))
    assert early is not None and early.day == date(2017, 8, 15)
    assert policy_start("us/or/salem", date(1990, 1, 1)) is None


def test_no_policy_and_no_jurisdiction() -> None:
    assert policy_start("us/tx/travis-county", date(2026, 12, 1)) is None
    assert policy_start("", date(2026, 12, 1)) is None
