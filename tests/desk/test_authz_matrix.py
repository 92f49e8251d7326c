"""Every route × every role: 401 without credentials, 403 for the wrong role, success for the right one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.desk.conftest import ROLES, Account, detainer_body, login

CASE = {"clerk", "supervisor", "counsel"}
FINAL = {"supervisor", "counsel"}
AUDIT = {"auditor", "admin", "counsel"}
ADMIN = {"admin"}

# (method, path template, json body, roles allowed, success status)
API_ROUTES: list[tuple[str, str, Any, set[str], int]] = [
    ("POST", "/api/v1/requests", detainer_body(), CASE, 201),
    ("GET", "/api/v1/requests", None, CASE, 200),
    ("GET", "/api/v1/requests/{id}", None, CASE, 200),
    ("POST", "/api/v1/requests/{id}/escalations", {"target_role": "supervisor"}, CASE, 201),
    ("POST", "/api/v1/requests/{id}/final", {"outcome": "declined", "reason": "the law forbids it"}, FINAL, 201),
    ("POST", "/api/v1/requests/{id}/grants", {"username": "helper", "hours": 1}, FINAL, 201),
    ("GET", "/api/v1/users", None, ADMIN, 200),
    ("GET", "/api/v1/audit/checkpoint", None, AUDIT, 200),
    ("GET", "/api/v1/audit/proofs/inclusion?index=0&size=1", None, AUDIT, 200),
    ("GET", "/api/v1/audit/proofs/consistency?first=1&second=2", None, AUDIT, 200),
]


def _fresh_request(client: TestClient, users: dict[str, Account]) -> int:
    created = client.post("/api/v1/requests", json=detainer_body(assignee="clerk"), headers=users["supervisor"].auth)
    assert created.status_code == 201
    return int(created.json()["id"])


@pytest.fixture
def world(client: TestClient, users: dict[str, Account], make_account: Callable[..., Account]) -> dict[str, Any]:
    make_account("clerk", "helper")
    created = client.post("/api/v1/requests", json=detainer_body(assignee="clerk"),
                          headers=users["supervisor"].auth)
    assert created.status_code == 201
    return {"id": created.json()["id"]}


@pytest.mark.parametrize(("method", "path", "body", "allowed", "ok"), API_ROUTES,
                         ids=[f"{m} {p}" for m, p, *_ in API_ROUTES])
def test_api_route_by_role(client: TestClient, users: dict[str, Account], world: dict[str, Any], method: str,
                           path: str, body: Any, allowed: set[str], ok: int) -> None:
    url = path.format(**world)
    anonymous = client.request(method, url, json=body)
    assert anonymous.status_code == 401, (url, anonymous.text)
    for role in ROLES:
        if path.endswith("/final"):  # a request takes one final decision: each role gets a fresh one
            url = path.format(id=_fresh_request(client, users))
        response = client.request(method, url, json=body, headers=users[role].auth)
        expected = ok if role in allowed else 403
        assert response.status_code == expected, (role, url, response.status_code, response.text)


# Pages: (method, path, roles allowed, success status). Forms are posted with the session's CSRF token.
PAGE_ROUTES: list[tuple[str, str, set[str], int, dict[str, str]]] = [
    ("GET", "/", set(ROLES), 200, {}),
    ("GET", "/requests/new", CASE, 200, {}),
    ("GET", "/classify?paper=i200&signed_by=immigration_officer", CASE, 200, {}),
    ("GET", "/requests/{id}", CASE, 200, {}),
    ("GET", "/requests/{id}/letter", CASE, 200, {}),
    ("GET", "/requests/{id}/notice", CASE, 200, {}),
    ("POST", "/requests/{id}/obligations", CASE, 303, {"done": "0"}),
    ("POST", "/requests/{id}/escalate", CASE, 303, {"target_role": "counsel"}),
    ("POST", "/requests/{id}/final", FINAL, 303, {"outcome": "declined", "reason": "the law forbids it"}),
    ("POST", "/requests/{id}/grants", FINAL, 303, {"username": "helper", "hours": "1"}),
    ("GET", "/card?jurisdiction=us/ca/san-francisco&kind=jail", set(ROLES), 200, {}),
    ("GET", "/admin/users", ADMIN, 200, {}),
    ("POST", "/admin/users", ADMIN, 303, {"username": "newbie{n}", "role": "clerk", "password": "long enough pw"}),
]


@pytest.mark.parametrize(("path", "form"), [(p, f) for m, p, _, _, f in PAGE_ROUTES if m == "POST"])
def test_every_form_needs_the_csrf_token(client: TestClient, users: dict[str, Account], world: dict[str, Any],
                                         path: str, form: dict[str, str]) -> None:
    url = path.format(**world)
    for role in ("supervisor", "admin"):
        client.cookies.clear()
        login(client, role)
        data = {k: v.format(n=9) for k, v in form.items()}
        for token in (None, "forged"):
            payload = data if token is None else {**data, "csrf": token}
            response = client.post(url, data=payload, follow_redirects=False)
            assert response.status_code == 403, (role, url, token, response.status_code)


@pytest.mark.parametrize(("method", "path", "allowed", "ok", "form"), PAGE_ROUTES,
                         ids=[f"{m} {p}" for m, p, *_ in PAGE_ROUTES])
def test_page_route_by_role(client: TestClient, users: dict[str, Account], world: dict[str, Any], method: str,
                            path: str, allowed: set[str], ok: int, form: dict[str, str]) -> None:
    url = path.format(**world)
    anonymous = client.request(method, url, data=form or None, follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/login"
    for n, role in enumerate(ROLES):
        if path.endswith("/final"):  # a request takes one final decision: each role gets a fresh one
            url = path.format(id=_fresh_request(client, users))
        client.cookies.clear()
        csrf = login(client, role)
        data = {k: v.format(n=n) for k, v in form.items()}
        response = client.request(method, url, data={**data, "csrf": csrf} if method == "POST" else None,
                                  follow_redirects=False)
        expected = ok if role in allowed else 403
        if method == "GET" and path == "/" and role == "admin":
            expected = 303  # the admin's home is the accounts page
        assert response.status_code == expected, (role, url, response.status_code, response.text[:300])
