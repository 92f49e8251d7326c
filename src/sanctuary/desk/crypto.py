"""Envelope encryption of uploaded documents: AES-256-GCM per document, keys wrapped by a master key.

The master key is 32 random bytes in ``<data dir>/document-master.key`` (mode 0600), made on first use.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MASTER_KEY_FILE = "document-master.key"
# HMAC-SHA256 key for the hashes of personal facts written to the audit log (request_hash, decision_hash).
# Auditors read the log but never hold this key, so they cannot confirm a guessed fact by hashing it.
AUDIT_HMAC_KEY_FILE = "audit-hmac.key"
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
        self.key_id = hashlib.sha256(b"sanctuary-master:" + master_key).hexdigest()[:16]

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


    def seal_bytes(self, content: bytes, context: str) -> tuple[bytes, bytes]:
        """Envelope-encrypt a small value (the same scheme as documents, without a file name):
        ``(nonce + ciphertext, wrapped data key)``, both bound to ``context``."""
        data_key = AESGCM.generate_key(bit_length=256)
        aad = context.encode()
        nonce, wrap_nonce = secrets.token_bytes(NONCE_BYTES), secrets.token_bytes(NONCE_BYTES)
        return (nonce + AESGCM(data_key).encrypt(nonce, content, aad),
                wrap_nonce + self._master.encrypt(wrap_nonce, data_key, aad + b":key"))

    def open_bytes(self, ciphertext: bytes, wrapped_key: bytes, context: str) -> bytes:
        """Decrypt what :meth:`seal_bytes` made; ``InvalidTag`` when anything was altered or moved."""
        aad = context.encode()
        data_key = self._master.decrypt(wrapped_key[:NONCE_BYTES], wrapped_key[NONCE_BYTES:], aad + b":key")
        return AESGCM(data_key).decrypt(ciphertext[:NONCE_BYTES], ciphertext[NONCE_BYTES:], aad)


def load_or_create_master_key(data_dir: Path) -> bytes:
    return load_or_create_secret(data_dir / MASTER_KEY_FILE, 32)


def load_or_create_secret(path: Path, length: int) -> bytes:
    """Read a binary secret, creating it atomically (O_EXCL, mode 0600) when it does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        data = path.read_bytes()
        if len(data) != length:
            raise ValueError(f"{path} is not a {length}-byte key") from None
        return data
    secret = secrets.token_bytes(length)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
        handle.flush()
        os.fsync(handle.fileno())
    return secret
