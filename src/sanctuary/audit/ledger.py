"""The ledger of handed-out checkpoints: a file outside the database that the database cannot shrink.

Every checkpoint the desk hands out (the public ``/audit/checkpoint``, the auditors' API, ``sanctuary audit
checkpoint``) is appended here, one JSON line, *after* it is committed to ``audit_checkpoints`` and before it
leaves the process. ``sanctuary audit verify`` then requires every checkpoint in the ledger to be still in the
database and to match the log: deleting checkpoints from the database, or rewriting the log behind one that
was handed out and re-signing it, fails verification. (An attacker who also controls this file can still
shrink it; witnesses, which keep their own copy far away, catch that: ``docs/security.md``.)

Lines are appended under an exclusive ``flock`` with ``O_APPEND`` and ``fsync``, so several worker processes
on one host can share the file. A restore that knowingly loses handed-out checkpoints (``sanctuary db restore
--accept-loss``) appends a ``restore`` line naming them; they are then reported, not failed.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sanctuary import keystore

LEDGER_FILE = "audit-checkpoints.jsonl"
FIELDS = ("id", "origin", "size", "root_hash", "timestamp", "signature", "key_id", "note")


@dataclass
class LedgerContents:
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    lost: set[tuple[int, str]] = field(default_factory=set)  # (size, signature) of checkpoints given up on restore
    restores: list[dict[str, Any]] = field(default_factory=list)

    def live(self) -> list[dict[str, Any]]:
        """Checkpoints the log must still contain (one per signature), without those given up on a restore."""
        seen: set[str] = set()
        out = []
        for cp in self.checkpoints:
            sig = str(cp.get("signature"))
            if sig in seen or (int(cp.get("size", 0)), sig) in self.lost:
                continue
            seen.add(sig)
            out.append(cp)
        return out


class CheckpointLedger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._recorded: set[str] = set()
        self._lock = threading.Lock()

    def _append(self, line: dict[str, Any]) -> None:
        data = (json.dumps(line, sort_keys=True, separators=(",", ":")) + "\n").encode()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)  # closing releases the lock

    def record(self, checkpoint: Mapping[str, Any]) -> None:
        """Append a committed checkpoint (once per process per signature)."""
        signature = str(checkpoint["signature"])
        with self._lock:
            if signature in self._recorded:
                return
            self._append({"type": "checkpoint", **{k: checkpoint.get(k) for k in FIELDS}})
            self._recorded.add(signature)

    def record_restore(self, size: int, lost: Sequence[Mapping[str, Any]], reason: str) -> None:
        self._append({
            "type": "restore",
            "size": size,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "reason": reason,
            "lost": [{"size": int(cp["size"]), "signature": str(cp["signature"])} for cp in lost],
        })

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> LedgerContents:
        """Every line; a line that is not JSON raises ``ValueError`` naming its number."""
        contents = LedgerContents()
        if not self.path.exists():
            return contents
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    line = json.loads(raw)
                except ValueError as exc:
                    if not raw.endswith(b"\n"):
                        continue  # a line cut short by a crash mid-write: never acknowledged
                    raise ValueError(f"{self.path}, line {number}: not JSON") from exc
                if line.get("type") == "checkpoint":
                    contents.checkpoints.append(line)
                elif line.get("type") == "restore":
                    contents.restores.append(line)
                    contents.lost.update((int(x["size"]), str(x["signature"])) for x in line.get("lost", []))
        return contents


def _validate(data: bytes) -> None:
    for number, raw in enumerate(data.splitlines(keepends=True), 1):
        if raw.strip() and raw.endswith(b"\n"):
            try:
                json.loads(raw)
            except ValueError as exc:
                raise ValueError(f"line {number} is not JSON") from exc


keystore.register(
    keystore.KeySpec(
        name=LEDGER_FILE,
        purpose="the record of every checkpoint handed out (not secret, but the log is checked against it)",
        create=lambda path: keystore.write_new_secret(path, b""),
        needed_by=keystore.rows_in("audit_checkpoints", "signed checkpoints"),
        validate=_validate,
        path=lambda settings: settings.ledger_path,
        secret=False,
        missing_hint=(
            "Restore it from the backup made with the database and start again. Only if this deployment never had "
            "a ledger (upgrading from a version without one), start it with `sanctuary audit ledger-init`."
        ),
    )
)
