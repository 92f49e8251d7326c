"""Scenario tests for Alberta (library/ca/ab.yaml): status no_policy (FOIP s. 40 and the 2025 Protection of Privacy
Act's disclosure section not read, nothing encoded)."""

from __future__ import annotations

from tests.law._rules_subset import engine


def test_alberta_layer_has_no_policy() -> None:
    """No Alberta rule: a disclosure by Calgary staff is decided by the federal layer alone (no rule there)."""
    d = engine("ca.yaml", "ca/ab.yaml").decide({
        "date": "2026-03-01", "agency": {"jurisdiction": "ca/ab/calgary", "kind": "city_agency"},
        "action": "disclose", "data": ["address"], "requester": {"agency": "cbsa", "purpose": "civil_immigration"},
        "instrument": {"type": "none"}}).to_dict()
    layer = next(x for x in d["layers"] if x["jurisdiction"] == "ca/ab")
    assert (layer["status"], layer["has_policy"]) == ("no_policy", False)
    assert d["basis"] == []
    assert d["outcome"] == "allowed"


def test_alberta_records_the_2025_acts() -> None:
    """Protection of Privacy Act and Access to Information Act in force 11 June 2025; FOIP repealed that day."""
    instruments = {i.id: i for i in engine("ca.yaml", "ca/ab.yaml").library.files["ca/ab"].instruments}
    assert str(instruments["popa"].effective) == "2025-06-11"
    assert str(instruments["foip"].repealed) == "2025-06-11"
