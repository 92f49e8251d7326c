"""Keyed hashes of personal facts for the audit log.

An audit entry may be read by auditors and admins, so a plain SHA-256 of a request or a decision would let
them confirm a guess about a person ("was there a final removal order?") by hashing the guess. Every hash of
personal facts is therefore HMAC-SHA256 under the desk's audit HMAC key (``<data dir>/audit-hmac.key``),
which auditors never hold, and it is bound to the record's id and to what it hashes, so two requests with
the same facts do not share a hash either (an auditor cannot link them). Whoever holds the key and the
record (the desk itself) can recompute the value and show that the record matches the log.

Verifying the log never needs this key: leaf hashes cover the entry as stored, hex digests included.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

VERSION = "v1"


def canonical(value: Any) -> bytes:
    """The canonical JSON of a request or decision (sorted keys, no spaces, UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fact_hash(key: bytes, label: str, record_id: int, data: bytes) -> str:
    """HMAC-SHA256 over ``sanctuary/<label>/v1/<record id>`` and ``data``, in lower-case hex."""
    if len(key) < 32:
        raise ValueError("the audit HMAC key must be at least 32 bytes")
    mac = hmac.new(key, f"sanctuary/{label}/{VERSION}/{int(record_id)}\n".encode(), hashlib.sha256)
    mac.update(data)
    return mac.hexdigest()
