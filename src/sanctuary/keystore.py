"""The key inventory: every secret (and every file existing data depends on) that the desk keeps outside its
database, what needs it, and how to get it back. Keys fail loudly, never silently.

Each module that owns a key registers it once, at import::

    keystore.register(keystore.KeySpec(
        name="document-master.key", purpose="wraps the key of every uploaded document",
        create=lambda path: keystore.write_new_secret(path, secrets.token_bytes(32)),
        needed_by=keystore.rows_in("desk_documents", "encrypted documents"),
        validate=keystore.exact_length(32)))

:func:`prepare` (called by every process before it uses a key: the server, the CLI) then checks them all:

- a file that is **missing** is created only when no stored data needs it; when some does (encrypted
  documents, signed checkpoints, ...), start-up stops with :class:`KeyProblem` naming the file, the data that
  needs it and how to restore it from the key backup (``docs/security.md``, "Key inventory");
- a secret that **other users may read or write** (any group or other permission bit) is refused, with the
  ``chmod`` that fixes it; so is a file that cannot be read, or whose content is not a key of the right kind;
- a key that is present but is **not the one** the data was made with (``matches``) is refused as well.

Every problem is reported at once, so one start-up attempt lists everything to fix.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, inspect, select, table

from sanctuary.settings import Settings

RESTORE_DOC = "docs/security.md, section 'Key inventory'"


class KeyProblem(RuntimeError):
    """One or more keys are missing, exposed, unreadable or wrong; the message says which and what to do."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the desk will not start until its keys are fixed:\n" + "\n".join(f"- {p}" for p in problems))


def _no_check(_: Connection) -> str | None:
    return None


@dataclass(frozen=True)
class KeySpec:
    """One file in the inventory.

    ``name``: the file's name in the data dir (the inventory's key). ``purpose``: one line for errors and docs.
    ``create(path)``: make a new one (mode 0600). ``needed_by(connection)``: a description of the stored data
    that cannot be used without this very file, or None. ``validate(data)``: raise ``ValueError`` when the
    content is not a key of the right kind. ``matches(connection, data)``: a description of why this is not
    the key the stored data was made with, or None. ``path(settings)``: where it lives (default: data dir).
    ``secret``: refuse group/other permission bits. ``create_missing``: False for files an operator must
    provide (the process never makes them). ``applies(settings)``: False when this deployment does not use the
    file (e.g. the signing key when an HSM signs). ``missing_hint``: what to do when it is missing, instead of
    the generic "restore it from your key backup".
    """

    name: str
    purpose: str
    create: Callable[[Path], None]
    needed_by: Callable[[Connection], str | None] = _no_check
    validate: Callable[[bytes], None] | None = None
    matches: Callable[[Connection, bytes], str | None] | None = None
    path: Callable[[Settings], Path] | None = None
    secret: bool = True
    create_missing: bool = True
    applies: Callable[[Settings], bool] | None = None
    missing_hint: str = ""

    def location(self, settings: Settings) -> Path:
        return self.path(settings) if self.path is not None else settings.data_dir / self.name


REGISTRY: dict[str, KeySpec] = {}


def register(spec: KeySpec) -> KeySpec:
    """Add (or replace, on re-import) a file in the inventory."""
    REGISTRY[spec.name] = spec
    return spec


# --- helpers for KeySpec fields ----------------------------------------------------------------------------


def rows_in(table_name: str, what: str) -> Callable[[Connection], str | None]:
    """``needed_by``: the key is needed as soon as ``table_name`` holds a row (a missing table holds none)."""

    def check(connection: Connection) -> str | None:
        if not inspect(connection).has_table(table_name):
            return None
        count = connection.execute(select(func.count()).select_from(table(table_name))).scalar_one()
        return f"{count} {what} (table {table_name})" if count else None

    return check


def exact_length(length: int) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        if len(data) != length:
            raise ValueError(f"holds {len(data)} bytes, not a {length}-byte key")

    return check


def write_new_secret(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` only if it does not exist yet (another process may win the race: its file is
    kept); the file is complete (fsync'd) before it appears under its name, and never open to others."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink()


def loose_mode_problem(path: Path) -> str | None:
    """Why a secret file is open to other users, or None. Group and other bits are all refused."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return f"{path} is open to other users (mode {mode:o}); fix it with: chmod 600 {path}"
    return None


def read_secret(path: Path, secret: bool = True) -> bytes:
    """Read a key file, refusing one with loose permissions (PermissionError names the chmod)."""
    if secret:
        problem = loose_mode_problem(path)
        if problem:
            raise PermissionError(problem)
    return path.read_bytes()


# --- the check ---------------------------------------------------------------------------------------------


def _missing(spec: KeySpec, path: Path, need: str) -> str:
    if spec.missing_hint:
        return f"{spec.name} ({spec.purpose}) is missing at {path}, but {need} need it. {spec.missing_hint}"
    return (
        f"{spec.name} ({spec.purpose}) is missing at {path}, but {need} need it. Restore it from your key "
        f"backup (install -m 600 BACKUP-COPY {path}) and start again; see {RESTORE_DOC}. The desk will not make "
        f"a new one: whatever was made with the old key could never be read or verified again."
    )


def check_one(spec: KeySpec, settings: Settings, connection: Connection, create: bool = True) -> str | None:
    """Check (and, when nothing needs the old one, create) one file; returns a problem or None."""
    path = spec.location(settings)
    if not path.exists():
        need = spec.needed_by(connection)
        if need:
            return _missing(spec, path, need)
        if not (create and spec.create_missing):
            return f"{spec.name} ({spec.purpose}) is missing at {path}"
        spec.create(path)
    try:
        data = read_secret(path, spec.secret)
    except PermissionError as exc:
        text = str(exc)
        return text if "open to other users" in text else f"{spec.name}: {path} cannot be read ({exc.strerror})"
    except OSError as exc:
        return f"{spec.name}: {path} cannot be read ({exc.strerror or exc})"
    if spec.validate is not None:
        try:
            spec.validate(data)
        except ValueError as exc:
            return f"{spec.name}: {path} {exc}; restore the right file from your key backup ({RESTORE_DOC})"
    if spec.matches is not None:
        wrong = spec.matches(connection, data)
        if wrong:
            return (f"{spec.name}: {path} is not the key the stored data was made with ({wrong}); restore the "
                    f"right file from your key backup ({RESTORE_DOC})")
    return None


def prepare(settings: Settings, engine: Engine, create: bool = True, only: tuple[str, ...] | None = None) -> None:
    """Check every registered key (or only the named ones) against the database; raise :class:`KeyProblem`
    listing every problem. Missing keys that nothing needs yet are created (unless ``create`` is False)."""
    settings.ensure_data_dir()
    problems: list[str] = []
    with engine.connect() as connection:
        for spec in list(REGISTRY.values()):
            if only is not None and spec.name not in only:
                continue
            if spec.applies is not None and not spec.applies(settings):
                continue
            problem = check_one(spec, settings, connection, create)
            if problem:
                problems.append(problem)
        connection.rollback()
    if problems:
        raise KeyProblem(problems)


def inventory(settings: Settings) -> list[tuple[KeySpec, Path]]:
    """Every registered file and where it lives (for ``sanctuary keys list`` and the docs)."""
    return [(spec, spec.location(settings)) for spec in REGISTRY.values()]
