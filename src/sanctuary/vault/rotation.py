"""Rotating the key-encryption key (``sanctuary vault keys rotate``).

1. A new KEK is written to ``<data dir>/vault-kek.key.new`` (created exclusively, mode 0600, synced).
2. Every data key is unwrapped with the old KEK and re-wrapped with the new one, in one key-store transaction
   that also records the new KEK's id.
3. The new file replaces ``vault-kek.key`` (an atomic rename), and the key store is scrubbed so no old wrapping
   is left in its free pages.

A crash after step 2 is finished by :func:`finish_rotation` at the next start (the key store says which KEK
its keys are wrapped with); a crash before it leaves the old KEK in force and the ``.new`` file is removed.
Afterwards the old KEK exists nowhere, so every key-store backup made before the rotation is unreadable: after
a shred, a rotation makes the shred final against old key-store backups too. Stop the desk first: a running
desk still holds the old KEK and will refuse to store new keys until restarted.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sanctuary.vault.envelope import KEK_FILE, NEW_KEK_FILE, Envelope, kek_id, load_or_create_kek
from sanctuary.vault.keystore import KeyStore, KeyStoreError


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finish_rotation(data_dir: Path, keystore: KeyStore) -> None:
    """Complete or discard a rotation that a crash interrupted."""
    pending = data_dir / NEW_KEK_FILE
    if not pending.exists():
        return
    new = pending.read_bytes()
    committed = len(new) == 32 and keystore.current_kek() == kek_id(new)
    if committed:
        os.replace(pending, data_dir / KEK_FILE)
    else:
        pending.unlink()
    _sync_dir(data_dir)


def rotate_kek(data_dir: Path, keystore: KeyStore) -> tuple[str, str, int]:
    """Rotate; returns (old KEK id, new KEK id, keys re-wrapped)."""
    finish_rotation(data_dir, keystore)
    old_kek = load_or_create_kek(data_dir)
    old, new_kek = Envelope(old_kek), secrets.token_bytes(32)
    new = Envelope(new_kek)
    if keystore.current_kek() not in (None, old.kek_id):
        raise KeyStoreError(f"{keystore.path} is wrapped by another key-encryption key than {data_dir / KEK_FILE}")
    pending = data_dir / NEW_KEK_FILE
    fd = os.open(pending, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(new_kek)
        handle.flush()
        os.fsync(handle.fileno())
    _sync_dir(data_dir)
    count = keystore.rewrap(old.kek_id, new.kek_id,
                            lambda k: new.wrap(old.unwrap(k.wrapped, k.key_id, k.subject_ref), k.key_id, k.subject_ref))
    os.replace(pending, data_dir / KEK_FILE)
    _sync_dir(data_dir)
    keystore.scrub()
    return old.kek_id, new.kek_id, count
