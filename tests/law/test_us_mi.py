"""Scenario tests for Michigan (library/us/mi.yaml). No Michigan law limits cooperation with federal immigration
enforcement; two statutes of the 1920s still in the Compiled Laws require some: MCL 404.31-404.34 (1921 PA 59,
aliens in institutions) and MCL 49.21-49.22 (1929 PA 133, convicted aliens)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine
from tests.law._south import detainer, request

COUNTY = "us/mi/mason-county"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
REMOVAL_WARRANT = {"type": "admin_warrant", "signed_by": "immigration_officer"}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = engine("us.yaml", "us/mi.yaml").decide(req).to_dict()
    return result


def decided_by(d: dict[str, Any]) -> tuple[str, str] | None:
    by = d["decided_by"]
    return None if by is None else (by["jurisdiction"], by["rule"])


def test_file_is_in_force_with_its_search_notes() -> None:
    """The file was no_policy until the 1920s statutes were found (2026-12-04); its notes say what was checked."""
    rf = engine("us.yaml", "us/mi.yaml").library.files["us/mi"]
    assert rf.jurisdiction.status == "in_force"
    assert {r.id for r in rf.rules} == {
        "institution-delivers-alien-under-deportation-warrant-on-release",
        "institution-records-birthplace-and-nationality",
        "prosecutor-looks-into-deportation-grounds-after-conviction",
    }
    assert rf.jurisdiction.notes is not None and "Checked 2026-12-04" in rf.jurisdiction.notes


def test_a_county_jail_detainer_is_decided_without_a_state_rule() -> None:
    """No Michigan rule reaches a hold: MCL 404.31 requires a hand-over on release, not a hold beyond it."""
    d = decide(detainer("2026-03-01", COUNTY))
    assert not [b for b in d["basis"] if b["jurisdiction"] == "us/mi"]
    assert d["decided_by"] is None or d["decided_by"]["jurisdiction"] == "us"


def test_a_status_question_has_no_state_rule() -> None:
    """Nothing in Michigan law requires or forbids staff asking about status at booking (the record of MCL 404.32 is
    a `collect`, tested below)."""
    d = decide(request("2026-03-01", COUNTY, "jail", "inquire", data=["immigration_status"], context="booking"))
    assert not [b for b in d["basis"] if b["jurisdiction"] == "us/mi"]


def test_jail_hands_over_on_release_a_person_with_a_deportation_order_and_warrant() -> None:
    """MCL 404.31: upon a federal order of deportation and the release of the alien, the person in charge delivers
    the alien to the US officer holding the warrant of deportation."""
    d = decide(request("2026-03-01", COUNTY, "jail", "transfer", requester=ICE, instrument=REMOVAL_WARRANT,
                       subject={"in_custody": True, "final_removal_order": True}))
    assert d["outcome"] == "required"
    assert decided_by(d) == ("us/mi", "institution-delivers-alien-under-deportation-warrant-on-release")
    entry = basis_entry(d, "us/mi", "institution-delivers-alien-under-deportation-warrant-on-release")
    assert entry["confidence"] == "primary"
    assert d["decided_by"]["citation"] == "MCL 404.31"


def test_no_hand_over_duty_without_a_deportation_order() -> None:
    """MCL 404.31: the duty starts with "the issuance of an order of deportation"; without one, no Michigan rule."""
    d = decide(request("2026-03-01", COUNTY, "jail", "transfer", requester=ICE, instrument=REMOVAL_WARRANT,
                       subject={"in_custody": True, "final_removal_order": False}))
    assert "institution-delivers-alien-under-deportation-warrant-on-release" not in {
        b["rule"] for b in d["basis"] if b["jurisdiction"] == "us/mi"}


def test_booking_record_includes_place_of_birth_and_nationality() -> None:
    """MCL 404.32 (as amended 2002): the institution's record of every inmate contains place of birth and
    nationality; an alien inmate is reported to the Department of Corrections (MCL 404.31)."""
    d = decide(request("2026-03-01", COUNTY, "jail", "collect", data=["place_of_birth", "citizenship"],
                       context="booking"))
    assert d["outcome"] == "required"
    assert decided_by(d) == ("us/mi", "institution-records-birthplace-and-nationality")
    assert any(o["kind"] == "report" and o.get("to") == "Michigan Department of Corrections"
               for o in d["obligations"])


def test_prosecutor_looks_into_deportation_grounds_after_a_felony_conviction() -> None:
    """MCL 49.21-49.22: after an alien's felony conviction the prosecuting attorney ascertains whether there are
    grounds for deportation and advises the federal officials of the facts found."""
    d = decide(request("2026-03-01", COUNTY, "prosecutor", "inquire", data=["immigration_status"],
                       subject={"convictions": [{"class": "felony", "date": "2026-02-01"}]}))
    assert d["outcome"] == "required"
    assert decided_by(d) == ("us/mi", "prosecutor-looks-into-deportation-grounds-after-conviction")
    assert any(o["kind"] == "report" for o in d["obligations"])


def test_prosecutor_without_a_felony_conviction_has_no_duty() -> None:
    """MCL 49.21: the duty follows a conviction; a person with none is outside it."""
    d = decide(request("2026-03-01", COUNTY, "prosecutor", "inquire", data=["immigration_status"],
                       subject={"convictions": []}))
    assert d["outcome"] == "allowed"
    assert not [b for b in d["basis"] if b["jurisdiction"] == "us/mi"]
