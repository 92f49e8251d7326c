"""Scenario tests for Nevada (library/us/nv.yaml): a `no_policy` file (AB 376 of 2019 only requires model
policies)."""

from __future__ import annotations

from tests.law._library import subset_engine
from tests.law._trust_states import DETAINER, ICE, decide_in, request, state_rules


def test_nevada_file_says_no_policy() -> None:
    """AB 376 (2019) creates no per-request limit: the file exists and says `no_policy`, with what was searched."""
    rf = subset_engine(("us.yaml", "us/nv.yaml")).library.files["us/nv"]
    assert rf.jurisdiction.status == "no_policy"
    assert rf.rules == []
    assert rf.jurisdiction.notes is not None and "AB 376" in rf.jurisdiction.notes


def test_nevada_requests_are_decided_by_the_federal_layer() -> None:
    """No Nevada rule applies to a detainer hold."""
    d = decide_in("us/nv.yaml", request("2026-01-05", "us/nv/clark-county", "jail", "hold", requester=ICE,
                                        instrument=DETAINER))
    assert state_rules(d, "us/nv") == set()
