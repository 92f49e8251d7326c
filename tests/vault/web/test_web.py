"""The form-check page and API, the vault's pages and /api/v1/vault, through the desk's app."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient

from sanctuary.desk.context import DeskContext
from tests.desk.conftest import Account, login
from tests.vault.conftest import files_containing

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

FORM = b"""<form><label for="n">Full name</label><input id="n" name="full_name">
<label for="cob">Country of birth</label><input id="cob" name="country_of_birth">
<label for="st">Immigration status</label><select id="st" name="status"><option>Citizen</option></select>
<label for="ms">Marital status</label><input id="ms" name="marital_status"></form>"""


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_form_check_page_lists_findings_with_the_rule(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    card = client.get("/card", params={"jurisdiction": "us/ca/san-francisco", "kind": "city_agency"})
    assert 'href="/forms/check"' in card.text
    page = client.get("/forms/check")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text and "<script" not in page.text
    response = client.post("/forms/check", data={"csrf": _csrf(page.text), "jurisdiction": "us/ca/san-francisco",
                                                 "agency_kind": "city_agency"},
                           files={"file": ("intake.html", FORM, "text/html")})
    assert response.status_code == 200
    assert "2 findings · 4 questions checked" in response.text
    assert "country_of_birth" in response.text and "S.F. Admin. Code § 12H.2(d)" in response.text
    assert "marital_status" not in response.text
    forged = client.post("/forms/check", data={"csrf": "forged"}, files={"file": ("f.txt", b"SSN", "text/plain")})
    assert forged.status_code == 403
    flat = client.post("/forms/check", data={"csrf": _csrf(page.text)},
                       files={"file": ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")})
    assert flat.status_code == 422 and "scan.pdf" in flat.text


def test_form_lint_api_has_the_cli_json_shape(client: TestClient, users: dict[str, Account]) -> None:
    response = client.post("/api/v1/forms/lint", headers=users["auditor"].auth,
                           data={"jurisdiction": "ca/on/toronto"},
                           files={"file": ("q.txt", "Nom\nCitoyenneté\nNuméro d'assurance sociale\n".encode(),
                                           "text/plain")})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"findings", "fields_checked"} and body["fields_checked"] == 3
    assert [f["field"] for f in body["findings"]] == ["line 2", "line 3"]
    assert set(body["findings"][0]) == {"field", "label", "category", "reason", "rule", "suggestion"}
    assert body["findings"][0]["category"] == "status" and "CD29.11" in body["findings"][0]["rule"]
    assert client.post("/api/v1/forms/lint", files={"file": ("q.txt", b"x", "text/plain")}).status_code == 401


def test_vault_api_roles_holds_and_shreds(client: TestClient, users: dict[str, Account],
                                          make_account: object, ctx: DeskContext) -> None:
    secret = "CANARY-" + uuid.uuid4().hex
    clerk, supervisor, auditor = users["clerk"], users["supervisor"], users["auditor"]
    other_clerk = make_account("clerk")  # type: ignore[operator]
    made = client.post("/api/v1/vault/records", headers=clerk.auth,
                       json={"kind": "client_intake", "subject": "C-1", "fields": {"name": secret}})
    assert made.status_code == 201
    record = made.json()["id"]
    assert client.get(f"/api/v1/vault/records/{record}", headers=clerk.auth).json()["fields"] == {"name": secret}
    assert client.get(f"/api/v1/vault/records/{record}", headers=supervisor.auth).status_code == 200
    assert client.get(f"/api/v1/vault/records/{record}", headers=other_clerk.auth).status_code == 403
    assert client.get(f"/api/v1/vault/records/{record}", headers=auditor.auth).status_code == 403
    bad = client.post("/api/v1/vault/records", headers=clerk.auth,
                      json={"kind": "client_intake", "subject": "C-1", "fields": {"passport": "X"}})
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "fields.passport"
    assert client.post("/api/v1/vault/holds", headers=clerk.auth,
                       json={"subject": "C-1", "reason": "x"}).status_code == 403
    hold = client.post("/api/v1/vault/holds", headers=supervisor.auth,
                       json={"subject": "C-1", "reason": "litigation"}).json()["id"]
    blocked = client.post("/api/v1/vault/shred", headers=supervisor.auth, json={"subject": "C-1"})
    assert blocked.status_code == 409 and blocked.json()["detail"]["hold_id"] == hold
    assert client.post(f"/api/v1/vault/holds/{hold}/release", headers=supervisor.auth).status_code == 200
    done = client.post("/api/v1/vault/shred", headers=supervisor.auth, json={"subject": "C-1"})
    assert done.status_code == 200 and done.json() == {"keys_destroyed": 1, "records_unreadable": 1,
                                                 "scrubbed": True}
    gone = client.get(f"/api/v1/vault/records/{record}", headers=clerk.auth)
    assert gone.status_code == 410 and gone.json()["detail"]["shredded_at"]
    assert files_containing(ctx.settings.data_dir, secret.encode()) == []


def test_vault_pages_store_and_show_a_record(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    page = client.get("/vault")
    assert page.status_code == 200 and "client intake" in page.text and "Legal holds" not in page.text
    stored = client.post("/vault/records", data={"csrf": _csrf(page.text), "kind": "client_intake",
                                                 "subject": "P-7", "field_name": "Ana", "field_phone": "555-0101"},
                         follow_redirects=False)
    assert stored.status_code == 303
    shown = client.get(stored.headers["location"])
    assert shown.status_code == 200 and "Ana" in shown.text and "555-0101" in shown.text
    assert client.post("/vault/records", data={"csrf": "forged", "kind": "client_intake"}).status_code == 403
    assert client.post("/vault/holds", data={"csrf": _csrf(page.text), "subject": "P-7",
                                             "reason": "x"}).status_code == 403  # clerks cannot set holds
