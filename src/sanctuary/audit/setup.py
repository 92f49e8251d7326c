"""Building a process's :class:`AuditLog` from the settings, after the key inventory has been checked."""

from __future__ import annotations

from sqlalchemy import Engine

from sanctuary import keystore
from sanctuary.audit import ledger as _ledger  # noqa: F401  (registers the ledger in the inventory)
from sanctuary.audit.keys import load_public_key, load_signing_key
from sanctuary.audit.ledger import CheckpointLedger
from sanctuary.audit.log import AuditLog
from sanctuary.audit.signer import CommandSigner, Signer
from sanctuary.settings import Settings


def make_signer(settings: Settings) -> Signer:
    """The sign command when one is configured (its public key must be given), else the key file."""
    if settings.audit_sign_command:
        path = settings.public_key_path
        if not path.exists():
            raise keystore.KeyProblem([
                f"SANCTUARY_AUDIT_SIGN_COMMAND is set but the log's public key {path} is missing; copy the signing "
                "host's public key there (or set SANCTUARY_AUDIT_PUBLIC_KEY)"
            ])
        return CommandSigner(settings.audit_sign_command, load_public_key(path))
    return load_signing_key(settings)


def build_audit_log(settings: Settings, engine: Engine, check_keys: bool = True) -> AuditLog:
    """The audit log with its signer and ledger; checks the whole key inventory first (unless told not to,
    because the caller just did)."""
    if check_keys:
        keystore.prepare(settings, engine)
    return AuditLog(make_signer(settings), ledger=CheckpointLedger(settings.ledger_path))
