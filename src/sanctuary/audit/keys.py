"""The log's Ed25519 signing key: made once at setup, kept with mode 0600 (in the inventory, ``sanctuary.keystore``).

``<data_dir>/audit-signing-key.pem`` (or ``SANCTUARY_AUDIT_SIGNING_KEY``) holds the private key (PKCS#8 PEM);
``audit-signing-key.pub`` beside it holds the public key (SubjectPublicKeyInfo PEM) for auditors and witnesses.
The key id is the first 16 hex digits of SHA-256 over the raw 32-byte public key. A private key file that
other users can read or write is refused rather than used; a missing one is not replaced while signed
checkpoints exist (they could never be verified again), and one that did not sign the latest checkpoint is
refused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Connection, inspect, text

from sanctuary import keystore
from sanctuary.settings import Settings

PRIVATE_KEY_FILE = "audit-signing-key.pem"
PUBLIC_KEY_FILE = "audit-signing-key.pub"


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public_key(key)).hexdigest()[:16]


def _load_private(path: Path) -> Ed25519PrivateKey:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise PermissionError(f"{path} is open to other users (mode {mode:o}); run: chmod 600 {path}")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def load_or_create_signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The data dir's signing key, created (mode 0600, public key beside it) on first use.

    Low level: it cannot tell whether signed checkpoints need the old key. Processes go through
    :func:`sanctuary.keystore.prepare` first (``sanctuary.audit.setup.build_audit_log`` does)."""
    return load_or_create_key_file(data_dir / PRIVATE_KEY_FILE)


def load_or_create_key_file(private_path: Path, public_path: Path | None = None) -> Ed25519PrivateKey:
    """The Ed25519 key at ``private_path`` (public key beside it, ``.pub``), created when missing."""
    private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not private_path.exists():
        _create_key_file(private_path)
    key = _load_private(private_path)
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public_path = public_path or private_path.with_suffix(".pub")
    if not public_path.exists():
        keystore.write_new_secret(public_path, public_pem, 0o644)
    elif public_path.read_bytes() != public_pem:
        raise ValueError(f"{public_path} does not match {private_path}")
    return key


def _create_key_file(path: Path) -> None:
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    keystore.write_new_secret(path, pem, 0o600)


def _private_from_pem(data: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise ValueError("does not hold a PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("does not hold an Ed25519 private key")
    return key


def _check_pem(data: bytes) -> None:
    _private_from_pem(data)


def _latest_checkpoint_key(connection: Connection) -> str | None:
    if not inspect(connection).has_table("audit_checkpoints"):
        return None
    row = connection.execute(text("SELECT key_id FROM audit_checkpoints ORDER BY id DESC LIMIT 1")).first()
    return None if row is None else str(row[0])


def _signed_the_latest(connection: Connection, data: bytes) -> str | None:
    latest = _latest_checkpoint_key(connection)
    ours = key_id(_private_from_pem(data).public_key())
    if latest is not None and latest != ours:
        return f"its key id is {ours}; the latest checkpoint was signed by key {latest}"
    return None


SIGNING_KEY = keystore.register(
    keystore.KeySpec(
        name=PRIVATE_KEY_FILE,
        purpose="signs the audit log's checkpoints",
        create=_create_key_file,
        needed_by=keystore.rows_in("audit_checkpoints", "signed checkpoints"),
        validate=_check_pem,
        matches=_signed_the_latest,
        path=lambda settings: settings.signing_key_path,
        applies=lambda settings: not settings.audit_sign_command,
    )
)


def load_signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The configured signing key (checked by :func:`sanctuary.keystore.prepare` beforehand)."""
    return load_or_create_key_file(settings.signing_key_path, settings.public_key_path)


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return key
