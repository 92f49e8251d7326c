"""Every table the audit package declares, imported for ``sanctuary.db.migrate.import_model_modules``.

The Illinois report's outcome table (:mod:`sanctuary.reports.tables`) is created by the same migration
(``0002_audit``), so it is imported here too.
"""

from __future__ import annotations

from sanctuary.audit.tables import audit_checkpoints, audit_entries, audit_head, audit_nodes
from sanctuary.reports.tables import custody_outcomes

__all__ = ["audit_checkpoints", "audit_entries", "audit_head", "audit_nodes", "custody_outcomes"]
