"""Scenario tests for West Virginia (library/us/wv.yaml): W. Va. Code §§ 15-16-1, 15-16-2 (H.B. 2386, 2023;
effective date assumed 2023-06-09).

Local limiting policies are exercised with the FICTIONAL ``us/wv/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import act, ask, decide, detainer
from tests.law._rules_subset import basis_entry, obligation_kinds, rules_in_basis

COUNTY = "us/wv/fixture-county"


def test_county_ban_on_status_questions_stands_before_the_act() -> None:
    """Art. 16 in force from 2023-06-09 (assumed): on 2023-06-08 the county's ban decides."""
    d = decide("wv", ask("2023-06-08", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert rules_in_basis(d, "us/wv") == set()


def test_county_ban_on_status_questions_void_from_2023_06_09() -> None:
    """§ 15-16-2(a): no policy may restrict inquiries into immigration status."""
    d = decide("wv", ask("2023-06-09", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/wv", "rule": "officers-may-inquire-status",
                               "citation": "W. Va. Code § 15-16-2(a)"}
    assert basis_entry(d, COUNTY, "no-status-questions")["status"] == "void"


def test_county_ban_on_detainer_holds_void_when_warrant_attached() -> None:
    """§§ 15-16-1(3), 15-16-2(e): a limit on complying with an immigration detainer (form plus warrant) is void; the
    state permits the hold but does not require it."""
    d = decide("wv", detainer("2024-02-01", COUNTY), fixture="fixture-county")
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "void"
    assert basis_entry(d, "us/wv", "may-comply-with-detainers")["status"] == "applied"
    assert d["outcome"] != "required"


def test_bare_detainer_is_not_an_immigration_detainer_under_15_16_1() -> None:
    """§ 15-16-1(3): without the warrant the request is not an "immigration detainer"; the county's ban stands."""
    d = decide("wv", detainer("2024-02-01", COUNTY, warrant=False), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "applied"


def test_detainer_is_reported_to_the_bail_court_and_recorded() -> None:
    """W. Va. Code § 15-16-3(a)(1)-(2): the agency taking initial custody of a person subject to an immigration
    detainer tells the bail court and records the detainer in the case file; the outcome stays the permission."""
    d = decide("wv", detainer("2024-07-01", "us/wv/kanawha-county"))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/wv", "detainer-notice-to-court-and-case-file")["status"] == "applied"
    assert {"report", "record_request"} <= obligation_kinds(d)


def test_no_detainer_duties_without_the_federal_warrant() -> None:
    """W. Va. Code § 15-16-1(3)(C): a detainer counts only with an I-200, I-205 or other warrant."""
    d = decide("wv", detainer("2024-07-01", "us/wv/kanawha-county", warrant=False))
    assert "detainer-notice-to-court-and-case-file" not in rules_in_basis(d, "us/wv")


def test_jails_must_make_detainer_housing_agreements() -> None:
    """W. Va. Code § 15-16-4(a): each county or municipal jail enters into an agreement with a federal immigration
    agency to house persons subject to detainers, which displaces the federal "agreements are voluntary"."""
    d = decide("wv", act("2024-07-01", "us/wv/kanawha-county", "enter_agreement", agency=None))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/wv", "rule": "jails-must-make-detainer-housing-agreements",
                               "citation": "W. Va. Code § 15-16-4(a)-(b)"}
