"""PostgreSQL: the table files and the WAL never hold a record's plaintext, and after a shred the table files
no longer hold even its ciphertext (``VACUUM FULL`` rewrote them). Read through ``pg_read_binary_file``."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Connection, select, text

from sanctuary.vault.service import Actor, Shredded, Vault
from sanctuary.vault.tables import vault_records

pytestmark = [pytest.mark.postgres, pytest.mark.parametrize("backend", ["postgres"], indirect=True)]
CLI = Actor.cli("records-officer")


def _files(connection: Connection) -> dict[str, bytes]:
    """Every relation file of this database (tables, TOAST, indexes) and every WAL segment, after a checkpoint."""
    connection.execute(text("CHECKPOINT"))
    paths = connection.execute(text(
        "SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 't', 'i') AND pg_relation_filepath(c.oid) IS NOT NULL "
        "UNION SELECT pg_relation_filepath(t.reltoastrelid) FROM pg_class t WHERE t.relname LIKE 'vault_%' "
        "AND t.reltoastrelid <> 0")).scalars().all()
    wal = connection.execute(text("SELECT 'pg_wal/' || name FROM pg_ls_waldir()")).scalars().all()
    out = {}
    for path in [*paths, *wal]:
        data = connection.execute(text("SELECT CASE WHEN pg_stat_file(CAST(:p AS text), true) IS NULL THEN NULL "
                                       "ELSE pg_read_binary_file(CAST(:p AS text)) END"), {"p": path}).scalar()
        if data is not None:
            out[path] = bytes(data)
    return out


def test_postgres_files_hold_no_plaintext_and_no_shredded_ciphertext(vault: Vault) -> None:
    secret = "CANARY-" + uuid.uuid4().hex
    record = vault.put("client_intake", "PG-1", {"name": secret, "address": secret + " street"}, vault_actor())
    other = vault.put("client_intake", "PG-2", {"name": "someone else"}, vault_actor())
    with vault.sessions() as session:
        ciphertext = session.scalar(select(vault_records.c.ciphertext).where(vault_records.c.id == record))
    assert ciphertext is not None
    with vault.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        before = _files(connection)
        table_path = connection.execute(text("SELECT pg_relation_filepath('vault_records')")).scalar()
    assert not [p for p, data in before.items() if secret.encode() in data]
    assert table_path in before and ciphertext in before[table_path]  # we read the right file

    vault.shred("PG-1", vault_actor())
    with vault.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        after = _files(connection)
        new_path = connection.execute(text("SELECT pg_relation_filepath('vault_records')")).scalar()
        old_gone = connection.execute(text("SELECT pg_stat_file(CAST(:p AS text), true)"), {"p": table_path}).scalar()
    assert new_path != table_path and old_gone is None  # VACUUM FULL wrote a new file and dropped the old one
    relation_files = {p: d for p, d in after.items() if not p.startswith("pg_wal/")}
    assert not [p for p, data in relation_files.items() if ciphertext in data]
    assert not [p for p, data in after.items() if secret.encode() in data]
    with pytest.raises(Shredded):
        vault.get(record, vault_actor())
    assert vault.get(other, vault_actor()).fields == {"name": "someone else"}


def vault_actor() -> Actor:
    return CLI
