"""Scenario tests for Idaho (library/us/id.yaml): Idaho Code § 19-6102 (2023) and H.B. 83 (2025).

Local limiting policies are exercised with the FICTIONAL ``us/id/fixture-county``
(tests/law/fixtures/anti_sanctuary/us/id/fixture-county.yaml).
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, rules_in_basis

REAL = ("us.yaml", "us/id.yaml")
COUNTY = ("us/id/fixture-county.yaml",)


def decide(request: dict[str, Any], *, fixture: bool = False) -> dict[str, Any]:
    return engine(*REAL, fixtures=COUNTY if fixture else ()).decide(request).to_dict()


def booking_question(date: str, jurisdiction: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": "jail"}, "action": "inquire",
            "data": ["immigration_status"], "context": "booking"}


def test_officers_may_ask_status_at_booking() -> None:
    """Idaho Code § 19-6102(2)(a): officers may ask the status of a person under arrest."""
    d = decide(booking_question("2024-01-10", "us/id/ada-county"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/id", "rule": "officers-may-inquire-status",
                               "citation": "Idaho Code § 19-6102(2)(a)"}


def test_county_ban_on_status_questions_is_void() -> None:
    """§ 19-6102(1), (2)(a): a county policy that prohibits or discourages the inquiry is void."""
    d = decide(booking_question("2024-01-10", "us/id/fixture-county"), fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/id/fixture-county", "no-status-questions")["status"] == "void"
    assert basis_entry(d, "us/id", "void-limits-on-status-inquiry")["effect"] == "preempt"


def test_county_ban_stands_before_the_statute() -> None:
    """§ 19-6102 in force from 2023-07-01 (assumed date): before it the county ban decides."""
    d = decide(booking_question("2023-06-30", "us/id/fixture-county"), fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "us/id/fixture-county"
    assert rules_in_basis(d, "us/id") == set()


def test_county_ban_on_ice_jail_access_is_void() -> None:
    """§ 19-6102(2)(d): officers may let federal immigration officers into a county jail."""
    d = decide({"date": "2024-01-10", "agency": {"jurisdiction": "us/id/fixture-county", "kind": "jail"},
                "action": "grant_access", "requester": {"agency": "ice"}}, fixture=True)
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "jail-access-for-federal-officers"
    assert basis_entry(d, "us/id/fixture-county", "no-ice-in-jail")["status"] == "void"


def test_idaho_has_no_detainer_mandate() -> None:
    """§ 19-6102 bars limiting policies but does not make detainers mandatory or authorize holds: the federal
    liberty baseline decides (a hold on a detainer alone is a new seizure; issue 7)."""
    d = decide({"date": "2024-01-10", "agency": {"jurisdiction": "us/id/ada-county", "kind": "jail"},
                "action": "hold", "requester": {"agency": "ice"}, "instrument": {"type": "detainer"},
                "subject": {"in_custody": True}})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "us"
    assert rules_in_basis(d, "us/id") == set()


def detainer(date: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "us/id/canyon-county", "kind": "jail"}, "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer"}, "subject": {"in_custody": True}}


def test_hb83_detainer_duty_starts_on_signature_2025_03_27() -> None:
    """H.B. 83 (2025), Idaho Code § 18-9005(4) (read in the code text); emergency clause: in force on signature,
    2025-03-27."""
    before = decide(detainer("2025-03-26"))
    assert rules_in_basis(before, "us/id") == set()
    assert before["outcome"] != "required"
    after = decide(detainer("2025-03-27"))
    assert after["outcome"] == "required"
    assert after["decided_by"]["jurisdiction"] == "us/id"
    assert after["decided_by"]["rule"] == "detainer-compliance"
    entry = basis_entry(after, "us/id", "detainer-compliance")
    assert entry["confidence"] == "primary"
    assert after["decided_by"]["citation"] == "Idaho Code § 18-9005(4)"


def test_detainer_hold_comes_with_telling_the_person() -> None:
    """§ 18-9005(4): the custodial authority "shall inform the person identified in the immigration detainer ...
    that the person is being held pursuant to such immigration detainer"."""
    d = decide(detainer("2025-06-01"))
    assert d["outcome"] == "required"
    assert "notify_subject" in {o["kind"] for o in d["obligations"]}


def test_detainer_duty_is_for_ice_detainers_at_custodial_authorities() -> None:
    """§ 18-9002(2), (7): the duty binds custodial authorities (jails, police chiefs), not probation, and an
    "immigration detainer" is one issued by ICE; a CBP request is not made mandatory by § 18-9005(4)."""
    probation = decide({**detainer("2025-06-01"),
                        "agency": {"jurisdiction": "us/id/canyon-county", "kind": "probation"}})
    assert "detainer-compliance" not in rules_in_basis(probation, "us/id")
    cbp = decide({**detainer("2025-06-01"), "requester": {"agency": "cbp", "purpose": "civil_immigration"}})
    assert cbp["outcome"] != "required"
    assert "detainer-compliance" not in rules_in_basis(cbp, "us/id")


def test_county_ban_on_holds_is_overridden_by_hb83() -> None:
    """H.B. 83: the state duty to honour detainers outranks a county rule against holds (supremacy of the higher
    layer); § 19-6102 alone did not void it before 2025."""
    d = decide({**detainer("2025-06-01"), "agency": {"jurisdiction": "us/id/fixture-county", "kind": "jail"}},
               fixture=True)
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/id/fixture-county", "no-detainer-holds")["status"] == "overridden"


def test_booking_status_check_required_from_hb83() -> None:
    """H.B. 83, Idaho Code § 18-9008(1): at a jail's booking the status inquiry, only protected by § 19-6102(2)(a)
    before, becomes required, with notice to DHS within 48 hours of a foreign national's confinement."""
    before = decide(booking_question("2025-03-26", "us/id/ada-county"))
    assert before["outcome"] == "allowed"
    assert before["decided_by"]["rule"] == "officers-may-inquire-status"
    after = decide(booking_question("2025-03-27", "us/id/ada-county"))
    assert after["outcome"] == "required"
    assert after["decided_by"]["rule"] == "booking-status-determination"
    assert after["decided_by"]["citation"] == "Idaho Code § 18-9008(1)"
    assert "report" in {o["kind"] for o in after["obligations"]}
    assert basis_entry(after, "us/id", "officers-may-inquire-status")["status"] == "overridden"


def test_police_questions_stay_permitted_not_required() -> None:
    """§ 19-6102(2)(a): outside jail booking the inquiry remains a permission."""
    d = decide({"date": "2026-01-10", "agency": {"jurisdiction": "us/id/ada-county", "kind": "police"},
                "action": "inquire", "data": ["immigration_status"], "context": "criminal_investigation"})
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-inquire-status"


def test_hb83_protects_287g_agreements() -> None:
    """Idaho Code § 18-9005(2): law enforcement officials (prosecutors included, § 18-9002(8)) may not be
    prohibited from entering 287(g)-type agreements."""
    for kind in ("jail", "prosecutor"):
        d = decide({"date": "2025-06-01", "agency": {"jurisdiction": "us/id/ada-county", "kind": kind},
                    "action": "enter_agreement", "requester": {"agency": "ice"}})
        assert d["outcome"] == "allowed"
        assert d["decided_by"] == {"jurisdiction": "us/id", "rule": "agreements-authorized",
                                   "citation": "Idaho Code § 18-9005(2)"}


# -- law14 (2026-12-04): § 19-6102(2)(b)(ii) and § 18-9010 read in the Justia copy ----------------------------------


def test_officers_may_keep_status_of_a_person_under_arrest() -> None:
    """Idaho Code § 19-6102(2)(b)(ii): no governmental entity may prohibit or discourage maintaining status
    information of a person under lawful detention or arrest (from 2023-07-01)."""
    request = {"agency": {"jurisdiction": "us/id/ada-county", "kind": "jail"}, "action": "collect",
               "data": ["immigration_status"], "context": "booking"}
    d = decide({"date": "2024-01-10", **request})
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/id", "rule": "officers-may-keep-status",
                               "citation": "Idaho Code § 19-6102(2)(b)(ii)"}
    assert "officers-may-keep-status" not in rules_in_basis(decide({"date": "2023-06-30", **request}), "us/id")


def transport(date: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "us/id/canyon-county", "kind": "jail"}, "action": "transfer",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]},
            "subject": {"in_custody": True}}


def test_custodial_authority_may_transport_to_federal_custody() -> None:
    """Idaho Code § 18-9010 (H.B. 83, 2025 ch. 183): the custodial authority may securely transport the person to a
    federal facility or temporary point of detention when complying with a valid detainer or federal warrant."""
    d = decide(transport("2025-06-01"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/id", "rule": "custodial-authority-may-transport",
                               "citation": "Idaho Code § 18-9010"}
    assert basis_entry(d, "us/id", "custodial-authority-may-transport")["confidence"] == "primary"


def test_transport_authority_starts_on_signature_of_hb83() -> None:
    """H.B. 83 took effect on signature, 2025-03-27 (emergency clause): no Idaho transport rule the day before."""
    assert "custodial-authority-may-transport" not in rules_in_basis(decide(transport("2025-03-26")), "us/id")
    assert "custodial-authority-may-transport" in rules_in_basis(decide(transport("2025-03-27")), "us/id")
