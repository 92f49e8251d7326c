"""Fixtures for the desk: a migrated database (SQLite, and PostgreSQL for tests marked ``postgres``),
the app, and accounts of every role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sanctuary.db.migrate import upgrade
from sanctuary.desk import accounts
from sanctuary.desk.context import DeskContext
from sanctuary.settings import Settings
from sanctuary.web.app import create_app
from tests.desk import pg

ROLES = ("clerk", "supervisor", "counsel", "auditor", "admin")
PASSWORD = "a long enough passphrase"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Settings]:
    data_dir = tmp_path / "data"
    if backend == "sqlite":
        yield Settings.for_data_dir(data_dir)
        return
    server: pg.Server = request.getfixturevalue("pg_server")
    with pg.fresh_database(server) as url:
        yield Settings.for_data_dir(data_dir, url)


@pytest.fixture
def ctx(settings: Settings) -> Iterator[DeskContext]:
    upgrade(settings)
    desk = DeskContext.build(settings)
    yield desk
    desk.close()


@pytest.fixture
def client(ctx: DeskContext) -> Iterator[TestClient]:
    with TestClient(create_app(ctx.settings, ctx)) as test_client:
        yield test_client


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_account(ctx: DeskContext) -> Callable[..., Account]:
    counter = {"n": 0}

    def make(role: str, username: str | None = None) -> Account:
        counter["n"] += 1
        name = username or f"{role}{counter['n']}"
        with ctx.sessions() as session:
            user = accounts.create_user(ctx, session, name, role, PASSWORD)
            token = accounts.create_token(ctx, session, user)
            session.commit()
            return Account(user.id, name, role, token)

    return make


@pytest.fixture
def users(make_account: Callable[..., Account]) -> dict[str, Account]:
    return {role: make_account(role, role) for role in ROLES}


def detainer_body(jurisdiction: str = "us/ca/san-francisco", **intake: object) -> dict[str, object]:
    return {
        "request": {
            "date": "2026-03-02",
            "agency": {"jurisdiction": jurisdiction, "kind": "jail"},
            "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer"},
            "subject": {"in_custody": True},
        },
        "intake": {
            "channel": "fax",
            "received_at": "2026-03-06T15:00:00+00:00",
            "agents": [{"name": "Officer Quill", "badge": "B-4471"}],
            "agent_agency": "ICE ERO San Francisco",
            "person_ref": "BK-20260306-17",
            **intake,
        },
    }


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the page; returns the CSRF token of the new session."""
    page = client.get("/login")
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    response = client.post("/login", data={"csrf": csrf, "username": username, "password": password},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    home = client.get("/card")
    return str(home.text.split('name="csrf" value="', 1)[1].split('"', 1)[0])
