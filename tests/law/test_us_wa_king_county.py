"""Scenario tests for King County (library/us/wa/king-county.yaml): K.C.C. ch. 2.15 and Ordinance 18665."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules
from tests.law._rules_subset import basis_entry

FILES = ("us.yaml", "us/wa.yaml", "us/wa/king-county.yaml")
COUNTY = "us/wa/king-county"


def test_services_not_conditioned_on_status() -> None:
    """K.C.C. 2.15.010.A: county services are not conditioned on citizenship or immigration status."""
    d = decide(FILES, COUNTY, "housing", "condition_service", requester=None, data=["immigration_status"],
               instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, COUNTY, "no-conditioning-services-on-status")["confidence"] == "primary"


def test_condition_required_by_law() -> None:
    """K.C.C. 2.15.010.A: "when otherwise required by law"."""
    d = decide(FILES, COUNTY, "housing", "condition_service", requester=None, data=["immigration_status"],
               instrument={"type": "statute"})
    assert d["outcome"] == "allowed"


def test_forms_do_not_ask_status() -> None:
    """K.C.C. 2.15.010.B: no citizenship, status or national-origin questions on forms unless required by law."""
    d = decide(FILES, COUNTY, "social_services", "collect", requester=None, data=["citizenship"],
               context="benefits_eligibility", instrument={"type": "none"})
    assert local_rules(d, COUNTY)["no-status-questions-on-forms"] == "applied"


def test_no_resources_for_civil_enforcement_unless_court_order() -> None:
    """K.C.C. 2.15.020.A: no time, money or resources for civil immigration enforcement, except as law or a court
    order requires."""
    refused = decide(FILES, COUNTY, "city_agency", "assist_operation", instrument={"type": "none"})
    assert refused["outcome"] == "forbidden"
    ordered = decide(FILES, COUNTY, "city_agency", "assist_operation", instrument={"type": "court_order"})
    assert local_rules(ordered, COUNTY)["resources-required-by-law-or-court-order"] == "applied"


def test_jail_detainer_hold_date_boundary() -> None:
    """Ordinance 17886 (enacted 5 September 2014): ICE hold requests no longer honoured without a judicial warrant."""
    before = decide(FILES, COUNTY, "jail", "hold", date="2014-09-04", instrument=DETAINER)
    assert "no-detainer-hold-without-judicial-warrant" not in local_rules(before, COUNTY)
    after = decide(FILES, COUNTY, "jail", "hold", date="2014-09-05", instrument=DETAINER)
    assert after["outcome"] == "forbidden"
    assert local_rules(after, COUNTY)["no-detainer-hold-without-judicial-warrant"] == "applied"
