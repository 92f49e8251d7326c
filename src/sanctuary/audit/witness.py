"""A witness: fetch another desk's checkpoint, check it extends the last one seen, and co-sign it.

``sanctuary audit witness URL`` (run by someone the desk does not control: a county clerk, a court, a civil
liberties group, another city) does, each time:

1. fetch ``URL`` (the desk's public ``/audit/checkpoint``, a C2SP signed note) and verify the log's Ed25519
   signature with the log's public key (given once with ``--log-key``, then kept in the state file);
2. compare it with the last checkpoint this witness accepted (its state file): a smaller tree is a log that
   shrank, the same size with another root is a fork, a larger tree must come with a valid RFC 9162
   consistency proof (fetched from ``<URL base>/proofs/consistency``) from the old root to the new one;
3. co-sign it: a C2SP tlog-cosignature/v1 Ed25519 signature line (https://c2sp.org/tlog-cosignature) under
   the witness's own key, appended to the note;
4. save the new state (atomically, mode 0600) and append the co-signed note to the witness's history file.

Nothing is saved when a check fails, so the witness keeps holding the last good checkpoint: the evidence.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import struct
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sanctuary.audit.keys import raw_public_key
from sanctuary.audit.merkle import verify_consistency
from sanctuary.audit.note import CheckpointBody, note_key_hash, parse_body

COSIGNATURE_ALG = b"\x04"
MAX_RESPONSE = 64 * 1024
Fetch = Callable[[str], bytes]


class WitnessError(RuntimeError):
    """The checkpoint was not co-signed; the message says why (shrank, forked, inconsistent, bad signature)."""


def cosignature_key_hash(name: str, public: Ed25519PublicKey) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + COSIGNATURE_ALG + raw_public_key(public)).digest()[:4]


def cosigned_message(body: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


def cosign_line(body: str, name: str, key: Ed25519PrivateKey, timestamp: int) -> str:
    signature = key.sign(cosigned_message(body, timestamp))
    blob = cosignature_key_hash(name, key.public_key()) + struct.pack(">Q", timestamp) + signature
    return f"\u2014 {name} {base64.b64encode(blob).decode()}\n"


def split_note(note: str) -> tuple[str, list[tuple[str, bytes]]]:
    """The note's signed text (ending in a newline) and its signature lines as (name, decoded blob)."""
    if "\n\n" not in note:
        raise WitnessError("not a signed note: no blank line before the signatures")
    text, _, rest = note.partition("\n\n")
    lines = []
    for line in rest.split("\n"):
        if not line:
            continue
        if not line.startswith("\u2014 "):
            raise WitnessError(f"not a signature line: {line[:60]!r}")
        name, _, b64 = line[2:].rpartition(" ")
        try:
            lines.append((name, base64.b64decode(b64, validate=True)))
        except binascii.Error as exc:
            raise WitnessError(f"signature of {name!r} is not base64") from exc
    return text + "\n", lines


def verify_cosignature(note: str, name: str, public: Ed25519PublicKey) -> int | None:
    """The timestamp of ``name``'s valid cosignature in ``note``, or None."""
    body, signatures = split_note(note)
    wanted = cosignature_key_hash(name, public)
    for signer, blob in signatures:
        if signer != name or blob[:4] != wanted or len(blob) != 4 + 8 + 64:
            continue
        timestamp = struct.unpack(">Q", blob[4:12])[0]
        try:
            public.verify(blob[12:], cosigned_message(body, timestamp))
        except InvalidSignature:
            continue
        return int(timestamp)
    return None


def open_checkpoint(note: str, log_key: Ed25519PublicKey) -> CheckpointBody:
    """Parse a checkpoint note and check the log's own signature on it."""
    body_text, signatures = split_note(note)
    try:
        body = parse_body(body_text)
    except ValueError as exc:
        raise WitnessError(f"not a checkpoint: {exc}") from exc
    wanted = note_key_hash(body.origin, log_key)
    for signer, blob in signatures:
        if signer == body.origin and blob[:4] == wanted:
            try:
                log_key.verify(blob[4:], body_text.encode())
                return body
            except InvalidSignature:
                break
    raise WitnessError(f"the checkpoint of {body.origin!r} is not signed by the log key given (bad or no signature)")


@dataclass
class WitnessState:
    origin: str
    log_key: str  # base64 raw Ed25519 public key of the log
    size: int
    root: str  # base64
    note: str
    updated: int

    @classmethod
    def load(cls, path: Path) -> WitnessState | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text())
        return cls(**{k: data[k] for k in ("origin", "log_key", "size", "root", "note", "updated")})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(self.__dict__, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)


def http_get(url: str) -> bytes:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise WitnessError(f"{url}: only http(s) URLs")
    request = urllib.request.Request(url, headers={"Accept": "text/plain, application/json"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            data: bytes = response.read(MAX_RESPONSE + 1)
    except OSError as exc:
        raise WitnessError(f"{url}: {exc}") from exc
    if len(data) > MAX_RESPONSE:
        raise WitnessError(f"{url}: answer larger than {MAX_RESPONSE} bytes")
    return data


def consistency_url(checkpoint_url: str, first: int, second: int) -> str:
    base = checkpoint_url.rsplit("/checkpoint", 1)[0]
    return f"{base}/proofs/consistency?first={first}&second={second}"


@dataclass(frozen=True)
class Witnessed:
    cosigned_note: str
    previous_size: int | None
    size: int


def witness(url: str, state_path: Path, key: Ed25519PrivateKey, name: str,
            log_key: Ed25519PublicKey | None = None, fetch: Fetch = http_get,
            history_path: Path | None = None, now: Callable[[], float] = time.time) -> Witnessed:
    """One round: fetch, check, co-sign, save. Raises :class:`WitnessError` (nothing saved) when any check fails."""
    state = WitnessState.load(state_path)
    if state is not None:
        stored_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(state.log_key))
        if log_key is not None and raw_public_key(log_key) != raw_public_key(stored_key):
            raise WitnessError("--log-key differs from the log key this witness has followed so far")
        log_key = stored_key
    if log_key is None:
        raise WitnessError("first run: give the log's public key with --log-key (compare its key id out of band)")
    note = fetch(url).decode("utf-8", errors="replace")
    body = open_checkpoint(note, log_key)
    previous = None if state is None else state.size
    if state is not None:
        if body.origin != state.origin:
            raise WitnessError(f"origin changed from {state.origin!r} to {body.origin!r}")
        old_root = base64.b64decode(state.root)
        if body.size < state.size:
            raise WitnessError(f"the log shrank: it now signs {body.size} entries, this witness saw {state.size}")
        if body.size == state.size and body.root != old_root:
            raise WitnessError(f"fork: size {body.size} with a different root than the one this witness saw")
        if body.size > state.size and state.size > 0:
            proof = _fetch_proof(fetch, url, state.size, body.size)
            if not verify_consistency(state.size, body.size, old_root, body.root, proof):
                raise WitnessError(
                    f"the checkpoint of size {body.size} is not consistent with the one of size {state.size} this "
                    "witness saw: the log was rewritten"
                )
    body_text = split_note(note)[0]
    line = cosign_line(body_text, name, key, int(now()))
    cosigned = note if note.endswith("\n") else note + "\n"
    cosigned += line
    WitnessState(body.origin, base64.b64encode(raw_public_key(log_key)).decode(), body.size,
                 base64.b64encode(body.root).decode(), cosigned, int(now())).save(state_path)
    if history_path is not None:
        with history_path.open("a") as handle:
            handle.write(json.dumps({"size": body.size, "note": cosigned}) + "\n")
    return Witnessed(cosigned, previous, body.size)


def _fetch_proof(fetch: Fetch, url: str, first: int, second: int) -> list[bytes]:
    answer: Any = json.loads(fetch(consistency_url(url, first, second)))
    try:
        if int(answer["first"]) != first or int(answer["second"]) != second:
            raise WitnessError("the consistency proof is for other sizes")
        return [bytes.fromhex(h) for h in answer["proof"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise WitnessError(f"no usable consistency proof from {first} to {second}") from exc
