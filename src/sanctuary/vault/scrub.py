"""After a shred, leave no copy of the destroyed rows in the records database's files.

SQLite: the shred runs with ``PRAGMA secure_delete=ON`` (freed cells are zeroed), then the WAL is checkpointed
and truncated, the file rebuilt by ``VACUUM`` (no free pages left) and the WAL truncated again.
PostgreSQL: an UPDATE leaves the old row version in the table file until vacuumed; ``VACUUM FULL`` rewrites
the vault's tables into new files and drops the old ones. What PostgreSQL's WAL and base backups keep is
ciphertext only, and its key is gone: the key store never lives in PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

VAULT_TABLES = ("vault_records", "vault_holds")


class ScrubBusy(RuntimeError):
    pass


def scrub_records(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _scrub_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in VAULT_TABLES:
                connection.execute(text(f"VACUUM FULL {table}"))


def _scrub_sqlite(engine: Engine) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            for statement in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM"):
                cursor.execute(statement)
                cursor.fetchall()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()
        finally:
            cursor.close()
    finally:
        raw.close()
    if busy and busy[0]:
        raise ScrubBusy("the records database is being read by another process; its WAL was not truncated "
                        "(run `sanctuary vault scrub` again)")
