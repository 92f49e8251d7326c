"""Scenario tests for Rhode Island (library/us/ri.yaml): the Governor's detainer policy of 2014-08-14 (secondary)."""

from __future__ import annotations

from typing import Any

from tests.law._trust_states import DETAINER, ICE, confidence_of, decide_in, decided_by, obligation_kinds, request

PROVIDENCE = "us/ri/providence"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/ri.yaml", req)


def test_detainer_alone_does_not_open_a_hold() -> None:
    """R.I. Governor's detainer policy (2014-08-14): executive agencies honour a detainer only with a judicial
    removal order."""
    d = decide(request("2025-03-01", PROVIDENCE, "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject={"in_custody": True, "final_removal_order": False}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/ri", "no-hold-without-removal-order")
    assert confidence_of(d, "us/ri", "no-hold-without-removal-order") == "secondary"


def test_removal_order_opens_a_48_hour_hold() -> None:
    """R.I. Governor's detainer policy (2014-08-14); 8 C.F.R. § 287.7(d): a removal order opens the hold."""
    d = decide(request("2025-03-01", PROVIDENCE, "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject={"in_custody": True, "final_removal_order": True}))
    assert d["outcome"] == "allowed"
    assert "limit_hold_duration" in obligation_kinds(d)


def test_hold_without_removal_order_fact_is_undetermined() -> None:
    """R.I. Governor's detainer policy: whether a removal order exists decides the hold."""
    d = decide(request("2025-03-01", PROVIDENCE, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "undetermined"
    assert "subject.final_removal_order" in d["missing_facts"]


# --- R.I. Gen. Laws § 31-10.4-3(a): driver privilege card records (P.L. 2022, ch. 241/242, eff. 2023-07-01) -------

def dmv(date: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("instrument", {"type": "none"})
    return decide(request(date, PROVIDENCE, "city_agency", "disclose", requester=ICE,
                          data=["immigration_document"], **extra))


def test_dmv_may_not_give_ice_privilege_card_proof_documents_from_1_july_2023() -> None:
    """§ 31-10.4-3(a), chapter 31-10.4 effective 2023-07-01 (P.L. 2022, ch. 241, § 1): proof documents for a driver
    privilege card are released only to the person or under a court order."""
    before = dmv("2023-06-30")
    on = dmv("2023-07-01")
    assert "dmv-no-privilege-card-proof-documents" not in {b["rule"] for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided_by(on) == ("us/ri", "dmv-no-privilege-card-proof-documents")
    assert confidence_of(on, "us/ri", "dmv-no-privilege-card-proof-documents") == "primary"


def test_dmv_proof_documents_on_a_judges_order_only() -> None:
    """§ 31-10.4-3(a): "pursuant to a court order"; an immigration judge's order or an ICE subpoena is not one."""
    judge = dmv("2025-03-01", instrument={"type": "court_order", "signed_by": "federal_judge"})
    subpoena = dmv("2025-03-01", instrument={"type": "admin_subpoena", "signed_by": "immigration_officer"})
    assert judge["outcome"] == "allowed"
    assert decided_by(judge) == ("us/ri", "dmv-proof-documents-on-court-order")
    assert subpoena["outcome"] == "forbidden"
