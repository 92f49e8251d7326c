"""Every table the vault declares, imported for ``sanctuary.db.migrate.import_model_modules``."""

from __future__ import annotations

from sanctuary.vault.tables import vault_holds, vault_records, vault_shreds

__all__ = ["vault_holds", "vault_records", "vault_shreds"]
