"""Scenario tests for Arkansas (library/us/ar.yaml): Ark. Code Ann. § 14-1-103, Act 1071 of 2019 (cities and
towns, from 2020-01-01) and Act 654 of 2025 (every local government, from 2025-08-05)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._rules_subset import engine
from tests.law._south import basis_entry, decide, detainer, request, rules_in_basis


def decide_city(req: dict[str, Any]) -> dict[str, Any]:
    """Against the FICTIONAL us/ar/fixture-city (level city)."""
    return engine("us.yaml", "us/ar.yaml", fixtures=("us/ar/fixture-city.yaml",)).decide(req).to_dict()


@pytest.mark.parametrize(("date", "void"), [("2019-12-31", False), ("2020-01-01", True)])
def test_city_ban_on_holds_void_from_2020(date: str, void: bool) -> None:
    """§ 14-1-103(a)(1), (b)(4) (Act 1071 of 2019, effective 2020-01-01): a city may not restrict or condition
    compliance with ICE detainers."""
    d = decide_city(detainer(date, "us/ar/fixture-city"))
    status = basis_entry(d, "us/ar/fixture-city", "no-detainer-holds")["status"]
    assert (status == "void") is void
    if void:
        assert basis_entry(d, "us/ar", "void-municipal-limits-on-detainers")["confidence"] == "primary"


@pytest.mark.parametrize(("date", "void"), [("2025-08-04", False), ("2025-08-05", True)])
def test_county_ban_on_holds_void_only_from_act_654(date: str, void: bool) -> None:
    """Act 654 of 2025 extended the ban from municipalities to counties ("local government"); effective date
    assumed 2025-08-05."""
    d = decide("ar", detainer(date, "us/ar/fixture-county"), fixture=True)
    status = basis_entry(d, "us/ar/fixture-county", "no-detainer-holds")["status"]
    assert (status == "void") is void
    entries = rules_in_basis(d, "us/ar")
    assert ("void-local-limits-on-detainers" in entries) is void
    assert "void-municipal-limits-on-detainers" not in entries


def test_arkansas_itself_requires_no_hold() -> None:
    """§ 14-1-103 bans local limits but imposes no detainer duty on the agency."""
    d = decide("ar", detainer("2026-01-05", "us/ar/pulaski-county"))
    assert d["outcome"] != "required"
    assert not any(b["effect"] == "require" for b in d["basis"] if b["jurisdiction"] == "us/ar")


def test_city_ban_on_status_questions_void() -> None:
    """§ 14-1-103(b)(6): a policy that "[p]revents law enforcement officers from asking a person about his or her
    citizenship or immigration status" is a prohibited sanctuary policy."""
    d = decide_city(request("2022-05-01", "us/ar/fixture-city", "police", "inquire", data=["citizenship"]))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-ask-status"
    assert basis_entry(d, "us/ar/fixture-city", "no-status-questions")["status"] == "void"


def test_county_ban_on_status_questions_stood_until_2025() -> None:
    """Before Act 654 a county was not a "municipality": its ban on status questions stood."""
    d = decide("ar", request("2024-05-01", "us/ar/fixture-county", "police", "inquire", data=["citizenship"]),
               fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "us/ar/fixture-county"


def test_compliance_with_ice_transfer_request_is_protected() -> None:
    """§ 14-1-103(b)(4)-(5): compliance with ICE requests to transfer a person may not be restricted; Arkansas law
    permits it."""
    d = decide("ar", request("2026-01-05", "us/ar/benton-county", "jail", "transfer", requester={"agency": "ice"},
                             subject={"in_custody": True}))
    entry = basis_entry(d, "us/ar", "officers-may-comply-with-ice-custody-requests")
    assert (entry["effect"], entry["confidence"]) == ("allow", "primary")
