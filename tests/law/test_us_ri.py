"""Scenario tests for Rhode Island (library/us/ri.yaml): the Governor's detainer policy of 2014-08-14 (secondary)."""

from __future__ import annotations

from typing import Any

from tests.law._trust_states import DETAINER, ICE, confidence_of, decide_in, decided_by, obligation_kinds, request

PROVIDENCE = "us/ri/providence"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/ri.yaml", req)


def test_detainer_alone_does_not_open_a_hold() -> None:
    """R.I. Governor's detainer policy (2014-08-14): executive agencies honour a detainer only with a judicial
    removal order."""
    d = decide(request("2025-03-01", PROVIDENCE, "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject={"in_custody": True, "final_removal_order": False}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/ri", "no-hold-without-removal-order")
    assert confidence_of(d, "us/ri", "no-hold-without-removal-order") == "secondary"


def test_removal_order_opens_a_48_hour_hold() -> None:
    """R.I. Governor's detainer policy (2014-08-14); 8 C.F.R. § 287.7(d): a removal order opens the hold."""
    d = decide(request("2025-03-01", PROVIDENCE, "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject={"in_custody": True, "final_removal_order": True}))
    assert d["outcome"] == "allowed"
    assert "limit_hold_duration" in obligation_kinds(d)


def test_hold_without_removal_order_fact_is_undetermined() -> None:
    """R.I. Governor's detainer policy: whether a removal order exists decides the hold."""
    d = decide(request("2025-03-01", PROVIDENCE, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "undetermined"
    assert "subject.final_removal_order" in d["missing_facts"]
