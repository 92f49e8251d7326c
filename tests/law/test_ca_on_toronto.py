"""Scenario tests for Toronto (library/ca/on/toronto.yaml): Access T.O. (CD29.11, 2014; CD8.4, 2015)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, obligation_kinds, rules_in_basis

REAL = ("ca.yaml", "ca/on.yaml", "ca/on/toronto.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def intake(date: str = "2026-03-01", instrument: str | None = "none", **extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"date": date, "agency": {"jurisdiction": "ca/on/toronto", "kind": "shelter"},
                               "action": "collect", "data": ["immigration_status"], "context": "service_delivery"}
    if instrument is not None:
        request["instrument"] = {"type": instrument}
    request.update(extra)
    return request


def cbsa_disclosure(instrument: str, **extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/toronto", "kind": "shelter"},
                               "action": "disclose", "data": ["address", "immigration_status"],
                               "requester": {"agency": "cbsa", "purpose": "civil_immigration"},
                               "instrument": {"type": instrument}}
    request.update(extra)
    return request


def test_shelter_intake_form_may_not_ask_status() -> None:
    """CD29.11 para. 1: status is collected only where provincial or federal law requires it (the contract's
    Toronto example)."""
    d = decide(intake())
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "ca/on/toronto", "rule": "no-status-collection",
                               "citation": "Toronto City Council decision CD29.11 (2014), para. 1"}
    assert basis_entry(d, "ca/on/toronto", "no-status-collection")["confidence"] == "primary"


def test_shelter_intake_may_ask_where_a_law_requires_it() -> None:
    """CD29.11 para. 1: the exception for information specifically required by provincial or federal law."""
    d = decide(intake(instrument="statute"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "status-collection-required-by-law"
    assert basis_entry(d, "ca/on/toronto", "no-status-collection")["status"] == "overridden"


def test_shelter_intake_naming_no_legal_basis_is_forbidden() -> None:
    """CD29.11 para. 1 and the contract's example: a form question no law requires is forbidden; with no
    instrument named, staff-initiated collection is taken as demanded by nothing (docs/semantics.md §4.2)."""
    d = decide(intake(instrument=None))
    assert d["outcome"] == "forbidden"
    assert "instrument.type" in d["assumed"]


def test_access_to_not_in_force_before_cd29_11() -> None:
    """CD29.11 adopted at the 10-13 June 2014 meeting (last day used)."""
    assert rules_in_basis(decide(intake(date="2014-06-12")), "ca/on/toronto") == set()
    assert decide(intake(date="2014-06-13"))["outcome"] == "forbidden"


def test_frontline_staff_may_not_ask_status_at_the_counter() -> None:
    """CD29.11 para. 1 applies to asking (inquire) as well as recording."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/toronto", "kind": "library"},
                "action": "inquire", "data": ["citizenship"], "context": "service_delivery",
                "instrument": {"type": "none"}})
    assert d["outcome"] == "forbidden"


def test_service_not_conditioned_on_status() -> None:
    """CD29.11 para. 2 and CD18.5 para. 1 (secondary reading): services do not depend on status."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/toronto", "kind": "housing"},
                "action": "condition_service", "data": ["immigration_status"], "instrument": {"type": "none"}})
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, "ca/on/toronto", "no-denial-of-service")["confidence"] == "secondary"


def test_informal_cbsa_request_is_refused() -> None:
    """Access T.O. guidance (MFIPPA s. 32): no disclosure without a formal written request; the City's rule is
    stricter than Ontario's permission."""
    d = decide(cbsa_disclosure("none"))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "disclosure-limited"
    assert basis_entry(d, "ca/on", "mfippa-cbsa-immigration-investigation")["status"] == "overridden"
    assert "by_data" not in d  # the same answer for every data category asked for


def test_formal_written_cbsa_request_may_be_answered_after_cims_review() -> None:
    """Access T.O. guidance; MFIPPA s. 32(g): a formal written request for a specific investigation may be
    answered at the City's discretion after Corporate Information Management Services vets it."""
    d = decide(cbsa_disclosure("irpa_warrant"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "disclosure-permitted"
    assert {"notify_counsel_or_designee", "record_request"} <= obligation_kinds(d)


def test_disclosure_required_by_statute() -> None:
    """Access T.O. guidance; MFIPPA s. 32(e): where a law requires disclosure on written request, the City must."""
    d = decide(cbsa_disclosure("statute"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "disclosure-required-by-statute"
    assert basis_entry(d, "ca/on/toronto", "disclosure-limited")["status"] == "overridden"


def test_resident_consent_allows_disclosure() -> None:
    """MFIPPA s. 32(b); CD29.11 para. 1 (informed consent)."""
    d = decide(cbsa_disclosure("none", subject={"written_consent": True}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "disclosure-permitted"


def test_access_to_does_not_bind_toronto_police() -> None:
    """CD8.4 paras. 2-3 only asked the Toronto Police Service and its Board to act; no City rule binds police."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/toronto", "kind": "police"},
                "action": "inquire", "data": ["immigration_status"], "context": "victim_or_witness"})
    assert rules_in_basis(d, "ca/on/toronto") == set()
    assert d["outcome"] == "allowed"
