"""the request's life: status history, corrected facts, superseding final decisions

Revision ID: 0006_lifecycle
Revises: 0005_vault
Create Date: 2026-12-04 01:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_lifecycle"
down_revision = "0005_vault"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("desk_final_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supersedes_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("engine_outcome", sa.String(length=16), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("against_law", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_foreign_key(
            batch_op.f("fk_desk_final_decisions_supersedes_id_desk_final_decisions"),
            "desk_final_decisions", ["supersedes_id"], ["id"],
        )
    op.create_table(
        "desk_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=False),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["by_user_id"], ["desk_users.id"],
                                name=op.f("fk_desk_status_changes_by_user_id_desk_users")),
        sa.ForeignKeyConstraint(["request_id"], ["desk_requests.id"],
                                name=op.f("fk_desk_status_changes_request_id_desk_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_status_changes")),
    )
    op.create_index(op.f("ix_desk_status_changes_request_id"), "desk_status_changes", ["request_id"])
    op.create_table(
        "desk_request_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("contract_request", sa.JSON(), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["by_user_id"], ["desk_users.id"],
                                name=op.f("fk_desk_request_revisions_by_user_id_desk_users")),
        sa.ForeignKeyConstraint(["request_id"], ["desk_requests.id"],
                                name=op.f("fk_desk_request_revisions_request_id_desk_requests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_request_revisions")),
    )
    op.create_index(op.f("ix_desk_request_revisions_request_id"), "desk_request_revisions", ["request_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_desk_request_revisions_request_id"), table_name="desk_request_revisions")
    op.drop_table("desk_request_revisions")
    op.drop_index(op.f("ix_desk_status_changes_request_id"), table_name="desk_status_changes")
    op.drop_table("desk_status_changes")
    with op.batch_alter_table("desk_final_decisions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_desk_final_decisions_supersedes_id_desk_final_decisions"),
                                 type_="foreignkey")
        batch_op.drop_column("against_law")
        batch_op.drop_column("engine_outcome")
        batch_op.drop_column("supersedes_id")
