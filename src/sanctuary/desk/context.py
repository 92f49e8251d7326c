"""Everything the desk's services share at run time, built once per application."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sanctuary import keystore
from sanctuary.audit.setup import build_audit_log
from sanctuary.db import session as db_session
from sanctuary.db.group_commit import GroupCommitter
from sanctuary.db.session import create_db_engine, create_read_engine, make_session_factory
from sanctuary.desk.audit_port import AuditSink
from sanctuary.desk.crypto import (
    AUDIT_HMAC_KEY_FILE,
    DocumentCipher,
    load_or_create_master_key,
    load_or_create_secret,
)
from sanctuary.desk.token_cache import TokenCache
from sanctuary.settings import Settings

DESK_SECRET_FILE = "desk.secret"

keystore.register(
    keystore.KeySpec(
        name=DESK_SECRET_FILE,
        purpose=("keys the hashes of usernames and addresses in the login throttle and signs the known-device "
                 "cookie (a new one only resets both)"),
        create=lambda path: keystore.write_new_secret(path, secrets.token_bytes(32)),
        validate=keystore.exact_length(32),
    )
)


@dataclass
class DeskContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    audit: AuditSink
    cipher: DocumentCipher
    secret: bytes
    audit_hmac_key: bytes
    committer: GroupCommitter
    read_engine: Engine | None
    read_sessions: sessionmaker[Session]
    tokens: TokenCache = field(default_factory=TokenCache)

    @classmethod
    def build(cls, settings: Settings) -> DeskContext:
        settings.ensure_data_dir()
        engine = create_db_engine(settings)
        try:
            keystore.prepare(settings, engine)  # every key: refuse to start rather than make a wrong one
        except BaseException:
            engine.dispose()
            raise
        sessions = make_session_factory(engine)
        read_engine = create_read_engine(settings)
        return cls(
            read_engine=read_engine,
            read_sessions=make_session_factory(read_engine) if read_engine is not None else sessions,
            settings=settings,
            engine=engine,
            sessions=sessions,
            # Bounded: after the write slot's own bound (DatabaseBusy), with room for the commit's fsync.
            committer=GroupCommitter(sessions, statements_on_loop=settings.is_sqlite,
                                     timeout=2 * db_session.WRITE_SLOT_TIMEOUT),
            audit=build_audit_log(settings, engine, check_keys=False),
            cipher=DocumentCipher(load_or_create_master_key(settings.data_dir)),
            secret=load_or_create_secret(settings.data_dir / DESK_SECRET_FILE, 32),
            audit_hmac_key=load_or_create_secret(settings.data_dir / AUDIT_HMAC_KEY_FILE, 32),
        )

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction that ends inside the caller's block: committed when the block ends, rolled back
        if it raises, and the connection (and SQLite's write slot) given back before the caller answers."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session on the read engine (SQLite: WAL snapshot reads that never take the write slot;
        PostgreSQL: the main engine), closed when the block ends."""
        session = self.read_sessions()
        try:
            yield session
        finally:
            session.close()  # ends the transaction; loaded objects stay readable (detached, not expired)

    def close(self) -> None:
        self.committer.close()
        self.engine.dispose()
        if self.read_engine is not None:
            self.read_engine.dispose()
