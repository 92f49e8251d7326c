"""Envelope encryption of uploaded documents: AES-256-GCM per document, keys wrapped by a master key.

The master key is 32 random bytes in ``<data dir>/document-master.key`` (mode 0600), made on first use; it is
in the key inventory (:mod:`sanctuary.keystore`), so a missing one is never replaced while documents need it,
and one other users could read is refused.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, inspect, text

from sanctuary import keystore

MASTER_KEY_FILE = "document-master.key"
NONCE_BYTES = 12


@dataclass(frozen=True)
class Sealed:
    ciphertext: bytes
    name_ciphertext: bytes
    wrapped_key: bytes
    master_key_id: str
    sha256: str


class DocumentCipher:
    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("the document master key must be 32 bytes")
        self._master = AESGCM(master_key)
        self.key_id = master_key_id(master_key)

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> DocumentCipher:
        return cls(load_or_create_master_key(data_dir))

    def seal(self, content: bytes, filename: str, context: str) -> Sealed:
        data_key = AESGCM.generate_key(bit_length=256)
        aead = AESGCM(data_key)
        aad = context.encode()
        body_nonce, name_nonce, wrap_nonce = (secrets.token_bytes(NONCE_BYTES) for _ in range(3))
        return Sealed(
            ciphertext=body_nonce + aead.encrypt(body_nonce, content, aad),
            name_ciphertext=name_nonce + aead.encrypt(name_nonce, filename.encode(), aad + b":name"),
            wrapped_key=wrap_nonce + self._master.encrypt(wrap_nonce, data_key, aad + b":key"),
            master_key_id=self.key_id,
            sha256=hashlib.sha256(content).hexdigest(),
        )

    def open(self, sealed: Sealed, context: str) -> tuple[bytes, str]:
        """Decrypt; raises ``cryptography.exceptions.InvalidTag`` when anything was altered."""
        aad = context.encode()
        data_key = self._master.decrypt(sealed.wrapped_key[:NONCE_BYTES], sealed.wrapped_key[NONCE_BYTES:],
                                        aad + b":key")
        aead = AESGCM(data_key)
        content = aead.decrypt(sealed.ciphertext[:NONCE_BYTES], sealed.ciphertext[NONCE_BYTES:], aad)
        name = aead.decrypt(sealed.name_ciphertext[:NONCE_BYTES], sealed.name_ciphertext[NONCE_BYTES:],
                            aad + b":name")
        if hashlib.sha256(content).hexdigest() != sealed.sha256:
            raise ValueError("document digest mismatch")
        return content, name.decode()


def load_or_create_master_key(data_dir: Path) -> bytes:
    return load_or_create_secret(data_dir / MASTER_KEY_FILE, 32)


def load_or_create_secret(path: Path, length: int) -> bytes:
    """Read a binary secret, creating it atomically (O_EXCL, mode 0600) when it does not exist. A secret
    other users may read or write is refused (PermissionError naming the chmod)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        data = keystore.read_secret(path)
        if len(data) != length:
            raise ValueError(f"{path} is not a {length}-byte key") from None
        return data
    secret = secrets.token_bytes(length)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
        handle.flush()
        os.fsync(handle.fileno())
    return secret


def master_key_id(master_key: bytes) -> str:
    return hashlib.sha256(b"sanctuary-master:" + master_key).hexdigest()[:16]


def _wrapped_with_another_key(connection: Connection, data: bytes) -> str | None:
    if not inspect(connection).has_table("desk_documents"):
        return None
    ours = master_key_id(data)
    row = connection.execute(
        text("SELECT master_key_id, count(*) FROM desk_documents WHERE master_key_id <> :ours GROUP BY master_key_id"),
        {"ours": ours},
    ).first()
    return None if row is None else f"{row[1]} documents are wrapped by key {row[0]}, this one is {ours}"


keystore.register(
    keystore.KeySpec(
        name=MASTER_KEY_FILE,
        purpose="wraps the key of every uploaded document",
        create=lambda path: keystore.write_new_secret(path, secrets.token_bytes(32)),
        needed_by=keystore.rows_in("desk_documents", "encrypted documents"),
        validate=keystore.exact_length(32),
        matches=_wrapped_with_another_key,
    )
)
