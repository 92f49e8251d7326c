"""The audit routes through FastAPI: roles, proofs that verify, 422 naming the parameter."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI, Header, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.api import build_router
from sanctuary.audit.log import AuditLog, check_consistency, check_inclusion
from sanctuary.audit.note import verify_signature

from .conftest import fill


def fake_require_roles(*roles: str) -> Callable[..., str]:
    def dependency(x_role: str | None = Header(default=None)) -> str:
        if x_role is None:
            raise HTTPException(401, "no credentials")
        if x_role not in roles:
            raise HTTPException(403, "wrong role")
        return x_role

    return dependency


@pytest.fixture
def client(session_factory: sessionmaker[Session], log: AuditLog) -> Iterator[TestClient]:
    fill(session_factory, log, 11)

    def get_session() -> Iterator[Session]:
        with session_factory() as session:
            yield session

    app = FastAPI()
    app.include_router(build_router(fake_require_roles, get_session, lambda: log))
    with TestClient(app) as test_client:
        yield test_client


AUDITOR = {"X-Role": "auditor"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/audit/checkpoint",
        "/api/v1/audit/proofs/inclusion?index=0&size=1",
        "/api/v1/audit/proofs/consistency?first=1&second=2",
        "/api/v1/audit/entries/0",
    ],
)
def test_roles(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401
    for role in ("clerk", "supervisor"):
        assert client.get(path, headers={"X-Role": role}).status_code == 403
    for role in ("auditor", "admin", "counsel"):
        assert client.get(path, headers={"X-Role": role}).status_code == 200


def test_checkpoint_and_proofs_verify(client: TestClient, log: AuditLog) -> None:
    cp = client.get("/api/v1/audit/checkpoint", headers=AUDITOR).json()
    assert cp["size"] == 11 and verify_signature(cp, log.public_key)
    assert client.get("/api/v1/audit/checkpoint", headers=AUDITOR).json()["id"] == cp["id"]  # reused, not re-signed
    incl = client.get("/api/v1/audit/proofs/inclusion?index=6&size=11", headers=AUDITOR).json()
    assert incl["root_hash"] == cp["root_hash"]
    check_inclusion(6, 11, incl["leaf_hash"], incl["proof"], cp["root_hash"])
    cons = client.get("/api/v1/audit/proofs/consistency?first=5&second=11", headers=AUDITOR).json()
    assert cons["second_root"] == cp["root_hash"]
    check_consistency(5, 11, cons["first_root"], cons["second_root"], cons["proof"])
    entry = client.get("/api/v1/audit/entries/6", headers=AUDITOR).json()
    assert entry["leaf_hash"] == incl["leaf_hash"] and entry["refs"] == {"action": "hold", "request_id": 6}


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("proofs/inclusion?size=3", "index"),
        ("proofs/inclusion?index=x&size=3", "index"),
        ("proofs/inclusion?index=-1&size=3", "index"),
        ("proofs/inclusion?index=3&size=3", "index"),
        ("proofs/inclusion?index=0", "size"),
        ("proofs/inclusion?index=0&size=12", "size"),
        ("proofs/inclusion?index=0&size=0", "size"),
        ("proofs/consistency?first=0&second=3", "first"),
        ("proofs/consistency?first=4&second=3", "first"),
        ("proofs/consistency?first=1&second=12", "second"),
        ("proofs/consistency?first=1", "second"),
        ("entries/11", "index"),
    ],
)
def test_bad_parameters_answer_422_naming_them(client: TestClient, query: str, param: str) -> None:
    response = client.get(f"/api/v1/audit/{query}", headers=AUDITOR)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == param
