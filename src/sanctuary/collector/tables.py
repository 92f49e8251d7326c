"""The collector's tables: registered agencies (with their Ed25519 public keys) and accepted filings.

A filing keeps the report's name, period, totals and the agency's log checkpoint (size, root): the next filing
from the same agency must prove, with an RFC 9162 consistency proof, that its log extends that checkpoint.
Nothing about a person is stored: report files carry counts only.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Table, Text

from sanctuary.db.base import metadata
from sanctuary.db.types import UTCDateTime

agencies = Table(
    "collector_agencies",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("jurisdiction", String(128), nullable=False),
    Column("public_key", String(64), nullable=False),  # raw Ed25519 key, base64
    Column("key_id", String(16), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

filings = Table(
    "collector_filings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency_id", String(64), ForeignKey("collector_agencies.id"), nullable=False),
    Column("report", String(64), nullable=False),
    Column("period", String(16), nullable=False),
    Column("log_size", BigInteger, nullable=False),
    Column("root_hash", String(64), nullable=False),
    Column("totals", Text, nullable=False),  # canonical JSON of the counts
    Column("document_sha256", String(64), nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Index("ix_collector_filings_report_period", "report", "period", "agency_id"),
    Index("ix_collector_filings_agency_size", "agency_id", "log_size"),
)

__all__ = ["agencies", "filings"]
