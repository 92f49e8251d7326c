"""Checkpoints as C2SP signed notes (https://c2sp.org/signed-note, https://c2sp.org/tlog-checkpoint).

The signed text is::

    <origin>\\n<size>\\n<base64 root hash>\\ntimestamp <ISO-8601 UTC>\\n

(the checkpoint's three lines plus one extension line). The note appends a blank line and a signature line
``— <origin> <base64(key hash || Ed25519 signature)>``, where the key hash is the first 4 bytes of
``SHA-256(<origin> || 0x0A || 0x01 || raw public key)`` as signed-note specifies for Ed25519 keys.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sanctuary.audit.keys import key_id, raw_public_key
from sanctuary.audit.signer import Signer

ED25519_ALG = b"\x01"
_ORIGIN = re.compile(r"[\x21-\x7e]{1,128}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


@dataclass(frozen=True)
class CheckpointBody:
    origin: str
    size: int
    root: bytes
    timestamp: str

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\ntimestamp {self.timestamp}\n"


def check_origin(origin: str) -> str:
    if not _ORIGIN.fullmatch(origin):
        raise ValueError("origin must be 1-128 printable ASCII characters without spaces")
    return origin


def parse_body(text: str) -> CheckpointBody:
    lines = text.split("\n")
    if len(lines) != 5 or lines[4] != "":
        raise ValueError("checkpoint text must be four lines ending in a newline")
    origin, size_text, root_b64, ts_line = lines[:4]
    if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise ValueError("checkpoint size must be a decimal number")
    try:
        root = base64.b64decode(root_b64, validate=True)
    except binascii.Error as exc:
        raise ValueError("checkpoint root is not base64") from exc
    if len(root) != 32 or not ts_line.startswith("timestamp ") or not _TIMESTAMP.fullmatch(ts_line[10:]):
        raise ValueError("checkpoint root or timestamp line is malformed")
    return CheckpointBody(check_origin(origin), int(size_text), root, ts_line[10:])


def note_key_hash(name: str, public_key: Ed25519PublicKey) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519_ALG + raw_public_key(public_key)).digest()[:4]


def sign(body: CheckpointBody, key: Signer) -> dict[str, Any]:
    """The checkpoint as the API and the CLI show it."""
    text = body.text()
    signature = key.sign(text.encode())
    public = key.public_key()
    line = base64.b64encode(note_key_hash(body.origin, public) + signature).decode()
    return {
        "origin": body.origin,
        "size": body.size,
        "root_hash": body.root.hex(),
        "timestamp": body.timestamp,
        "signature": base64.b64encode(signature).decode(),
        "key_id": key_id(public),
        "public_key": base64.b64encode(raw_public_key(public)).decode(),
        "checkpoint": text,
        "note": f"{text}\n\u2014 {body.origin} {line}\n",
    }


def verify_signature(checkpoint: Mapping[str, Any], public_key: Ed25519PublicKey) -> bool:
    """True when ``checkpoint`` (a dict from :func:`sign`) is signed by ``public_key`` over its own fields."""
    try:
        body = CheckpointBody(
            check_origin(str(checkpoint["origin"])),
            int(checkpoint["size"]),
            bytes.fromhex(str(checkpoint["root_hash"])),
            str(checkpoint["timestamp"]),
        )
        signature = base64.b64decode(str(checkpoint["signature"]), validate=True)
        public_key.verify(signature, body.text().encode())
    except (KeyError, ValueError, TypeError, binascii.Error, InvalidSignature):
        return False
    return bool(checkpoint.get("key_id", key_id(public_key)) == key_id(public_key))
