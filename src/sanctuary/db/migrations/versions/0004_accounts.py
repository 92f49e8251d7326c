"""accounts: API token names and expiry; second-person approval of privileged roles

Revision ID: 0004_accounts
Revises: 0003_security
Create Date: 2026-12-04 01:10:00
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision = "0003_security"
branch_labels = None
depends_on = None
LEGACY_TOKEN_DAYS = 90


def upgrade() -> None:
    with op.batch_alter_table("desk_api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    # Tokens made before tokens expired: 90 days from when they were made (already past: expired).
    tokens = sa.table("desk_api_tokens", sa.column("id", sa.Integer()), sa.column("created_at", sa.DateTime()),
                      sa.column("expires_at", sa.DateTime()))
    connection = op.get_bind()
    for token_id, created_at in connection.execute(sa.select(tokens.c.id, tokens.c.created_at)).all():
        connection.execute(sa.update(tokens).where(tokens.c.id == token_id)
                           .values(expires_at=created_at + timedelta(days=LEGACY_TOKEN_DAYS)))
    op.create_table(
        "desk_role_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["desk_users.id"], name=op.f("fk_desk_role_approvals_user_id_desk_users")),
        sa.ForeignKeyConstraint(["requested_by_id"], ["desk_users.id"],
                                name=op.f("fk_desk_role_approvals_requested_by_id_desk_users")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["desk_users.id"],
                                name=op.f("fk_desk_role_approvals_decided_by_id_desk_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_role_approvals")),
    )
    with op.batch_alter_table("desk_role_approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_desk_role_approvals_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_desk_role_approvals_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("desk_role_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_desk_role_approvals_status"))
        batch_op.drop_index(batch_op.f("ix_desk_role_approvals_user_id"))
    op.drop_table("desk_role_approvals")
    with op.batch_alter_table("desk_api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
        batch_op.drop_column("name")
