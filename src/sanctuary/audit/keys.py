"""The log's Ed25519 signing key: made once at setup, kept in the data dir with mode 0600.

``<data_dir>/audit-signing-key.pem`` holds the private key (PKCS#8 PEM); ``audit-signing-key.pub`` beside it
holds the public key (SubjectPublicKeyInfo PEM) for auditors and witnesses. The key id is the first 16 hex
digits of SHA-256 over the raw 32-byte public key. A private key file that other users can read or write is
refused rather than used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PRIVATE_KEY_FILE = "audit-signing-key.pem"
PUBLIC_KEY_FILE = "audit-signing-key.pub"


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public_key(key)).hexdigest()[:16]


def _write_new_file(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path`` only if it does not exist yet; readers never see a partial file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        with contextlib.suppress(FileExistsError):  # another worker won the race: keep its key
            os.link(tmp, path)
    finally:
        tmp.unlink()


def _load_private(path: Path) -> Ed25519PrivateKey:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise PermissionError(f"{path} is open to other users (mode {mode:o}); run: chmod 600 {path}")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def load_or_create_signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The data dir's signing key, created (mode 0600, public key beside it) on first use."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_path = data_dir / PRIVATE_KEY_FILE
    if not private_path.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write_new_file(private_path, pem, 0o600)
    key = _load_private(private_path)
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public_path = data_dir / PUBLIC_KEY_FILE
    if not public_path.exists():
        _write_new_file(public_path, public_pem, 0o644)
    elif public_path.read_bytes() != public_pem:
        raise ValueError(f"{public_path} does not match {private_path}")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return key
