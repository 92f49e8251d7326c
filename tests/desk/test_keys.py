"""Issue 8, item 7: keys fail loudly. A key that stored data needs is never silently replaced, a secret open to
other users is refused, a wrong key is refused, and every problem names the file and how to restore it."""

from __future__ import annotations

import secrets
import stat
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sanctuary import keystore
from sanctuary.audit.keys import PRIVATE_KEY_FILE
from sanctuary.audit.ledger import LEDGER_FILE
from sanctuary.desk import documents
from sanctuary.desk.context import DESK_SECRET_FILE, DeskContext
from sanctuary.desk.crypto import AUDIT_HMAC_KEY_FILE, MASTER_KEY_FILE
from sanctuary.desk.hashing import canonical
from sanctuary.desk.models import DeskRequest, User
from sanctuary.settings import Settings
from tests.desk.conftest import Account, detainer_body
from tests.desk.server import cli, env_for

PDF = b"%PDF-1.4 the paper the agents showed"
SECRETS = (MASTER_KEY_FILE, PRIVATE_KEY_FILE, DESK_SECRET_FILE, AUDIT_HMAC_KEY_FILE)
MASTER_PURPOSE = "wraps the key of every uploaded document and of every request's sealed personal fields"


def _with_document_and_checkpoint(ctx: DeskContext, client: TestClient, users: dict[str, Account]) -> None:
    made = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth)
    assert made.status_code == 201
    with ctx.sessions() as session:
        record = session.get(DeskRequest, made.json()["id"])
        clerk = session.scalars(select(User).where(User.username == "clerk")).one()
        assert record is not None
        documents.store(ctx, session, clerk, record, PDF, "warrant.pdf")
        session.commit()
    assert client.get("/audit/checkpoint").status_code == 200  # a checkpoint handed out


def _build(settings: Settings) -> DeskContext:
    return DeskContext.build(settings)


@pytest.fixture
def used(ctx: DeskContext, client: TestClient, users: dict[str, Account]) -> Iterator[Settings]:
    _with_document_and_checkpoint(ctx, client, users)
    yield ctx.settings


def test_fresh_data_dir_gets_every_key_private(settings: Settings) -> None:
    from sanctuary.db.migrate import upgrade

    upgrade(settings)
    _build(settings).close()
    for name in (*SECRETS, LEDGER_FILE):
        path = settings.data_dir / name
        assert path.exists(), name
        if name in SECRETS:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name


def test_deleted_document_key_refuses_to_start_and_is_not_remade(used: Settings) -> None:
    path = used.data_dir / MASTER_KEY_FILE
    path.unlink()
    with pytest.raises(keystore.KeyProblem) as caught:
        _build(used)
    message = str(caught.value)
    assert f"{MASTER_KEY_FILE} ({MASTER_PURPOSE}) is missing at {path}" in message
    assert ("1 encrypted documents (table desk_documents) and 1 requests with sealed personal fields "
            "(table desk_requests) need it") in message
    assert "Restore it from your key backup" in message and "install -m 600" in message
    assert not path.exists()  # no new key was made over the old documents


def test_deleted_signing_key_refuses_to_start_instead_of_breaking_every_checkpoint(used: Settings) -> None:
    (used.data_dir / PRIVATE_KEY_FILE).unlink()
    with pytest.raises(keystore.KeyProblem, match=r"audit-signing-key\.pem .* signed checkpoints"):
        _build(used)
    assert not (used.data_dir / PRIVATE_KEY_FILE).exists()


def test_deleted_ledger_refuses_to_start(used: Settings) -> None:
    (used.data_dir / LEDGER_FILE).unlink()
    with pytest.raises(keystore.KeyProblem, match=r"audit-checkpoints\.jsonl .* signed checkpoints") as caught:
        _build(used)
    assert "sanctuary audit ledger-init" in str(caught.value)


@pytest.mark.parametrize("name", SECRETS)
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_loose_permissions_are_refused_for_every_secret(used: Settings, name: str, mode: int) -> None:
    path = used.data_dir / name
    path.chmod(mode)
    with pytest.raises(keystore.KeyProblem) as caught:
        _build(used)
    assert f"{path} is open to other users (mode {mode:o}); fix it with: chmod 600 {path}" in str(caught.value)


def test_unreadable_or_malformed_key_is_named(used: Settings) -> None:
    (used.data_dir / DESK_SECRET_FILE).write_bytes(b"short")
    with pytest.raises(keystore.KeyProblem, match=r"desk\.secret: .* holds 5 bytes, not a 32-byte key"):
        _build(used)


def test_a_different_key_is_refused(used: Settings) -> None:
    (used.data_dir / MASTER_KEY_FILE).write_bytes(secrets.token_bytes(32))
    with pytest.raises(keystore.KeyProblem, match=r"not the key the stored data was made with \(1 documents"):
        _build(used)
    other = used.data_dir / "other"
    from sanctuary.audit.keys import load_or_create_key_file

    load_or_create_key_file(other / PRIVATE_KEY_FILE)
    (used.data_dir / PRIVATE_KEY_FILE).write_bytes((other / PRIVATE_KEY_FILE).read_bytes())
    with pytest.raises(keystore.KeyProblem, match=r"the latest checkpoint was signed by key"):
        _build(used)


def test_every_problem_is_listed_at_once(used: Settings) -> None:
    (used.data_dir / MASTER_KEY_FILE).unlink()
    (used.data_dir / DESK_SECRET_FILE).chmod(0o644)
    with pytest.raises(keystore.KeyProblem) as caught:
        _build(used)
    assert len(caught.value.problems) == 2


def test_sealed_intake_alone_needs_the_document_key(ctx: DeskContext, client: TestClient,
                                                   users: dict[str, Account]) -> None:
    """No document uploaded: the person reference sealed under the master key still needs it."""
    made = client.post("/api/v1/requests", json=detainer_body(), headers=users["clerk"].auth)
    assert made.status_code == 201
    path = ctx.settings.data_dir / MASTER_KEY_FILE
    path.unlink()
    with pytest.raises(keystore.KeyProblem, match=r"1 requests with sealed personal fields \(table desk_requests\)"):
        _build(ctx.settings)
    assert not path.exists()
    path.write_bytes(secrets.token_bytes(32))
    path.chmod(0o600)
    with pytest.raises(keystore.KeyProblem, match=r"1 requests are sealed by key [0-9a-f]{16}, this one is"):
        _build(ctx.settings)


def test_the_audit_hmac_key_is_in_the_inventory(used: Settings) -> None:
    """Main's keyed audit hashes (audit-hmac.key) fail loudly like the other keys: missing once the log holds
    keyed hashes, or not the key that made them."""
    path = used.data_dir / AUDIT_HMAC_KEY_FILE
    original = path.read_bytes()
    path.unlink()
    with pytest.raises(keystore.KeyProblem) as caught:
        _build(used)
    assert f"{AUDIT_HMAC_KEY_FILE} (keys the hashes of requests" in str(caught.value)
    assert "the keyed hashes in the audit log (up to request 1, table desk_requests) need it" in str(caught.value)
    assert not path.exists()
    keystore.write_new_secret(path, secrets.token_bytes(32))
    with pytest.raises(keystore.KeyProblem, match=r"audit-hmac\.key: .* not the key .* keyed hash of request 1"):
        _build(used)
    path.unlink()
    keystore.write_new_secret(path, original)
    _build(used).close()


def test_a_desk_from_before_keyed_hashes_gets_an_audit_hmac_key(used: Settings) -> None:
    """Rows hashed with plain SHA-256 (desks before keyed hashes) need no key: upgrading makes one."""
    import hashlib

    from sanctuary.db.session import create_db_engine

    engine = create_db_engine(used)
    try:
        with engine.begin() as connection:
            rows = connection.execute(select(DeskRequest.id, DeskRequest.contract_request)).all()
            for request_id, contract in rows:
                connection.execute(DeskRequest.__table__.update().where(DeskRequest.id == request_id)
                                   .values(request_hash=hashlib.sha256(canonical(contract)).hexdigest()))
    finally:
        engine.dispose()
    path = used.data_dir / AUDIT_HMAC_KEY_FILE
    path.unlink()
    _build(used).close()
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_serve_refuses_with_the_reason(used: Settings) -> None:
    (used.data_dir / MASTER_KEY_FILE).unlink()
    env = env_for(used.data_dir, used.database_url)
    done = cli(env, "serve", "--port", "1")
    assert done.returncode == 2
    assert f"{MASTER_KEY_FILE} ({MASTER_PURPOSE}) is missing" in done.stderr


def test_keys_command_lists_what_to_back_up_and_checks_without_creating(used: Settings) -> None:
    env = env_for(used.data_dir, used.database_url)
    listed = cli(env, "keys", "list")
    assert listed.returncode == 0
    for name in (*SECRETS, LEDGER_FILE):
        assert f"{used.data_dir / name}\tpresent" in listed.stdout
    assert cli(env, "keys", "check").stdout.strip() == "keys ok"
    (used.data_dir / MASTER_KEY_FILE).unlink()
    (used.data_dir / DESK_SECRET_FILE).unlink()
    checked = cli(env, "keys", "check")
    assert checked.returncode == 2 and "document-master.key" in checked.stderr and "desk.secret" in checked.stderr
    assert not (used.data_dir / DESK_SECRET_FILE).exists()  # a check never creates
