"""The vault's tables in the application database (migration ``0005_vault``). Nothing here is readable
without the key store: record fields and hold reasons are AES-256-GCM ciphertext, subjects are keyed hashes.

- ``vault_records``: one row per record: id, keyed subject reference, kind, the id of the data key that seals
  it, when it was made and when its retention ends, who made it (a desk user id, or none from the command
  line), the ciphertext (set to NULL when shredded or expired) and when that happened.
- ``vault_holds``: legal holds: id, keyed subject reference, the reason (sealed with the person's data key),
  who set it and when, who released it and when.
- ``vault_shreds``: one row per destroyed data key (id, keyed subject reference, when, why), so a restore of
  an older backup knows what must stay unreadable.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, String, Table

from sanctuary.db.base import metadata
from sanctuary.db.types import UTCDateTime

vault_records = Table(
    "vault_records",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("subject_ref", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("key_id", String(32), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("created_by_id", Integer(), nullable=True),
    Column("ciphertext", LargeBinary(), nullable=True),
    Column("shredded_at", UTCDateTime(), nullable=True),
    Column("shred_reason", String(32), nullable=True),
    Index("ix_vault_records_subject_ref", "subject_ref"),
    Index("ix_vault_records_key_id", "key_id"),
    Index("ix_vault_records_expires_at", "expires_at"),
)

vault_holds = Table(
    "vault_holds",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("subject_ref", String(64), nullable=False),
    Column("key_id", String(32), nullable=False),
    Column("reason_ciphertext", LargeBinary(), nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("created_by_id", Integer(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("released_by", String(128), nullable=True),
    Column("released_at", UTCDateTime(), nullable=True),
    Index("ix_vault_holds_subject_ref", "subject_ref"),
)

vault_shreds = Table(
    "vault_shreds",
    metadata,
    Column("key_id", String(32), primary_key=True),
    Column("subject_ref", String(64), nullable=False),
    Column("shredded_at", UTCDateTime(), nullable=False),
    Column("reason", String(32), nullable=False),
    Index("ix_vault_shreds_subject_ref", "subject_ref"),
)
