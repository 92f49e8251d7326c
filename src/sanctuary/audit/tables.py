"""The audit log's tables, on the application's one :data:`sanctuary.db.base.metadata`.

- ``audit_head``: one row (``id = 1``): the log size and the frontier (the hashes of the perfect subtrees of
  ``[0, size)``, largest first). Every append locks this row first, so appends from any number of workers
  serialise and indices stay dense and unique (a row lock on PostgreSQL, the write lock on SQLite).
- ``audit_entries``: ``idx``, ``ts`` (ISO-8601 UTC text, hashed as stored), ``kind``, ``refs`` (canonical
  JSON text, hashed as stored) and ``leaf_hash``.
- ``audit_nodes``: the hash of every perfect subtree, ``(level, idx)`` covering leaves
  ``[idx * 2**level, (idx + 1) * 2**level)``, level 0 included. Written once, when complete; used for
  O(log n) proofs and as a second witness of each leaf when verifying.
- ``audit_checkpoints``: signed tree heads (size, root, Ed25519 signature, key id, timestamp, the note).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
    event,
    insert,
)
from sqlalchemy.engine import Connection

from sanctuary.db.base import metadata

HEAD_ID = 1

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("size", BigInteger, nullable=False),
    Column("frontier", LargeBinary, nullable=False),
)

audit_entries = Table(
    "audit_entries",
    metadata,
    Column("idx", BigInteger, primary_key=True, autoincrement=False),
    Column("ts", String(32), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("refs", Text, nullable=False),
    Column("leaf_hash", LargeBinary(32), nullable=False),
)

audit_nodes = Table(
    "audit_nodes",
    metadata,
    Column("level", SmallInteger, primary_key=True, autoincrement=False),
    Column("idx", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", LargeBinary(32), nullable=False),
)

audit_checkpoints = Table(
    "audit_checkpoints",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("size", BigInteger, nullable=False),
    Column("root_hash", String(64), nullable=False),
    Column("ts", String(32), nullable=False),
    Column("origin", String(128), nullable=False),
    Column("key_id", String(16), nullable=False),
    Column("signature", Text, nullable=False),
    Column("note", Text, nullable=False),
    Index("ix_audit_checkpoints_size", "size"),
)


def _insert_head(target: Table, connection: Connection, **_: Any) -> None:
    connection.execute(insert(target).values(id=HEAD_ID, size=0, frontier=b""))


# ``metadata.create_all`` (tests, throwaway databases) gets the head row too; the migration inserts its own.
event.listen(audit_head, "after_create", _insert_head)

__all__ = ["HEAD_ID", "audit_checkpoints", "audit_entries", "audit_head", "audit_nodes"]
