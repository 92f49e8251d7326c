"""audit log tables and the Illinois report's custody outcomes

Revision ID: 0002_audit
Revises: 0001_desk
Create Date: 2026-11-26 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_audit"
down_revision = "0001_desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("frontier", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "size": 0, "frontier": b""}])
    op.create_table(
        "audit_entries",
        sa.Column("idx", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("refs", sa.Text(), nullable=False),
        sa.Column("leaf_hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("idx", name=op.f("pk_audit_entries")),
    )
    op.create_table(
        "audit_nodes",
        sa.Column("level", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("idx", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("level", "idx", name=op.f("pk_audit_nodes")),
    )
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("root_hash", sa.String(length=64), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=128), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
    )
    op.create_index("ix_audit_checkpoints_size", "audit_checkpoints", ["size"], unique=False)
    op.create_table(
        "report_custody_outcomes",
        sa.Column("request_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bail_posted_at", sa.DateTime(), nullable=True),
        sa.Column("disposition", sa.String(length=16), nullable=True),
        sa.Column("disposition_at", sa.DateTime(), nullable=True),
        sa.Column("receiving_agency", sa.String(length=32), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["desk_requests.id"],
            name=op.f("fk_report_custody_outcomes_request_id_desk_requests"),
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_report_custody_outcomes")),
    )


def downgrade() -> None:
    op.drop_table("report_custody_outcomes")
    op.drop_index("ix_audit_checkpoints_size", table_name="audit_checkpoints")
    op.drop_table("audit_checkpoints")
    op.drop_table("audit_nodes")
    op.drop_table("audit_entries")
    op.drop_table("audit_head")
