"""Envelope encryption: AES-256-GCM data keys, one per person, wrapped by a key-encryption key (KEK).

The KEK is 32 random bytes in ``<data dir>/vault-kek.key`` (mode 0600), made on first use. It never goes into
the records database or the key store: a copy of both without it opens nothing. Subjects are stored only as
a keyed hash (HMAC-SHA256 under ``<data dir>/vault-subject.key``, 32 random bytes, mode 0600), so the agency's
references never appear; that key is separate from the KEK so that the KEK can be rotated.

Rotation (:func:`rotate_kek`): a new KEK is written to ``vault-kek.key.new``, every data key is re-wrapped
under it in one key-store transaction, then the new file replaces the old one. A crash in between is finished
on the next start (:func:`load_kek`): the key store records which KEK wrapped each key. The old KEK is gone,
so every key-store backup made before the rotation becomes unreadable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sanctuary import keystore
from sanctuary.desk.crypto import load_or_create_secret

KEK_FILE = "vault-kek.key"
NEW_KEK_FILE = "vault-kek.key.new"
SUBJECT_KEY_FILE = "vault-subject.key"
NONCE = 12


def kek_id(kek: bytes) -> str:
    return hashlib.sha256(b"sanctuary-vault-kek:" + kek).hexdigest()[:16]


def load_or_create_kek(data_dir: Path) -> bytes:
    return load_or_create_secret(data_dir / KEK_FILE, 32)


def load_or_create_subject_key(data_dir: Path) -> bytes:
    return load_or_create_secret(data_dir / SUBJECT_KEY_FILE, 32)


# In the desk's key inventory (sanctuary.keystore): the desk refuses to start, rather than make a new one, when
# either file is missing while vault records need it, or is open to other users. (A KEK other than the key
# store's is refused by the key store itself when a key is added.)
for _name, _purpose in (
    (KEK_FILE, "wraps every vault data key (without it no vault record can be read)"),
    (SUBJECT_KEY_FILE, "keys the hashes that stand for vault subjects (without it no subject is found again)"),
):
    keystore.register(keystore.KeySpec(
        name=_name, purpose=_purpose,
        create=lambda path: keystore.write_new_secret(path, secrets.token_bytes(32)),
        needed_by=keystore.rows_in("vault_records", "vault records"),
        validate=keystore.exact_length(32),
    ))


class Envelope:
    def __init__(self, kek: bytes, subject_key: bytes | None = None) -> None:
        if len(kek) != 32:
            raise ValueError("the vault key-encryption key must be 32 bytes")
        self._kek = AESGCM(kek)
        if subject_key is None:  # tests and benchmarks: a key of their own, derived once
            subject_key = HKDF(hashes.SHA256(), 32, salt=None, info=b"sanctuary vault subject-ref v1").derive(kek)
        self._subject_key = subject_key
        self.kek_id = kek_id(kek)

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> Envelope:
        return cls(load_or_create_kek(data_dir), load_or_create_subject_key(data_dir))

    def subject_ref(self, subject: str) -> str:
        """The keyed hash that stands for the agency's subject reference everywhere."""
        return hmac.new(self._subject_key, subject.encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def new_data_key() -> bytes:
        return AESGCM.generate_key(bit_length=256)

    def wrap(self, data_key: bytes, key_id: str, subject_ref: str) -> bytes:
        nonce = secrets.token_bytes(NONCE)
        return nonce + self._kek.encrypt(nonce, data_key, f"vault-key|{key_id}|{subject_ref}".encode())

    def unwrap(self, wrapped: bytes, key_id: str, subject_ref: str) -> bytes:
        return self._kek.decrypt(wrapped[:NONCE], wrapped[NONCE:], f"vault-key|{key_id}|{subject_ref}".encode())


def seal(data_key: bytes, value: Any, aad: str) -> bytes:
    nonce = secrets.token_bytes(NONCE)
    plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return nonce + AESGCM(data_key).encrypt(nonce, plain, aad.encode())


def open_sealed(data_key: bytes, sealed: bytes, aad: str) -> Any:
    """Raises ``cryptography.exceptions.InvalidTag`` when the ciphertext or its context was altered."""
    return json.loads(AESGCM(data_key).decrypt(sealed[:NONCE], sealed[NONCE:], aad.encode()))
