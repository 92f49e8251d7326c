"""Scenario tests for Pennsylvania and Wisconsin (library/us/pa.yaml, us/wi.yaml): status no_policy, checked
2026-12-04 - no statute on state or local cooperation with federal immigration enforcement was found."""

from __future__ import annotations

import pytest

from tests.law._anti_sanctuary import decide, detainer, layer
from tests.law._rules_subset import rules_in_basis


@pytest.mark.parametrize(("state", "county"), [("pa", "us/pa/lehigh-county"), ("wi", "us/wi/dane-county")])
def test_state_layer_says_checked_and_none(state: str, county: str) -> None:
    """A no_policy file: the state layer is present but has no policy, so a county without a file of its own falls
    through to federal law alone - and the layer says so."""
    d = decide(state, detainer("2026-03-01", county))
    entry = layer(d, f"us/{state}")
    assert (entry["status"], entry["has_policy"]) == ("no_policy", False)
    assert rules_in_basis(d, f"us/{state}") == set()
    assert {b["jurisdiction"] for b in d["basis"]} <= {"us"}
