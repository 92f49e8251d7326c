"""Scenario tests for Minnesota (library/us/mn.yaml): Op. Minn. Att'y Gen. 3-a (Feb. 6, 2025), reading Minn. Stat.
§§ 629.30, 629.34."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import DETAINER, ICE, JUDICIAL_WARRANT, confidence_of, decide_in, request, state_rules

RAMSEY = "us/mn/ramsey-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/mn.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2025-02-05", False), ("2025-02-06", True)])
def test_detainer_hold_boundary(date: str, covered: bool) -> None:
    """Op. Minn. Att'y Gen. 3-a (2025-02-06): no hold on a detainer past release (Minn. Stat. §§ 629.30, .34)."""
    d = decide(request(date, RAMSEY, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert ("no-hold-on-detainer" in state_rules(d, "us/mn")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert confidence_of(d, "us/mn", "no-hold-on-detainer") == "secondary"


def test_judicial_warrant_is_not_a_detainer_hold() -> None:
    """Op. Minn. Att'y Gen. 3-a: custody on a judge's warrant is outside the opinion."""
    d = decide(request("2025-06-01", RAMSEY, "jail", "hold", requester=ICE, instrument=JUDICIAL_WARRANT))
    assert d["outcome"] != "forbidden"
