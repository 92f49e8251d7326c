"""What the public page publishes: the protected tables, as one dictionary (the JSON download) and as CSV.

Built only from :class:`~sanctuary.transparency.counts.Counts` (coded facts) after
:func:`~sanctuary.transparency.suppression.protect`: every number here has passed the small-count protection.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sanctuary.transparency.counts import Counts, add_months, month_of_date
from sanctuary.transparency.policy import PolicyStart
from sanctuary.transparency.suppression import ProtectedTable, Protection, Table, protect

TABLES = (("by_paper", "paper"), ("by_action", "action"), ("by_month", "month"))
WINDOW_MONTHS = 12
METHOD = (
    "Threshold rule with complementary suppression: every published number (cell, row total, column total, "
    "grand total) from 1 to k-1 is withheld, then further non-zero numbers are withheld until no withheld "
    "number can be computed exactly from the published ones across all the tables together (they share their "
    "column totals and grand total). Zeros are published. See docs/transparency.md."
)


@dataclass(frozen=True)
class Publication:
    k: int
    timezone: str
    generated_at: datetime
    columns: tuple[str, ...]
    tables: dict[str, tuple[str, ProtectedTable]]  # name -> (dimension, table)
    months: tuple[str, ...]
    policy: PolicyStart | None
    window: tuple[str, ...]  # the months of the before-and-after chart present in the data

    @property
    def column_totals(self) -> ProtectedTable:
        return self.tables["by_paper"][1]


def build(counts: Counts, k: int, timezone: str, policy: PolicyStart | None, now: datetime) -> Publication:
    raw = []
    for name, dimension in TABLES:
        rows, cells = counts.table(dimension)
        raw.append(Table(name, rows, cells))
    protection: Protection = protect(raw, counts.outcomes, k)
    tables = {name: (dimension, table)
              for (name, dimension), table in zip(TABLES, protection.tables, strict=True)}
    return Publication(k=k, timezone=timezone, generated_at=now, columns=counts.outcomes, tables=tables,
                       months=counts.months, policy=policy, window=window_months(counts.months, policy))


def window_months(months: tuple[str, ...], policy: PolicyStart | None) -> tuple[str, ...]:
    if policy is None:
        return ()
    start = month_of_date(policy.day)
    first, last = add_months(start, -WINDOW_MONTHS), add_months(start, WINDOW_MONTHS)
    return tuple(m for m in months if first <= m <= last)


def _table_json(dimension: str, table: ProtectedTable) -> dict[str, Any]:
    return {
        "dimension": dimension,
        "rows": [
            {
                "key": key,
                "cells": {col: cell.to_json() for col, cell in zip(table.columns, row, strict=True)},
                "total": total.to_json(),
            }
            for key, row, total in zip(table.rows, table.cells, table.row_totals, strict=True)
        ],
        "column_totals": {col: cell.to_json() for col, cell in zip(table.columns, table.column_totals,
                                                                   strict=True)},
        "grand_total": table.grand_total.to_json(),
    }


def _policy_json(policy: PolicyStart | None, window: tuple[str, ...]) -> dict[str, Any] | None:
    if policy is None:
        return None
    return {
        "jurisdiction": policy.jurisdiction,
        "layer": policy.layer,
        "effective": policy.day.isoformat(),
        "instrument": policy.instrument,
        "citation": policy.citation,
        "earlier_start_dates": [d.isoformat() for d in policy.earlier],
        "month": month_of_date(policy.day),
        "window_months": list(window),
        "source": "the rule library's effective dates (sanctuary.transparency.policy)",
    }


def to_json(pub: Publication) -> dict[str, Any]:
    totals = pub.column_totals
    return {
        "title": "Requests from immigration authorities received at the agency's request desk",
        "k": pub.k,
        "method": METHOD,
        "generated_at": pub.generated_at.isoformat(timespec="seconds"),
        "timezone": pub.timezone,
        "period": {"first_month": pub.months[0] if pub.months else None,
                   "last_month": pub.months[-1] if pub.months else None},
        "columns": list(pub.columns),
        "tables": {name: _table_json(dimension, table) for name, (dimension, table) in pub.tables.items()},
        "by_outcome": {
            "cells": {col: cell.to_json() for col, cell in zip(totals.columns, totals.column_totals, strict=True)},
            "total": totals.grand_total.to_json(),
        },
        "policy": _policy_json(pub.policy, pub.window),
    }


CSV_HEADER = ("table", "dimension", "row", "column", "count", "suppressed")


def to_csv(pub: Publication) -> str:
    """Long format: one line per published number, margins included (``row``/``column`` = ``total``); a
    withheld number has an empty ``count`` and ``suppressed`` = ``true``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)

    def line(name: str, dimension: str, row: str, column: str, count: int | None) -> None:
        writer.writerow([name, dimension, row, column, "" if count is None else count,
                         "true" if count is None else "false"])

    for name, (dimension, table) in pub.tables.items():
        for key, cells, total in zip(table.rows, table.cells, table.row_totals, strict=True):
            for column, cell in zip(table.columns, cells, strict=True):
                line(name, dimension, key, column, cell.count)
            line(name, dimension, key, "total", total.count)
        for column, cell in zip(table.columns, table.column_totals, strict=True):
            line(name, dimension, "total", column, cell.count)
        line(name, dimension, "total", "total", table.grand_total.count)
    return out.getvalue()


