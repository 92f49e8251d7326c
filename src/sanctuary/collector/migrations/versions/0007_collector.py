"""collector: agencies and the report files they filed

Revision ID: 0007_collector
Revises: 0006_lifecycle
Create Date: 2026-12-04 05:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sanctuary.db.types import UTCDateTime

revision = "0007_collector"
down_revision = "0006_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collector_agencies",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("jurisdiction", sa.String(length=128), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "collector_filings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("agency_id", sa.String(length=64), sa.ForeignKey("collector_agencies.id"), nullable=False),
        sa.Column("report", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("log_size", sa.BigInteger(), nullable=False),
        sa.Column("root_hash", sa.String(length=64), nullable=False),
        sa.Column("totals", sa.Text(), nullable=False),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_collector_filings_report_period", "collector_filings", ["report", "period", "agency_id"])
    op.create_index("ix_collector_filings_agency_size", "collector_filings", ["agency_id", "log_size"])


def downgrade() -> None:
    op.drop_index("ix_collector_filings_agency_size", table_name="collector_filings")
    op.drop_index("ix_collector_filings_report_period", table_name="collector_filings")
    op.drop_table("collector_filings")
    op.drop_table("collector_agencies")
