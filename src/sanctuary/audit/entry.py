"""What an audit entry may contain, and the exact bytes its leaf hash covers.

An entry is ``(index, timestamp, kind, refs)``. ``refs`` carries ids and hashes only: every key must be on
:data:`REF_KEYS`, and every value must have that key's shape (an integer, a UUID or hex id, a SHA-256 hex
digest, a short enum-like token, or a jurisdiction id). Anything else, such as a name, a free-text note or
an e-mail address, is refused with a :class:`ValueError` naming the key, so personal data never reaches the
log, which can never be edited afterwards.

The leaf covers the canonical JSON (sorted keys, no spaces, ASCII) of
``{"v": 1, "index": i, "timestamp": ..., "kind": ..., "refs": {...}}``; binding the index means an entry
moved to another position no longer matches its leaf hash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

import msgspec

from sanctuary.vocabulary import ACTIONS, AGENCY_KINDS, INSTRUMENT_TYPES, REQUESTER_AGENCIES

ENTRY_VERSION: Final = 1
MAX_REFS: Final = 16

_HEX_ID = re.compile(r"[0-9a-f]{8,64}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TOKEN = re.compile(r"[a-z][a-z0-9_]{0,31}")
_JURISDICTION = re.compile(r"[a-z]{2}(/[a-z0-9]+(-[a-z0-9]+)*){0,3}")
_DATE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31}){0,3}")

ROLES: Final = ("clerk", "supervisor", "counsel", "auditor", "admin")

# key -> value shape. "id": int >= 0, UUID or 8-64 lower-case hex; "sha256": 64 lower-case hex;
# "int": int >= 0; "date": YYYY-MM-DD; "token": [a-z][a-z0-9_]{0,31}; "jurisdiction": a contract jurisdiction id;
# a tuple: one of those tokens exactly.
REF_KEYS: Final[dict[str, str | tuple[str, ...]]] = {
    # ids of rows in the application database
    "request_id": "id",
    "decision_id": "id",
    "final_decision_id": "id",
    "supersedes_id": "id",
    "revision_id": "id",
    "escalation_id": "id",
    "document_id": "id",
    "user_id": "id",
    "actor_id": "id",
    "target_user_id": "id",
    "token_id": "id",
    "grant_id": "id",
    "export_id": "id",
    "report_id": "id",
    "checkpoint_id": "id",
    "obligation_id": "id",
    "approval_id": "id",
    "requester_id": "id",
    "record_id": "id",
    "hold_id": "id",
    # digests
    "ruleset": "sha256",
    "request_hash": "sha256",
    "decision_hash": "sha256",
    "document_sha256": "sha256",
    "content_sha256": "sha256",
    "export_sha256": "sha256",
    "payload_sha256": "sha256",
    "subject_ref": "sha256",  # the vault's keyed hash (HMAC-SHA256) of a person's reference, never the reference
    # numbers
    "count": "int",
    "size": "int",
    "year": "int",
    "obligation_index": "int",
    "version": "int",
    # the day a request was received, in the desk's time zone (statutory reports count by period)
    "received_on": "date",
    # vocabulary
    "action": ACTIONS,
    "instrument": INSTRUMENT_TYPES,
    "agency_kind": AGENCY_KINDS,
    "requester_agency": REQUESTER_AGENCIES,
    "receiving_agency": REQUESTER_AGENCIES,
    "role": ROLES,
    "previous_role": ROLES,
    "target_role": ROLES,
    # short codes whose values the desk defines (statuses, outcomes, channels, view kinds, formats)
    "outcome": "token",
    "final_outcome": "token",
    "channel": "token",
    "status": "token",
    "previous_status": "token",
    "what": "token",
    "format": "token",
    "report": "token",
    "reason_code": "token",
    "disposition": "token",
    "record_kind": "token",
    "jurisdiction": "jurisdiction",
}

RefValue = str | int


def _shape_ok(shape: str | tuple[str, ...], value: RefValue) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(shape, tuple):
        return isinstance(value, str) and value in shape
    if isinstance(value, int):
        return shape in ("id", "int") and 0 <= value < 2**63
    if not isinstance(value, str):
        return False
    if shape == "id":
        return bool(_UUID.fullmatch(value) or _HEX_ID.fullmatch(value))
    if shape == "sha256":
        return bool(_SHA256.fullmatch(value))
    if shape == "token":
        return bool(_TOKEN.fullmatch(value))
    if shape == "date":
        return bool(_DATE.fullmatch(value))
    if shape == "jurisdiction":
        return len(value) <= 128 and bool(_JURISDICTION.fullmatch(value))
    return False


_SHAPE_WORDS = {
    "id": "an integer id, a UUID or a lower-case hex id",
    "sha256": "a SHA-256 digest in lower-case hex",
    "int": "a non-negative integer",
    "token": "a short lower-case code ([a-z][a-z0-9_]{0,31})",
    "jurisdiction": "a jurisdiction id such as us/il/cook-county",
    "date": "a calendar date YYYY-MM-DD",
}


def check_kind(kind: object) -> str:
    if not isinstance(kind, str) or not _KIND.fullmatch(kind):
        raise ValueError("kind must be a dotted lower-case event code such as 'request.logged'")
    return kind


def check_refs(
    refs: Mapping[str, RefValue], allowed: Mapping[str, str | tuple[str, ...]] = REF_KEYS
) -> dict[str, RefValue]:
    """Validated refs; a :class:`ValueError` names the first key that is not allowed or not id-shaped."""
    if not isinstance(refs, Mapping):
        raise ValueError("refs must be a mapping of allowed keys to ids, hashes or codes")
    if len(refs) > MAX_REFS:
        raise ValueError(f"refs: at most {MAX_REFS} keys")
    clean: dict[str, RefValue] = {}
    for key, value in refs.items():
        shape = allowed.get(key) if isinstance(key, str) else None
        if shape is None:
            raise ValueError(f"refs key {key!r} is not on the audit allow-list")
        if not _shape_ok(shape, value):
            want = f"one of {', '.join(shape)}" if isinstance(shape, tuple) else _SHAPE_WORDS[shape]
            raise ValueError(f"refs[{key!r}] must be {want}; names and free text never go in the audit log")
        clean[key] = value
    return clean


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


_encode_sorted = msgspec.json.Encoder(order="sorted").encode


def canonical_refs(refs: dict[str, RefValue]) -> str:
    """:func:`canonical_json` of refs that passed :func:`check_refs` (string keys; values that are strings or
    non-negative integers), made by msgspec with sorted keys: the same text, several times faster. Its output
    is used only when it is ASCII without DEL, where the two encoders agree byte for byte (compact separators,
    sorted keys, the same escapes; ``test_canonical_refs_is_canonical_json`` checks it); anything else (text
    that ``ensure_ascii`` would escape: non-ASCII, and DEL, which only ``json`` escapes) goes through
    :func:`canonical_json` itself."""
    text = _encode_sorted(refs).decode()
    return text if text.isascii() and "\x7f" not in text else canonical_json(refs)


def entry_bytes(index: int, timestamp: str, kind: str, refs_json: str) -> bytes:
    """The bytes a leaf hash covers; ``refs_json`` is the stored canonical refs text."""
    refs = json.loads(refs_json)
    return canonical_json(
        {"v": ENTRY_VERSION, "index": index, "timestamp": timestamp, "kind": kind, "refs": refs}
    ).encode("ascii")


def entry_bytes_for_canonical_refs(index: int, timestamp: str, kind: str, refs_json: str) -> bytes:
    """:func:`entry_bytes` for ``refs_json`` that :func:`canonical_json` just produced (the append path):
    the same bytes, spliced together instead of parsing ``refs_json`` back and re-serialising it.
    Keys in sorted order: index, kind, refs, timestamp, v."""
    return (f'{{"index":{int(index)},"kind":{canonical_json(kind)},"refs":{refs_json},'
            f'"timestamp":{canonical_json(timestamp)},"v":{ENTRY_VERSION}}}').encode("ascii")
