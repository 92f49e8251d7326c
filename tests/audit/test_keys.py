"""The signing key: created once with mode 0600, a public key beside it, refused when exposed."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from sanctuary.audit.keys import (
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    key_id,
    load_or_create_signing_key,
    load_public_key,
    raw_public_key,
)


def test_key_is_created_private_and_reloaded(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    key = load_or_create_signing_key(data_dir)
    private = data_dir / PRIVATE_KEY_FILE
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    public = load_public_key(data_dir / PUBLIC_KEY_FILE)
    assert raw_public_key(public) == raw_public_key(key.public_key())
    assert key_id(public) == hashlib.sha256(raw_public_key(public)).hexdigest()[:16]
    again = load_or_create_signing_key(data_dir)
    assert raw_public_key(again.public_key()) == raw_public_key(key.public_key())
    assert not list(data_dir.glob(".*.tmp"))


def test_exposed_private_key_is_refused(tmp_path: Path) -> None:
    load_or_create_signing_key(tmp_path)
    (tmp_path / PRIVATE_KEY_FILE).chmod(0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        load_or_create_signing_key(tmp_path)


def test_mismatched_public_key_is_refused(tmp_path: Path) -> None:
    load_or_create_signing_key(tmp_path / "a")
    load_or_create_signing_key(tmp_path / "b")
    (tmp_path / "a" / PUBLIC_KEY_FILE).write_bytes((tmp_path / "b" / PUBLIC_KEY_FILE).read_bytes())
    with pytest.raises(ValueError, match="does not match"):
        load_or_create_signing_key(tmp_path / "a")
