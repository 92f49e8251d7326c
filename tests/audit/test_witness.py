"""Issue 8, item 8: outside accountability. A public checkpoint, a witness that co-signs only a log that grew
consistently, a ledger of handed-out checkpoints that the database cannot shrink, and a signer that can live on
another host."""

from __future__ import annotations

import json
import shlex
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanctuary.audit.keys import load_or_create_key_file, load_public_key
from sanctuary.audit.witness import WitnessError, open_checkpoint, verify_cosignature, witness
from sanctuary.db.migrate import upgrade
from sanctuary.desk.context import DeskContext
from sanctuary.settings import Settings
from sanctuary.web.app import create_app
from tests.audit.test_tamper import _cli, _rebuild_tree, attacker

URL = "http://desk.test/audit/checkpoint"
CLI = [sys.executable, "-c", "from sanctuary.cli import main; main()"]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[DeskContext, TestClient]]:
    settings = Settings.for_data_dir(tmp_path / "desk")
    upgrade(settings)
    ctx = DeskContext.build(settings)
    with TestClient(create_app(settings, ctx)) as client:
        yield ctx, client
    ctx.close()


def _grow(ctx: DeskContext, n: int) -> None:
    with ctx.sessions() as session:
        for i in range(n):
            ctx.audit.append(session, "request.viewed", {"request_id": i, "user_id": 1})
        session.commit()


def _fetcher(client: TestClient):  # type: ignore[no-untyped-def]
    def fetch(url: str) -> bytes:
        response = client.get(url.removeprefix("http://desk.test"))
        assert response.status_code == 200, response.text
        return response.content

    return fetch


def _forget_checkpoints(ctx: DeskContext) -> None:
    """The attacker deletes the checkpoints, so the desk signs a fresh one over whatever the log now holds."""
    with attacker(Path(ctx.settings.data_dir / "sanctuary.db")) as conn:
        conn.execute("DELETE FROM audit_checkpoints")


def test_public_checkpoint_needs_no_sign_in_and_is_a_signed_note(desk: tuple[DeskContext, TestClient]) -> None:
    ctx, client = desk
    _grow(ctx, 5)
    response = client.get("/audit/checkpoint")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    body = open_checkpoint(response.text, load_public_key(ctx.settings.public_key_path))
    assert body.size == 5 and body.origin == "sanctuary/audit-log"
    ledger = (ctx.settings.ledger_path).read_text().splitlines()
    assert len(ledger) == 1 and json.loads(ledger[0])["size"] == 5
    assert client.get("/audit/checkpoint").text == response.text  # the same one again, not re-signed
    assert len(ctx.settings.ledger_path.read_text().splitlines()) == 1
    assert client.get("/audit/public-key").json()["key_id"] == ctx.audit.key_id  # type: ignore[attr-defined]
    assert client.get("/audit/proofs/consistency?first=9&second=3").status_code == 422
    assert client.get("/api/v1/audit/entries/0").status_code == 401  # the entries stay behind sign-in


def test_witness_cosigns_a_consistent_log_and_refuses_a_rewritten_or_shrunk_one(
    desk: tuple[DeskContext, TestClient], tmp_path: Path
) -> None:
    ctx, client = desk
    fetch = _fetcher(client)
    key = Ed25519PrivateKey.generate()
    state = tmp_path / "witness" / "state.json"
    log_key = load_public_key(ctx.settings.public_key_path)
    _grow(ctx, 7)
    with pytest.raises(WitnessError, match="--log-key"):
        witness(URL, state, key, "witness.example", None, fetch=fetch)
    first = witness(URL, state, key, "witness.example", log_key, fetch=fetch)
    assert first.size == 7 and verify_cosignature(first.cosigned_note, "witness.example", key.public_key())
    assert verify_cosignature(first.cosigned_note, "other.example", key.public_key()) is None
    _grow(ctx, 6)
    _forget_checkpoints(ctx)  # force a fresh checkpoint now rather than after a minute
    second = witness(URL, state, key, "witness.example", fetch=fetch)  # the key is remembered in the state
    assert (second.previous_size, second.size) == (7, 13)
    saved = state.read_text()

    # Rewrite entry 3, recompute every hash, re-sign: consistent inside, but not with what the witness saw.
    with attacker(ctx.settings.data_dir / "sanctuary.db") as conn:
        conn.execute("""UPDATE audit_entries SET refs = '{"request_id":99,"user_id":1}' WHERE idx = 3""")
        _rebuild_tree(conn)
        conn.execute("DELETE FROM audit_checkpoints")
    _grow(ctx, 2)
    with pytest.raises(WitnessError, match="not consistent with the one of size 13"):
        witness(URL, state, key, "witness.example", fetch=fetch)
    assert state.read_text() == saved  # the witness keeps the evidence

    # Cut the log back and re-sign.
    with attacker(ctx.settings.data_dir / "sanctuary.db") as conn:
        conn.execute("DELETE FROM audit_entries WHERE idx >= 10")
        _rebuild_tree(conn)
        conn.execute("DELETE FROM audit_checkpoints")
    with pytest.raises(WitnessError, match="the log shrank: it now signs 10 entries, this witness saw 13"):
        witness(URL, state, key, "witness.example", fetch=fetch)

    # The witness's note, handed to `audit verify`, catches it too; so does the desk's own ledger.
    note = tmp_path / "witnessed.note"
    note.write_text(json.loads(saved)["note"])
    args = ["audit", "verify", "--data-dir", str(ctx.settings.data_dir)]
    out = CliRunner().invoke(_cli(), [*args, "--checkpoint", str(note)])
    assert out.exit_code == 1 and "external checkpoint 1 signed 13 entries; only 10 remain" in out.output
    assert "the checkpoint history shrank" in out.output


def test_deleting_every_checkpoint_no_longer_verifies_ok(desk: tuple[DeskContext, TestClient]) -> None:
    ctx, client = desk
    _grow(ctx, 4)
    assert client.get("/audit/checkpoint").status_code == 200
    runner = CliRunner()
    args = ["audit", "verify", "--data-dir", str(ctx.settings.data_dir)]
    ok = runner.invoke(_cli(), args)
    assert ok.exit_code == 0, ok.output
    _forget_checkpoints(ctx)
    bad = runner.invoke(_cli(), args)
    assert bad.exit_code == 1
    assert "checkpoint of size 4" in bad.output and "the checkpoint history shrank" in bad.output
    assert "the ledger records 1 handed-out checkpoints; the database holds 0" in bad.output


def test_signing_key_off_the_database_host_through_a_sign_command(tmp_path: Path) -> None:
    keyhost = tmp_path / "keyhost"
    private = keyhost / "audit.pem"
    load_or_create_key_file(private)
    command = shlex.join([*CLI, "audit", "sign", "--key", str(private), "--state", str(keyhost / "signed.json")])
    settings = Settings.for_data_dir(tmp_path / "desk")
    settings = Settings(**{**settings.__dict__, "audit_sign_command": command,
                           "audit_public_key": keyhost / "audit.pub"})
    upgrade(settings)
    ctx = DeskContext.build(settings)
    try:
        assert not settings.signing_key_path.exists()  # no private key on the database host
        _grow(ctx, 3)
        with TestClient(create_app(settings, ctx)) as client:
            note = client.get("/audit/checkpoint").text
        assert open_checkpoint(note, load_public_key(keyhost / "audit.pub")).size == 3
    finally:
        ctx.close()
    # The signing host refuses to sign a smaller tree than the last one it signed.
    older = note.split("\n\n")[0].replace("\n3\n", "\n2\n", 1) + "\n"
    refused = subprocess.run([*shlex.split(command)], input=older.encode(), capture_output=True, check=False)
    assert refused.returncode == 1 and b"does not extend the last signed size 3" in refused.stderr


def test_checkpoint_page_survives_sqlite_untouched(desk: tuple[DeskContext, TestClient]) -> None:
    """The public endpoint on an empty log: size 0, signed, nothing else."""
    ctx, client = desk
    response = client.get("/audit/checkpoint")
    assert open_checkpoint(response.text, load_public_key(ctx.settings.public_key_path)).size == 0
    assert sqlite3.connect(ctx.settings.data_dir / "sanctuary.db").execute(
        "SELECT count(*) FROM audit_entries").fetchone() == (0,)


@pytest.mark.slow
def test_witness_command_against_a_served_desk(tmp_path: Path) -> None:
    from tests.desk.server import cli, create_account, env_for, free_port, served

    env = env_for(tmp_path / "desk")
    create_account(env, "clerk1", "clerk", "a long enough passphrase 1")
    port = free_port()
    witness_dir = tmp_path / "witness"
    args = ["audit", "witness", f"http://127.0.0.1:{port}/audit/checkpoint", "--state", str(witness_dir / "state.json"),
            "--key", str(witness_dir / "witness.pem"), "--name", "witness.example",
            "--history", str(tmp_path / "history.jsonl")]
    with served(env, port):
        first = cli(env, *args, "--log-key", str(tmp_path / "desk" / "audit-signing-key.pub"))
        assert first.returncode == 0, first.stderr
        again = cli(env, *args)
        assert again.returncode == 0, again.stderr
    assert first.stdout.count("\u2014 witness.example ") == 1
    public = load_public_key(witness_dir / "witness.pub")
    assert verify_cosignature(again.stdout, "witness.example", public) is not None
    assert len((tmp_path / "history.jsonl").read_text().splitlines()) == 2


def test_verify_fails_when_the_servers_ledger_is_deleted(desk: tuple[DeskContext, TestClient]) -> None:
    ctx, client = desk
    _grow(ctx, 3)
    assert client.get("/audit/checkpoint").status_code == 200
    ctx.settings.ledger_path.unlink()
    out = CliRunner().invoke(_cli(), ["audit", "verify", "--data-dir", str(ctx.settings.data_dir)])
    assert out.exit_code == 1 and "the ledger of handed-out checkpoints" in out.output and "is missing" in out.output
