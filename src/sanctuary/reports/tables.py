"""What happened to a person after a detainer or civil immigration warrant: the facts 5 ILCS 805/25(b) asks
for and the desk's request table does not hold.

One row per desk request (``desk_requests.id``). No names or identifying data: times, a disposition code and
the receiving agency's type from the contract's vocabulary.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table

import sanctuary.desk.models  # noqa: F401  (declares desk_requests, the foreign key's target)
from sanctuary.db.base import metadata
from sanctuary.db.types import UTCDateTime

DISPOSITIONS = ("released", "transferred")

custody_outcomes = Table(
    "report_custody_outcomes",
    metadata,
    Column("request_id", Integer, ForeignKey("desk_requests.id"), primary_key=True, autoincrement=False),
    Column("bail_posted_at", UTCDateTime, nullable=True),
    Column("disposition", String(16), nullable=True),
    Column("disposition_at", UTCDateTime, nullable=True),
    Column("receiving_agency", String(32), nullable=True),
    Column("recorded_at", UTCDateTime, nullable=False),
)

__all__ = ["DISPOSITIONS", "custody_outcomes"]
