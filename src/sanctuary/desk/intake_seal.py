"""The intake's personal fields, encrypted at rest with the documents' envelope scheme.

``person_ref`` (the minimal reference to the person) and ``stated_purpose`` (the agents' words, which may
name or describe the person) are sealed together as one JSON value: AES-256-GCM under a fresh key per
request, that key wrapped by the document master key (``<data dir>/document-master.key``), both bound to the
request's id, so a sealed value moved to another row does not open. The plain columns of these fields stay
empty for sealed rows; rows written before sealing existed are sealed by :func:`seal_legacy` when the desk
starts. What is and is not encrypted, and why, is in ``docs/desk.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.desk.crypto import DocumentCipher
from sanctuary.desk.models import DeskRequest

PERSONAL_FIELDS = ("person_ref", "stated_purpose")


@dataclass(frozen=True)
class SealedIntake:
    ciphertext: bytes | None
    wrapped_key: bytes | None
    key_id: str | None


def _context(request_id: int) -> str:
    return f"sanctuary-intake:{int(request_id)}"


def seal(cipher: DocumentCipher, request_id: int, personal: Mapping[str, str]) -> SealedIntake:
    """Seal the personal fields of request ``request_id`` (nothing to seal: all None)."""
    values = {name: str(personal.get(name) or "") for name in PERSONAL_FIELDS}
    if not any(values.values()):
        return SealedIntake(None, None, None)
    ciphertext, wrapped = cipher.seal_bytes(json.dumps(values, ensure_ascii=False).encode(), _context(request_id))
    return SealedIntake(ciphertext, wrapped, cipher.key_id)


def personal(cipher: DocumentCipher, record: DeskRequest) -> dict[str, str]:
    """The personal fields of a stored request: opened from the sealed value, or the plain columns of a row
    written before sealing existed."""
    if record.sealed_intake is None or record.sealed_key is None:
        return {name: str(getattr(record, name) or "") for name in PERSONAL_FIELDS}
    opened = json.loads(cipher.open_bytes(record.sealed_intake, record.sealed_key, _context(record.id)))
    return {name: str(opened.get(name) or "") for name in PERSONAL_FIELDS}


def seal_legacy(sessions: sessionmaker[Session], cipher: DocumentCipher, batch: int = 500) -> int:
    """Seal the personal fields of rows written before sealing existed (their plain columns are emptied in
    the same transaction). Idempotent; returns how many rows were sealed. ``sanctuary serve`` runs it after
    migrating."""
    sealed = 0
    while True:
        with sessions() as session:
            rows = list(session.scalars(
                select(DeskRequest)
                .where(DeskRequest.sealed_intake.is_(None),
                       or_(DeskRequest.person_ref != "", DeskRequest.stated_purpose != ""))
                .order_by(DeskRequest.id).limit(batch)))
            if not rows:
                return sealed
            for row in rows:
                done = seal(cipher, row.id, {name: getattr(row, name) for name in PERSONAL_FIELDS})
                row.sealed_intake, row.sealed_key, row.sealed_key_id = done.ciphertext, done.wrapped_key, done.key_id
                row.person_ref = row.stated_purpose = ""
            session.commit()
            sealed += len(rows)
