"""The key store: wrapped data keys in their own SQLite file, ``<data dir>/vault-keys.sqlite3``, apart from the
records (which may be on PostgreSQL). A backup of the records therefore holds no key at all.

It stays a local SQLite file even when the records are on PostgreSQL: a deleted row in PostgreSQL lives on in
its WAL archive, base backups and replicas, which the vault cannot scrub; here, with ``secure_delete``, a WAL
checkpoint (TRUNCATE) and ``VACUUM`` after every shred, a destroyed key is gone from the file.

Shredding deletes a person's keys and leaves a *tombstone* (key id, keyed subject reference, time) so that
``get`` can say when, and so that restoring an older key-store backup never brings a shredded key back.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

KEYSTORE_FILE = "vault-keys.sqlite3"
FORMAT = "sanctuary-vault-keys/1"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, subject_ref TEXT NOT NULL, "
    "wrapped BLOB NOT NULL, kek_id TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS data_keys_subject ON data_keys (subject_ref)",
    "CREATE TABLE IF NOT EXISTS tombstones (key_id TEXT PRIMARY KEY, subject_ref TEXT NOT NULL, "
    "shredded_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS tombstones_subject ON tombstones (subject_ref)",
)


class KeyStoreError(RuntimeError):
    pass


@dataclass(frozen=True)
class StoredKey:
    key_id: str
    subject_ref: str
    wrapped: bytes


@dataclass(frozen=True)
class RestoreCount:
    restored: int
    shredded: int  # refused: a tombstone says the key was destroyed
    retired: int  # refused: wrapped by a key-encryption key that has since been rotated away


def _connect(path: Path) -> sqlite3.Connection:
    existed = path.exists()
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    if not existed:
        os.chmod(path, 0o600)
    connection.execute("PRAGMA secure_delete=ON")  # freed cells and pages are overwritten with zeros
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


class KeyStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.RLock()
        self._db = _connect(path)
        with self._write() as db:
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute("INSERT OR IGNORE INTO meta (k, v) VALUES ('format', ?)", (FORMAT,))

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> KeyStore:
        return cls(Path(os.environ.get("SANCTUARY_VAULT_KEYSTORE") or data_dir / KEYSTORE_FILE))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- keys --------------------------------------------------------------------------------------------

    def active_key(self, subject_ref: str) -> StoredKey | None:
        with self._lock:
            row = self._db.execute("SELECT key_id, wrapped FROM data_keys WHERE subject_ref = ? "
                                   "ORDER BY created_at DESC LIMIT 1", (subject_ref,)).fetchone()
        return StoredKey(row[0], subject_ref, bytes(row[1])) if row else None

    def current_kek(self) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT v FROM meta WHERE k = 'kek_id'").fetchone()
        return str(row[0]) if row else None

    def kek_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT DISTINCT kek_id FROM data_keys")}

    def _check_kek(self, db: sqlite3.Connection, kek_id: str) -> None:
        row = db.execute("SELECT v FROM meta WHERE k = 'kek_id'").fetchone()
        if row is None:
            db.execute("INSERT INTO meta (k, v) VALUES ('kek_id', ?)", (kek_id,))
        elif row[0] != kek_id:
            raise KeyStoreError(f"{self.path}: the key-encryption key was rotated by another process; restart this "
                                "one (stop the desk before `sanctuary vault keys rotate`)")

    def rewrap(self, old_kek_id: str, new_kek_id: str, rewrap: Callable[[StoredKey], bytes]) -> int:
        """Re-wrap every key under a new KEK in one transaction; returns how many."""
        with self._write() as db:
            self._check_kek(db, old_kek_id)
            rows = db.execute("SELECT key_id, subject_ref, wrapped, kek_id FROM data_keys").fetchall()
            stray = {r[3] for r in rows} - {old_kek_id}
            if stray:
                raise KeyStoreError(f"{self.path}: keys wrapped by an unknown key-encryption key ({', '.join(stray)})")
            db.executemany("UPDATE data_keys SET wrapped = ?, kek_id = ? WHERE key_id = ?",
                           [(rewrap(StoredKey(r[0], r[1], bytes(r[2]))), new_kek_id, r[0]) for r in rows])
            db.execute("UPDATE meta SET v = ? WHERE k = 'kek_id'", (new_kek_id,))
        return len(rows)

    def add_key(self, key: StoredKey, kek_id: str, now: str) -> StoredKey:
        """Store a new key unless the subject got one meanwhile (another process); returns the one to use."""
        with self._write() as db:
            self._check_kek(db, kek_id)
            row = db.execute("SELECT key_id, wrapped FROM data_keys WHERE subject_ref = ? "
                             "ORDER BY created_at DESC LIMIT 1", (key.subject_ref,)).fetchone()
            if row is not None:
                return StoredKey(row[0], key.subject_ref, bytes(row[1]))
            db.execute("INSERT INTO data_keys (key_id, subject_ref, wrapped, kek_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", (key.key_id, key.subject_ref, key.wrapped, kek_id, now))
        return key

    def wrapped(self, key_id: str) -> StoredKey | None:
        with self._lock:
            row = self._db.execute("SELECT subject_ref, wrapped FROM data_keys WHERE key_id = ?",
                                   (key_id,)).fetchone()
        return StoredKey(key_id, row[0], bytes(row[1])) if row else None

    def tombstone(self, key_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT shredded_at FROM tombstones WHERE key_id = ?", (key_id,)).fetchone()
        return str(row[0]) if row else None

    def tombstones(self) -> dict[str, tuple[str, str]]:
        """key id -> (subject ref, shredded at)."""
        with self._lock:
            rows = self._db.execute("SELECT key_id, subject_ref, shredded_at FROM tombstones").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def key_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM data_keys").fetchone()[0])

    def shred(self, subject_ref: str, now: str) -> list[str]:
        """Destroy every key of the subject and leave tombstones; returns the destroyed key ids. Call
        :meth:`scrub` afterwards (once for a batch)."""
        with self._write() as db:
            ids = [r[0] for r in db.execute("SELECT key_id FROM data_keys WHERE subject_ref = ?", (subject_ref,))]
            db.executemany("INSERT OR IGNORE INTO tombstones (key_id, subject_ref, shredded_at) VALUES (?, ?, ?)",
                           [(k, subject_ref, now) for k in ids])
            db.execute("DELETE FROM data_keys WHERE subject_ref = ?", (subject_ref,))
        return ids

    def bury(self, tombstones: Iterable[tuple[str, str, str]]) -> int:
        """Apply tombstones learnt elsewhere (the records database): delete those keys, keep the tombstones."""
        rows = list(tombstones)
        with self._write() as db:
            db.executemany("INSERT OR IGNORE INTO tombstones (key_id, subject_ref, shredded_at) VALUES (?, ?, ?)",
                           rows)
            before = db.total_changes
            db.executemany("DELETE FROM data_keys WHERE key_id = ?", [(r[0],) for r in rows])
            return db.total_changes - before

    def scrub(self) -> None:
        """Leave no destroyed key anywhere in the files: fold the WAL back and truncate it, rebuild the file
        without free pages, and truncate the WAL that the rebuild wrote."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")
            busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy and busy[0]:
            raise KeyStoreError(f"{self.path}: another process is reading the key store; the WAL could not be "
                                "truncated (run `sanctuary vault scrub` again)")

    # -- backup and restore ------------------------------------------------------------------------------------

    def backup(self, target: Path) -> int:
        """A consistent copy (SQLite's online backup) to ``target``, which must not exist; returns the keys."""
        if target.exists():
            raise KeyStoreError(f"{target} exists; choose a new file for the key-store backup")
        tmp = target.with_name(target.name + ".part")
        copy = sqlite3.connect(tmp, isolation_level=None)
        try:
            os.chmod(tmp, 0o600)
            with self._lock:
                self._db.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            count = int(copy.execute("SELECT count(*) FROM data_keys").fetchone()[0])
        finally:
            copy.close()
        os.replace(tmp, target)
        return count

    def restore(self, source: Path, kek_id: str, also_shredded: Iterable[tuple[str, str, str]] = ()) -> RestoreCount:
        """Bring back the keys of a key-store backup, never one that has a tombstone here, in the backup or in
        ``also_shredded`` (the records database's shreds), nor one wrapped by a KEK other than ``kek_id`` (the
        current one: a rotated-away KEK is destroyed). Live keys are kept."""
        if not source.is_file():
            raise KeyStoreError(f"{source}: no such key-store backup")
        other = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            fmt = other.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
            if not fmt or fmt[0] != FORMAT:
                raise KeyStoreError(f"{source}: not a Sanctuary key-store backup")
            keys = other.execute("SELECT key_id, subject_ref, wrapped, kek_id, created_at FROM data_keys").fetchall()
            dead = other.execute("SELECT key_id, subject_ref, shredded_at FROM tombstones").fetchall()
        except sqlite3.DatabaseError as exc:
            raise KeyStoreError(f"{source}: not a Sanctuary key-store backup ({exc})") from exc
        finally:
            other.close()
        self.bury([*dead, *also_shredded])
        buried = set(self.tombstones())
        alive = [k for k in keys if k[0] not in buried]
        fresh = [k for k in alive if k[3] == kek_id]
        with self._write() as db:
            self._check_kek(db, kek_id)
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO data_keys (key_id, subject_ref, wrapped, kek_id, created_at) "
                           "VALUES (?, ?, ?, ?, ?)", fresh)
            restored = db.total_changes - before
        return RestoreCount(restored, len(keys) - len(alive), len(alive) - len(fresh))
