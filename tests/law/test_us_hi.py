"""Scenario tests for Hawaii (library/us/hi.yaml): status no_policy - checked, no state law on cooperation with
federal immigration enforcement (see the file's notes for what was searched and when)."""

from __future__ import annotations

from tests.law._rules_subset import engine
from tests.law._south import detainer, request


def test_file_is_marked_no_policy_with_its_search_notes() -> None:
    """"We checked, there is none" differs from "not encoded": the file exists, has no rules and says what was
    searched."""
    rf = engine("us.yaml", "us/hi.yaml").library.files["us/hi"]
    assert rf.jurisdiction.status == "no_policy"
    assert rf.rules == [] and rf.preempts == []
    assert rf.jurisdiction.notes is not None and "Checked 2026-12-04" in rf.jurisdiction.notes


def test_a_county_jail_detainer_is_decided_without_a_state_rule() -> None:
    """No state rule applies: the state layer is listed as checked and without a policy (status no_policy)."""
    d = engine("us.yaml", "us/hi.yaml").decide(detainer("2026-03-01", "us/hi/maui-county")).to_dict()
    assert not [b for b in d["basis"] if b["jurisdiction"] == "us/hi"]
    assert d["decided_by"] is None or d["decided_by"]["jurisdiction"] == "us"
    layers = {layer["jurisdiction"]: (layer["status"], layer["has_policy"]) for layer in d["layers"]}
    assert layers["us/hi"] == ("no_policy", False)


def test_a_status_question_has_no_state_rule() -> None:
    """Nothing in Hawaii law requires or forbids asking about status at booking."""
    d = engine("us.yaml", "us/hi.yaml").decide(request("2026-03-01", "us/hi/maui-county", "jail", "inquire",
                                                        data=["immigration_status"], context="booking")).to_dict()
    assert not [b for b in d["basis"] if b["jurisdiction"] == "us/hi"]
