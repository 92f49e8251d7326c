"""login throttle with growing delays and counted attempts; the intake's personal fields sealed

Revision ID: 0003_security
Revises: 0002_audit
Create Date: 2026-12-04 01:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_security"
down_revision = "0002_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("desk_login_throttle") as batch:
        batch.add_column(sa.Column("scope", sa.String(length=8), nullable=False, server_default="user"))
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("unreported_failures", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("throttled", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_allowed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("last_seen", sa.DateTime(), nullable=True))
    op.create_index("ix_desk_login_throttle_last_seen", "desk_login_throttle", ["last_seen"], unique=False)
    with op.batch_alter_table("desk_requests") as batch:
        batch.add_column(sa.Column("sealed_intake", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("sealed_key", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("sealed_key_id", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("desk_requests") as batch:
        batch.drop_column("sealed_key_id")
        batch.drop_column("sealed_key")
        batch.drop_column("sealed_intake")
    op.drop_index("ix_desk_login_throttle_last_seen", table_name="desk_login_throttle")
    with op.batch_alter_table("desk_login_throttle") as batch:
        for column in ("last_seen", "next_allowed_at", "throttled", "unreported_failures", "user_id", "scope"):
            batch.drop_column(column)
