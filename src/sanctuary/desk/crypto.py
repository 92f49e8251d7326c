"""Envelope encryption of uploaded documents: AES-256-GCM per document, keys wrapped by a master key.

The master key is 32 random bytes in ``<data dir>/document-master.key`` (mode 0600), made on first use; it is
in the key inventory (:mod:`sanctuary.keystore`), so a missing one is never replaced while documents need it,
and one other users could read is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, inspect, text

from sanctuary import keystore

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


def _sealed_requests(connection: Connection, where: str, params: dict[str, str]) -> tuple[int, str | None]:
    """How many requests have intake fields sealed under a master key matching ``where`` (and one such key id);
    none before migration 0003 made the columns."""
    if not inspect(connection).has_table("desk_requests"):
        return 0, None
    if "sealed_key_id" not in {column["name"] for column in inspect(connection).get_columns("desk_requests")}:
        return 0, None
    row = connection.execute(
        text(f"SELECT count(*), max(sealed_key_id) FROM desk_requests WHERE sealed_key_id IS NOT NULL AND {where}"),
        params,
    ).one()
    return int(row[0]), row[1]


def _documents_or_sealed_requests(connection: Connection) -> str | None:
    needs = [need for need in (keystore.rows_in("desk_documents", "encrypted documents")(connection),) if need]
    count, _ = _sealed_requests(connection, "1 = 1", {})
    if count:
        needs.append(f"{count} requests with sealed personal fields (table desk_requests)")
    return " and ".join(needs) or None


def _wrapped_with_another_key(connection: Connection, data: bytes) -> str | None:
    ours = master_key_id(data)
    if inspect(connection).has_table("desk_documents"):
        row = connection.execute(
            text("SELECT master_key_id, count(*) FROM desk_documents WHERE master_key_id <> :ours "
                 "GROUP BY master_key_id"),
            {"ours": ours},
        ).first()
        if row is not None:
            return f"{row[1]} documents are wrapped by key {row[0]}, this one is {ours}"
    count, other = _sealed_requests(connection, "sealed_key_id <> :ours", {"ours": ours})
    return f"{count} requests are sealed by key {other}, this one is {ours}" if count else None


def _newest_hashed_request(connection: Connection) -> tuple[int, str, bytes] | None:
    """The newest request with a hash: (id, stored hash, canonical request), or None."""
    from sanctuary.desk.hashing import canonical

    if not inspect(connection).has_table("desk_requests"):
        return None
    row = connection.execute(
        text("SELECT id, request_hash, contract_request FROM desk_requests WHERE request_hash <> '' "
             "ORDER BY id DESC LIMIT 1")
    ).first()
    if row is None:
        return None
    contract = json.loads(row[2]) if isinstance(row[2], str | bytes) else row[2]
    return int(row[0]), str(row[1]), canonical(contract)


def _keyed_hashes(connection: Connection) -> str | None:
    """``needed_by`` of the audit HMAC key: the log holds keyed hashes as soon as the newest request's hash is
    not the plain SHA-256 that desks before keyed hashes wrote (those deployments get a key on upgrade)."""
    newest = _newest_hashed_request(connection)
    if newest is None or newest[1] == hashlib.sha256(newest[2]).hexdigest():
        return None
    return f"the keyed hashes in the audit log (up to request {newest[0]}, table desk_requests)"


def _hmac_key_mismatch(connection: Connection, data: bytes) -> str | None:
    """The newest request whose keyed hash this key does not reproduce (a plain SHA-256 from before keyed
    hashes existed is no evidence either way)."""
    from sanctuary.desk.hashing import fact_hash

    newest = _newest_hashed_request(connection)
    if newest is None:
        return None
    request_id, stored, facts = newest
    if stored in (fact_hash(data, "request", request_id, facts), hashlib.sha256(facts).hexdigest()):
        return None
    return f"it does not reproduce the keyed hash of request {request_id}"


keystore.register(
    keystore.KeySpec(
        name=MASTER_KEY_FILE,
        purpose="wraps the key of every uploaded document and of every request's sealed personal fields",
        create=lambda path: keystore.write_new_secret(path, secrets.token_bytes(32)),
        needed_by=_documents_or_sealed_requests,
        validate=keystore.exact_length(32),
        matches=_wrapped_with_another_key,
    )
)

keystore.register(
    keystore.KeySpec(
        name=AUDIT_HMAC_KEY_FILE,
        purpose="keys the hashes of requests, decisions and documents in the audit log (auditors never hold it)",
        create=lambda path: keystore.write_new_secret(path, secrets.token_bytes(32)),
        needed_by=_keyed_hashes,
        validate=keystore.exact_length(32),
        matches=_hmac_key_mismatch,
    )
)
