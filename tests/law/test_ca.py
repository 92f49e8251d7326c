"""Scenario tests for Canada's federal layer (library/ca.yaml): IRPA s. 142(1), Charter ss. 9-10, Criminal Code
s. 29."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine

REAL = ("ca.yaml", "ca/on.yaml", "ca/on/toronto.yaml", "ca/bc.yaml", "ca/bc/vancouver.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def irpa_arrest(jurisdiction: str, kind: str = "police", **extra: Any) -> dict[str, Any]:
    return {"date": "2026-03-01", "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": "arrest",
            "requester": {"agency": "cbsa", "purpose": "civil_immigration"}, "instrument": {"type": "irpa_warrant"},
            **extra}


def test_toronto_police_must_execute_irpa_warrant_when_directed() -> None:
    """IRPA s. 142(1): every peace officer executes an IRPA warrant when directed by an officer; Toronto's
    Access T.O. does not bind the police at all."""
    d = decide(irpa_arrest("ca/on/toronto"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "ca", "rule": "peace-officers-execute-irpa-warrants",
                               "citation": "Immigration and Refugee Protection Act, S.C. 2001, c. 27, s. 142(1)"}
    assert basis_entry(d, "ca", "peace-officers-execute-irpa-warrants")["confidence"] == "primary"


def test_vancouver_police_guidelines_do_not_override_irpa_duty() -> None:
    """IRPA s. 142(1) outranks the Vancouver Police Board's victim/witness guidelines, which in any case cover
    questions and CBSA contact, not warrant execution."""
    d = decide(irpa_arrest("ca/bc/vancouver", context="victim_or_witness"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["jurisdiction"] == "ca"


def test_without_an_irpa_warrant_there_is_no_federal_duty() -> None:
    """IRPA s. 142(1) is about warrants and written orders; an informal CBSA request creates no duty."""
    request = irpa_arrest("ca/on/toronto")
    request["instrument"] = {"type": "none"}
    d = decide(request)
    assert d["outcome"] != "required"
    assert all(b["rule"] != "peace-officers-execute-irpa-warrants" for b in d["basis"])
    assert all(b["effect"] == "duty" for b in d["basis"] if b["jurisdiction"] == "ca")


def test_city_shelter_is_not_a_peace_officer() -> None:
    """IRPA s. 142(1) binds peace officers; no federal rule makes shelter staff arrest anyone."""
    d = decide(irpa_arrest("ca/on/toronto", kind="shelter"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] is None
    assert [b["rule"] for b in d["basis"]] == ["do-not-obstruct-cbsa-executing-irpa-warrant"]


def hold_request(jurisdiction: str, kind: str = "jail", date: str = "2026-03-01", **extra: Any) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer"}, **extra}


def test_no_canadian_agency_holds_on_a_us_detainer() -> None:
    """Charter s. 9: a hold at a US immigration authority's request is arbitrary detention (secondary reading)."""
    for jurisdiction, kind in (("ca/on/toronto", "jail"), ("ca/bc/vancouver", "police"), ("ca/on", "shelter")):
        d = decide(hold_request(jurisdiction, kind))
        assert d["outcome"] == "forbidden", jurisdiction
        assert d["decided_by"] == {"jurisdiction": "ca", "rule": "no-hold-on-us-immigration-request",
                                   "citation": "Canadian Charter of Rights and Freedoms, s. 9"}
        assert basis_entry(d, "ca", "no-hold-on-us-immigration-request")["confidence"] == "secondary"


def test_no_arrest_for_cbp_either() -> None:
    """Charter s. 9: CBP (a US immigration authority) cannot have a Canadian police officer arrest anyone."""
    request = hold_request("ca/on/toronto", "police", requester={"agency": "cbp", "purpose": "civil_immigration"})
    request["action"] = "arrest"
    assert decide(request)["outcome"] == "forbidden"


def test_canadian_court_order_is_lawful_authority() -> None:
    """Charter s. 9: a detention ordered by a Canadian court (encoded as a state_judge's order) is authorized by law."""
    d = decide(hold_request("ca/on/toronto", instrument={"type": "court_order", "signed_by": "state_judge"}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "hold-under-canadian-judicial-process"


def test_us_federal_judge_order_is_not_canadian_authority() -> None:
    """Charter s. 9: a US judge's order is not Canadian law."""
    d = decide(hold_request("ca/on/toronto", instrument={"type": "court_order", "signed_by": "federal_judge"}))
    assert d["outcome"] == "forbidden"


def test_charter_rule_starts_with_the_charter() -> None:
    """Charter, in force 17 April 1982: the day before, no Charter rule applies."""
    assert decide(hold_request("ca/on/toronto", date="1982-04-16"))["basis"] == []
    assert decide(hold_request("ca/on/toronto", date="1982-04-17"))["outcome"] == "forbidden"


def obligation(d: dict[str, Any], citation: str) -> dict[str, Any]:
    found: dict[str, Any] = next(o for o in d["obligations"] if o["citation"] == citation)
    return found


def test_irpa_arrest_carries_charter_section_10_duties() -> None:
    """Charter s. 10(a)-(b): on arrest or detention, reasons promptly, right to counsel without delay and to be told
    of it - attached when Toronto police execute an IRPA warrant under IRPA s. 142(1)."""
    d = decide(irpa_arrest("ca/on/toronto"))
    assert d["outcome"] == "required"
    entry = basis_entry(d, "ca", "reasons-and-counsel-on-arrest-or-detention")
    assert (entry["effect"], entry["confidence"]) == ("duty", "primary")
    assert obligation(d, "Canadian Charter of Rights and Freedoms, s. 10(a)")["kind"] == "notify_subject"
    assert obligation(d, "Canadian Charter of Rights and Freedoms, s. 10(b)")["kind"] == "advise_of_rights"


def test_irpa_arrest_carries_criminal_code_section_29_duties() -> None:
    """Criminal Code s. 29(1)-(2): have the warrant and produce it on request; give notice of the warrant or the
    reason for the arrest."""
    d = decide(irpa_arrest("ca/bc/vancouver"))
    assert d["outcome"] == "required"
    entry = basis_entry(d, "ca", "warrant-and-reason-on-arrest")
    assert (entry["confidence"], entry["citation"]) == ("primary", "Criminal Code, R.S.C. 1985, c. C-46, s. 29(1)-(2)")
    assert obligation(d, "Criminal Code, R.S.C. 1985, c. C-46, s. 29(2)")["kind"] == "notify_subject"
    assert obligation(d, "Criminal Code, R.S.C. 1985, c. C-46, s. 29(1)")["kind"] == "notify_subject"


def test_jail_hold_on_canadian_court_order_carries_section_10_duties() -> None:
    """Charter s. 10: a detention ordered by a Canadian court still owes the person reasons and counsel; s. 29 is
    about arrests, so it does not attach to a hold."""
    d = decide(hold_request("ca/on/toronto", instrument={"type": "court_order", "signed_by": "state_judge"}))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca", "reasons-and-counsel-on-arrest-or-detention")["status"] == "applied"
    assert all(b["rule"] != "warrant-and-reason-on-arrest" for b in d["basis"])


def test_no_arrest_duties_when_the_hold_is_forbidden() -> None:
    """Charter s. 10 and Criminal Code s. 29 attach only when the arrest or hold goes ahead: a US detainer is refused
    (Charter s. 9), so no s. 10 or s. 29 obligation is listed."""
    d = decide(hold_request("ca/on/toronto"))
    assert d["outcome"] == "forbidden"
    assert not any(o["citation"].startswith(("Canadian Charter of Rights and Freedoms, s. 10", "Criminal Code"))
                   for o in d["obligations"])


def test_employer_may_verify_work_authorization_at_hiring() -> None:
    """IRPA s. 124(1)(c), (2): employing an unauthorized foreign national is an offence and an employer without due
    diligence is deemed to know, so an Ottawa city agency may ask a new hire for proof of work authorization."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/ottawa", "kind": "city_agency"},
                "action": "inquire", "data": ["immigration_document"], "context": "employment_verification"})
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {
        "jurisdiction": "ca", "rule": "employer-may-verify-work-authorization",
        "citation": "Immigration and Refugee Protection Act, S.C. 2001, c. 27, s. 124(1)(c), (2)"}
    assert basis_entry(d, "ca", "employer-may-verify-work-authorization")["confidence"] == "primary"


def test_section_124_is_about_hiring_not_services() -> None:
    """IRPA s. 124(1)(c) concerns employment: a status question at service delivery gets nothing from it."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/ottawa", "kind": "city_agency"},
                "action": "inquire", "data": ["immigration_document"], "context": "service_delivery"})
    assert all(b["rule"] != "employer-may-verify-work-authorization" for b in d["basis"])


def test_jail_may_hold_on_an_irpa_warrant() -> None:
    """IRPA s. 143: an IRPA warrant or order to detain is, notwithstanding any other law, sufficient authority to
    detain for whoever may receive and execute it; Charter s. 10 duties follow the detention."""
    request = irpa_arrest("ca/on/toronto", kind="jail")
    request["action"] = "hold"
    d = decide(request)
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "ca", "rule": "irpa-warrant-is-authority-to-detain",
                               "citation": "Immigration and Refugee Protection Act, S.C. 2001, c. 27, s. 143"}
    assert basis_entry(d, "ca", "irpa-warrant-is-authority-to-detain")["confidence"] == "primary"
    assert basis_entry(d, "ca", "reasons-and-counsel-on-arrest-or-detention")["status"] == "applied"


def test_section_143_needs_the_irpa_paper() -> None:
    """IRPA s. 143 speaks of a warrant or order to detain made under IRPA: an informal CBSA request gives a jail no
    authority from it."""
    request = irpa_arrest("ca/on/toronto", kind="jail", instrument={"type": "none"})
    request["action"] = "hold"
    assert all(b["rule"] != "irpa-warrant-is-authority-to-detain" for b in decide(request)["basis"])


def test_shelter_staff_must_not_obstruct_cbsa_executing_a_warrant() -> None:
    """Criminal Code s. 129(a) (CBSA officers are peace officers, s. 2 para. (d.1)): even where no rule makes a
    shelter help, its staff must not resist or wilfully obstruct CBSA executing an IRPA warrant."""
    d = decide(irpa_arrest("ca/on/toronto", kind="shelter", action="grant_access"))
    entry = basis_entry(d, "ca", "do-not-obstruct-cbsa-executing-irpa-warrant")
    assert (entry["effect"], entry["confidence"]) == ("duty", "primary")
    assert any(o["kind"] == "do_not_obstruct" and o["citation"].startswith("Criminal Code, R.S.C. 1985, c. C-46")
               for o in d["obligations"])


def test_no_obstruction_duty_towards_us_agents() -> None:
    """Criminal Code s. 129(a) protects Canadian public or peace officers; ICE agents are neither."""
    d = decide(hold_request("ca/on/toronto", kind="shelter", action="grant_access"))
    assert all(b["rule"] != "do-not-obstruct-cbsa-executing-irpa-warrant" for b in d["basis"])
