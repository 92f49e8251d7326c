"""Issue 8: keyed audit hashes, bounded bodies and fields, dates and ids at the edge, input kept out of logs,
login throttling with growing delays, sealed intake fields, bounded waits (503 + Retry-After)."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from sanctuary.audit.keys import PRIVATE_KEY_FILE
from sanctuary.desk import throttle
from sanctuary.desk.context import DeskContext
from sanctuary.desk.crypto import AUDIT_HMAC_KEY_FILE
from sanctuary.desk.hashing import canonical, fact_hash
from sanctuary.desk.models import DeskRequest, LoginThrottle
from sanctuary.settings import Settings
from sanctuary.web.app import create_app
from sanctuary.web.limits import API_MAX_BYTES
from tests.desk.conftest import PASSWORD, Account, detainer_body, login

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

CANARY = "CANARY-Zq8Hx"


def _entries(ctx: DeskContext) -> list[dict[str, Any]]:
    with ctx.sessions() as session:
        return [{"kind": kind, "refs": json.loads(refs)}
                for kind, refs in session.execute(text("SELECT kind, refs FROM audit_entries ORDER BY idx"))]


def _csrf(html: str) -> str:
    return html.split('name="csrf" value="', 1)[1].split('"', 1)[0]


# --- 2. keyed audit hashes ----------------------------------------------------------------------------------


SUBJECT_GUESSES = [{"in_custody": custody, "final_removal_order": order, "proof_of_lawful_status": lawful}
                   for custody in (True, False) for order in (True, False) for lawful in (True, False)]


def _guesses(request: dict[str, Any]) -> set[str]:
    """What an auditor who knows everything but the person's facts can hash: every combination of the facts,
    in every JSON spelling that the desk or a library might have used, with SHA-256 and SHA-512/256."""
    found = set()
    for subject in SUBJECT_GUESSES:
        guess = dict(request, subject=subject)
        for options in ({"sort_keys": True, "separators": (",", ":")}, {"sort_keys": True}, {},
                        {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}):
            encoded = json.dumps(guess, **options).encode()  # type: ignore[arg-type]
            found.add(hashlib.sha256(encoded).hexdigest())
            found.add(hashlib.sha3_256(encoded).hexdigest())
    return found


def test_an_auditor_cannot_confirm_a_persons_facts_by_hashing_guesses(
        client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    body = detainer_body()
    body["request"]["subject"] = {"in_custody": True, "final_removal_order": True, "proof_of_lawful_status": False}
    logged = client.post("/api/v1/requests", json=body, headers=users["clerk"].auth)
    assert logged.status_code == 201
    decision = logged.json()["decision"]
    size = client.get("/api/v1/audit/checkpoint", headers=users["auditor"].auth).json()["size"]
    read = [client.get(f"/api/v1/audit/entries/{i}", headers=users["auditor"].auth).json() for i in range(size)]
    digests = {v for e in read for k, v in e["refs"].items() if k.endswith("_hash") or k.endswith("sha256")}
    assert {"request_hash", "decision_hash"} <= {k for e in read for k in e["refs"]}
    # The attack: hash every guess of the facts; before issue 8, one of them matched request_hash.
    guesses = _guesses(body["request"]) | {hashlib.sha256(canonical(decision)).hexdigest()}
    assert hashlib.sha256(canonical(body["request"])).hexdigest() in guesses  # the attack finds plain hashes
    assert not digests & guesses
    # The desk, holding the key, recomputes them: the log still proves which request was decided.
    key = (ctx.settings.data_dir / AUDIT_HMAC_KEY_FILE).read_bytes()
    request_id = logged.json()["id"]
    decided = next(e for e in read if e["kind"] == "request.decided")
    assert decided["refs"]["request_hash"] == fact_hash(key, "request", request_id, canonical(body["request"]))
    assert decided["refs"]["decision_hash"] == fact_hash(key, "decision", request_id, canonical(decision))
    with ctx.sessions() as session:
        assert session.get(DeskRequest, request_id).request_hash == decided["refs"]["request_hash"]  # type: ignore[union-attr]


def test_two_requests_with_the_same_facts_do_not_share_a_hash(client: TestClient, users: dict[str, Account],
                                                              ctx: DeskContext) -> None:
    for _ in range(2):
        assert client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).status_code == 201
    hashes = [e["refs"]["request_hash"] for e in _entries(ctx) if e["kind"] == "request.decided"]
    assert len(hashes) == 2 and hashes[0] != hashes[1]


def test_the_hmac_key_is_private_and_verify_does_not_need_it(client: TestClient, ctx: DeskContext,
                                                              users: dict[str, Account]) -> None:
    from sanctuary.audit.keys import load_or_create_signing_key
    from sanctuary.audit.log import AuditLog

    key_file = ctx.settings.data_dir / AUDIT_HMAC_KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600 and len(key_file.read_bytes()) == 32
    assert client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).status_code == 201
    assert (ctx.settings.data_dir / PRIVATE_KEY_FILE).exists()
    key_file.unlink()  # an auditor's copy: the database and the signing key's public half, no HMAC key
    log = AuditLog(load_or_create_signing_key(ctx.settings.data_dir))
    with ctx.sessions() as session:
        log.checkpoint(session)
        session.commit()
        report = log.verify(session)
    assert report.ok, report


# --- 3. bounded bodies and lists ----------------------------------------------------------------------------


def test_an_oversized_api_body_is_refused_before_it_is_read(client: TestClient, users: dict[str, Account],
                                                            ctx: DeskContext) -> None:
    body = detainer_body(stated_purpose="x" * 100)
    blob = json.dumps(body).encode()
    padded = blob[:-1] + b"," + b'"pad":"' + b"y" * API_MAX_BYTES + b'"}'
    response = client.post("/api/v1/requests", content=padded, headers={**users["clerk"].auth,
                                                                        "content-type": "application/json"})
    assert response.status_code == 413 and "larger than 1 MB" in response.json()["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: stopped while streaming
        yield blob[:-1] + b',"pad":"'
        for _ in range(40):
            yield b"y" * 65536
        yield b'"}'

    streamed = client.post("/api/v1/requests", content=chunks(), headers={**users["clerk"].auth,
                                                                          "content-type": "application/json"})
    assert streamed.status_code == 413
    with ctx.sessions() as session:
        assert session.scalar(select(DeskRequest.id)) is None


def test_request_lists_are_capped(client: TestClient, users: dict[str, Account]) -> None:
    body = detainer_body()
    body["request"]["subject"] = {"in_custody": True, "convictions": [{"offense": "x"}] * 101}
    response = client.post("/api/v1/requests", json=body, headers=users["clerk"].auth)
    assert response.status_code == 422
    assert "request.subject.convictions: at most 100 items" in response.json()["message"]
    many_agents = detainer_body(agents=[{"name": "A", "badge": "1"}] * 21)
    assert client.post("/api/v1/requests", json=many_agents, headers=users["clerk"].auth).status_code == 422


def test_an_upload_over_the_limit_is_refused_with_413(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    big = b"%PDF-1.4\n" + b"0" * (16 * 1024 * 1024 + 10)
    response = client.post("/requests/1/documents", data={"csrf": csrf},
                           files={"document": ("big.pdf", big, "application/pdf")})
    assert response.status_code == 413 and "Documents may be up to 15 MB" in response.text


def test_the_page_form_applies_the_apis_limits(client: TestClient, users: dict[str, Account],
                                               ctx: DeskContext) -> None:
    request_id = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
    csrf = login(client, "supervisor")
    response = client.post(f"/requests/{request_id}/final",
                           data={"csrf": csrf, "outcome": "declined", "reason": "x" * 100_000})
    assert response.status_code == 422 and "Check “Reason”: at most 4000 characters" in response.text
    escalated = client.post(f"/requests/{request_id}/escalate",
                            data={"csrf": csrf, "target_role": "counsel", "note": "n" * 2001})
    assert escalated.status_code == 422 and "note" in escalated.text
    with ctx.sessions() as session:
        assert session.execute(text("SELECT count(*) FROM desk_final_decisions")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM desk_escalations")).scalar() == 0


# --- 6. validation errors: 422 pages, no input in any log ---------------------------------------------------


def _page_form(csrf: str, **extra: str) -> dict[str, str]:
    data = {"csrf": csrf, "jurisdiction": "us/ca/san-francisco", "agency_kind": "jail", "channel": "in_person",
            "received_at": "2026-03-06T15:00", "paper": "i247a", "signed_by": "immigration_officer",
            "court": "none", "action": "hold", "requester_agency": "ice", "purpose": "civil_immigration",
            "in_custody": "yes"}
    data.update(extra)
    return data


@pytest.mark.parametrize("field", ["agent_name_1", "person_ref", "stated_purpose", "agent_agency",
                                   "supervisor_contact", "court_name", "jurisdiction"])
def test_over_long_intake_fields_are_a_422_page_and_never_logged(
        field: str, client: TestClient, users: dict[str, Account], ctx: DeskContext,
        caplog: pytest.LogCaptureFixture) -> None:
    csrf = login(client, "clerk")
    value = f"{CANARY} Maria Example, 12 Secret Street " * 3000
    with caplog.at_level(logging.DEBUG):
        response = client.post("/requests/new", data=_page_form(csrf, **{field: value}), follow_redirects=False)
    assert response.status_code == 422
    assert field in response.text and "at most" in response.text
    assert len(response.text) < 100_000  # the paste is not echoed back whole
    assert CANARY not in caplog.text and "Secret Street" not in caplog.text
    with ctx.sessions() as session:
        assert session.scalar(select(DeskRequest.id)) is None


def test_an_unexpected_error_is_logged_without_the_input(client: TestClient, users: dict[str, Account],
                                                         caplog: pytest.LogCaptureFixture,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctuary.desk import cases

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"failed on {args[3] if len(args) > 3 else kwargs}")  # quotes the input

    monkeypatch.setattr(cases, "prepare_request", broken)
    body = detainer_body(person_ref=CANARY)
    with TestClient(client.app, raise_server_exceptions=False) as plain, caplog.at_level(logging.DEBUG):
        response = plain.post("/api/v1/requests", json=body, headers=users["clerk"].auth)
    assert response.status_code == 500
    assert "RuntimeError" in caplog.text and CANARY not in caplog.text and CANARY not in response.text


# --- 9. dates and ids at the edge; pages robust to what is stored ------------------------------------------------


@pytest.mark.parametrize("received_at", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00",
                                         "9999-12-31T00:00:00+00:00"])
def test_out_of_range_dates_are_a_422(received_at: str, client: TestClient, users: dict[str, Account]) -> None:
    response = client.post("/api/v1/requests", json=detainer_body(received_at=received_at),
                           headers=users["clerk"].auth)
    assert response.status_code == 422 and response.json()["field"] == "intake.received_at"
    subpoena = client.post("/api/v1/requests", json=detainer_body(return_date="9999-12-31"),
                           headers=users["clerk"].auth)
    assert subpoena.status_code == 422 and subpoena.json()["field"] == "intake.return_date"
    listed = client.get("/api/v1/requests", params={"since": "0001-01-01"}, headers=users["clerk"].auth)
    assert listed.status_code == 422


def test_out_of_range_dates_on_the_page_form_are_a_422(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    for value in ("0001-01-01T00:00", "9999-12-31T23:59"):
        response = client.post("/requests/new", data=_page_form(csrf, received_at=value), follow_redirects=False)
        assert response.status_code == 422 and "received_at" in response.text


@pytest.mark.parametrize("path", ["/api/v1/requests/{id}", "/requests/{id}", "/requests/{id}/letter",
                                  "/requests/{id}/notice", "/requests/1/documents/{id}"])
def test_ids_beyond_64_bits_are_a_422(path: str, client: TestClient, users: dict[str, Account]) -> None:
    login(client, "supervisor")
    for big in (2**63, 2**64 + 5, 10**30):
        response = client.get(path.format(id=big), headers=users["supervisor"].auth if "/api/" in path else {})
        assert response.status_code == 422, (path, big, response.status_code)


def test_one_stored_odd_date_does_not_break_the_lists(client: TestClient, users: dict[str, Account],
                                                      ctx: DeskContext) -> None:
    for _ in range(2):
        assert client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).status_code == 201
    with ctx.sessions() as session:  # as an older version or another tool could have stored it
        session.execute(update(DeskRequest).where(DeskRequest.id == 1).values(
            received_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC), return_date=datetime(9999, 12, 31).date()))
        session.commit()
    assert client.get("/api/v1/requests", headers=users["supervisor"].auth).status_code == 200
    assert client.get("/api/v1/requests/1", headers=users["supervisor"].auth).status_code == 200
    login(client, "supervisor")
    for page in ("/", "/requests/1", "/requests/2", "/requests/1/letter", "/requests/1/notice"):
        assert client.get(page).status_code == 200, page


# --- 5. login throttling ------------------------------------------------------------------------------------


def _attempt(http: TestClient, username: str, password: str, **headers: str) -> Any:
    csrf = _csrf(http.get("/login").text)
    return http.post("/login", data={"csrf": csrf, "username": username, "password": password},
                     headers=headers, follow_redirects=False)


def test_an_attackers_failures_do_not_lock_out_the_real_user(ctx: DeskContext, users: dict[str, Account]) -> None:
    app = create_app(ctx.settings, ctx)
    with TestClient(app, client=("198.51.100.7", 1000)) as real, \
            TestClient(app, client=("203.0.113.9", 2000)) as attacker:
        assert _attempt(real, "clerk", PASSWORD).status_code == 303  # the clerk's own browser, known from now on
        before = len(_entries(ctx))
        codes = []
        for _ in range(12):
            response = _attempt(attacker, "clerk", "wrong password")
            codes.append(response.status_code)
            if response.status_code == 429:
                assert int(response.headers["retry-after"]) >= 1 and "Wait" in response.text
        assert codes[:4] == [401] * 4 and 429 in codes  # growing delays, not answered 401 forever
        assert _attempt(attacker, "clerk", PASSWORD).status_code == 429  # the attacker's side stays slowed
        assert len(_entries(ctx)) == before  # nothing appended per attempt
        assert _attempt(real, "clerk", PASSWORD).status_code == 303  # the real user is not locked out
    reported = [e for e in _entries(ctx)[before:] if e["kind"].startswith("login.")]
    assert {e["kind"] for e in reported} == {"login.failed", "login.throttled"}
    failed = next(e for e in reported if e["kind"] == "login.failed")
    assert failed["refs"] == {"user_id": users["clerk"].id, "count": codes.count(401)}
    throttled = next(e for e in reported if e["kind"] == "login.throttled")
    assert throttled["refs"]["count"] == codes.count(429) + 1


def test_the_delay_grows_and_then_lets_the_right_password_in(ctx: DeskContext, users: dict[str, Account],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert [throttle.delay_seconds("pair", n) for n in range(1, 9)] == [0, 0, 0, 1, 2, 4, 8, 16]
    assert throttle.delay_seconds("pair", 60) == 900 and throttle.delay_seconds("user", 60) == 300
    with TestClient(create_app(ctx.settings, ctx)) as http:
        for _ in range(4):
            assert _attempt(http, "counsel", "wrong password").status_code == 401
        assert _attempt(http, "counsel", PASSWORD).status_code == 429
        with ctx.sessions() as session:  # the delay passes (as if a second went by)
            session.execute(update(LoginThrottle).values(next_allowed_at=datetime.now(UTC) - timedelta(seconds=1)))
            session.commit()
        assert _attempt(http, "counsel", PASSWORD).status_code == 303


def test_unknown_usernames_leave_nothing_in_the_log_and_old_rows_are_purged(
        client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    before = len(_entries(ctx))
    for i in range(30):
        assert _attempt(client, f"nobody{i}", "wrong password").status_code in (401, 429)
    assert len(_entries(ctx)) == before
    with ctx.sessions() as session:
        rows = list(session.scalars(select(LoginThrottle)))
        assert rows and all(len(r.key_hash) == 64 and r.user_id is None for r in rows)
        dump = " ".join(str(v) for r in rows for v in vars(r).values())
        assert "nobody" not in dump and "testclient" not in dump
        long_ago = datetime.now(UTC) - timedelta(days=1)
        session.execute(update(LoginThrottle).values(last_seen=long_ago, next_allowed_at=None))
        session.commit()
    assert _attempt(client, "clerk", PASSWORD).status_code == 303  # any later attempt purges
    with ctx.sessions() as session:
        assert session.scalar(select(LoginThrottle.key_hash)) is None


def test_forwarded_headers_count_only_from_a_trusted_proxy(ctx: DeskContext, users: dict[str, Account]) -> None:
    # Without a trusted proxy, rotating X-Forwarded-For does not escape the throttle.
    with TestClient(create_app(ctx.settings, ctx), client=("198.51.100.7", 1)) as direct:
        codes = [_attempt(direct, "supervisor", "wrong password", **{"X-Forwarded-For": f"192.0.2.{i}"}).status_code
                 for i in range(8)]
        assert 429 in codes
    # Behind a configured proxy, each client is counted on its own: another client is not slowed.
    settings = Settings(**{**vars(ctx.settings), "trusted_proxies": ("10.0.0.0/8",)})
    behind = DeskContext(**{**vars(ctx), "settings": settings})
    with TestClient(create_app(settings, behind), client=("10.1.2.3", 1)) as proxy:
        codes = [_attempt(proxy, "auditor", "wrong password", **{"X-Forwarded-For": "192.0.2.50"}).status_code
                 for _ in range(6)]
        assert 429 in codes
        fresh = _attempt(proxy, "auditor", "wrong password", **{"X-Forwarded-For": "192.0.2.51"})
        assert fresh.status_code == 401  # a different client behind the proxy: its own counter
        # The client cannot pick its address: a forged left-most hop is ignored (the proxy appended the real one).
        forged = _attempt(proxy, "auditor", "wrong password", **{"X-Forwarded-For": "192.0.2.99, 192.0.2.50"})
        assert forged.status_code == 429


# --- 11. the intake's personal fields are sealed -------------------------------------------------------------


def test_the_person_reference_and_free_text_are_encrypted_at_rest(
        client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    body = detainer_body(person_ref=f"{CANARY}-BK", stated_purpose=f"pick up {CANARY}-NAME at release")
    request_id = client.post("/api/v1/requests", json=body, headers=users["clerk"].auth).json()["id"]
    with ctx.sessions() as session:
        row = session.execute(text("SELECT * FROM desk_requests WHERE id = :id"), {"id": request_id}).one()
    assert CANARY.encode() not in repr(tuple(row)).encode()
    raw = (ctx.settings.data_dir / "sanctuary.db").read_bytes()
    wal = ctx.settings.data_dir / "sanctuary.db-wal"
    assert CANARY.encode() not in raw + (wal.read_bytes() if wal.exists() else b"")
    shown = client.get(f"/api/v1/requests/{request_id}", headers=users["supervisor"].auth).json()["intake"]
    assert shown["person_ref"] == f"{CANARY}-BK" and shown["stated_purpose"] == f"pick up {CANARY}-NAME at release"
    assert shown["agent_agency"] == "ICE ERO San Francisco"  # agents' details are not the subject's: in clear
    login(client, "supervisor")
    assert f"{CANARY}-BK" in client.get(f"/requests/{request_id}").text
    assert f"{CANARY}-BK" in client.get(f"/requests/{request_id}/letter").text
    with ctx.sessions() as session:  # a sealed value moved to another row does not open there
        other = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
        sealed = session.get(DeskRequest, request_id)
        assert sealed is not None
        session.execute(update(DeskRequest).where(DeskRequest.id == other).values(
            sealed_intake=sealed.sealed_intake, sealed_key=sealed.sealed_key))
        session.commit()
    with TestClient(client.app, raise_server_exceptions=False) as plain:
        plain.cookies.update(client.cookies)
        assert plain.get(f"/api/v1/requests/{other}", headers=users["supervisor"].auth).status_code == 500


# --- 1. every wait bounded ----------------------------------------------------------------------------------


def test_a_held_write_slot_gives_503_with_retry_after_and_healthz_still_answers(
        settings: Settings, monkeypatch: pytest.MonkeyPatch, make_ctx: Any) -> None:
    from sanctuary.db import session as db_session

    monkeypatch.setattr(db_session, "WRITE_SLOT_TIMEOUT", 0.5)
    ctx = make_ctx(settings)
    from tests.desk.conftest import ROLES

    made: dict[str, str] = {}
    from sanctuary.desk import accounts
    with ctx.sessions() as session:
        for role in ROLES:
            user = accounts.create_user(ctx, session, role, role, PASSWORD)
            made[role] = accounts.create_token(ctx, session, user)
        session.commit()
    auth = {"Authorization": f"Bearer {made['clerk']}"}
    with TestClient(create_app(ctx.settings, ctx)) as http:
        request_id = http.post("/api/v1/requests", json=detainer_body(), headers=auth).json()["id"]
        holder = ctx.sessions()
        holder.connection()  # BEGIN IMMEDIATE: this thread holds the write slot
        try:
            started = time.monotonic()
            busy = http.post(f"/api/v1/requests/{request_id}/escalations", headers=auth,
                             json={"target_role": "supervisor", "note": ""})
            assert busy.status_code == 503 and busy.headers["retry-after"] == "2"
            assert time.monotonic() - started < 5
            posted = http.post("/api/v1/requests", json=detainer_body(), headers=auth)
            assert posted.status_code == 503 and "retry-after" in posted.headers
            assert http.get("/healthz").status_code == 200  # reads never wait for the slot
            assert http.get("/api/v1/requests", headers=auth).status_code == 200
        finally:
            holder.rollback()
            holder.close()
        assert http.post(f"/api/v1/requests/{request_id}/escalations", headers=auth,
                         json={"target_role": "supervisor", "note": ""}).status_code == 201


@pytest.fixture
def make_ctx() -> Iterator[Any]:
    from sanctuary.db.migrate import upgrade

    made: list[DeskContext] = []

    def make(settings: Settings) -> DeskContext:
        upgrade(settings)
        made.append(DeskContext.build(settings))
        return made[-1]

    yield make
    for ctx in made:
        ctx.close()


def test_concurrent_writes_from_threads_stay_correct(client: TestClient, users: dict[str, Account]) -> None:
    """Page posts and API posts at once, from threads (the handlers' transactions end inside them)."""
    request_id = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
    codes: list[int] = []

    def escalate() -> None:
        for _ in range(5):
            codes.append(client.post(f"/api/v1/requests/{request_id}/escalations", headers=users["clerk"].auth,
                                     json={"target_role": "counsel", "note": "n"}).status_code)

    threads = [threading.Thread(target=escalate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert codes == [201] * 20


def test_rows_from_before_sealing_are_sealed_and_still_read(ctx: DeskContext, client: TestClient,
                                                            users: dict[str, Account]) -> None:
    from sanctuary.desk import intake_seal

    request_id = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth).json()["id"]
    with ctx.sessions() as session:  # as a row written before migration 0003
        session.execute(update(DeskRequest).where(DeskRequest.id == request_id).values(
            person_ref=f"{CANARY}-OLD", stated_purpose="old text", sealed_intake=None, sealed_key=None,
            sealed_key_id=None))
        session.commit()
    old = client.get(f"/api/v1/requests/{request_id}", headers=users["supervisor"].auth).json()["intake"]
    assert old["person_ref"] == f"{CANARY}-OLD"  # read from the plain column until sealed
    assert intake_seal.seal_legacy(ctx.sessions, ctx.cipher) == 1
    assert intake_seal.seal_legacy(ctx.sessions, ctx.cipher) == 0  # idempotent
    with ctx.sessions() as session:
        row = session.execute(text("SELECT * FROM desk_requests WHERE id = :id"), {"id": request_id}).one()
    assert CANARY not in repr(tuple(row))
    now = client.get(f"/api/v1/requests/{request_id}", headers=users["supervisor"].auth).json()["intake"]
    assert now["person_ref"] == f"{CANARY}-OLD" and now["stated_purpose"] == "old text"
