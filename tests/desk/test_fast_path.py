"""POST /api/v1/requests answered by sanctuary.web.fast_path: the same answers as the route, and everything it
cannot answer for certain passed on to the route."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from sanctuary.desk.context import DeskContext
from sanctuary.web.fast_path import FastCreate, _decode
from tests.desk.conftest import Account, detainer_body


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per call that reached the fast path's body check: True when it went on to write."""
    seen: list[bool] = []
    real = FastCreate._prepare

    def spy(*args: Any) -> Any:
        prepared = real(*args)
        seen.append(prepared is not None)
        return prepared

    monkeypatch.setattr(FastCreate, "_prepare", staticmethod(spy))
    return seen


def _audit_kinds(ctx: DeskContext) -> list[str]:
    with ctx.sessions() as session:
        return [str(k) for k in session.execute(text("SELECT kind FROM audit_entries ORDER BY idx")).scalars()]


def test_the_fast_path_answers_as_the_route_does(client: TestClient, ctx: DeskContext,
                                                 users: dict[str, Account], taken: list[bool]) -> None:
    auth = users["clerk"].auth
    by_route = client.post("/api/v1/requests", json=detainer_body(), headers=auth)  # the token is not cached yet
    assert taken == []
    by_fast = client.post("/api/v1/requests", json=detainer_body(), headers=auth)
    assert taken == [True]
    assert by_route.status_code == by_fast.status_code == 201
    first, second = by_route.json(), by_fast.json()
    assert second["id"] == first["id"] + 1
    assert {k: v for k, v in second.items() if k not in ("id", "links")} == \
        {k: v for k, v in first.items() if k not in ("id", "links")}
    assert second["links"] == {"self": f"/api/v1/requests/{second['id']}", "page": f"/requests/{second['id']}"}
    assert list(by_fast.headers.items()) == [
        (k, by_fast.headers[k] if k == "content-length" else v) for k, v in by_route.headers.items()]
    assert _audit_kinds(ctx)[-3:] == ["request.logged", "request.classified", "request.decided"]
    stored = client.get(f"/api/v1/requests/{second['id']}", headers=auth).json()
    assert stored["decision"] == second["decision"] and stored["intake"]["person_ref"] == "BK-20260306-17"


def test_what_the_route_refuses_is_passed_on_and_refused_as_before(
        client: TestClient, ctx: DeskContext, users: dict[str, Account], taken: list[bool]) -> None:
    auth = users["clerk"].auth
    assert client.post("/api/v1/requests", json=detainer_body(), headers=auth).status_code == 201  # caches
    bad = detainer_body()
    bad["intake"]["channel"] = "pigeon"  # type: ignore[index]
    refused = client.post("/api/v1/requests", json=bad, headers=auth)
    assert refused.status_code == 422 and refused.json()["field"] == "intake.channel"
    not_json = client.post("/api/v1/requests", content=b"{\"request\":", headers={**auth,
                                                                              "Content-Type": "application/json"})
    assert not_json.status_code == 422 and not_json.json()["field"] == "body"
    no_tz = detainer_body(received_at="2026-03-01T09:30:00")
    naive = client.post("/api/v1/requests", json=no_tz, headers=auth)
    assert naive.status_code == 422 and naive.json()["field"] == "intake.received_at"
    as_text = client.post("/api/v1/requests", content=b"{}", headers={**auth, "Content-Type": "text/plain"})
    assert as_text.status_code == 422
    assert taken == [False, False, False]  # these three reached the check; the last went straight on (its type)
    auditor = client.post("/api/v1/requests", json=detainer_body(), headers=users["auditor"].auth)
    assert auditor.status_code == 403  # once cached, still refused: the role is checked by the route
    assert client.post("/api/v1/requests", json=detainer_body(), headers=users["auditor"].auth).status_code == 403
    assert client.post("/api/v1/requests", json=detainer_body(),
                       headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_an_error_after_the_write_is_submitted_is_answered_by_the_apps_handler(
        client: TestClient, ctx: DeskContext, users: dict[str, Account], taken: list[bool]) -> None:
    auth = users["clerk"].auth
    assert client.post("/api/v1/requests", json=detainer_body(), headers=auth).status_code == 201
    before = _audit_kinds(ctx)
    unknown = client.post("/api/v1/requests", json=detainer_body(assignee="nobody.here"), headers=auth)
    assert taken == [True]  # decided on the fast path; the assignee is checked in the write's transaction
    assert unknown.status_code == 422 and unknown.json()["field"] == "intake.assignee"
    assert _audit_kinds(ctx) == before  # rolled back: nothing logged
    assignee = client.post("/api/v1/requests", json=detainer_body(assignee=users["supervisor"].username),
                           headers=auth)
    assert assignee.status_code == 201 and _audit_kinds(ctx)[-1] == "request.assigned"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


@given(_JSON_VALUES)
def test_fast_path_decodes_as_json_does(value: Any) -> None:
    """What the fast path's msgspec parse accepts, it reads as the route's ``json.loads`` does; what it refuses
    (here: a lone surrogate) makes the fast path step aside (sanctuary.web.fast_path._decode)."""
    raw = json.dumps(value).encode()
    try:
        parsed = _decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return
    assert parsed == json.loads(raw)
    assert json.dumps(parsed) == json.dumps(json.loads(raw))  # types too (an int stays an int, -0.0 stays -0.0)


def test_a_body_only_json_reads_goes_to_the_route(client: TestClient, users: dict[str, Account],
                                                  taken: list[bool]) -> None:
    """NaN, a number past the float range and a lone surrogate: msgspec refuses them, so the route answers
    (and its json parse and validation refuse or take them exactly as before)."""
    auth = {**users["clerk"].auth, "Content-Type": "application/json"}
    assert client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).status_code == 201
    body = json.dumps(detainer_body())
    for odd in ('"exigent": NaN, ', '"exigent": 1e400, ', '"note": "\\ud800", '):
        sent = body.replace('"request": {', '"request": {' + odd, 1)
        assert sent != body
        with pytest.raises((msgspec.DecodeError, msgspec.ValidationError)):
            _decode(sent.encode())
        answer = client.post("/api/v1/requests", content=sent.encode(), headers=auth)
        assert answer.status_code == 422, (odd, answer.status_code)
    assert taken == [False, False, False]  # each reached the fast path's check and was passed on


_PER_RESPONSE = {"content-length", "date"}


def test_the_fast_paths_answer_carries_the_security_headers(client: TestClient, users: dict[str, Account],
                                                            taken: list[bool]) -> None:
    """The fast path runs before the middleware, so it adds what SecurityHeaders adds: the same headers as the
    route's 201 (HSTS too, over https)."""
    auth = users["clerk"].auth
    by_route = client.post("/api/v1/requests", json=detainer_body(), headers=auth)
    fast = client.post("/api/v1/requests", json=detainer_body(), headers=auth)
    assert taken == [True] and by_route.status_code == fast.status_code == 201
    assert {k: v for k, v in fast.headers.items() if k not in _PER_RESPONSE} == \
        {k: v for k, v in by_route.headers.items() if k not in _PER_RESPONSE}
    assert fast.headers["cache-control"] == "no-store" and fast.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" in fast.headers and "strict-transport-security" not in fast.headers
    secure = client.post("https://testserver/api/v1/requests", json=detainer_body(), headers=auth)
    assert taken == [True, True] and secure.status_code == 201
    assert secure.headers["strict-transport-security"].startswith("max-age=31536000")


def test_a_body_over_the_limit_is_refused_as_before(client: TestClient, users: dict[str, Account],
                                                    taken: list[bool]) -> None:
    """Declared or streamed, a body over the API's 1 MB limit is passed on and refused with the body limit's
    413; nothing is decided or written."""
    from sanctuary.web.limits import API_MAX_BYTES

    auth = {**users["clerk"].auth, "Content-Type": "application/json"}
    assert client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).status_code == 201
    padded = json.dumps({**detainer_body(), "padding": "x" * API_MAX_BYTES}).encode()
    declared = client.post("/api/v1/requests", content=padded, headers=auth)
    assert declared.status_code == 413 and declared.json()["error"] == "body_too_large"

    def chunks() -> Any:
        for start in range(0, len(padded), 64 * 1024):
            yield padded[start:start + 64 * 1024]

    streamed = client.post("/api/v1/requests", content=chunks(), headers=auth)
    assert streamed.status_code == 413
    assert taken == []  # neither reached the decision


def test_an_unhandled_error_is_a_plain_500_logged_without_its_message(
        client: TestClient, users: dict[str, Account], taken: list[bool], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from sanctuary.web import api

    auth = users["clerk"].auth
    assert client.post("/api/v1/requests", json=detainer_body(), headers=auth).status_code == 201

    async def broken(*_: Any) -> Any:
        raise RuntimeError("Maria Lopez, 12 Elm St")

    monkeypatch.setattr(api, "log_prepared", broken)
    with caplog.at_level("ERROR", logger="sanctuary.web"):
        answer = client.post("/api/v1/requests", json=detainer_body(), headers=auth)
    assert taken == [True]
    assert answer.status_code == 500 and answer.text.startswith("Internal error")
    assert "RuntimeError" in caplog.text and "Maria" not in caplog.text and "Elm" not in answer.text


def test_the_created_body_splices_the_decisions_canonical_json() -> None:
    from sanctuary.desk.hashing import canonical
    from sanctuary.web.fast_path import created_body

    decision = {"outcome": "forbidden", "basis": [{"rule": "r", "citation": "§ 1 — «x»"}], "ruleset": "ab"}
    content = {"id": 7, "status": "open", "decision": decision, "links": {"self": "/api/v1/requests/7"}}
    body = created_body(content, canonical(decision))
    assert json.loads(body) == content and msgspec.json.decode(body) == content
    assert json.loads(created_body({"decision": decision}, canonical(decision))) == {"decision": decision}
    assert created_body({"id": 1}, b"{}") == b'{"id":1}'


@pytest.mark.parametrize("handled", [True, False], ids=["handled-503", "unhandled-500"])
def test_an_error_after_the_write_is_submitted_leaves_nothing_of_the_request_alive(
        handled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The prepared request (the person's fields in clear) is freed as soon as the error is answered, not kept by a
    reference cycle (exception, traceback, frame) until the cyclic garbage collector happens to run."""
    import asyncio
    import gc
    import weakref
    from types import SimpleNamespace

    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response

    from sanctuary.web import api

    async def failing(*_: Any) -> Any:
        raise TimeoutError("not committed in time")

    async def busy(request: Request, exc: Exception) -> Response:
        return JSONResponse(status_code=503, content={"error": "busy"})

    class Prepared:  # stands in for cases.Prepared (weakly referenceable); only its decision bytes are read
        decision_bytes = b"{}"

    monkeypatch.setattr(api, "log_prepared", failing)
    fast = FastCreate(app=None, desk_app=SimpleNamespace(exception_handlers={TimeoutError: busy} if handled else {}))  # type: ignore[arg-type]
    ctx = SimpleNamespace(settings=SimpleNamespace(trusted_proxies=()))
    scope = {"type": "http", "path": "/api/v1/requests", "method": "POST", "headers": [], "scheme": "http"}
    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    async def answer() -> weakref.ref[Prepared]:
        prepared = Prepared()
        alive = weakref.ref(prepared)
        await fast._write(ctx, prepared, scope, receive, send)  # type: ignore[arg-type]
        return alive

    gc.disable()
    try:
        alive = asyncio.run(answer())
        assert alive() is None
    finally:
        gc.enable()
    assert sent[0]["status"] == (503 if handled else 500)
