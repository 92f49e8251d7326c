"""Issue 8, item 13: ``sanctuary db backup`` / ``restore``: keys stay out of the backup, and a backup whose
audit log disagrees with checkpoints already handed out is refused (the database is left as it was)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from sanctuary.db.cli import register as register_db
from sanctuary.db.migrate import upgrade
from sanctuary.desk.context import DeskContext
from sanctuary.settings import Settings
from sanctuary.web.app import create_app
from tests.audit.test_tamper import _rebuild_tree, attacker
from tests.desk import pg


def _cli() -> typer.Typer:
    from sanctuary.audit.cli import register as register_audit

    app = typer.Typer()
    register_db(app)
    register_audit(app)
    return app


def run(settings: Settings, *args: str) -> Result:
    env = {"SANCTUARY_DATA_DIR": str(settings.data_dir), "SANCTUARY_DATABASE_URL": settings.database_url}
    return CliRunner().invoke(_cli(), list(args), env=env)


class Desk:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        upgrade(settings)
        self.ctx = DeskContext.build(settings)
        self.client = TestClient(create_app(settings, self.ctx))

    def grow(self, n: int) -> None:
        with self.ctx.sessions() as session:
            for i in range(n):
                self.ctx.audit.append(session, "request.viewed", {"request_id": i, "user_id": 1})
            session.commit()

    def hand_out(self) -> str:
        with self.ctx.sessions() as session:
            return str(self.ctx.audit.hand_out(session)["note"])  # type: ignore[attr-defined]

    def size(self) -> int:
        with self.ctx.sessions() as session:
            return int(self.ctx.audit.size(session))  # type: ignore[attr-defined]

    def close(self) -> None:
        self.client.close()
        self.ctx.close()


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    d = Desk(Settings.for_data_dir(tmp_path / "data"))
    yield d
    d.close()


def test_migrate_creates_the_schema_without_serving(tmp_path: Path) -> None:
    settings = Settings.for_data_dir(tmp_path / "fresh")
    first = run(settings, "db", "migrate")
    assert first.exit_code == 0 and "applied: 0001_desk" in first.output, first.output
    again = run(settings, "db", "migrate")
    assert again.exit_code == 0 and "nothing (already up to date)" in again.output


def test_backup_holds_no_keys_and_is_private(desk: Desk, tmp_path: Path) -> None:
    desk.grow(5)
    desk.hand_out()
    target = tmp_path / "backups" / "desk.db"
    made = run(desk.settings, "db", "backup", str(target))
    assert made.exit_code == 0, made.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    blob = target.read_bytes()
    for name in ("document-master.key", "desk.secret"):
        assert (desk.settings.data_dir / name).read_bytes() not in blob
    pem = (desk.settings.data_dir / "audit-signing-key.pem").read_text().splitlines()[1]
    assert pem.encode() not in blob and b"PRIVATE KEY" not in blob
    assert run(desk.settings, "db", "backup", str(target)).exit_code == 2  # never overwrites


def test_restore_puts_the_log_back_and_it_verifies(desk: Desk, tmp_path: Path) -> None:
    desk.grow(6)
    desk.hand_out()
    backup = tmp_path / "b.db"
    assert run(desk.settings, "db", "backup", str(backup)).exit_code == 0
    desk.hand_out()  # same size: nothing new to sign
    desk.close()
    (desk.settings.data_dir / "sanctuary.db").unlink()  # the disk died
    for suffix in ("-wal", "-shm"):
        Path(f"{desk.settings.data_dir / 'sanctuary.db'}{suffix}").unlink(missing_ok=True)
    restored = run(desk.settings, "db", "restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert "audit log of 6 entries verified against the ledger" in restored.output
    verified = run(desk.settings, "audit", "verify")
    assert verified.exit_code == 0, verified.output


def test_restore_refuses_a_backup_older_than_handed_out_checkpoints_unless_told(desk: Desk, tmp_path: Path) -> None:
    desk.grow(4)
    backup = tmp_path / "old.db"
    assert run(desk.settings, "db", "backup", str(backup)).exit_code == 0
    desk.grow(5)
    desk.hand_out()  # outsiders now hold a checkpoint of size 9
    before = (desk.settings.data_dir / "sanctuary.db").stat().st_mtime_ns
    refused = run(desk.settings, "db", "restore", str(backup))
    assert refused.exit_code == 1
    assert "checkpoints up to size 9 were handed out after this backup (its log has 4 entries)" in refused.output
    assert "the database is unchanged" in refused.output
    assert desk.size() == 9 and (desk.settings.data_dir / "sanctuary.db").stat().st_mtime_ns == before
    desk.close()
    accepted = run(desk.settings, "db", "restore", "--accept-loss", str(backup))
    assert accepted.exit_code == 0, accepted.output
    assert "1 handed-out checkpoints lost (recorded in the ledger)" in accepted.output
    lines = [json.loads(x) for x in desk.settings.ledger_path.read_text().splitlines()]
    assert lines[-1]["type"] == "restore" and lines[-1]["lost"][0]["size"] == 9
    assert run(desk.settings, "audit", "verify").exit_code == 0


def test_restore_refuses_a_backup_whose_log_was_rewritten(desk: Desk, tmp_path: Path) -> None:
    desk.grow(8)
    desk.hand_out()
    backup = tmp_path / "b.db"
    assert run(desk.settings, "db", "backup", str(backup)).exit_code == 0
    with attacker(backup) as conn:  # rewritten and made consistent inside, checkpoints dropped
        conn.execute("""UPDATE audit_entries SET refs = '{"request_id":77,"user_id":1}' WHERE idx = 2""")
        _rebuild_tree(conn)
        conn.execute("DELETE FROM audit_checkpoints")
    refused = run(desk.settings, "db", "restore", str(backup))
    assert refused.exit_code == 1
    assert "differ from what handed-out checkpoint of size 8 (ledger) signed (rewritten)" in refused.output
    assert desk.size() == 8


@pytest.mark.postgres
def test_backup_and_restore_on_postgresql(pg_server: pg.Server, tmp_path: Path) -> None:
    with pg.fresh_database(pg_server) as url:
        desk = Desk(Settings.for_data_dir(tmp_path / "data", url))
        try:
            desk.grow(5)
            desk.hand_out()
            backup = tmp_path / "desk.pgdump"
            made = run(desk.settings, "db", "backup", str(backup))
            assert made.exit_code == 0, made.output
            assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
            desk.grow(3)
            desk.hand_out()
            refused = run(desk.settings, "db", "restore", str(backup))
            assert refused.exit_code == 1 and "handed out after this backup" in refused.output
            assert desk.size() == 8  # the failed restore rolled back
        finally:
            desk.close()
        newer = tmp_path / "newer.pgdump"
        assert run(desk.settings, "db", "backup", str(newer)).exit_code == 0
        restored = run(desk.settings, "db", "restore", str(newer))
        assert restored.exit_code == 0, restored.output
        assert run(desk.settings, "audit", "verify").exit_code == 0
