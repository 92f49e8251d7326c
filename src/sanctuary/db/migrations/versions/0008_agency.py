"""the agency's profile: name, address, letterhead, counsel's phone, time zone

Revision ID: 0008_agency
Revises: 0007_collector
Create Date: 2026-12-04 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_agency"
down_revision = "0007_collector"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_agency_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("letterhead", sa.Text(), nullable=False),
        sa.Column("counsel_phone", sa.String(length=40), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by"], ["desk_users.id"],
                                name=op.f("fk_desk_agency_profile_updated_by_desk_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_agency_profile")),
    )


def downgrade() -> None:
    op.drop_table("desk_agency_profile")
