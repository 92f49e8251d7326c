"""The vault's operations: put, get, legal holds, shred, retention expiry, backup and restore.

Order of writes: a data key is stored in the key store before any record sealed with it is committed; a shred
destroys the keys first (that is the shred) and then blanks the records. A crash in between leaves records
nobody can read, which the next shred, expiry or restore tidies up. Every operation appends its audit event in
the same records-database transaction as its rows (ids and keyed hashes only).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy import Engine, and_, delete, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.log import AuditLog
from sanctuary.settings import Settings
from sanctuary.vault.envelope import Envelope, open_sealed, seal
from sanctuary.vault.keystore import KeyStore, KeyStoreError, RestoreCount, StoredKey
from sanctuary.vault.kinds import Kind, kinds_path, load_kinds
from sanctuary.vault.rotation import finish_rotation
from sanctuary.vault.scrub import ScrubBusy, scrub_records
from sanctuary.vault.tables import vault_holds, vault_records, vault_shreds

BACKUP_FORMAT = "sanctuary-vault-records/1"
READ_ALL_ROLES = ("supervisor", "counsel")
READ_OWN_ROLES = ("clerk",)
HOLD_ROLES = ("supervisor", "counsel")
SHRED_ROLES = ("supervisor", "counsel")
SHRED_REASONS = ("erasure_request", "retention", "manual")
MAX_SUBJECT = 200
MAX_REASON = 2000


class VaultError(Exception):
    """Bad input or a refused operation; ``field`` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(VaultError):
    pass


class Forbidden(VaultError):
    pass


class Shredded(VaultError):
    def __init__(self, record_id: str, when: datetime | str, why: str = "shredded") -> None:
        stamp = when.isoformat() if isinstance(when, datetime) else when
        super().__init__("id", f"record {record_id} was {why} at {stamp}; it can no longer be read")
        self.when = stamp


class Held(VaultError):
    def __init__(self, hold_id: str, since: datetime, by: str) -> None:
        super().__init__("subject", f"legal hold {hold_id} (set by {by} at {since.isoformat()}) blocks the shred; "
                                    "release it first")
        self.hold_id = hold_id


@dataclass(frozen=True)
class Actor:
    """Who acts. ``role`` None is the command line (the records officer with access to the data dir)."""

    name: str
    user_id: int | None = None
    role: str | None = None

    @classmethod
    def cli(cls, name: str | None = None) -> Actor:
        return cls(name or f"cli:{os.environ.get('USER') or os.environ.get('LOGNAME') or 'operator'}")


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    fields: dict[str, Any]
    created_at: datetime
    expires_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "fields": self.fields, "created_at": self.created_at.isoformat(),
                "expires_at": self.expires_at.isoformat()}


@dataclass(frozen=True)
class Hold:
    id: str
    created_by: str
    created_at: datetime
    released_at: datetime | None
    released_by: str | None
    reason: str | None  # None once the person's key is destroyed


@dataclass
class ShredResult:
    keys: int = 0
    records: int = 0
    subjects: int = 0
    held: list[str] = field(default_factory=list)  # hold ids that blocked a subject (expiry)
    erased: int = 0  # single records past retention whose person still has others
    scrub_problem: str = ""  # the shred is done, but free pages or a WAL could not be scrubbed yet


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _aad_record(record_id: str, kind: str, key_id: str) -> str:
    return f"vault-record|{record_id}|{kind}|{key_id}"


def _aad_hold(hold_id: str, key_id: str) -> str:
    return f"vault-hold|{hold_id}|{key_id}"


class Vault:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session], keystore: KeyStore, envelope: Envelope,
                 kinds: Mapping[str, Kind], audit: AuditLog, clock: Callable[[], datetime] = _now) -> None:
        self.engine = engine
        self.sessions = sessions
        self.keystore = keystore
        self.envelope = envelope
        self.kinds = dict(kinds)
        self.audit = audit
        self.clock = clock

    @classmethod
    def open(cls, settings: Settings, engine: Engine | None = None, sessions: sessionmaker[Session] | None = None,
             audit: AuditLog | None = None, clock: Callable[[], datetime] = _now) -> Vault:
        from sanctuary.audit.setup import build_audit_log
        from sanctuary.db.session import create_null_pool_engine, make_session_factory

        settings.ensure_data_dir()
        engine = engine or create_null_pool_engine(settings)
        # The desk's audit log (signer and ledger from the settings), after the key inventory is checked: a
        # missing KEK, subject key or signing key that stored data needs is refused, never remade.
        audit = audit or build_audit_log(settings, engine)
        keystore = KeyStore.in_data_dir(settings.data_dir)
        finish_rotation(settings.data_dir, keystore)
        return cls(engine, sessions or make_session_factory(engine), keystore,
                   Envelope.from_data_dir(settings.data_dir), load_kinds(kinds_path(settings.data_dir)),
                   audit, clock)

    def close(self) -> None:
        self.keystore.close()

    # -- helpers ----------------------------------------------------------------------------------------------

    def _ref(self, subject: str) -> str:
        subject = subject.strip() if isinstance(subject, str) else ""
        if not subject or len(subject) > MAX_SUBJECT:
            raise VaultError("subject", f"an opaque reference of 1 to {MAX_SUBJECT} characters")
        return self.envelope.subject_ref(subject)

    def _data_key(self, subject_ref: str) -> StoredKey:
        key = self.keystore.active_key(subject_ref)
        if key is None:
            key_id = uuid.uuid4().hex
            wrapped = self.envelope.wrap(self.envelope.new_data_key(), key_id, subject_ref)
            key = self.keystore.add_key(StoredKey(key_id, subject_ref, wrapped), self.envelope.kek_id,
                                        _stamp(self.clock()))
        return key

    def _unwrap(self, key: StoredKey) -> bytes:
        return self.envelope.unwrap(key.wrapped, key.key_id, key.subject_ref)

    def _audit(self, session: Session, kind: str, actor: Actor, **refs: str | int) -> None:
        if actor.user_id is not None:
            refs["actor_id"] = actor.user_id
        self.audit.append(session, kind, dict(refs))

    def _lock_subject(self, session: Session, subject_ref: str) -> None:
        """Serialise holds and shreds of one person (SQLite: the write lock already does)."""
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": int(subject_ref[:15], 16)})

    def _secure_delete(self, session: Session) -> None:
        if self.engine.dialect.name == "sqlite":
            session.execute(text("PRAGMA secure_delete=ON"))

    def check_fields(self, kind_name: str, fields: object) -> tuple[Kind, dict[str, Any]]:
        kind = self.kinds.get(kind_name)
        if kind is None:
            raise VaultError("kind", f"unknown kind {kind_name!r}; declared: {', '.join(sorted(self.kinds))}")
        if not isinstance(fields, dict):
            raise VaultError("fields", "a JSON object of field names to text")
        clean: dict[str, Any] = {}
        for name, value in fields.items():
            spec = kind.fields.get(name)
            if spec is None:
                raise VaultError(f"fields.{name}", f"not a field of {kind.name}; its fields: {', '.join(kind.fields)}")
            if value is None:
                continue
            if not isinstance(value, str):
                raise VaultError(f"fields.{name}", "must be text (a JSON string) or null")
            if len(value) > spec.max_length:
                raise VaultError(f"fields.{name}", f"at most {spec.max_length} characters")
            clean[name] = value
        return kind, clean

    # -- put and get -------------------------------------------------------------------------------------------

    def put(self, kind_name: str, subject: str, fields: object, actor: Actor) -> str:
        kind, clean = self.check_fields(kind_name, fields)
        subject_ref = self._ref(subject)
        key = self._data_key(subject_ref)  # committed in the key store before the record is
        record_id = uuid.uuid4().hex
        now = self.clock()
        ciphertext = seal(self._unwrap(key), clean, _aad_record(record_id, kind.name, key.key_id))
        with self.sessions() as session, session.begin():
            session.execute(insert(vault_records).values(
                id=record_id, subject_ref=subject_ref, kind=kind.name, key_id=key.key_id, created_at=now,
                expires_at=now + timedelta(days=kind.retention_days), created_by_id=actor.user_id,
                ciphertext=ciphertext, shredded_at=None, shred_reason=None))
            self._audit(session, "vault.put", actor, record_id=record_id, subject_ref=subject_ref,
                        record_kind=kind.name)
        return record_id

    def _may_read(self, actor: Actor, created_by_id: int | None) -> bool:
        if actor.role is None or actor.role in READ_ALL_ROLES:
            return True
        return actor.role in READ_OWN_ROLES and created_by_id is not None and created_by_id == actor.user_id

    def get(self, record_id: str, actor: Actor) -> Record:
        with self.sessions() as session:
            row = session.execute(select(vault_records).where(vault_records.c.id == record_id)).first()
        if row is None:
            raise NotFound("id", f"no record {record_id}")
        if not self._may_read(actor, row.created_by_id):
            raise Forbidden("id", "your role does not give access to this record")
        if row.ciphertext is None:
            why = "erased at the end of its retention period" if row.shred_reason == "retention" else "shredded"
            raise Shredded(record_id, row.shredded_at or "an unknown time", why)
        key = self.keystore.wrapped(row.key_id)
        if key is None:
            when = self.keystore.tombstone(row.key_id) or self._shredded_at(row.key_id)
            if when is not None:
                raise Shredded(record_id, when)
            raise VaultError("id", f"the data key of record {record_id} is not in the key store "
                                   f"({self.keystore.path}); restore the key store from its backup")
        try:
            fields = open_sealed(self._unwrap(key), row.ciphertext, _aad_record(row.id, row.kind, row.key_id))
        except InvalidTag as exc:
            raise VaultError("id", f"record {record_id} or its key was altered; it cannot be read") from exc
        with self.sessions() as session, session.begin():
            self._audit(session, "vault.read", actor, record_id=record_id, subject_ref=row.subject_ref)
        return Record(row.id, row.kind, fields, row.created_at, row.expires_at)

    def _shredded_at(self, key_id: str) -> str | None:
        with self.sessions() as session:
            when = session.scalar(select(vault_shreds.c.shredded_at).where(vault_shreds.c.key_id == key_id))
        return when.isoformat() if when else None

    # -- legal holds -------------------------------------------------------------------------------------------

    def create_hold(self, subject: str, reason: str, actor: Actor) -> str:
        reason = (reason or "").strip()
        if not reason or len(reason) > MAX_REASON:
            raise VaultError("reason", f"say why the records must be kept (1 to {MAX_REASON} characters)")
        subject_ref = self._ref(subject)
        key = self._data_key(subject_ref)
        hold_id = uuid.uuid4().hex
        sealed = seal(self._unwrap(key), reason, _aad_hold(hold_id, key.key_id))
        with self.sessions() as session, session.begin():
            self._lock_subject(session, subject_ref)
            session.execute(insert(vault_holds).values(
                id=hold_id, subject_ref=subject_ref, key_id=key.key_id, reason_ciphertext=sealed,
                created_by=actor.name[:128], created_by_id=actor.user_id, created_at=self.clock(),
                released_by=None, released_at=None))
            self._audit(session, "vault.hold", actor, hold_id=hold_id, subject_ref=subject_ref)
        return hold_id

    def release_hold(self, hold_id: str, actor: Actor) -> None:
        with self.sessions() as session, session.begin():
            row = session.execute(select(vault_holds).where(vault_holds.c.id == hold_id)).first()
            if row is None:
                raise NotFound("hold", f"no legal hold {hold_id}")
            if row.released_at is not None:
                raise VaultError("hold", f"legal hold {hold_id} was already released at {row.released_at.isoformat()}")
            session.execute(update(vault_holds).where(vault_holds.c.id == hold_id).values(
                released_at=self.clock(), released_by=actor.name[:128]))
            self._audit(session, "vault.release", actor, hold_id=hold_id, subject_ref=row.subject_ref)

    def holds(self, subject: str) -> list[Hold]:
        subject_ref = self._ref(subject)
        with self.sessions() as session:
            rows = session.execute(select(vault_holds).where(vault_holds.c.subject_ref == subject_ref)
                                   .order_by(vault_holds.c.created_at)).all()
        out = []
        for row in rows:
            key = self.keystore.wrapped(row.key_id)
            reason = None
            if key is not None:
                reason = open_sealed(self._unwrap(key), row.reason_ciphertext, _aad_hold(row.id, row.key_id))
            out.append(Hold(row.id, row.created_by, row.created_at, row.released_at, row.released_by, reason))
        return out

    # -- shredding ---------------------------------------------------------------------------------------------

    def shred(self, subject: str, actor: Actor, reason: str = "manual") -> ShredResult:
        """Destroy the person's data keys: every record, hold reason and backup copy becomes unreadable.
        Raises :class:`Held` naming a hold that blocks it."""
        if reason not in SHRED_REASONS:
            raise VaultError("reason", f"one of {', '.join(SHRED_REASONS)}")
        result = ShredResult()
        self._shred_ref(self._ref(subject), actor, reason, result)
        self._scrub_into(result)
        return result

    def _scrub_into(self, result: ShredResult) -> None:
        """Scrub after a shred that is already final; a busy database is reported, not raised."""
        try:
            self.scrub()
        except (ScrubBusy, KeyStoreError) as exc:
            result.scrub_problem = str(exc)

    def _shred_ref(self, subject_ref: str, actor: Actor, reason: str, result: ShredResult) -> None:
        with self.sessions() as session, session.begin():
            self._secure_delete(session)
            self._lock_subject(session, subject_ref)
            hold = session.execute(select(vault_holds).where(and_(vault_holds.c.subject_ref == subject_ref,
                                                                  vault_holds.c.released_at.is_(None)))
                                   .order_by(vault_holds.c.created_at).limit(1)).first()
            if hold is not None:
                raise Held(hold.id, hold.created_at, hold.created_by)
            now = self.clock()
            key_ids = self.keystore.shred(subject_ref, _stamp(now))  # the shred itself
            if key_ids:
                session.execute(insert(vault_shreds), [{"key_id": k, "subject_ref": subject_ref, "shredded_at": now,
                                                        "reason": reason} for k in key_ids])
            blanked = session.execute(update(vault_records).where(and_(
                vault_records.c.subject_ref == subject_ref, vault_records.c.ciphertext.is_not(None)))
                .values(ciphertext=None, shredded_at=now, shred_reason=reason)).rowcount  # type: ignore[attr-defined]
            self._audit(session, "vault.shred", actor, subject_ref=subject_ref, count=int(blanked or 0),
                        reason_code=reason)
        result.keys += len(key_ids)
        result.records += int(blanked or 0)
        result.subjects += 1

    def scrub(self) -> None:
        self.keystore.scrub()
        scrub_records(self.engine)

    def expire(self, actor: Actor, now: datetime | None = None) -> ShredResult:
        """Retention: a person none of whose records is still within retention is shredded (unless held);
        a single record past retention of a person who has others is erased (its ciphertext deleted)."""
        moment = now or self.clock()
        result = ShredResult()
        with self.sessions() as session:
            live = vault_records.c.ciphertext.is_not(None)
            due = session.execute(select(vault_records.c.subject_ref).where(live)
                                  .group_by(vault_records.c.subject_ref)
                                  .having(func.max(vault_records.c.expires_at) <= moment)).scalars().all()
        for subject_ref in due:
            try:
                self._shred_ref(subject_ref, actor, "retention", result)
            except Held as exc:
                result.held.append(exc.hold_id)
        with self.sessions() as session, session.begin():
            self._secure_delete(session)
            held = select(vault_holds.c.subject_ref).where(vault_holds.c.released_at.is_(None))
            erased = session.execute(update(vault_records).where(and_(
                vault_records.c.ciphertext.is_not(None), vault_records.c.expires_at <= moment,
                vault_records.c.subject_ref.not_in(held)))
                .values(ciphertext=None, shredded_at=moment, shred_reason="retention")).rowcount  # type: ignore[attr-defined]
            result.erased = int(erased or 0)
            self._audit(session, "vault.expire", actor, count=result.subjects + result.erased)
        if result.subjects or result.erased:
            self._scrub_into(result)
        return result

    # -- backup and restore of the records -------------------------------------------------------------------

    def backup(self, path: Path, actor: Actor) -> int:
        """The vault's rows (ciphertext, holds, shreds) to a new SQLite file at ``path``; no key goes in it."""
        if path.exists():
            raise VaultError("path", f"{path} exists; choose a new file for the backup")
        with self.sessions() as session:
            records = [dict(r._mapping) for r in session.execute(select(vault_records))]
            holds = [dict(r._mapping) for r in session.execute(select(vault_holds))]
            shreds = [dict(r._mapping) for r in session.execute(select(vault_shreds))]
        tmp = path.with_name(path.name + ".part")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            os.chmod(tmp, 0o600)
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute("PRAGMA secure_delete=ON")
            db.execute("BEGIN")
            db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
            db.execute("CREATE TABLE records (id TEXT PRIMARY KEY, subject_ref TEXT, kind TEXT, key_id TEXT, "
                       "created_at TEXT, expires_at TEXT, created_by_id INTEGER, ciphertext BLOB, "
                       "shredded_at TEXT, shred_reason TEXT)")
            db.execute("CREATE TABLE holds (id TEXT PRIMARY KEY, subject_ref TEXT, key_id TEXT, "
                       "reason_ciphertext BLOB, created_by TEXT, created_by_id INTEGER, created_at TEXT, "
                       "released_by TEXT, released_at TEXT)")
            db.execute("CREATE TABLE shreds (key_id TEXT PRIMARY KEY, subject_ref TEXT, shredded_at TEXT, "
                       "reason TEXT)")
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", BACKUP_FORMAT),
                                                              ("created_at", _stamp(self.clock()))])
            db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [_row(r, _RECORD_COLUMNS) for r in records])
            db.executemany("INSERT INTO holds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [_row(h, _HOLD_COLUMNS) for h in holds])
            db.executemany("INSERT INTO shreds VALUES (?, ?, ?, ?)", [_row(s, _SHRED_COLUMNS) for s in shreds])
            db.execute("COMMIT")
        finally:
            db.close()
        digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
        os.replace(tmp, path)
        with self.sessions() as session, session.begin():
            self._audit(session, "vault.backup", actor, count=len(records), payload_sha256=digest)
        return len(records)

    def restore(self, path: Path, actor: Actor) -> int:
        """Put the vault's rows back as they were in the backup at ``path``. What was shredded since stays
        shredded: the destroyed keys are not in the key store, and every shred known here (records database
        and key store) blanks the restored records again. Holds set since the backup are kept."""
        records, holds, shreds = _read_backup(path)
        known: dict[str, tuple[str, datetime, str]] = {}
        for key_id, (subject_ref, when) in self.keystore.tombstones().items():
            known[key_id] = (subject_ref, datetime.fromisoformat(when), "manual")
        with self.sessions() as session:
            for row in session.execute(select(vault_shreds)):
                known[row.key_id] = (row.subject_ref, row.shredded_at, row.reason)
            live_holds = {r.id: dict(r._mapping) for r in session.execute(select(vault_holds))}
        for s in shreds:
            known.setdefault(s["key_id"], (s["subject_ref"], _dt(s["shredded_at"]), s["reason"]))
        for r in records:
            dead = known.get(r["key_id"])
            if dead is not None and r["ciphertext"] is not None:
                r.update(ciphertext=None, shredded_at=dead[1], shred_reason=dead[2])
        merged_holds = {h["id"]: h for h in holds}
        merged_holds.update(live_holds)
        with self.sessions() as session, session.begin():
            self._secure_delete(session)
            session.execute(delete(vault_records))
            session.execute(delete(vault_holds))
            session.execute(delete(vault_shreds))
            if records:
                session.execute(insert(vault_records), records)
            if merged_holds:
                session.execute(insert(vault_holds), list(merged_holds.values()))
            if known:
                session.execute(insert(vault_shreds), [{"key_id": k, "subject_ref": v[0], "shredded_at": v[1],
                                                        "reason": v[2]} for k, v in known.items()])
            self._audit(session, "vault.restore", actor, count=len(records))
        self.keystore.bury((k, v[0], _stamp(v[1])) for k, v in known.items())
        self.expire(actor)
        self.scrub()
        return len(records)

    def restore_keys(self, path: Path) -> RestoreCount:
        with self.sessions() as session:
            shreds = [(r.key_id, r.subject_ref, _stamp(r.shredded_at)) for r in session.execute(select(vault_shreds))]
        restored = self.keystore.restore(path, self.envelope.kek_id, shreds)
        self.keystore.scrub()
        return restored


_RECORD_COLUMNS = ("id", "subject_ref", "kind", "key_id", "created_at", "expires_at", "created_by_id", "ciphertext",
                   "shredded_at", "shred_reason")
_HOLD_COLUMNS = ("id", "subject_ref", "key_id", "reason_ciphertext", "created_by", "created_by_id", "created_at",
                 "released_by", "released_at")
_SHRED_COLUMNS = ("key_id", "subject_ref", "shredded_at", "reason")
_TIMES = {"created_at", "expires_at", "shredded_at", "released_at"}


def _row(values: Mapping[str, Any], columns: Iterable[str]) -> tuple[Any, ...]:
    return tuple(_stamp(values[c]) if c in _TIMES and values[c] is not None else values[c] for c in columns)


def _dt(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _read_backup(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    if not path.is_file():
        raise VaultError("path", f"{path}: no such backup file")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        fmt = db.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        if not fmt or fmt[0] != BACKUP_FORMAT:
            raise VaultError("path", f"{path}: not a vault records backup")
        out = []
        for table, columns in (("records", _RECORD_COLUMNS), ("holds", _HOLD_COLUMNS), ("shreds", _SHRED_COLUMNS)):
            rows = db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            out.append([{c: (_dt(v) if c in _TIMES and v is not None else v) for c, v in zip(columns, row, strict=True)}
                        for row in rows])
    except sqlite3.DatabaseError as exc:
        raise VaultError("path", f"{path}: not a vault records backup ({exc})") from exc
    finally:
        db.close()
    return out[0], out[1], out[2]
