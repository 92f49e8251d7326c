"""The desk's side of the audit log: every event goes through :class:`AuditSink.append`.

The log itself (RFC 6962 Merkle tree, signed checkpoints) lives in :mod:`sanctuary.audit`. Refs carry ids
and hashes only, never names or other personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from sanctuary.audit.keys import load_or_create_signing_key
from sanctuary.audit.log import AuditLog

Refs = Mapping[str, str | int]


class AuditSink(Protocol):
    def append(self, session: Session, kind: str, refs: dict[str, str | int]) -> int: ...

    def append_many(self, session: Session, items: Sequence[tuple[str, dict[str, str | int]]]) -> list[int]: ...


def load_audit_log(data_dir: Path) -> AuditLog:
    """The audit log signed with the data dir's Ed25519 key (made on first use). Low level: processes use
    :func:`sanctuary.audit.setup.build_audit_log`, which checks the key inventory first."""
    return AuditLog(load_or_create_signing_key(data_dir))


def check_refs(refs: Refs) -> dict[str, str | int]:
    """Refs are ids and hex digests; refuse anything that looks like free text."""
    clean: dict[str, str | int] = {}
    for key, value in refs.items():
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"audit ref {key!r} must be an int or a short token")
        if isinstance(value, str) and (len(value) > 128 or " " in value):
            raise ValueError(f"audit ref {key!r} must be an id, a code or a hash, not free text")
        clean[key] = value
    return clean
