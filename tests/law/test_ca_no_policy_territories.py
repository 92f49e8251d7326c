"""Scenario tests for the files that record a search and no rule: Prince Edward Island, the Northwest Territories,
Nunavut and Yukon (library/ca/pe.yaml, nt.yaml, nu.yaml, yt.yaml), each status no_policy."""

from __future__ import annotations

from tests.law._provinces import disclose, layer
from tests.law._rules_subset import engine

CASES = (("ca/pe.yaml", "ca/pe", "ca/pe/charlottetown"), ("ca/nt.yaml", "ca/nt", "ca/nt/yellowknife"),
         ("ca/nu.yaml", "ca/nu", "ca/nu/iqaluit"), ("ca/yt.yaml", "ca/yt", "ca/yt/whitehorse"))


def test_layer_says_no_policy_and_decides_nothing() -> None:
    """No municipal privacy rule was found (P.E.I.: FOIPP extension unverified; territories: municipalities not
    designated): the province or territory layer is shown as no_policy and decides nothing."""
    for file, jid, city in CASES:
        d = disclose(("ca.yaml", file), city)
        assert (layer(d, jid)["status"], layer(d, jid)["has_policy"]) == ("no_policy", False), jid
        assert [b for b in d["basis"] if b["jurisdiction"] == jid] == []


def test_territories_are_named_as_territories() -> None:
    """The schema has no territory level: the three territories are level province, named as territories."""
    for file, jid, _ in CASES[1:]:
        rf = engine("ca.yaml", file).library.files[jid]
        assert rf.jurisdiction.level == "province"
        assert "territory" in rf.jurisdiction.name


def test_a_us_detainer_is_still_refused_in_the_territories() -> None:
    """Charter s. 9 (national layer) applies where the territory has no rule."""
    for file, _, city in CASES:
        d = engine("ca.yaml", file).decide({
            "date": "2026-03-01", "agency": {"jurisdiction": city, "kind": "jail"}, "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer"}}).to_dict()
        assert d["outcome"] == "forbidden", city
