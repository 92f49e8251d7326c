"""Tampering with a real SQLite file behind the application's back: every kind is caught and located."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import typer
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from sanctuary.audit.cli import register
from sanctuary.audit.entry import entry_bytes
from sanctuary.audit.keys import load_or_create_signing_key
from sanctuary.audit.log import AuditLog
from sanctuary.audit.merkle import Frontier, leaf_hash
from sanctuary.settings import Settings

N = 20


@pytest.fixture
def db(settings: Settings, session_factory: sessionmaker[Session], log: AuditLog) -> Path:
    """A log of N entries with signed checkpoints at 8, 16 and N."""
    with session_factory() as session:
        for i in range(N):
            with session.begin():
                log.append(session, "request.logged", {"request_id": i, "action": "hold"})
                if i + 1 in (8, 16, N):
                    log.checkpoint(session)
        assert log.verify(session).ok
    return settings.data_dir / "sanctuary.db"


@contextmanager
def attacker(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()


def _leaf(idx: int, ts: str, kind: str, refs: str) -> bytes:
    return leaf_hash(entry_bytes(idx, ts, kind, refs))


def _rebuild_tree(conn: sqlite3.Connection) -> None:
    """What a knowledgeable attacker does after editing entries: recompute every stored hash."""
    conn.execute("DELETE FROM audit_nodes")
    frontier = Frontier()
    for idx, ts, kind, refs in conn.execute("SELECT idx, ts, kind, refs FROM audit_entries ORDER BY idx").fetchall():
        leaf = _leaf(idx, ts, kind, refs)
        conn.execute("UPDATE audit_entries SET leaf_hash = ? WHERE idx = ?", (leaf, idx))
        for level, i, h in frontier.append(leaf):
            conn.execute("INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)", (level, i, h))
    conn.execute("UPDATE audit_head SET size = ?, frontier = ?", (frontier.size, frontier.to_blob()))


def _verify(session_factory: sessionmaker[Session], log: AuditLog):  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return log.verify(session)


def test_untouched_log_verifies(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    report = _verify(session_factory, log)
    assert report.ok and report.size == N and report.checkpoints_checked == 3 and report.problems == []


def test_changed_entry(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        conn.execute("""UPDATE audit_entries SET refs = '{"action":"hold","request_id":999}' WHERE idx = 5""")
    report = _verify(session_factory, log)
    assert not report.ok and report.first_bad_index == 5
    assert report.problems[0].startswith("entry 5: content does not match its leaf hash")


def test_changed_entry_with_recomputed_leaf_hash(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    with attacker(db) as conn:
        ts, kind = conn.execute("SELECT ts, kind FROM audit_entries WHERE idx = 5").fetchone()
        refs = '{"action":"hold","request_id":999}'
        conn.execute("UPDATE audit_entries SET refs = ?, leaf_hash = ? WHERE idx = 5", (refs, _leaf(5, ts, kind, refs)))
    report = _verify(session_factory, log)
    assert report.first_bad_index == 5
    assert report.problems[0].startswith("entry 5: differs from the tree's copy of its leaf")


def test_changed_kind_and_timestamp(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        conn.execute("UPDATE audit_entries SET kind = 'request.closed' WHERE idx = 2")
        conn.execute("UPDATE audit_entries SET ts = '2020-01-01T00:00:00.000000Z' WHERE idx = 11")
    report = _verify(session_factory, log)
    assert report.first_bad_index == 2
    assert any(p.startswith("entry 11:") for p in report.problems)


def test_entry_rewritten_with_every_hash_recomputed_is_caught_by_the_signed_checkpoints(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    with attacker(db) as conn:
        conn.execute("""UPDATE audit_entries SET refs = '{"action":"hold","request_id":999}' WHERE idx = 10""")
        _rebuild_tree(conn)
    report = _verify(session_factory, log)
    assert not report.ok
    # Entries 8..15 lie between the last matching checkpoint (size 8) and the first failing one (size 16).
    assert report.first_bad_index == 8
    assert report.problems[0].startswith("entries 8..15: differ from what checkpoint #2 signed")


def test_removed_entry(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        conn.execute("DELETE FROM audit_entries WHERE idx = 5")
    report = _verify(session_factory, log)
    assert report.first_bad_index == 5 and report.problems[0] == "entry 5 missing (removed)"


def test_removed_entry_with_later_ones_renumbered(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    with attacker(db) as conn:
        conn.execute("DELETE FROM audit_entries WHERE idx = 5")
        for idx in range(6, N):
            conn.execute("UPDATE audit_entries SET idx = ? WHERE idx = ?", (idx - 1, idx))
        conn.execute("UPDATE audit_head SET size = size - 1")
    report = _verify(session_factory, log)
    assert report.first_bad_index == 5


def test_removed_last_entry_and_head_rolled_back(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    with attacker(db) as conn:
        conn.execute("DELETE FROM audit_entries WHERE idx = ?", (N - 1,))
        conn.execute("DELETE FROM audit_nodes WHERE (idx + 1) << level > ?", (N - 1,))
        frontier = Frontier()
        for (leaf,) in conn.execute("SELECT leaf_hash FROM audit_entries ORDER BY idx").fetchall():
            frontier.append(leaf)
        conn.execute("UPDATE audit_head SET size = ?, frontier = ?", (frontier.size, frontier.to_blob()))
    report = _verify(session_factory, log)
    assert report.first_bad_index == N - 1
    assert report.problems[0] == f"checkpoint #3 signed {N} entries; only {N - 1} remain (removed)"


def test_reordered_entries(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        conn.execute("UPDATE audit_entries SET idx = -1 WHERE idx = 3")
        conn.execute("UPDATE audit_entries SET idx = 3 WHERE idx = 7")
        conn.execute("UPDATE audit_entries SET idx = 7 WHERE idx = -1")
    report = _verify(session_factory, log)
    assert report.first_bad_index == 3
    assert report.problems[0].startswith("entry 3:") and any(p.startswith("entry 7:") for p in report.problems)


def test_reordered_entries_with_leaf_hashes_recomputed(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    with attacker(db) as conn:
        rows = {r[0]: r for r in conn.execute("SELECT idx, ts, kind, refs FROM audit_entries WHERE idx IN (3, 7)")}
        for new, old in ((3, 7), (7, 3)):
            _, ts, kind, refs = rows[old]
            conn.execute(
                "UPDATE audit_entries SET ts = ?, kind = ?, refs = ?, leaf_hash = ? WHERE idx = ?",
                (ts, kind, refs, _leaf(new, ts, kind, refs), new),
            )
    report = _verify(session_factory, log)
    assert report.first_bad_index == 3


def test_inserted_entry_in_the_middle(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        for idx in range(N - 1, 4, -1):
            conn.execute("UPDATE audit_entries SET idx = ? WHERE idx = ?", (idx + 1, idx))
        ts, refs = "2026-01-01T00:00:00.000000Z", '{"request_id":4242}'
        conn.execute(
            "INSERT INTO audit_entries (idx, ts, kind, refs, leaf_hash) VALUES (5, ?, 'request.logged', ?, ?)",
            (ts, refs, _leaf(5, ts, "request.logged", refs)),
        )
    report = _verify(session_factory, log)
    assert report.first_bad_index == 5
    assert report.problems[0].startswith("entry 5: differs from the tree's copy of its leaf")


def test_inserted_entry_at_the_end(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        ts, refs = "2026-01-01T00:00:00.000000Z", '{"request_id":4242}'
        conn.execute(
            "INSERT INTO audit_entries (idx, ts, kind, refs, leaf_hash) VALUES (?, ?, 'request.logged', ?, ?)",
            (N, ts, refs, _leaf(N, ts, "request.logged", refs)),
        )
    report = _verify(session_factory, log)
    assert report.first_bad_index == N


def test_forged_checkpoint(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        conn.execute("UPDATE audit_checkpoints SET root_hash = ? WHERE id = 2", ("00" * 32,))
    report = _verify(session_factory, log)
    assert not report.ok
    assert "checkpoint #2: signature does not verify (checkpoint altered or forged)" in report.problems


def test_checkpoint_from_an_unknown_key(db: Path, session_factory: sessionmaker[Session], log: AuditLog) -> None:
    with attacker(db) as conn:
        conn.execute("UPDATE audit_checkpoints SET key_id = '0123456789abcdef' WHERE id = 1")
    assert "checkpoint #1: signed by unknown key 0123456789abcdef" in _verify(session_factory, log).problems


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_cli_verify_exits_zero_then_non_zero_naming_the_index(db: Path, settings: Settings) -> None:
    runner = CliRunner()
    args = ["audit", "verify", "--data-dir", str(settings.data_dir)]
    unledgered = runner.invoke(_cli(), args)  # checkpoints were signed, but the ledger file is missing
    assert unledgered.exit_code == 1 and "audit-checkpoints.jsonl is missing while 3 checkpoints" in unledgered.output
    started = runner.invoke(_cli(), ["audit", "ledger-init", "--data-dir", str(settings.data_dir)])
    assert started.exit_code == 0, started.output
    ok = runner.invoke(_cli(), args)
    assert ok.exit_code == 0, ok.output
    assert f"ok: {N} entries, 3 signed checkpoints verified" in ok.output
    with attacker(db) as conn:
        conn.execute("UPDATE audit_entries SET idx = -1 WHERE idx = 12")
        conn.execute("UPDATE audit_entries SET idx = 12 WHERE idx = 13")
        conn.execute("UPDATE audit_entries SET idx = 13 WHERE idx = -1")
    bad = runner.invoke(_cli(), args)
    assert bad.exit_code == 1
    assert "TAMPERED: first bad index 12" in bad.output
    as_json = runner.invoke(_cli(), [*args, "--json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["first_bad_index"] == 12


def test_cli_checkpoint_prints_signed_json_and_external_checkpoints_catch_a_cut_log(
    db: Path, settings: Settings, tmp_path: Path
) -> None:
    runner = CliRunner()
    refused = runner.invoke(_cli(), ["audit", "checkpoint", "--data-dir", str(settings.data_dir)])
    assert refused.exit_code == 2 and "audit-checkpoints.jsonl" in refused.output  # checkpoints but no ledger
    started = runner.invoke(_cli(), ["audit", "ledger-init", "--data-dir", str(settings.data_dir)])
    assert started.exit_code == 0 and "with 3 checkpoints" in started.output, started.output
    out = runner.invoke(_cli(), ["audit", "checkpoint", "--data-dir", str(settings.data_dir)])
    assert out.exit_code == 0, out.output
    cp = json.loads(out.stdout)
    assert cp["size"] == N and len(cp["root_hash"]) == 64 and cp["signature"]
    saved = tmp_path / "witness.json"
    saved.write_text(out.stdout)
    # The attacker cuts the last 4 entries, rebuilds every hash and deletes the checkpoints it can see.
    with attacker(db) as conn:
        conn.execute("DELETE FROM audit_entries WHERE idx >= ?", (N - 4,))
        conn.execute("DELETE FROM audit_checkpoints WHERE size > ?", (N - 4,))
        _rebuild_tree(conn)
    args = ["audit", "verify", "--data-dir", str(settings.data_dir)]
    # Nothing inside the database can tell; the ledger of handed-out checkpoints (a file outside it) can.
    (tmp_path / "empty-ledger.jsonl").write_text("")
    assert runner.invoke(_cli(), [*args, "--ledger", str(tmp_path / "empty-ledger.jsonl")]).exit_code == 0
    ledgered = runner.invoke(_cli(), args)
    assert ledgered.exit_code == 1
    assert "missing from the database: the checkpoint history shrank" in ledgered.output
    witnessed = runner.invoke(_cli(), [*args, "--checkpoint", str(saved)])
    assert witnessed.exit_code == 1
    assert f"first bad index {N - 4}" in witnessed.output
    assert f"external checkpoint 1 signed {N} entries; only {N - 4} remain" in witnessed.output


def test_cli_without_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(_cli(), ["audit", "verify", "--data-dir", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert "has not been migrated" in result.output


def test_cli_verifies_with_the_public_key_alone(db: Path, settings: Settings, tmp_path: Path) -> None:
    """An auditor holding a copy of the database and the public key, never the private key."""
    copy = tmp_path / "auditor"
    copy.mkdir()
    with sqlite3.connect(db) as src, sqlite3.connect(copy / "sanctuary.db") as dst:
        src.backup(dst)
    runner = CliRunner()
    args = ["audit", "verify", "--data-dir", str(copy)]
    no_key = runner.invoke(_cli(), args)
    assert no_key.exit_code == 2 and "no audit key to verify with" in no_key.output
    assert not (copy / "audit-signing-key.pem").exists()
    public = settings.data_dir / "audit-signing-key.pub"
    ok = runner.invoke(_cli(), [*args, "--public-key", str(public)])
    assert ok.exit_code == 0, ok.output
    other = tmp_path / "other"
    load_or_create_signing_key(other)
    wrong = runner.invoke(_cli(), [*args, "--public-key", str(other / "audit-signing-key.pub")])
    assert wrong.exit_code == 1 and "signed by unknown key" in wrong.output


# -- the leaf bytes are rebuilt from the stored text as it is (no JSON round trip) ------------------------------


def test_the_spliced_leaf_bytes_equal_the_canonical_ones(db: Path) -> None:
    """What verify hashes (the stored refs spliced in) is byte for byte what entry_bytes builds from parsed refs."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT idx, ts, kind, refs, leaf_hash FROM audit_entries ORDER BY idx").fetchall()
    finally:
        conn.close()
    assert len(rows) == N
    for idx, ts, kind, refs, stored in rows:
        assert refs == json.dumps(json.loads(refs), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        assert _leaf(idx, ts, kind, refs) == stored


@pytest.mark.parametrize(
    "refs",
    [
        '{"request_id":5, "action":"hold"}',  # same JSON object, keys out of order and a space
        '{"action":"hold","request_id":5} ',  # trailing space
        '{"action":"hold","request_id":5.0}',  # the same number, written differently
        '{"action":"h\\u006fld","request_id":5}',  # an escape for a plain letter
    ],
)
def test_an_equivalent_but_rewritten_refs_text_is_a_change(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog, refs: str
) -> None:
    """Stored entries are hashed as stored: even a JSON-equivalent rewrite of the text is reported."""
    with attacker(db) as conn:
        original = conn.execute("SELECT refs FROM audit_entries WHERE idx = 5").fetchone()[0]
        assert json.loads(refs) == json.loads(original) and refs != original
        conn.execute("UPDATE audit_entries SET refs = ? WHERE idx = 5", (refs,))
    report = _verify(session_factory, log)
    assert not report.ok and report.first_bad_index == 5
    assert report.problems[0].startswith("entry 5: content does not match its leaf hash")


@pytest.mark.parametrize(
    ("column", "value"),
    [("refs", '{"action":"hold","request_id":"é"}'), ("kind", "request.loggéd"), ("kind", 42), ("ts", 7),
     ("refs", "not json at all")],
)
def test_entries_the_log_could_not_have_written_are_reported(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog, column: str, value: object
) -> None:
    """Non-ASCII text or a number where the log writes text (SQLite keeps whatever it is given)."""
    with attacker(db) as conn:
        conn.execute(f"UPDATE audit_entries SET {column} = ? WHERE idx = 9", (value,))
    report = _verify(session_factory, log)
    assert not report.ok and report.first_bad_index == 9
    assert report.problems[0].startswith("entry 9: content")


def test_every_single_byte_change_of_an_entry_is_caught(
    db: Path, session_factory: sessionmaker[Session], log: AuditLog
) -> None:
    """Flip each character of one entry's stored refs, kind and timestamp in turn: every variant fails."""
    with attacker(db) as conn:
        ts, kind, refs = conn.execute("SELECT ts, kind, refs FROM audit_entries WHERE idx = 3").fetchone()
    for column, text in (("refs", refs), ("kind", kind), ("ts", ts)):
        for i in range(len(text)):
            changed = text[:i] + chr(ord(text[i]) ^ 1) + text[i + 1:]
            with attacker(db) as conn:
                conn.execute(f"UPDATE audit_entries SET {column} = ? WHERE idx = 3", (changed,))
            report = _verify(session_factory, log)
            assert not report.ok and report.first_bad_index == 3, (column, changed)
        with attacker(db) as conn:
            conn.execute(f"UPDATE audit_entries SET {column} = ? WHERE idx = 3", (text,))
    assert _verify(session_factory, log).ok
