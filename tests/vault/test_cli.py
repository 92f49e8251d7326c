"""``sanctuary vault`` as real subprocesses: the CLI contract of issue 10 (exit codes, last-line ids, JSON)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from sanctuary.db.migrate import upgrade
from sanctuary.settings import Settings
from tests.desk.server import cli, env_for
from tests.vault.conftest import files_containing

pytestmark = pytest.mark.slow


def test_the_cli_contract(tmp_path: Path) -> None:
    data = tmp_path / "data"
    upgrade(Settings.for_data_dir(data))  # `sanctuary db migrate` in production
    env = env_for(data)
    secret = "CANARY-" + uuid.uuid4().hex
    put = cli(env, "vault", "put", "--kind", "client_intake", "--subject", "S-1", stdin=json.dumps({"name": secret}))
    assert put.returncode == 0, put.stderr
    record = put.stdout.strip().splitlines()[-1]
    got = cli(env, "vault", "get", record)
    assert got.returncode == 0 and json.loads(got.stdout) == {"name": secret}
    assert files_containing(tmp_path, secret.encode()) == []

    hold = cli(env, "vault", "hold", "create", "--subject", "S-1", "--reason", "litigation hold").stdout.split()[-1]
    blocked = cli(env, "vault", "shred", "--subject", "S-1")
    assert blocked.returncode == 3 and hold in blocked.stderr
    listed = cli(env, "vault", "hold", "list", "--subject", "S-1")
    assert "ACTIVE" in listed.stdout and "litigation hold" in listed.stdout
    assert cli(env, "vault", "backup", str(tmp_path / "b1")).returncode == 0
    assert cli(env, "vault", "keys", "backup", str(tmp_path / "k1")).returncode == 0
    assert cli(env, "vault", "hold", "release", hold).returncode == 0
    assert cli(env, "vault", "shred", "--subject", "S-1", "--reason", "erasure_request").returncode == 0

    gone = cli(env, "vault", "get", record)
    assert gone.returncode == 1 and "shredded at" in gone.stderr and secret not in gone.stdout
    assert cli(env, "vault", "restore", str(tmp_path / "b1")).returncode == 0
    keys = cli(env, "vault", "keys", "restore", str(tmp_path / "k1"))
    assert keys.returncode == 0 and "1 shredded key(s) refused" in keys.stdout
    assert cli(env, "vault", "get", record).returncode == 1
    rotated = cli(env, "vault", "keys", "rotate")
    assert rotated.returncode == 0 and "older key-store backups can no longer be opened" in rotated.stdout
    again = cli(env, "vault", "keys", "restore", str(tmp_path / "k1"))
    assert again.returncode == 0 and "1 shredded key(s) refused" in again.stdout
    assert files_containing(tmp_path, secret.encode()) == []


def test_cli_errors_name_what_is_wrong(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = env_for(data)
    unmigrated = cli(env, "vault", "put", "--kind", "client_intake", "--subject", "S", stdin="{}")
    assert unmigrated.returncode == 2 and "db migrate" in unmigrated.stderr
    upgrade(Settings.for_data_dir(data))
    bad_json = cli(env, "vault", "put", "--kind", "client_intake", "--subject", "S", stdin="{name:")
    assert bad_json.returncode == 2 and "stdin" in bad_json.stderr
    bad_field = cli(env, "vault", "put", "--kind", "client_intake", "--subject", "S", stdin='{"ssn": "1"}')
    assert bad_field.returncode == 2 and "fields.ssn" in bad_field.stderr
    missing = cli(env, "vault", "get", "0" * 32)
    assert missing.returncode == 1 and "no record" in missing.stderr
    (data / "vault-kinds.yaml").write_text("kinds:\n  k:\n    retention_days: 5\n    fields:\n"
                                           "      - {name: pob, label: Place of birth}\n")
    refused = cli(env, "vault", "put", "--kind", "k", "--subject", "S", stdin="{}")
    assert refused.returncode == 2 and "kinds.k.fields.pob" in refused.stderr


def test_a_missing_kek_is_refused_never_remade(tmp_path: Path) -> None:
    """The vault's keys are in the desk's key inventory: with records stored, a missing KEK stops the vault
    (and the desk) with the file's name instead of a new key that opens nothing."""
    data = tmp_path / "data"
    upgrade(Settings.for_data_dir(data))
    env = env_for(data)
    put = cli(env, "vault", "put", "--kind", "client_intake", "--subject", "S-1", stdin='{"name": "x"}')
    assert put.returncode == 0, put.stderr
    listed = cli(env, "keys", "list")
    assert f"{data / 'vault-kek.key'}\tpresent" in listed.stdout
    assert f"{data / 'vault-subject.key'}\tpresent" in listed.stdout
    (data / "vault-kek.key").unlink()
    got = cli(env, "vault", "get", put.stdout.strip().splitlines()[-1])
    assert got.returncode == 2 and "vault-kek.key" in got.stderr
    assert "1 vault records (table vault_records)" in got.stderr
    assert not (data / "vault-kek.key").exists()
    checked = cli(env, "keys", "check")
    assert checked.returncode == 2 and "vault-kek.key" in checked.stderr
