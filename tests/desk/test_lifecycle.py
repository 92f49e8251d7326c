"""A request's life through the API and the pages, as merged onto the desk's threaded handlers: moves the state
does not allow are 409, final decisions are corrected by superseding, edits re-decide with keyed hashes, the
queue and the printouts follow the state."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from sanctuary.desk.context import DeskContext
from sanctuary.desk.hashing import canonical, fact_hash
from tests.desk.conftest import Account, detainer_body, login


def _entries(ctx: DeskContext) -> list[dict[str, Any]]:
    with ctx.sessions() as session:
        return [{"kind": kind, "refs": json.loads(refs)}
                for kind, refs in session.execute(text("SELECT kind, refs FROM audit_entries ORDER BY idx"))]


def _logged(client: TestClient, users: dict[str, Account], **intake: object) -> int:
    made = client.post("/api/v1/requests", json=detainer_body(**intake), headers=users["clerk"].auth)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_final_decisions_supersede_and_forbidden_moves_are_409(client: TestClient, users: dict[str, Account]) -> None:
    rid = _logged(client, users)
    counsel, supervisor = users["counsel"].auth, users["supervisor"].auth
    against = client.post(f"/api/v1/requests/{rid}/final", headers=supervisor,
                          json={"outcome": "complied", "reason": "agents insisted"})
    assert against.status_code == 403  # complying with a forbidden hold: counsel only
    first = client.post(f"/api/v1/requests/{rid}/final", headers=counsel,
                        json={"outcome": "declined", "reason": "Cal. Gov. Code 7284.6(a)(1)(B)"})
    assert first.status_code == 201 and first.json()["status"] == "decided"
    again = client.post(f"/api/v1/requests/{rid}/final", headers=supervisor,
                        json={"outcome": "no_action_needed", "reason": "overwrite attempt"})
    assert again.status_code == 409 and "correct" in again.json()["allowed_actions"]
    by_supervisor = client.post(f"/api/v1/requests/{rid}/final", headers=supervisor,
                                json={"outcome": "declined", "reason": "typo", "supersedes": first.json()["id"]})
    assert by_supervisor.status_code == 403  # counsel's decision: only counsel corrects it
    corrected = client.post(f"/api/v1/requests/{rid}/final", headers=counsel,
                            json={"outcome": "declined", "reason": "cite 7284.6(a)(1)(A) too",
                                  "supersedes": first.json()["id"]})
    assert corrected.status_code == 201 and corrected.json()["supersedes"] == first.json()["id"]
    detail = client.get(f"/api/v1/requests/{rid}", headers=counsel).json()
    assert [f["id"] for f in detail["final_decisions"]] == [first.json()["id"], corrected.json()["id"]]
    assert detail["final_decision"]["id"] == corrected.json()["id"]
    edit = client.patch(f"/api/v1/requests/{rid}", headers=users["clerk"].auth,
                        json={"request": detainer_body()["request"], "reason": "late correction"})
    assert edit.status_code == 409  # decided: reopen first
    closed = client.post(f"/api/v1/requests/{rid}/close", headers=supervisor, json={"reason": ""})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client.post(f"/api/v1/requests/{rid}/reopen", headers=supervisor, json={"reason": ""}).status_code == 422
    reopened = client.post(f"/api/v1/requests/{rid}/reopen", headers=supervisor, json={"reason": "new paper came"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    history = client.get(f"/api/v1/requests/{rid}", headers=counsel).json()["status_history"]
    assert [h["action"] for h in history] == ["decide", "correct", "close", "reopen"]


def test_an_edit_decides_again_under_keyed_hashes(client: TestClient, users: dict[str, Account],
                                                  ctx: DeskContext) -> None:
    rid = _logged(client, users)
    corrected = detainer_body()["request"]
    corrected["instrument"] = {"type": "judicial_warrant", "signed_by": "federal_judge"}  # type: ignore[index]
    edit = client.patch(f"/api/v1/requests/{rid}", headers=users["clerk"].auth,
                        json={"request": corrected, "reason": "the paper is a judge's warrant"})
    assert edit.status_code == 200, edit.text
    detail = client.get(f"/api/v1/requests/{rid}", headers=users["counsel"].auth).json()
    assert len(detail["revisions"]) == 1 and len(detail["decision_history"]) == 2
    key = (ctx.settings.data_dir / "audit-hmac.key").read_bytes()
    edited = [e for e in _entries(ctx) if e["kind"] == "request.edited"]
    decided = [e for e in _entries(ctx) if e["kind"] == "request.decided"]
    assert len(edited) == 1 and len(decided) == 2
    assert edited[0]["refs"]["request_hash"] == fact_hash(key, "request", rid, canonical(corrected))
    assert decided[-1]["refs"]["decision_hash"] == fact_hash(key, "decision", rid, canonical(edit.json()["decision"]))
    plain = {hashlib.sha256(canonical(corrected)).hexdigest(),
             hashlib.sha256(canonical(edit.json()["decision"])).hexdigest()}
    assert not plain & {v for e in _entries(ctx) for v in e["refs"].values()}
    DeskContext.build(ctx.settings).close()  # the key inventory still finds the HMAC key right


def test_queue_and_pages_follow_the_state(client: TestClient, users: dict[str, Account]) -> None:
    rid = _logged(client, users)
    escalated = client.post(f"/api/v1/requests/{rid}/escalations", headers=users["clerk"].auth,
                            json={"target_role": "counsel", "note": "a hold on a detainer"})
    assert escalated.status_code == 201 and escalated.json()["status"] == "escalated"
    queue = client.get("/api/v1/queue", headers=users["counsel"].auth).json()
    assert [item["id"] for item in queue["queue"]] == [rid]
    assert client.get("/api/v1/queue", headers=users["supervisor"].auth).json()["count"] == 0
    csrf = login(client, "counsel")
    page = client.get("/queue")
    assert page.status_code == 200 and f"/requests/{rid}" in page.text
    refused = client.post(f"/requests/{rid}/final", data={"csrf": csrf, "outcome": "complied", "reason": "short"})
    assert refused.status_code == 422 and "reason" in refused.text  # against the law: a written reason is needed
    done = client.post(f"/requests/{rid}/final", data={"csrf": csrf, "outcome": "declined",
                                                       "reason": "Cal. Gov. Code 7284.6"}, follow_redirects=False)
    assert done.status_code == 303
    shown = client.get(f"/requests/{rid}")
    assert shown.status_code == 200 and "BK-20260306-17" in shown.text  # the sealed person reference, opened
    letter = client.get(f"/requests/{rid}/letter")
    assert letter.status_code == 200 and "BK-20260306-17" in letter.text
    assert client.get(f"/requests/{rid}/edit").status_code == 409  # decided: reopen first
