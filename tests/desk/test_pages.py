"""Server-rendered pages: login, CSRF, throttling, the guided classifier, the decision page, printouts."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from sanctuary.desk import letters
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import DeskRequest, Document
from tests.desk.conftest import PASSWORD, Account, login

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nAgent Quill's warrant text\n%%EOF\n"


def _form_token(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def test_login_sets_a_strict_httponly_cookie(client: TestClient, users: dict[str, Account]) -> None:
    page = client.get("/login")
    assert page.status_code == 200 and 'for="username"' in page.text
    response = client.post("/login", data={"csrf": _form_token(page.text), "username": "clerk",
                                           "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 303
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("sanctuary_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain http in the test; https requests get Secure
    assert client.get("/").status_code == 200


def test_secure_cookie_over_https(ctx: DeskContext, users: dict[str, Account]) -> None:
    from sanctuary.web.app import create_app

    with TestClient(create_app(ctx.settings, ctx), base_url="https://desk.example") as secure:
        page = secure.get("/login")
        response = secure.post("/login", data={"csrf": _form_token(page.text), "username": "clerk",
                                               "password": PASSWORD}, follow_redirects=False)
        cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("sanctuary_session="))
        assert "Secure" in cookie


def test_login_without_csrf_is_refused(client: TestClient, users: dict[str, Account]) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "clerk", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403
    assert "sanctuary_session" not in client.cookies


def test_forms_need_the_session_csrf_token(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "supervisor")
    response = client.post("/requests/new", data={"csrf": "forged"}, follow_redirects=False)
    assert response.status_code == 403


def test_bearer_tokens_do_not_open_pages(client: TestClient, users: dict[str, Account]) -> None:
    response = client.get("/", headers=users["clerk"].auth, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def _log_detainer(client: TestClient, csrf: str, **extra: str | bytes) -> str:
    data = {"csrf": csrf, "jurisdiction": "us/ca/san-francisco", "agency_kind": "jail", "channel": "in_person",
            "received_at": "2026-03-06T15:00", "paper": "i247a", "signed_by": "immigration_officer",
            "court": "none", "action": "hold", "requester_agency": "ice", "purpose": "civil_immigration",
            "in_custody": "yes", "agent_name_1": "Officer Quill", "agent_badge_1": "B-4471",
            "agent_agency": "ICE ERO", "person_ref": "BK-17", "stated_purpose": "hold for pickup"}
    data.update({k: v for k, v in extra.items() if isinstance(v, str)})
    files = {"document": ("detainer.pdf", PDF, "application/pdf")} if extra.get("with_pdf") else None
    response = client.post("/requests/new", data=data, files=files, follow_redirects=False)
    assert response.status_code == 303, response.text[:2000]
    return str(response.headers["location"])


def test_guided_classifier_to_decision_page(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    form = client.get("/requests/new")
    for question in ("What paper can you see?", "Who signed it?", "Which court issued it?", "What is asked?",
                     "Form I-247A", "Form I-200", "Form I-205", "Form I-138", "I-9 Notice of Inspection",
                     "Nothing: a verbal"):
        assert question in form.text
    location = _log_detainer(client, csrf, with_pdf="yes")
    page = client.get(location)
    assert page.status_code == 200
    assert "Do not do this" in page.text and "Cal. Gov. Code" in page.text
    assert "Read aloud:" in page.text
    assert "Give the person a copy of the request" in page.text  # obligation checklist
    # The law forbids the hold, so the page shows no hold deadline (that would suggest holding).
    assert "End of the 48-hour detainer period" not in page.text
    assert "Form I-247A" in page.text
    with ctx.sessions() as session:
        record = session.scalars(select(DeskRequest)).one()
        assert record.form_seen == "i247a" and record.agents == [{"name": "Officer Quill", "badge": "B-4471"}]
        document = session.scalars(select(Document)).one()
        assert b"Quill" not in document.ciphertext and document.content_type == "application/pdf"
    shown = client.get(f"{location}/documents/{document.id}")
    assert shown.status_code == 200 and shown.content == PDF
    assert shown.headers["content-type"] == "application/pdf"


def test_prefilled_intake_form(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    prefilled = client.get("/requests/new?paper=i200&action=grant_access&data=address&jurisdiction=us/ca")
    assert 'value="i200" checked' in prefilled.text and 'value="grant_access" checked' in prefilled.text
    assert 'value="address" checked' in prefilled.text
    assert 'name="jurisdiction" value="us/ca"' in prefilled.text
    assert 'value="California, United States"' in prefilled.text


def test_classifier_errors_name_the_field(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    response = client.post("/requests/new", data={
        "csrf": csrf, "jurisdiction": "us/ca/san-francisco", "agency_kind": "jail", "channel": "fax",
        "paper": "i247a", "action": "teleport", "agent_name_1": "Officer Quill"})
    assert response.status_code == 422
    assert "action" in response.text and "Accepted values" in response.text
    assert 'value="Officer Quill"' in response.text  # what was typed is kept


def test_exigent_branch_and_escalation(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    location = _log_detainer(client, csrf, paper="i200", action="grant_access", location="non_public_area",
                             exigent="yes")
    page = client.get(location)
    assert "Exigent circumstances claimed" in page.text and "Do not physically obstruct" in page.text
    response = client.post(f"{location}/escalate", data={"csrf": csrf, "target_role": "counsel",
                                                         "note": "agents at the door"}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(location)
    assert "Escalated to counsel" in page.text and "Record the final decision" not in page.text
    client.cookies.clear()
    counsel_csrf = login(client, "counsel")
    response = client.post(f"{location}/final", data={"csrf": counsel_csrf, "outcome": "declined",
                                                      "reason": "Administrative warrant; no consent."},
                           follow_redirects=False)
    assert response.status_code == 303
    page = client.get(location)
    assert "Final decision: Declined" in page.text and "Administrative warrant; no consent." in page.text


def test_checklist_is_saved(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    location = _log_detainer(client, csrf)
    client.post(f"{location}/obligations", data={"csrf": csrf, "done": ["0", "1"]})
    page = client.get(location)
    assert page.text.count("checked>") >= 2 or page.text.count(" checked") >= 2


def test_printable_outputs(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    location = _log_detainer(client, csrf)
    letter = client.get(f"{location}/letter")
    assert letter.status_code == 200
    assert "We decline to hold the person" in letter.text and "Cal. Gov. Code § 7284.6" in letter.text
    assert "not supported by the decision" not in letter.text
    notice = client.get(f"{location}/notice")
    assert "Notice: a request about you" in notice.text and "Aviso: una solicitud sobre usted" in notice.text
    assert "Cal. Gov. Code § 7283.1(b)" in notice.text
    card = client.get("/card?jurisdiction=us/ca/san-francisco&kind=jail")
    assert card.status_code == 200
    for phrase in ("Front-desk protocol", "Protocolo de recepción", "Protocole d&#39;accueil", "Do not sign anything",
                   "No firme nada", "Ne signez rien", "Cal. Gov. Code"):
        assert phrase in card.text
    assert "@media print" in client.get("/static/site.css").text
    with ctx.sessions() as session:
        kinds = [k for (k,) in session.execute(text("SELECT kind FROM audit_entries"))]
    assert kinds.count("request.exported") == 2  # the letter and the notice


def test_letter_is_in_the_recipients_language(client: TestClient, users: dict[str, Account]) -> None:
    """A clerk reading the desk in Spanish still prints the letter to a US agency in English."""
    csrf = login(client, "clerk")
    location = _log_detainer(client, csrf)
    assert '<html lang="es"' in client.get(f"{location}?lang=es").text
    letter = client.get(f"{location}/letter?lang=es")
    assert letter.status_code == 200 and '<html lang="en"' in letter.text
    assert "We decline to hold the person" in letter.text
    assert letters.recipient_locale("ca/qc/montreal") == "fr" and letters.recipient_locale("ca/on/toronto") == "en"


def test_letter_warns_when_the_law_does_not_forbid(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    location = _log_detainer(client, csrf, jurisdiction="us/tx/travis-county")
    letter = client.get(f"{location}/letter")
    assert letter.status_code == 409 and "ask counsel before sending anything" in letter.text


def test_pages_use_no_external_assets(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    for path in ("/", "/requests/new", "/card?jurisdiction=us/ca&kind=school", "/login"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path


def test_admin_manages_accounts(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    csrf = login(client, "admin")
    created = client.post("/admin/users", data={"csrf": csrf, "username": "newclerk", "role": "clerk",
                                                "password": "long enough pw"}, follow_redirects=False)
    assert created.status_code == 303
    bad = client.post("/admin/users", data={"csrf": csrf, "username": "x y", "role": "clerk",
                                            "password": "long enough pw"})
    assert bad.status_code == 422 and "username" in bad.text
    page = client.get("/admin/users")
    assert "newclerk" in page.text
    clerk = users["clerk"]
    assert client.get("/api/v1/requests", headers=clerk.auth).status_code == 200
    disabled = client.post(f"/admin/users/{clerk.id}", data={"csrf": csrf, "role": "clerk", "active": "no"},
                           follow_redirects=False)
    assert disabled.status_code == 303
    assert client.get("/api/v1/requests", headers=clerk.auth).status_code == 401  # its tokens are revoked
    own = client.post(f"/admin/users/{users['admin'].id}", data={"csrf": csrf, "role": "clerk", "active": "yes"})
    assert own.status_code == 422  # an admin cannot demote themself
    with ctx.sessions() as session:
        kinds = [k for (k,) in session.execute(text("SELECT kind FROM audit_entries"))]
    assert "account.created" in kinds and "account.changed" in kinds


def test_no_encoded_law_is_never_you_may(client: TestClient, users: dict[str, Account]) -> None:
    """Issue 7 §1: a decision no rule made (coverage "none") never reads "You may", on the page or the notice."""
    csrf = login(client, "clerk")
    location = _log_detainer(client, csrf, jurisdiction="us/ks", agency_kind="library", paper="none",
                             signed_by="unknown", action="transfer", in_custody="no")
    page = client.get(location)
    assert page.status_code == 200
    assert "No encoded law" in page.text and "You may" not in page.text
    assert "written policy" in page.text and "outcome-no_rule" in page.text
    notice = client.get(f"{location}/notice")
    assert notice.status_code == 200 and "You may, with care" not in notice.text  # the outcome is never "You may"
    dashboard = client.get("/")
    assert "No encoded law" in dashboard.text and "You may" not in dashboard.text


def test_card_never_lists_a_line_without_a_rule_as_not_required(client: TestClient,
                                                                 users: dict[str, Account]) -> None:
    login(client, "clerk")
    card = client.get("/card?jurisdiction=us/ks&kind=library")
    assert card.status_code == 200
    assert "Not required" not in card.text and "No encoded law" in card.text
    assert "Required" in card.text  # a judge-signed warrant for access: the federal baseline


def test_desk_form_refuses_a_misspelt_jurisdiction(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    response = client.post("/requests/new", data={
        "csrf": csrf, "jurisdiction": "us/ca/san-fransisco", "agency_kind": "jail", "channel": "in_person",
        "received_at": "2026-03-06T15:00", "paper": "i247a", "signed_by": "immigration_officer", "court": "none",
        "action": "hold", "requester_agency": "ice", "purpose": "civil_immigration", "in_custody": "yes"})
    assert response.status_code == 422
    assert "us/ca/san-francisco" in response.text  # the close match is suggested


def test_intake_takes_the_place_by_name(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    base = {"csrf": csrf, "agency_kind": "jail", "channel": "fax", "paper": "i247a", "action": "hold",
            "signed_by": "immigration_officer", "agent_name_1": "Officer Quill"}
    several = client.post("/requests/new", data={**base, "place": "Springfield"})
    assert several.status_code == 422 and "Which place do you mean?" in several.text
    assert 'value="us/il/springfield"' in several.text and 'value="Officer Quill"' in several.text
    none = client.post("/requests/new", data={**base, "place": "Xyzzyville"})
    assert none.status_code == 422 and "no place is called" in none.text
    chosen = client.post("/requests/new", data={**base, "place": "Springfield", "place_choice": "us/il/springfield"},
                         follow_redirects=False)
    assert chosen.status_code == 303
    one = client.post("/requests/new", data={**base, "place": "San Francisco, California"}, follow_redirects=False)
    assert one.status_code == 303
    page = client.get(one.headers["location"]).text
    assert "San Francisco, California" in page
