"""Scenario tests for Montana (library/us/mt.yaml): Mont. Code Ann. § 2-1-602 (HB 200, 2021),
Ramon v. Short, 2020 MT 69, and Mont. Code Ann. § 27-16-801 (HB 223, 2021; from 2021-10-01, date assumed).

Local limiting policies are exercised with the FICTIONAL ``us/mt/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import decide, detainer, share
from tests.law._rules_subset import basis_entry, obligation_kinds, rules_in_basis

COUNTY = "us/mt/fixture-county"


def test_status_information_may_be_shared() -> None:
    """§ 2-1-602(1)(a): officials may send status information to a federal, state or local entity."""
    d = decide("mt", share("2022-01-10", "us/mt/missoula-county", agency="state_law_enforcement"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/mt", "rule": "officials-may-share-status",
                               "citation": "Mont. Code Ann. § 2-1-602(1)(a)"}


def test_county_ban_on_release_notification_void_from_2021_03_31() -> None:
    """§ 2-1-602(1)(b) (HB 200, in force on approval, 2021-03-31, assumed): the county's ban on answering a DHS
    release-notification request decides the day before and is void from that day."""
    before = decide("mt", detainer("2021-03-30", COUNTY, action="notify_release"), fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    assert before["decided_by"]["jurisdiction"] == COUNTY
    after = decide("mt", detainer("2021-03-31", COUNTY, action="notify_release"), fixture="fixture-county")
    assert after["outcome"] == "allowed"
    assert after["decided_by"]["rule"] == "may-answer-release-notification"
    assert basis_entry(after, COUNTY, "no-detainer-holds")["status"] == "void"


def test_no_hold_on_detainer_after_ramon() -> None:
    """Ramon v. Short, 2020 MT 69 (decided 2020-03-25, secondary): a Montana officer had no state-law authority to
    keep a person on an ICE detainer alone, until HB 223 took effect; counsel must check the exact date."""
    before = decide("mt", detainer("2020-03-24", "us/mt/lincoln-county"))
    assert rules_in_basis(before, "us/mt") == set()
    after = decide("mt", detainer("2020-03-25", "us/mt/lincoln-county"))
    assert after["outcome"] == "forbidden"
    assert after["decided_by"] == {"jurisdiction": "us/mt", "rule": "no-hold-on-detainer",
                                   "citation": "Ramon v. Short, 2020 MT 69"}
    assert "escalate_to_counsel" in obligation_kinds(after)
    assert basis_entry(after, "us/mt", "no-hold-on-detainer")["confidence"] == "secondary"
    last_day = decide("mt", detainer("2021-09-30", "us/mt/lincoln-county"))
    assert last_day["decided_by"]["rule"] == "no-hold-on-detainer"


def test_hb223_requires_the_arrest_on_a_detainer() -> None:
    """Mont. Code Ann. § 27-16-801(1), (3) (HB 223, primary; from 2021-10-01, assumed). Corrected 2026-12-04
    (law-primary): the library used to forbid this hold for ever under Ramon v. Short."""
    d = decide("mt", detainer("2023-05-01", "us/mt/lincoln-county"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/mt", "rule": "detainer-arrest-required",
                               "citation": "Mont. Code Ann. § 27-16-801(1), (3)(a)"}
    assert "notify_subject" in obligation_kinds(d)
    assert basis_entry(d, "us/mt", "detainer-arrest-required")["confidence"] == "primary"
    assert "no-hold-on-detainer" not in rules_in_basis(d, "us/mt")


def test_hb223_not_required_on_credible_evidence_of_status() -> None:
    """§ 27-16-801(4): no duty to arrest or detain a person who presents credible evidence of US citizenship or
    lawful immigration status."""
    d = decide("mt", detainer("2023-05-01", "us/mt/lincoln-county", proof_of_lawful_status=True))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "detainer-proof-of-lawful-status"


def test_administrative_warrant_is_no_state_arrest_authority() -> None:
    """Ramon v. Short: an ICE administrative warrant was no more a Montana arrest authority than the detainer. From
    2021-10-01 § 27-16-801 speaks of detainer requests only, so a hold on the administrative warrant alone falls
    back to the federal baseline (a new seizure: forbidden)."""
    request = detainer("2021-05-01", "us/mt/lincoln-county")
    request["instrument"] = {"type": "admin_warrant", "signed_by": "immigration_officer"}
    d = decide("mt", request)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-hold-on-detainer"
    request["date"] = "2023-05-01"
    later = decide("mt", request)
    assert later["outcome"] == "forbidden"
    assert later["decided_by"]["jurisdiction"] == "us"


def test_hb200_does_not_void_a_county_ban_on_holds() -> None:
    """§ 2-1-602(1)(b) protects release notifications only; the county's ban on holds is not void. Before HB 223
    the hold is forbidden by both (the state's rule deciding); from 2021-10-01 the state's duty to arrest decides.
    Updated 2026-12-04 (law-primary): the 2023 hold used to come out forbidden under the open-ended Ramon rule."""
    before = decide("mt", detainer("2021-05-01", COUNTY), fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    assert before["decided_by"]["jurisdiction"] == "us/mt"
    assert basis_entry(before, COUNTY, "no-detainer-holds")["status"] != "void"
    d = decide("mt", detainer("2023-05-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/mt", "rule": "detainer-arrest-required",
                               "citation": "Mont. Code Ann. § 27-16-801(1), (3)(a)"}
