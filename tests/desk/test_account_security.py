"""Issue 8, items 4 and 10: privileged roles need a second person; API tokens are named, expire and are
revoked one by one (API and browser); passwords are checked against common ones; HSTS over https."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from sanctuary.db.migrate import upgrade
from sanctuary.db.types import utcnow
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import ApiToken, User
from sanctuary.desk.passwords import password_problem
from sanctuary.settings import Settings
from tests.desk.conftest import PASSWORD, Account, login
from tests.desk.server import cli, env_for

STRONG = "plum orchard bicycle lantern"


def _events(ctx: DeskContext, kind: str) -> list[dict[str, object]]:
    with ctx.sessions() as session:
        rows = session.execute(text("SELECT refs FROM audit_entries WHERE kind = :k ORDER BY idx"), {"k": kind})
        return [json.loads(r) for (r,) in rows]


def _user(ctx: DeskContext, name: str) -> User:
    with ctx.sessions() as session:
        return session.scalars(select(User).where(User.username == name)).one()


def _can_sign_in(name: str, client: TestClient) -> bool:
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/login", data={"csrf": csrf, "username": name, "password": STRONG}, follow_redirects=False)
    client.cookies.clear()
    return answer.status_code == 303


# --- item 4 ---------------------------------------------------------------------------------------------


def test_admin_alone_cannot_make_a_supervisor_and_read_cases(client: TestClient, ctx: DeskContext,
                                                              users: dict[str, Account]) -> None:
    csrf = login(client, "admin")
    made = client.post("/admin/users", data={"csrf": csrf, "username": "shadow", "role": "supervisor",
                                             "password": STRONG}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/admin/users?done=pending"
    assert "a second person" in client.get(made.headers["location"]).text
    shadow = _user(ctx, "shadow")
    assert not shadow.active and shadow.role == "supervisor"
    client.cookies.clear()
    assert not _can_sign_in("shadow", client)  # step two of the attack fails
    pending = client.get("/api/v1/approvals", headers=users["admin"].auth).json()["approvals"]
    assert [(a["user_id"], a["role"], a["requested_by_id"]) for a in pending] == [
        (shadow.id, "supervisor", users["admin"].id)]
    own = client.post(f"/api/v1/approvals/{pending[0]['id']}/approve", headers=users["admin"].auth)
    assert own.status_code == 422 and "second person" in own.text  # not by the one who asked
    for role in ("clerk", "supervisor", "auditor"):
        answer = client.post(f"/api/v1/approvals/{pending[0]['id']}/approve", headers=users[role].auth)
        assert answer.status_code == 403, role
    # Counsel approves on the approvals page.
    counsel_csrf = login(client, "counsel")
    page = client.get("/approvals")
    assert "shadow" in page.text and "supervisor" in page.text
    approved = client.post(f"/approvals/{pending[0]['id']}/approve", data={"csrf": counsel_csrf},
                           follow_redirects=False)
    assert approved.status_code == 303
    client.cookies.clear()
    assert _user(ctx, "shadow").active and _can_sign_in("shadow", client)
    [requested] = _events(ctx, "account.approval_requested")
    [decided] = _events(ctx, "account.approved")
    assert requested == {"approval_id": pending[0]["id"], "target_user_id": shadow.id, "role": "supervisor",
                         "actor_id": users["admin"].id}
    assert decided["actor_id"] == users["counsel"].id and decided["requester_id"] == users["admin"].id


def test_promotions_and_new_admins_wait_demotions_do_not(client: TestClient, ctx: DeskContext,
                                                         users: dict[str, Account]) -> None:
    admin = users["admin"].auth
    second = client.post("/api/v1/users", json={"username": "admin2", "role": "admin", "password": STRONG},
                         headers=admin)
    assert second.status_code == 202 and second.json()["active"] is False
    auditor = users["auditor"]
    promoted = client.patch(f"/api/v1/users/{auditor.id}", json={"role": "supervisor"}, headers=admin)
    assert promoted.status_code == 202 and promoted.json()["role"] == "auditor"  # unchanged until approved
    assert client.get("/api/v1/requests", headers=auditor.auth).status_code == 403
    rejected = client.post(f"/api/v1/approvals/{promoted.json()['approval']['id']}/reject",
                           headers=users["counsel"].auth)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert _user(ctx, "auditor").role == "auditor"
    assert _events(ctx, "account.rejected")[0]["actor_id"] == users["counsel"].id
    demoted = client.patch(f"/api/v1/users/{users['supervisor'].id}", json={"role": "auditor"}, headers=admin)
    assert demoted.status_code == 200 and demoted.json()["role"] == "auditor"
    auditor_made = client.post("/api/v1/users", json={"username": "aud2", "role": "auditor", "password": STRONG},
                               headers=admin)
    assert auditor_made.status_code == 201 and auditor_made.json()["active"] is True


def test_console_still_creates_any_role_at_once(tmp_path: Path) -> None:
    env = env_for(tmp_path / "data")
    made = cli(env, "users", "create", "--username", "super1", "--role", "supervisor", "--password-stdin",
               stdin="correct horse battery staple 3\n")
    assert made.returncode == 0 and "created super1 (supervisor)" in made.stdout
    token = cli(env, "tokens", "create", "--username", "super1", "--name", "ci", "--days", "7")
    assert token.returncode == 0 and token.stdout.strip().splitlines()[-1].startswith("sct_")
    bad = cli(env, "tokens", "create", "--username", "super1", "--days", "0")
    assert bad.returncode == 2 and "days" in bad.stderr


# --- item 10 --------------------------------------------------------------------------------------------


def test_tokens_are_named_expire_and_are_revoked_one_by_one(client: TestClient, ctx: DeskContext,
                                                            users: dict[str, Account]) -> None:
    clerk = users["clerk"]
    made = [client.post("/api/v1/tokens", json={"name": name, "days": 30}, headers=clerk.auth) for name in
            ("scanner", "report script")]
    assert all(m.status_code == 201 for m in made)
    first, second = (m.json() for m in made)
    assert first["name"] == "scanner" and first["token"].startswith("sct_")
    listed = client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {first['token']}"}).json()["tokens"]
    assert {"scanner", "report script"} <= {t["name"] for t in listed}
    assert all("token" not in t for t in listed) and first["token"] not in json.dumps(listed)
    assert client.delete(f"/api/v1/tokens/{first['id']}", headers=clerk.auth).status_code == 200
    assert client.get("/api/v1/requests", headers={"Authorization": f"Bearer {first['token']}"}).status_code == 401
    assert client.get("/api/v1/requests", headers={"Authorization": f"Bearer {second['token']}"}).status_code == 200
    # Someone else's token cannot be revoked by a clerk.
    other = client.post("/api/v1/tokens", json={"name": "x"}, headers=users["supervisor"].auth).json()
    assert client.delete(f"/api/v1/tokens/{other['id']}", headers=clerk.auth).status_code == 422
    assert client.post("/api/v1/tokens", json={"name": "x", "days": 400}, headers=clerk.auth).status_code == 422
    # An expired token stops working.
    with ctx.sessions() as session:
        session.execute(update(ApiToken).where(ApiToken.id == second["id"])
                        .values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    ctx.tokens.clear()
    assert client.get("/api/v1/requests", headers={"Authorization": f"Bearer {second['token']}"}).status_code == 401
    assert _events(ctx, "token.revoked")[0]["token_id"] == first["id"]


def test_tokens_page_lists_names_makes_and_revokes(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "auditor")
    page = client.get("/account/tokens")
    assert page.status_code == 200 and "Your API tokens" in page.text
    made = client.post("/account/tokens", data={"csrf": csrf, "name": "laptop", "days": "14"})
    assert made.status_code == 200 and "shown only once" in made.text
    token = made.text.split('<code class="token">', 1)[1].split("<", 1)[0]
    assert client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    listing = client.get("/account/tokens").text
    assert "laptop" in listing and token not in listing
    token_id = client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}).json()["tokens"][0]["id"]
    assert client.post("/account/tokens", data={"csrf": "wrong", "name": "x", "days": "1"}).status_code == 403
    assert client.post("/account/tokens", data={"csrf": csrf, "name": "x", "days": "999"}).status_code == 422
    revoked = client.post(f"/account/tokens/{token_id}/revoke", data={"csrf": csrf}, follow_redirects=False)
    assert revoked.status_code == 303
    assert client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert "revoked" in client.get("/account/tokens").text


@pytest.mark.parametrize("weak", ["password123", "qwertyuiop12", "iloveyou1234", "1234567890", "aaaaaaaaaaaa",
                                  "sanctuary2026", "Password2024!", "clerk1clerk1"])
def test_common_passwords_are_refused(weak: str) -> None:
    problem = password_problem(weak, "clerk1")
    assert problem is not None and "too easy to guess" in problem and weak not in problem


def test_good_passphrases_pass_and_the_page_says_why_not(client: TestClient, users: dict[str, Account]) -> None:
    assert password_problem(STRONG) is None and password_problem(PASSWORD) is None
    assert password_problem("short") == "must be at least 10 characters"
    csrf = login(client, "admin")
    refused = client.post("/admin/users", data={"csrf": csrf, "username": "weak", "role": "auditor",
                                                "password": "password123"})
    assert refused.status_code == 422 and "too easy to guess" in refused.text


def test_hsts_only_over_https(ctx: DeskContext) -> None:
    from sanctuary.web.app import create_app

    app = create_app(ctx.settings, ctx)
    with TestClient(app, base_url="https://desk.example") as secure:
        assert secure.get("/healthz").headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    with TestClient(app) as plain:
        assert "strict-transport-security" not in plain.get("/healthz").headers


def test_migration_gives_old_tokens_an_expiry(tmp_path: Path) -> None:
    settings = Settings.for_data_dir(tmp_path / "old")
    upgrade(settings, "0002_audit")
    from sanctuary.db.session import create_null_pool_engine

    engine = create_null_pool_engine(settings)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO desk_users (id, username, role, password_hash, active, created_at, updated_at)"
                          " VALUES (1, 'old', 'clerk', 'x', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO desk_api_tokens (id, user_id, token_hash, created_at) "
                          "VALUES (1, 1, 'ab', '2026-01-01 00:00:00')"))
    upgrade(settings)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT expires_at FROM desk_api_tokens")).scalar_one().startswith("2026-04-01")
    engine.dispose()
