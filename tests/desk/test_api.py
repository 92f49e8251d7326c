"""The JSON API, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, text

from sanctuary.db.types import utcnow
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import AccessGrant, ApiToken, Decision, DeskRequest, ViewLog
from tests.desk.conftest import Account, detainer_body


def _audit_rows(ctx: DeskContext) -> list[tuple[str, str]]:
    with ctx.sessions() as session:
        return [(str(k), str(r)) for k, r in session.execute(text("SELECT kind, refs FROM audit_entries ORDER BY idx"))]


def test_create_request_decides_and_stores(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    response = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["outcome"] == "forbidden" and body["decision"]["outcome"] == "forbidden"
    assert body["decision"]["decided_by"]["citation"]
    assert len(body["decision"]["ruleset"]) == 64
    assert body["deadlines"] == []  # the law forbids the hold: no hold deadline is shown
    required = client.post("/api/v1/requests", json=detainer_body("us/tx/travis-county"),
                           headers=users["clerk"].auth).json()
    assert required["outcome"] == "required"
    assert required["deadlines"] == [{"kind": "detainer_48h", "due": "2026-03-10T15:00:00+00:00",
                                      "label": required["deadlines"][0]["label"]}]
    with ctx.sessions() as session:
        record = session.get(DeskRequest, body["id"])
        assert record is not None and record.channel == "fax" and record.instrument_type == "detainer"
        decision = session.scalars(select(Decision).where(Decision.request_id == record.id)).one()
        assert decision.ruleset == body["decision"]["ruleset"]
    kinds = [k for k, _ in _audit_rows(ctx)]
    assert kinds[-6:-3] == ["request.logged", "request.classified", "request.decided"]
    decided_refs = _audit_rows(ctx)[-4][1]
    assert body["decision"]["ruleset"] in decided_refs


def test_audit_entries_carry_no_personal_data(client: TestClient, ctx: DeskContext, users: dict[str, Account],
                                              make_account: Callable[..., Account]) -> None:
    zelda = make_account("clerk", "zelda.q")
    created = client.post("/api/v1/requests", json=detainer_body(), headers=zelda.auth).json()
    client.get(f"/api/v1/requests/{created['id']}", headers=users["supervisor"].auth)
    client.post("/login", data={"username": "zelda.q", "password": "wrong password"})
    dump = " ".join(refs for _, refs in _audit_rows(ctx))
    for secret in ("Quill", "B-4471", "BK-20260306-17", "ERO", "zelda", "127.0.0.1", "testclient"):
        assert secret not in dump


def test_errors_name_the_field(client: TestClient, users: dict[str, Account]) -> None:
    auth = users["clerk"].auth
    bad_kind = detainer_body()
    bad_kind["request"]["agency"]["kind"] = "jial"  # type: ignore[index]
    response = client.post("/api/v1/requests", json=bad_kind, headers=auth)
    assert response.status_code == 422
    assert response.json()["field"] == "request.agency.kind"
    assert "jail" in response.json()["allowed"]

    bad_channel = detainer_body(channel="pigeon")
    response = client.post("/api/v1/requests", json=bad_channel, headers=auth)
    assert response.status_code == 422 and response.json()["field"] == "intake.channel"

    response = client.post("/api/v1/requests", json={"request": {}}, headers=auth)
    assert response.status_code == 422 and response.json()["field"] == "intake"

    naive = detainer_body(received_at="2026-03-06T15:00:00")
    response = client.post("/api/v1/requests", json=naive, headers=auth)
    assert response.status_code == 422 and response.json()["field"] == "intake.received_at"

    response = client.post("/api/v1/requests", json=detainer_body(assignee="nobody"), headers=auth)
    assert response.status_code == 422 and response.json()["field"] == "intake.assignee"

    response = client.get("/api/v1/requests?status=lost", headers=auth)
    assert response.status_code == 422 and response.json()["detail"]["field"] == "status"


def test_credentials_required(client: TestClient) -> None:
    assert client.post("/api/v1/requests", json=detainer_body()).status_code == 401
    response = client.get("/api/v1/requests")
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/requests", headers={"Authorization": "Bearer sct_forged"}).status_code == 401


def test_tokens_are_stored_hashed(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    with ctx.sessions() as session:
        stored = list(session.scalars(select(ApiToken.token_hash)))
    assert users["clerk"].token not in stored and len(stored) == len(users)
    assert all(len(h) == 64 for h in stored)


def test_clerks_see_only_their_requests(client: TestClient, users: dict[str, Account],
                                        make_account: Callable[..., Account]) -> None:
    other = make_account("clerk", "otherclerk")
    mine = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
    theirs = client.post("/api/v1/requests", json=detainer_body(), headers=other.auth).json()["id"]
    listed = client.get("/api/v1/requests", headers=users["clerk"].auth).json()
    assert [r["id"] for r in listed["requests"]] == [mine]
    assert client.get(f"/api/v1/requests/{theirs}", headers=users["clerk"].auth).status_code == 403
    assert client.get(f"/api/v1/requests/{mine}", headers=users["clerk"].auth).status_code == 200
    everything = client.get("/api/v1/requests", headers=users["supervisor"].auth).json()
    assert {r["id"] for r in everything["requests"]} == {mine, theirs}
    assert client.get("/api/v1/requests/9999", headers=users["supervisor"].auth).status_code == 404


def test_assigned_clerk_sees_the_request(client: TestClient, users: dict[str, Account],
                                         make_account: Callable[..., Account]) -> None:
    helper = make_account("clerk", "helper")
    created = client.post("/api/v1/requests", json=detainer_body(assignee="helper"),
                          headers=users["supervisor"].auth).json()
    assert client.get(f"/api/v1/requests/{created['id']}", headers=helper.auth).status_code == 200
    assert client.get(f"/api/v1/requests/{created['id']}", headers=users["clerk"].auth).status_code == 403


def test_time_limited_grant(client: TestClient, ctx: DeskContext, users: dict[str, Account],
                            make_account: Callable[..., Account]) -> None:
    owner = make_account("clerk", "owner")
    request_id = client.post("/api/v1/requests", json=detainer_body(), headers=owner.auth).json()["id"]
    url = f"/api/v1/requests/{request_id}"
    assert client.get(url, headers=users["clerk"].auth).status_code == 403
    response = client.post(f"{url}/grants", json={"username": "clerk", "hours": 2}, headers=users["supervisor"].auth)
    assert response.status_code == 201
    assert client.get(url, headers=users["clerk"].auth).status_code == 200
    listed = client.get("/api/v1/requests", headers=users["clerk"].auth).json()["requests"]
    assert request_id in [r["id"] for r in listed]
    with ctx.sessions() as session:
        for grant in session.scalars(select(AccessGrant)):
            grant.expires_at = utcnow() - timedelta(minutes=1)
        session.commit()
    assert client.get(url, headers=users["clerk"].auth).status_code == 403
    too_long = client.post(f"{url}/grants", json={"username": "clerk", "hours": 500}, headers=users["supervisor"].auth)
    assert too_long.status_code == 422 and too_long.json()["field"] == "hours"
    assert client.post(f"{url}/grants", json={"username": "clerk", "hours": 1},
                       headers=owner.auth).status_code == 403


def test_every_view_is_logged(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    request_id = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
    for account in (users["clerk"], users["counsel"], users["counsel"]):
        assert client.get(f"/api/v1/requests/{request_id}", headers=account.auth).status_code == 200
    with ctx.sessions() as session:
        views = list(session.scalars(select(ViewLog.user_id).where(ViewLog.request_id == request_id)))
    assert views == [users["clerk"].id, users["counsel"].id, users["counsel"].id]
    assert [k for k, _ in _audit_rows(ctx)].count("request.viewed") == 3


def test_escalation_and_final_decision(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    request_id = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
    url = f"/api/v1/requests/{request_id}"
    escalated = client.post(f"{url}/escalations", json={"target_role": "counsel", "note": "detainer, no warrant"},
                            headers=users["clerk"].auth)
    assert escalated.status_code == 201 and escalated.json()["status"] == "escalated"
    assert client.post(f"{url}/final", json={"outcome": "declined", "reason": "no judicial warrant"},
                       headers=users["clerk"].auth).status_code == 403
    final = client.post(f"{url}/final", json={"outcome": "declined", "reason": "Cal. Gov. Code 7284.6 forbids it"},
                        headers=users["counsel"].auth)
    assert final.status_code == 201 and final.json()["status"] == "decided"
    detail = client.get(url, headers=users["supervisor"].auth).json()
    assert detail["final_decisions"][0]["outcome"] == "declined"
    assert detail["final_decisions"][0]["by_role"] == "counsel"
    assert detail["escalations"][0]["to"] == "counsel"
    kinds = [k for k, _ in _audit_rows(ctx)]
    assert "request.escalated" in kinds and "request.final_decision" in kinds
    bad = client.post(f"{url}/final", json={"outcome": "shrug", "reason": "x"}, headers=users["counsel"].auth)
    assert bad.status_code == 422 and bad.json()["field"] == "outcome"


def test_list_filters(client: TestClient, users: dict[str, Account]) -> None:
    auth = users["supervisor"].auth
    first = client.post("/api/v1/requests", json=detainer_body(), headers=auth).json()["id"]
    later = detainer_body(received_at="2026-04-01T10:00:00+00:00")
    later["request"]["action"] = "notify_release"  # type: ignore[index]
    second = client.post("/api/v1/requests", json=later, headers=auth).json()["id"]
    client.post(f"/api/v1/requests/{first}/escalations", json={"target_role": "supervisor"}, headers=auth)

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/requests?{query}", headers=auth)
        assert response.status_code == 200, response.text
        return sorted(r["id"] for r in response.json()["requests"])

    assert ids("") == [first, second]
    assert ids("status=escalated") == [first]
    assert ids("action=notify_release") == [second]
    assert ids("since=2026-03-07") == [second]
    assert ids("until=2026-03-31") == [first]
    assert ids("since=2026-03-01&until=2026-04-30&status=open") == [second]


def test_users_endpoint_is_admin_only(client: TestClient, users: dict[str, Account]) -> None:
    response = client.get("/api/v1/users", headers=users["admin"].auth)
    assert response.status_code == 200
    listed = {u["username"]: u["role"] for u in response.json()["users"]}
    assert listed == {role: role for role in users}
    assert "password_hash" not in response.text
    for role in ("clerk", "supervisor", "counsel", "auditor"):
        assert client.get("/api/v1/users", headers=users[role].auth).status_code == 403


def test_audit_checkpoint_and_proofs(client: TestClient, users: dict[str, Account]) -> None:
    client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth)
    checkpoint = client.get("/api/v1/audit/checkpoint", headers=users["auditor"].auth)
    assert checkpoint.status_code == 200
    body = checkpoint.json()
    assert body["size"] >= 4 and len(body["root_hash"]) == 64 and body["signature"]
    proof = client.get(f"/api/v1/audit/proofs/inclusion?index=0&size={body['size']}", headers=users["auditor"].auth)
    assert proof.status_code == 200 and proof.json()["root_hash"] == body["root_hash"]
    assert client.get("/api/v1/audit/checkpoint", headers=users["clerk"].auth).status_code == 403
    assert client.get("/api/v1/audit/checkpoint").status_code == 401


def test_healthz_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert "/api/v1/requests" in spec["paths"] and "/api/v1/audit/checkpoint" in spec["paths"]
    assert "/login" not in spec["paths"]
    assert "/atlas" in spec["paths"]  # the public atlas is served by the same app


def test_security_headers(client: TestClient, users: dict[str, Account]) -> None:
    response = client.get("/api/v1/requests", headers=users["clerk"].auth)
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_misspelt_jurisdiction_is_422_with_a_suggestion(client: TestClient, ctx: DeskContext,
                                                         users: dict[str, Account]) -> None:
    """Issue 7 §1: an unknown id is an error naming the nearest known ids, and nothing is stored."""
    response = client.post("/api/v1/requests", json=detainer_body("us/ca/san-fransisco"),
                           headers=users["clerk"].auth)
    assert response.status_code == 422, response.text
    assert "jurisdiction" in response.text and "us/ca/san-francisco" in response.text
    with ctx.sessions() as session:
        assert session.scalars(select(DeskRequest)).first() is None


def test_known_place_without_a_file_falls_back_to_its_parents(client: TestClient,
                                                              users: dict[str, Account]) -> None:
    response = client.post("/api/v1/requests", json=detainer_body("us/or/salem"), headers=users["clerk"].auth)
    assert response.status_code == 201, response.text
    layers = response.json()["decision"]["layers"]
    assert [(layer["jurisdiction"], layer["has_policy"]) for layer in layers] == [
        ("us", True), ("us/or", True), ("us/or/salem", False)]


def test_a_body_that_is_not_json_text_or_not_an_object_names_the_body(
    client: TestClient, ctx: DeskContext, users: dict[str, Account]
) -> None:
    """Found by the Schemathesis run (tests/desk/test_fuzz.py): bytes that are not UTF-8 got FastAPI's bare
    400 "There was an error parsing the body", and a body of ``null`` a 422 naming the field ``""``."""
    before = len(_audit_rows(ctx))
    headers = {**users["counsel"].auth, "Content-Type": "application/json"}
    for path in ("/api/v1/requests", "/api/v1/requests/1/escalations"):
        for content in (b"\x80\x00", b"\x80", b"{not json"):
            response = client.post(path, content=content, headers=headers)
            assert response.status_code in (400, 422), response.text
            assert response.json()["field"] == "body" and "JSON" in response.json()["message"], response.text
    for body in (b"null", b"[]", b"7"):
        response = client.post("/api/v1/requests", content=body, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "body"
    response = client.post("/api/v1/requests/1/final", json={"outcome": "complied", "reason": "a reason", "": None},
                           headers=users["counsel"].auth)
    assert response.status_code == 422 and response.json()["field"] == '""', response.text  # the empty key
    assert len(_audit_rows(ctx)) == before  # nothing written
