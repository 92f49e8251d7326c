"""records vault: encrypted records, legal holds, shreds

Revision ID: 0005_vault
Revises: 0004_accounts
Create Date: 2026-12-04 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sanctuary.db.types import UTCDateTime

revision = "0005_vault"
down_revision = "0004_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vault_records",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("shredded_at", UTCDateTime(), nullable=True),
        sa.Column("shred_reason", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_records")),
    )
    op.create_index("ix_vault_records_subject_ref", "vault_records", ["subject_ref"])
    op.create_index("ix_vault_records_key_id", "vault_records", ["key_id"])
    op.create_index("ix_vault_records_expires_at", "vault_records", ["expires_at"])
    op.create_table(
        "vault_holds",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("reason_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("released_by", sa.String(length=128), nullable=True),
        sa.Column("released_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_holds")),
    )
    op.create_index("ix_vault_holds_subject_ref", "vault_holds", ["subject_ref"])
    op.create_table(
        "vault_shreds",
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("subject_ref", sa.String(length=64), nullable=False),
        sa.Column("shredded_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_vault_shreds")),
    )
    op.create_index("ix_vault_shreds_subject_ref", "vault_shreds", ["subject_ref"])


def downgrade() -> None:
    op.drop_index("ix_vault_shreds_subject_ref", table_name="vault_shreds")
    op.drop_table("vault_shreds")
    op.drop_index("ix_vault_holds_subject_ref", table_name="vault_holds")
    op.drop_table("vault_holds")
    op.drop_index("ix_vault_records_expires_at", table_name="vault_records")
    op.drop_index("ix_vault_records_key_id", table_name="vault_records")
    op.drop_index("ix_vault_records_subject_ref", table_name="vault_records")
    op.drop_table("vault_records")
