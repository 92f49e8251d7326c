"""Database plumbing shared by the desk, the audit log and the vault."""
