"""Fixtures for the transparency page: a migrated SQLite desk and requests logged through the API with
intake values (canaries) that must never reach the public page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sanctuary.db.migrate import upgrade
from sanctuary.desk import accounts
from sanctuary.desk.context import DeskContext
from sanctuary.settings import Settings
from sanctuary.web.app import create_app

PASSWORD = "a long enough passphrase"
CANARIES = ("Quillfeather", "BADGE-CANARY-7731", "PERSON-CANARY-0042", "Canary ERO Field Office",
            "canary supervisor 555-0199", "canary purpose text")


@dataclass(frozen=True)
class Desk:
    client: TestClient
    clerk: dict[str, str]
    counsel: dict[str, str]

    def log(self, paper: str, action: str, day: str, final: str | None = None,
            jurisdiction: str = "us/or/salem", at: str = "15:00:00") -> int:
        body = {
            "request": {
                "date": day,
                "agency": {"jurisdiction": jurisdiction, "kind": "jail"},
                "action": action,
                "requester": {"agency": "ice", "purpose": "civil_immigration"},
                "instrument": {"type": paper, "signed_by": "immigration_officer"},
                "subject": {"in_custody": True},
            },
            "intake": {
                "channel": "fax",
                "received_at": f"{day}T{at}+00:00",
                "agents": [{"name": "Agent Quillfeather", "badge": "BADGE-CANARY-7731"}],
                "agent_agency": "Canary ERO Field Office",
                "supervisor_contact": "canary supervisor 555-0199",
                "person_ref": "PERSON-CANARY-0042",
                "stated_purpose": "canary purpose text",
            },
        }
        made = self.client.post("/api/v1/requests", json=body, headers=self.clerk)
        assert made.status_code == 201, made.text
        rid = int(made.json()["id"])
        if final is not None:
            done = self.client.post(f"/api/v1/requests/{rid}/final", headers=self.counsel,
                                    json={"outcome": final, "reason": "test: the legal ground recorded by counsel"})
            assert done.status_code in (200, 201), done.text
        return rid


def make_desk(tmp_path: Path, **settings: object) -> Iterator[Desk]:
    base = Settings.for_data_dir(tmp_path / "data")
    config = replace(base, **settings)  # type: ignore[arg-type]
    upgrade(config)
    ctx = DeskContext.build(config)
    try:
        with TestClient(create_app(config, ctx)) as client:
            tokens = {}
            with ctx.sessions() as session:
                for role in ("clerk", "counsel"):
                    user = accounts.create_user(ctx, session, f"{role}1", role, PASSWORD)
                    tokens[role] = {"Authorization": f"Bearer {accounts.create_token(ctx, session, user)}"}
                session.commit()
            yield Desk(client, tokens["clerk"], tokens["counsel"])
    finally:
        ctx.close()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    yield from make_desk(tmp_path, default_jurisdiction="us/or/salem", timezone="America/Los_Angeles")


@pytest.fixture
def fresh(desk: Desk) -> Callable[[], None]:
    """Forget the cached publication (it is kept for a minute)."""

    def clear() -> None:
        desk.client.app.state.transparency = None  # type: ignore[attr-defined]

    return clear
