"""The append-only, tamper-evident audit log (RFC 6962 / RFC 9162 Merkle tree, signed checkpoints).

Use::

    log = AuditLog(load_or_create_signing_key(settings.data_dir))
    with session.begin():                       # the caller's transaction
        ...                                     # the desk's own writes
        index = log.append(session, "request.logged", {"request_id": 42, "ruleset": digest})
    log.checkpoint(session); session.commit()   # a signed tree head

``append`` runs in the caller's transaction: the entry commits or rolls back with the desk's own rows, so
nothing acknowledged is missing from the log and nothing rolled back is in it. It first locks the single
``audit_head`` row (``UPDATE ... RETURNING``), which serialises appends on PostgreSQL (row lock until commit)
and on SQLite (the database write lock), so indices are dense and unique under any number of workers.
On SQLite, write transactions should start with ``BEGIN IMMEDIATE`` (as ``sanctuary.db.session`` does) so a
transaction never has to upgrade a stale read snapshot to a write.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import BigInteger, and_, bindparam, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sanctuary.audit import merkle
from sanctuary.audit.entry import (
    ENTRY_VERSION,
    REF_KEYS,
    canonical_refs,
    check_kind,
    check_refs,
    entry_bytes,
)
from sanctuary.audit.keys import key_id, raw_public_key
from sanctuary.audit.ledger import CheckpointLedger
from sanctuary.audit.merkle import (
    check_consistency,
    check_inclusion,
    consistency_ranges,
    inclusion_ranges,
    ranges_hashes,
    verify_consistency,
    verify_inclusion,
)
from sanctuary.audit.note import CheckpointBody, check_origin, sign
from sanctuary.audit.signer import Signer
from sanctuary.audit.tables import HEAD_ID, audit_checkpoints, audit_entries, audit_head, audit_nodes
from sanctuary.audit.verify import VerifyReport, verify_log

DEFAULT_ORIGIN = "sanctuary/audit-log"

__all__ = [
    "DEFAULT_ORIGIN",
    "AuditLog",
    "VerifyReport",
    "check_consistency",
    "check_inclusion",
    "verify_consistency",
    "verify_inclusion",
]


# Built once: constructing SQLAlchemy statements costs more than executing these cached ones.
_BUMP = (
    update(audit_head)
    .where(audit_head.c.id == HEAD_ID)
    .values(size=audit_head.c.size + bindparam("count", type_=BigInteger))
    .returning(audit_head.c.size, audit_head.c.frontier)
)
_INSERT_ENTRY = insert(audit_entries)
_INSERT_NODES = insert(audit_nodes)
_SET_FRONTIER = update(audit_head).where(audit_head.c.id == HEAD_ID)


def _raw_sql(mark: str) -> dict[str, str]:
    return {
        "bump": f"UPDATE audit_head SET size = size + {mark} WHERE id = {HEAD_ID} RETURNING size, frontier",
        "entry": f"INSERT INTO audit_entries (idx, ts, kind, refs, leaf_hash) VALUES ({', '.join([mark] * 5)})",
        "node": f"INSERT INTO audit_nodes (level, idx, hash) VALUES ({mark}, {mark}, {mark})",
        "frontier": f"UPDATE audit_head SET frontier = {mark} WHERE id = {HEAD_ID}",
        "head": f"UPDATE audit_head SET size = {mark}, frontier = {mark} WHERE id = {HEAD_ID}",
    }


_RAW_SQL = {"qmark": _raw_sql("?"), "format": _raw_sql("%s"), "pyformat": _raw_sql("%s")}

Entry = tuple[int, str, str, str, bytes]  # idx, ts, kind, refs (canonical JSON), leaf_hash
Node = tuple[int, int, bytes]  # level, idx, hash


def _now() -> str:
    """UTC now as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (``isoformat`` is several times faster than ``strftime``)."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _leaf_input(index: int, ts: str, kind: str, refs_json: str) -> bytes:
    """:func:`entry_bytes_for_canonical_refs` for a kind that passed ``check_kind`` (``[a-z0-9_.]``) and a
    timestamp from :func:`_now` (digits, ``-:.TZ``): neither has a character JSON escapes, so their JSON is the
    text in quotes, without a ``json.dumps`` each (``test_leaf_input_is_entry_bytes`` checks the equality)."""
    return f'{{"index":{index},"kind":"{kind}","refs":{refs_json},"timestamp":"{ts}","v":{ENTRY_VERSION}}}'.encode(
        "ascii")


def _age_seconds(timestamp: str) -> float:
    then = datetime.fromisoformat(timestamp.rstrip("Z")).replace(tzinfo=UTC)
    return (datetime.now(UTC) - then).total_seconds()


@dataclass
class _Head:
    size: int
    frontier: merkle.Frontier = field(repr=False)


def _extend(frontier: merkle.Frontier, checked: Sequence[tuple[str, str]], entries: list[Entry],
            nodes: list[Node]) -> None:
    """Append checked ``(kind, canonical refs)`` to ``frontier`` (one timestamp for the lot), adding their
    entries and the tree nodes they complete to ``entries`` and ``nodes``."""
    ts = _now()
    for kind, refs_json in checked:
        index = frontier.size
        made = frontier.append(merkle.leaf_hash(_leaf_input(index, ts, kind, refs_json)))
        entries.append((index, ts, kind, refs_json, made[0][2]))
        nodes.extend(made)


# A group-commit batch (sanctuary.db.group_commit.Batch) is found in session.info under this key; the log only
# needs its part(key, make) method, so the audit package does not depend on the database layer.
BATCH_KEY = "sanctuary.group_commit.batch"
_DEFERRED_PART = "sanctuary.audit.appends"


class _Deferred:
    """The appends of one group-commit batch: indices and leaf hashes computed as each item appends, the rows
    and the head written once after the batch's last item (one ``UPDATE audit_head`` instead of two per
    item), in the batch's transaction, before its COMMIT. The head row is locked when the batch first appends
    (a no-op ``UPDATE ... RETURNING``, as ``append_many``'s), so indices stay dense and unique. An item that
    fails is undone here as its savepoint is rolled back in the database. Until the flush, reading the log in
    the same transaction (its size, a checkpoint) does not see these entries: work run in a batch appends only
    (the desk's ``store_request``); checkpoints are signed in transactions of their own."""

    def __init__(self, raw: dict[str, str], size: int, blob: bytes) -> None:
        self._raw = raw
        self._start = size
        self.frontier = merkle.Frontier.from_blob(size, blob)
        self.entries: list[Entry] = []
        self.nodes: list[Node] = []
        self._mark: tuple[int, int, int, list[bytes]] = (0, 0, size, list(self.frontier.hashes))

    @classmethod
    def start(cls, session: Session, raw: dict[str, str]) -> _Deferred | None:
        cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(raw["bump"], (0,))
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else cls(raw, int(row[0]), bytes(row[1]))

    def add(self, checked: Sequence[tuple[str, str]]) -> list[int]:
        first = len(self.entries)
        _extend(self.frontier, checked, self.entries, self.nodes)
        return [entry[0] for entry in self.entries[first:]]

    def mark(self) -> None:
        self._mark = (len(self.entries), len(self.nodes), self.frontier.size, list(self.frontier.hashes))

    def undo(self) -> None:
        entries, nodes, size, hashes = self._mark
        del self.entries[entries:]
        del self.nodes[nodes:]
        self.frontier = merkle.Frontier(size, list(hashes))

    def flush(self, session: Session) -> None:
        if self.frontier.size == self._start:
            return
        cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(self._raw["entry"], self.entries)
            cursor.executemany(self._raw["node"], self.nodes)
            cursor.execute(self._raw["head"], (self.frontier.size, self.frontier.to_blob()))
        finally:
            cursor.close()
        self._start = self.frontier.size
        self.entries.clear()
        self.nodes.clear()
        self.mark()


class AuditLog:
    """One log, signed by one Ed25519 key. Stateless apart from the key: share one instance per process."""

    def __init__(
        self,
        signing_key: Signer,
        origin: str = DEFAULT_ORIGIN,
        extra_ref_keys: Mapping[str, str | tuple[str, ...]] | None = None,
        trusted_keys: Sequence[Ed25519PublicKey] = (),
        ledger: CheckpointLedger | None = None,
    ) -> None:
        self._key = signing_key
        self.ledger = ledger
        self.origin = check_origin(origin)
        self.public_key = signing_key.public_key()
        self.key_id = key_id(self.public_key)
        self.ref_keys: dict[str, str | tuple[str, ...]] = {**REF_KEYS, **(extra_ref_keys or {})}
        # Keys whose older checkpoints verify() still accepts (after a key rotation); ours is always trusted.
        self.trusted_keys = {self.key_id: self.public_key, **{key_id(k): k for k in trusted_keys}}

    # -- writing ----------------------------------------------------------------------------------------

    def append(self, session: Session, kind: str, refs: dict[str, str | int]) -> int:
        """Add an entry in the caller's transaction and return its index. Bad refs: ValueError naming the key."""
        return self.append_many(session, [(kind, refs)])[0]

    def append_many(self, session: Session, items: Sequence[tuple[str, dict[str, str | int]]]) -> list[int]:
        """Add entries, in order, in the caller's transaction and return their (consecutive) indices.

        Every kind and refs is checked before anything is written (a ValueError names the bad key). The head
        row is locked and rewritten once for all of them, so one request's events cost one round of statements.
        """
        checked = [(check_kind(kind), canonical_refs(check_refs(refs, self.ref_keys))) for kind, refs in items]
        if not checked:
            return []
        batch = session.info.get(BATCH_KEY)
        running: _Deferred | None = batch.parts.get(_DEFERRED_PART) if batch is not None else None
        if running is not None:  # in a group-commit batch that has appended already
            return running.add(checked)
        conn = session.connection()
        raw = _RAW_SQL.get(conn.dialect.paramstyle)
        if raw is None:  # a driver with another parameter style: the (slower) SQLAlchemy Core path
            return self._append_core(session, checked)
        if batch is not None:  # in a group-commit batch: written once for the whole batch, before its COMMIT
            deferred = _Deferred.start(session, raw)
            if deferred is not None:  # (None: no head row yet; the first append below makes it)
                indices: list[int] = batch.part(_DEFERRED_PART, lambda: deferred).add(checked)
                return indices
        # The hot path talks to the DB-API cursor of the session's own connection (same transaction): four
        # statements for any number of entries, without SQLAlchemy's per-statement execution machinery.
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(raw["bump"], (len(checked),))
            row = cursor.fetchone()
            if row is None:
                cursor.close()
                return self._append_core(session, checked)
            first = int(row[0]) - len(checked)
            entries, nodes, frontier = self._next(first, bytes(row[1]), checked)
            cursor.executemany(raw["entry"], entries)
            cursor.executemany(raw["node"], nodes)
            cursor.execute(raw["frontier"], (frontier,))
        finally:
            cursor.close()
        return [entry[0] for entry in entries]

    @staticmethod
    def _next(first: int, blob: bytes, checked: Sequence[tuple[str, str]]) -> tuple[list[Entry], list[Node], bytes]:
        """The entries (one timestamp for the lot), the tree nodes they complete, and the new frontier."""
        frontier = merkle.Frontier.from_blob(first, blob)
        entries: list[Entry] = []
        nodes: list[Node] = []
        _extend(frontier, checked, entries, nodes)
        return entries, nodes, frontier.to_blob()

    def _append_core(self, session: Session, checked: Sequence[tuple[str, str]]) -> list[int]:
        conn = session.connection()
        count = {"count": len(checked)}
        row = conn.execute(_BUMP, count).first()
        if row is None:
            self._create_head(session)
            row = conn.execute(_BUMP, count).one()
        entries, nodes, frontier = self._next(int(row[0]) - len(checked), bytes(row[1]), checked)
        conn.execute(_INSERT_ENTRY, [{"idx": i, "ts": ts, "kind": k, "refs": r, "leaf_hash": h}
                                     for i, ts, k, r, h in entries])
        conn.execute(_INSERT_NODES, [{"level": lv, "idx": i, "hash": h} for lv, i, h in nodes])
        conn.execute(_SET_FRONTIER, {"frontier": frontier})
        return [entry[0] for entry in entries]

    def _create_head(self, session: Session) -> None:
        try:
            with session.begin_nested():
                session.execute(insert(audit_head).values(id=HEAD_ID, size=0, frontier=b""))
        except IntegrityError:
            pass  # another worker made it first

    def checkpoint(self, session: Session) -> dict[str, Any]:
        """Sign the current tree head, store it, and return it (the caller commits)."""
        head = self._head(session)
        body = CheckpointBody(self.origin, head.size, head.frontier.root(), _now())
        signed = sign(body, self._key)
        new_id = session.execute(
            insert(audit_checkpoints)
            .values(
                size=body.size,
                root_hash=signed["root_hash"],
                ts=body.timestamp,
                origin=body.origin,
                key_id=signed["key_id"],
                signature=signed["signature"],
                note=signed["note"],
            )
            .returning(audit_checkpoints.c.id)
        ).scalar_one()
        return {"id": int(new_id), **signed}

    def current_checkpoint(self, session: Session) -> dict[str, Any]:
        """The latest checkpoint if it covers the whole log, else a new one (the caller commits)."""
        latest = self.latest_checkpoint(session)
        if latest is not None and latest["size"] == self.size(session) and latest["key_id"] == self.key_id:
            return latest
        return self.checkpoint(session)

    def hand_out(self, session: Session, max_age_seconds: float | None = None) -> dict[str, Any]:
        """The checkpoint to give someone outside: committed, then written to the ledger, then returned.

        With ``max_age_seconds``, the latest checkpoint is reused while it is younger than that even if the
        log has grown since (callers nobody authenticated cannot make the desk sign at will)."""
        result = self.fresh_checkpoint(session, max_age_seconds) or self.current_checkpoint(session)
        session.commit()
        self.record_handed_out(result)
        return result

    def fresh_checkpoint(self, session: Session, max_age_seconds: float | None = None) -> dict[str, Any] | None:
        """The latest checkpoint if it may be handed out as it is (it covers the whole log, or is younger than
        ``max_age_seconds``), else None. Reads only."""
        latest = self.latest_checkpoint(session)
        if latest is None or latest["key_id"] != self.key_id:
            return None
        if latest["size"] == self.size(session):
            return latest
        if max_age_seconds is not None and _age_seconds(latest["timestamp"]) < max_age_seconds:
            return latest
        return None

    def record_handed_out(self, checkpoint: Mapping[str, Any]) -> None:
        """Write a committed checkpoint to the ledger before it leaves the process."""
        if self.ledger is not None:
            self.ledger.record(checkpoint)

    # -- reading ----------------------------------------------------------------------------------------

    def _head(self, session: Session) -> _Head:
        row = session.execute(
            select(audit_head.c.size, audit_head.c.frontier).where(audit_head.c.id == HEAD_ID)
        ).first()
        if row is None:
            return _Head(0, merkle.Frontier())
        size = int(row[0])
        return _Head(size, merkle.Frontier.from_blob(size, bytes(row[1])))

    def size(self, session: Session) -> int:
        return self._head(session).size

    def latest_checkpoint(self, session: Session) -> dict[str, Any] | None:
        row = session.execute(select(audit_checkpoints).order_by(audit_checkpoints.c.id.desc()).limit(1)).first()
        return None if row is None else self._checkpoint_dict(row._mapping)

    def _checkpoint_dict(self, row: Mapping[Any, Any]) -> dict[str, Any]:
        public = self.trusted_keys.get(row["key_id"])
        return {
            "id": row["id"],
            "origin": row["origin"],
            "size": int(row["size"]),
            "root_hash": row["root_hash"],
            "timestamp": row["ts"],
            "signature": row["signature"],
            "key_id": row["key_id"],
            "public_key": None if public is None else base64.b64encode(raw_public_key(public)).decode(),
            "checkpoint": row["note"].split("\n\n", 1)[0] + "\n",
            "note": row["note"],
        }

    def _reader(self, session: Session) -> merkle.NodeReader:
        def read(wanted: Sequence[merkle.NodeId]) -> dict[merkle.NodeId, bytes]:
            by_level: dict[int, list[int]] = {}
            for level, idx in wanted:
                by_level.setdefault(level, []).append(idx)
            # One indexed lookup per level (SQLite scans the whole table for a row-value IN list).
            where = or_(
                *(and_(audit_nodes.c.level == level, audit_nodes.c.idx.in_(idxs)) for level, idxs in by_level.items())
            )
            rows = session.execute(select(audit_nodes.c.level, audit_nodes.c.idx, audit_nodes.c.hash).where(where))
            return {(int(lv), int(i)): bytes(h) for lv, i, h in rows}

        return read

    def _check_sizes(self, session: Session, **sizes: int) -> int:
        current = self.size(session)
        for name, value in sizes.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer")
            if value > current:
                raise ValueError(f"{name} {value} is larger than the log ({current} entries)")
        return current

    def root_hash(self, session: Session, size: int | None = None) -> str:
        """The root (hex) of the tree of the first ``size`` entries (default: all)."""
        current = self._check_sizes(session, size=size if size is not None else 0)
        size = current if size is None else size
        if size == 0:
            return merkle.EMPTY_ROOT.hex()
        return ranges_hashes([(0, size)], self._reader(session))[0].hex()

    def inclusion_proof(self, session: Session, index: int, size: int) -> list[str]:
        """RFC 9162 §2.1.3.1 inclusion proof (hex, bottom-up) of entry ``index`` in the tree of ``size``."""
        self._check_sizes(session, index=index, size=size)
        if index >= size:
            raise ValueError(f"index {index} must be less than size {size}")
        return [h.hex() for h in ranges_hashes(inclusion_ranges(index, size), self._reader(session))]

    def consistency_proof(self, session: Session, first: int, second: int) -> list[str]:
        """RFC 9162 §2.1.4.1 consistency proof (hex) that tree ``second`` extends tree ``first``."""
        self._check_sizes(session, first=first, second=second)
        if first > second:
            raise ValueError(f"first {first} must not be larger than second {second}")
        return [h.hex() for h in ranges_hashes(consistency_ranges(first, second), self._reader(session))]

    def entry(self, session: Session, index: int) -> dict[str, Any]:
        """One stored entry with its leaf hash, for an outside verifier to recompute."""
        row = session.execute(select(audit_entries).where(audit_entries.c.idx == index)).first()
        if row is None:
            raise ValueError(f"index {index} is not in the log")
        m = row._mapping
        return {
            "index": int(m["idx"]),
            "timestamp": m["ts"],
            "kind": m["kind"],
            "refs": json.loads(m["refs"]),
            "leaf_hash": bytes(m["leaf_hash"]).hex(),
            "leaf_input": entry_bytes(int(m["idx"]), m["ts"], m["kind"], m["refs"]).decode("ascii"),
        }

    def entries(self, session: Session, start: int = 0) -> Iterator[dict[str, Any]]:
        rows = session.execute(select(audit_entries).where(audit_entries.c.idx >= start).order_by(audit_entries.c.idx))
        for row in rows:
            m = row._mapping
            yield {"index": int(m["idx"]), "timestamp": m["ts"], "kind": m["kind"], "refs": json.loads(m["refs"])}

    # -- checking ---------------------------------------------------------------------------------------

    def verify(self, session: Session, external_checkpoints: Sequence[Mapping[str, Any]] = (),
               use_ledger: bool = True) -> VerifyReport:
        """Recompute every leaf, stored subtree and checkpoint root from the stored entries.

        ``external_checkpoints``: checkpoints (as :meth:`checkpoint` returns them) kept outside the database,
        e.g. by a witness; a log cut back or rewritten behind them fails too. The ledger's handed-out
        checkpoints (when the log has one) must all still be in the database and match the log.
        """
        ledger = self.ledger.read() if use_ledger and self.ledger is not None else None
        return verify_log(session, self.trusted_keys, external_checkpoints, ledger)
