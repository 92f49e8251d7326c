"""Scenario tests for Milwaukee County (library/us/wi/milwaukee-county.yaml): Sheriff's Office policies (2018, 2019)."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules

FILES = ("us.yaml", "us/wi.yaml", "us/wi/milwaukee-county.yaml")
COUNTY = "us/wi/milwaukee-county"


def test_no_detainer_holds_from_2018() -> None:
    """MCSO detainer policy (2018, dated 31 December 2018)."""
    assert local_rules(decide(FILES, COUNTY, "jail", "hold", date="2018-12-30", instrument=DETAINER), COUNTY) == {}
    d = decide(FILES, COUNTY, "jail", "hold", date="2018-12-31", instrument=DETAINER)
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "no-detainer-holds")


def test_no_information_sharing_from_2019() -> None:
    """MCSO information policy (Sheriff Lucas, 2019, dated 31 December 2019)."""
    kwargs = {"data": ["release_date"], "instrument": {"type": "none"}}
    assert "no-information-sharing" not in local_rules(
        decide(FILES, COUNTY, "jail", "disclose", date="2019-12-30", **kwargs), COUNTY)
    assert decide(FILES, COUNTY, "jail", "disclose", date="2019-12-31", **kwargs)["outcome"] == "forbidden"
