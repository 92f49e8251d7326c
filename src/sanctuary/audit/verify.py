"""``AuditLog.verify``: recompute the whole log from its stored entries and say where it was tampered with.

Checks, in order, each problem tied to the first entry index it implicates:

1. indices are dense from 0 (a gap is a removed entry);
2. every entry's content (index included) hashes to its stored leaf hash (a changed or moved entry);
3. every stored subtree hash, level 0 upward, equals the one recomputed from the entries (an entry rewritten
   together with its leaf hash); a mismatch already explained by a lower problem is not repeated;
4. the head row's size and frontier match the entries (entries appended or cut off behind the log's back);
5. every checkpoint carries a valid Ed25519 signature from a trusted key, and the root recomputed at its size
   equals the signed root (the only check an attacker who can rewrite every table cannot pass);
6. every checkpoint in the ledger of handed-out checkpoints (a file outside the database) is still in the
   database and matches the log: the checkpoint history cannot shrink unnoticed, and a log rewritten and
   re-signed behind a checkpoint someone outside already holds fails.

An attacker who rewrites entries, leaf hashes and stored nodes consistently is caught by step 5 and located
to the entries between the last matching checkpoint and the first failing one. Entries appended after the
newest checkpoint are protected by checks 1-4 only: checkpoint often, and give checkpoints to witnesses.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii
from operator import itemgetter
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctuary.audit import merkle
from sanctuary.audit.entry import ENTRY_VERSION
from sanctuary.audit.ledger import LedgerContents
from sanctuary.audit.note import parse_body, verify_signature
from sanctuary.audit.tables import HEAD_ID, audit_checkpoints, audit_entries, audit_head, audit_nodes

_BATCH = 5000


@dataclass
class VerifyReport:
    ok: bool
    size: int
    problems: list[str] = field(default_factory=list)
    first_bad_index: int | None = None
    checkpoints_checked: int = 0


class _Problems:
    def __init__(self) -> None:
        self.items: list[tuple[int | None, str]] = []
        self._indices: list[int] = []

    def add(self, index: int | None, message: str) -> None:
        self.items.append((index, message))
        if index is not None:
            bisect.insort(self._indices, index)

    def explained(self, start: int, end: int) -> bool:
        """Some problem already names an index in ``[start, end)``."""
        i = bisect.bisect_left(self._indices, start)
        return i < len(self._indices) and self._indices[i] < end


_ENTRIES_SQL = "SELECT idx, ts, kind, refs, leaf_hash FROM audit_entries ORDER BY idx"
_NODES_SQL = "SELECT idx, hash FROM audit_nodes WHERE level = {mark} ORDER BY idx"
_NODE_HASHES_SQL = "SELECT hash FROM audit_nodes WHERE level = {mark} ORDER BY idx"
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_RAW_DRIVERS = ("pysqlite", "psycopg", "psycopg2")


@contextmanager
def _rows(session: Session, sql: str, params: tuple[Any, ...], stmt: Any) -> Iterator[Iterable[Sequence[Any]]]:
    """Rows of ``sql`` through the session's own DB-API cursor (same transaction), iterated in C: no
    SQLAlchemy result machinery per row. PostgreSQL streams them through a server-side cursor. Other drivers
    take SQLAlchemy's path with ``stmt``."""
    conn = session.connection()
    mark = _MARKS.get(conn.dialect.paramstyle)
    if conn.dialect.driver not in _RAW_DRIVERS or mark is None:
        yield session.execute(stmt, execution_options={"yield_per": _BATCH})
        return
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    server_side = conn.dialect.name == "postgresql"
    cursor: Any = dbapi.cursor(name="sanctuary_audit_verify") if server_side else dbapi.cursor()
    try:
        cursor.arraysize = _BATCH
        if server_side:
            cursor.itersize = _BATCH
        cursor.execute(sql.format(mark=mark), params)
        yield cursor
    finally:
        cursor.close()


def _leaves(session: Session, problems: _Problems) -> list[bytes | None]:
    """Every entry's leaf hash, recomputed from the stored row.

    The bytes are rebuilt from the stored text as it is (``refs`` spliced in, ``kind`` and ``ts`` quoted as
    canonical JSON does), which is exactly what :func:`sanctuary.audit.entry.entry_bytes` produces for the
    canonical refs every append stores; any other refs text, even an equivalent JSON, no longer matches.
    """
    leaves: list[bytes | None] = []
    stmt = select(
        audit_entries.c.idx,
        audit_entries.c.ts,
        audit_entries.c.kind,
        audit_entries.c.refs,
        audit_entries.c.leaf_hash,
    ).order_by(audit_entries.c.idx)
    append = leaves.append
    sha256 = hashlib.sha256
    quote = encode_basestring_ascii
    version = ENTRY_VERSION
    with _rows(session, _ENTRIES_SQL, (), stmt) as rows:
        quoted_kinds: dict[Any, str] = {}
        last_ts: Any = None
        quoted_ts = ""
        for idx_raw, ts, kind, refs, stored in rows:
            idx = int(idx_raw)
            if idx != len(leaves):
                if idx < 0:
                    problems.add(0, f"entry {idx}: negative index (inserted)")
                    continue
                if idx > len(leaves):
                    gap = f"entry {len(leaves)}" if idx == len(leaves) + 1 else f"entries {len(leaves)}..{idx - 1}"
                    problems.add(len(leaves), f"{gap} missing (removed)")
                    leaves.extend([None] * (idx - len(leaves)))
            try:
                # Quoting as canonical JSON does; kinds are few and entries appended together share a timestamp.
                quoted_kind = quoted_kinds.get(kind)
                if quoted_kind is None:
                    quoted_kind = quote(kind)
                    if len(quoted_kinds) < 256:
                        quoted_kinds[kind] = quoted_kind
                if ts != last_ts or type(ts) is not str:
                    quoted_ts, last_ts = quote(ts), ts
                leaf: bytes = sha256(
                    f'\x00{{"index":{idx},"kind":{quoted_kind},"refs":{refs},"timestamp":{quoted_ts},"v":{version}}}'
                    .encode("ascii")
                ).digest()
            except (TypeError, ValueError):  # not text, or not ASCII: not what any append stores
                problems.add(idx, f"entry {idx}: content is not what the log writes (changed)")
                last_ts = None
                append(None)
                continue
            if leaf != stored and leaf != bytes(stored):
                problems.add(idx, f"entry {idx}: content does not match its leaf hash (changed, moved or inserted)")
            append(leaf)
    return leaves


def _node_differs(problems: _Problems, level: int, start: int, end: int) -> None:
    if level == 0:
        problems.add(start, f"entry {start}: differs from the tree's copy of its leaf (rewritten or moved)")
    else:
        problems.add(start, f"entries {start}..{end - 1}: differ from their stored subtree hash (rewritten)")


def _level_matches(session: Session, level: int, hashes: list[bytes | None]) -> bool:
    """The fast path for an intact level: the stored nodes are exactly ``0 .. len(hashes) - 1`` (a count, the
    lowest and the highest index, on the primary key) and their hashes, in index order, equal ``hashes``
    (one list comparison, in C). Anything else, including a ``None`` in ``hashes``, is left to the full check,
    which names what differs."""
    conn = session.connection()
    mark = _MARKS.get(conn.dialect.paramstyle)
    if conn.dialect.driver not in _RAW_DRIVERS or mark is None:
        return False
    n = len(hashes)
    count, low, high = conn.exec_driver_sql(
        f"SELECT count(*), min(idx), max(idx) FROM audit_nodes WHERE level = {mark}", (level,)
    ).one()
    if int(count) != n or (n and (int(low) != 0 or int(high) != n - 1)):
        return False
    if not n:
        return True
    stmt = select(audit_nodes.c.hash).where(audit_nodes.c.level == level).order_by(audit_nodes.c.idx)
    with _rows(session, _NODE_HASHES_SQL, (level,), stmt) as rows:
        return list(map(itemgetter(0), rows)) == hashes


def _check_level(session: Session, level: int, hashes: list[bytes | None], problems: _Problems) -> None:
    if _level_matches(session, level, hashes):
        return
    stmt = select(audit_nodes.c.idx, audit_nodes.c.hash).where(audit_nodes.c.level == level).order_by(audit_nodes.c.idx)
    with _rows(session, _NODES_SQL, (level,), stmt) as rows:
        _check_rows(rows, level, hashes, problems)


def _check_rows(rows: Iterable[Sequence[Any]], level: int, hashes: list[bytes | None], problems: _Problems) -> None:
    seen = 0
    for idx_raw, stored in rows:
        idx = int(idx_raw)
        if idx == seen and idx < len(hashes):  # the common case: the next node, present
            seen = idx + 1
            mine = hashes[idx]
            if mine is None or mine == stored or mine == bytes(stored):
                continue
            start, end = idx << level, (idx + 1) << level
            if not problems.explained(start, end):
                _node_differs(problems, level, start, end)
            continue
        start, end = idx << level, (idx + 1) << level
        if idx >= len(hashes):
            if not problems.explained(start, end):
                problems.add(start, f"entries {start}..{end - 1}: stored tree covers entries that do not exist")
            continue
        for missing in range(seen, idx):
            a, b = missing << level, (missing + 1) << level
            if not problems.explained(a, b):
                problems.add(a, f"entries {a}..{b - 1}: stored tree node missing")
        seen = max(seen, idx + 1)
        mine = hashes[idx]
        if mine is not None and mine != bytes(stored) and not problems.explained(start, end):
            _node_differs(problems, level, start, end)
    for missing in range(seen, len(hashes)):
        a, b = missing << level, (missing + 1) << level
        if not problems.explained(a, b):
            problems.add(a, f"entries {a}..{b - 1}: stored tree node missing")


def _root(levels: list[list[bytes | None]], size: int) -> bytes | None:
    if size == 0:
        return merkle.EMPTY_ROOT
    parts: list[bytes] = []
    for level, idx in merkle.range_nodes(0, size):
        h = levels[level][idx] if level < len(levels) and idx < len(levels[level]) else None
        if h is None:
            return None
        parts.append(h)
    return merkle.fold(parts)


def _tree(session: Session, leaves: list[bytes | None], problems: _Problems) -> list[list[bytes | None]]:
    levels = [leaves]
    level = 0
    while True:
        _check_level(session, level, levels[level], problems)
        below = levels[level]
        if len(below) < 2:
            break
        sha256 = hashlib.sha256  # merkle.node_hash inlined: a million calls at a million entries
        levels.append(
            [
                sha256(b"\x01" + left + right).digest() if left is not None and right is not None else None
                for left, right in zip(below[0::2], below[1::2], strict=False)
            ]
        )
        level += 1
    return levels


def _check_head(session: Session, levels: list[list[bytes | None]], problems: _Problems) -> int:
    size = len(levels[0])
    row = session.execute(select(audit_head.c.size, audit_head.c.frontier).where(audit_head.c.id == HEAD_ID)).first()
    if row is None:
        problems.add(0 if size else None, "the log head row is missing")
        return size
    head_size = int(row[0])
    if size > head_size:
        problems.add(head_size, f"entries {head_size}..{size - 1} lie beyond the log head (inserted)")
    elif size < head_size:
        problems.add(size, f"the log head counts {head_size} entries but only {size} are stored (removed)")
    elif not problems.explained(0, size):
        frontier = [levels[lv][i] for lv, i in merkle.range_nodes(0, size)] if size else []
        if b"".join(h or b"" for h in frontier) != bytes(row[1]):
            problems.add(None, "the log head's frontier does not match the entries")
    return head_size


def _checkpoint_records(session: Session, external: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for row in session.execute(select(audit_checkpoints)):
        m = row._mapping
        records.append(
            {
                "label": f"checkpoint #{m['id']}",
                "origin": m["origin"],
                "size": int(m["size"]),
                "root_hash": m["root_hash"],
                "timestamp": m["ts"],
                "signature": m["signature"],
                "key_id": m["key_id"],
                "note": m["note"],
            }
        )
    for n, cp in enumerate(external, 1):
        records.append({**cp, "label": cp.get("label") or f"external checkpoint {n}", "note": cp.get("note")})
    records.sort(key=lambda r: (int(r.get("size", 0)), str(r["label"])))
    return records


def _check_checkpoints(
    levels: list[list[bytes | None]],
    records: list[dict[str, Any]],
    trusted: Mapping[str, Ed25519PublicKey],
    problems: _Problems,
) -> int:
    size = len(levels[0])
    last_good = 0
    for record in records:
        label = record["label"]
        key = trusted.get(str(record.get("key_id")))
        if key is None:
            problems.add(None, f"{label}: signed by unknown key {record.get('key_id')}")
            continue
        note = record.get("note")
        if not verify_signature(record, key) or (note is not None and not _note_matches(str(note), record)):
            problems.add(None, f"{label}: signature does not verify (checkpoint altered or forged)")
            continue
        cp_size = int(record["size"])
        if cp_size > size:
            problems.add(size, f"{label} signed {cp_size} entries; only {size} remain (removed)")
            continue
        root = _root(levels, cp_size)
        if root is None:
            continue  # a missing entry inside it is reported already
        if root.hex() != record["root_hash"]:
            if problems.explained(last_good, cp_size):
                problems.add(None, f"{label} (size {cp_size}) no longer matches the log")
            else:
                problems.add(
                    last_good, f"entries {last_good}..{cp_size - 1}: differ from what {label} signed (rewritten)"
                )
        else:
            last_good = cp_size
    return len({str(r.get("signature")) for r in records})


def _note_matches(note: str, record: Mapping[str, Any]) -> bool:
    try:
        body = parse_body(note.split("\n\n", 1)[0] + "\n")
    except ValueError:
        return False
    fields = (body.origin, body.size, body.root.hex(), body.timestamp)
    return fields == (record["origin"], int(record["size"]), record["root_hash"], record["timestamp"])


def _check_ledger(session: Session, ledger: LedgerContents, problems: _Problems) -> list[dict[str, Any]]:
    """Handed-out checkpoints missing from the database; returns the ledger's checkpoints to check against
    the log like external ones."""
    stored = {str(row[0]) for row in session.execute(select(audit_checkpoints.c.signature))}
    live = ledger.live()
    missing = [cp for cp in live if str(cp.get("signature")) not in stored]
    for cp in missing:
        problems.add(
            None,
            f"checkpoint of size {cp.get('size')} signed at {cp.get('timestamp')} was handed out (ledger) but is "
            "missing from the database: the checkpoint history shrank",
        )
    if len(stored) < len(live):
        problems.add(None, f"the ledger records {len(live)} handed-out checkpoints; the database holds {len(stored)}")
    return [{**cp, "label": f"handed-out checkpoint of size {cp.get('size')} (ledger)"} for cp in live]


def verify_log(
    session: Session,
    trusted: Mapping[str, Ed25519PublicKey],
    external: Sequence[Mapping[str, Any]] = (),
    ledger: LedgerContents | None = None,
) -> VerifyReport:
    """Check the stored log; ``external`` adds checkpoints kept outside the database (e.g. by a witness);
    ``ledger`` the desk's record of checkpoints handed out."""
    problems = _Problems()
    leaves = _leaves(session, problems)
    levels = _tree(session, leaves, problems)
    _check_head(session, levels, problems)
    outside = list(external)
    if ledger is not None:
        outside += _check_ledger(session, ledger, problems)
    checked = _check_checkpoints(levels, _checkpoint_records(session, outside), trusted, problems)
    indices = [i for i, _ in problems.items if i is not None]
    ordered = sorted(problems.items, key=lambda p: (p[0] is None, p[0] if p[0] is not None else 0))
    return VerifyReport(
        ok=not problems.items,
        size=len(leaves),
        problems=[message for _, message in ordered],
        first_bad_index=min(indices) if indices else None,
        checkpoints_checked=checked,
    )
