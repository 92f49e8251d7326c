"""The desk's commands: db migrate, users create, tokens create, serve's first run."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from alembic.script import ScriptDirectory

from sanctuary.db.migrate import alembic_config, current_heads
from sanctuary.settings import Settings
from tests.desk.server import cli, create_account, env_for, free_port, served

pytestmark = pytest.mark.slow


def test_db_upgrade_is_idempotent(tmp_path: Path) -> None:
    env = env_for(tmp_path / "data")
    first = cli(env, "db", "migrate")
    assert first.returncode == 0 and "0001_desk" in first.stdout
    settings = Settings.for_data_dir(tmp_path / "data")
    heads = set(ScriptDirectory.from_config(alembic_config(settings)).get_heads())
    assert current_heads(settings) == heads and len(heads) == 1
    again = cli(env, "db", "migrate")
    assert again.returncode == 0 and "already up to date" in again.stdout


def test_users_create_errors_name_the_field(tmp_path: Path) -> None:
    env = env_for(tmp_path / "data")
    bad_role = cli(env, "users", "create", "--username", "u1", "--role", "wizard", "--password-stdin",
                   stdin="long enough password\n")
    assert bad_role.returncode == 2 and "role" in bad_role.stderr
    short = cli(env, "users", "create", "--username", "u1", "--role", "clerk", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "password" in short.stderr
    missing = cli(env, "tokens", "create", "--username", "ghost")
    assert missing.returncode == 2 and "username" in missing.stderr


def test_first_serve_migrates_and_explains_the_first_admin(tmp_path: Path) -> None:
    env = env_for(tmp_path / "data")
    port = free_port()
    with served(env, port) as process:
        assert httpx.get(f"http://127.0.0.1:{port}/login").status_code == 200
    output = process.stdout.read() if process.stdout else ""
    assert "database migrated: 0001_desk, 0002_audit" in output
    assert "users create --username admin --role admin --password-stdin" in output
    assert "127.0.0.1:" not in output.replace(f"http://127.0.0.1:{port}/", "")  # no access log lines

    token = create_account(env, "firstadmin", "admin", "first admin password")
    with served(env, port) as second:
        response = httpx.get(f"http://127.0.0.1:{port}/api/v1/users", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200 and response.json()["users"][0]["username"] == "firstadmin"
    assert second.returncode is not None


def test_serve_refuses_several_workers_on_sqlite(tmp_path: Path) -> None:
    """Several SQLite writers only queue at its one write lock (4x slower, benchmarks/README.md)."""
    env = env_for(tmp_path / "data")
    refused = cli(env, "serve", "--port", str(free_port()), "--workers", "2")
    assert refused.returncode == 2
    assert "--workers 2 needs PostgreSQL" in refused.stderr and "one worker" in refused.stderr
    assert not (tmp_path / "data" / "sanctuary.db").exists()  # refused before touching anything


def test_serve_uses_the_c_http_parser_and_uvloop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from sanctuary.cli import app

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: seen.update(options))
    monkeypatch.setenv("SANCTUARY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SANCTUARY_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["http"] == "httptools" and seen["loop"] == "uvloop" and seen["access_log"] is False
