"""``sanctuary db migrate | backup | restore``: the desk's database without starting the server.

- ``migrate`` applies every pending Alembic migration (the desk's, the audit log's, the reports') and says
  which; ``sanctuary serve`` does the same on start-up.
- ``backup PATH`` copies the database while the desk runs: SQLite through its online backup API (a consistent
  snapshot, page by page), PostgreSQL through ``pg_dump`` (custom format). Keys are files, not rows: the
  backup holds none of them (``docs/security.md`` says how to back keys up, separately). The file is mode 0600.
- ``restore PATH`` replaces the database with a backup, with the desk stopped. It first checks the backup's
  audit log (every entry, subtree and signature) and that it agrees with every checkpoint already handed out
  (the ledger, :mod:`sanctuary.audit.ledger`): a backup whose log differs from what outsiders were shown is
  refused. A backup older than checkpoints handed out since would silently lose those entries: refused too,
  unless ``--accept-loss`` is given, which records the loss in the ledger. Handed-out checkpoints that the
  backup's log agrees with but that were signed after it was taken are put back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Connection, create_engine, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from sanctuary.settings import Settings

db_app = typer.Typer(name="db", help="The application database: migrate, back up, restore.", no_args_is_help=True)


@db_app.command("migrate")
def migrate() -> None:
    """Create the schema or bring it up to date (every pending migration), without starting the server."""
    from sanctuary.db.migrate import upgrade

    applied = upgrade(Settings.from_env())
    typer.echo(f"database at head; applied: {', '.join(applied) if applied else 'nothing (already up to date)'}")


@db_app.command("upgrade", hidden=True)
def upgrade_alias() -> None:
    """Same as ``migrate`` (the older name)."""
    migrate()


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.database_url).database
    if not database or database == ":memory:":
        raise typer.BadParameter("the SQLite database is in memory: nothing to back up")
    return Path(database)


def _libpq_url(settings: Settings) -> str:
    return make_url(settings.database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        typer.echo(f"error: {name} not found on PATH (install the PostgreSQL client, e.g. apt install "
                   "postgresql-client)", err=True)
        raise typer.Exit(2)
    return found


def _private_tmp(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.chmod(name, 0o600)
    return Path(name)


@db_app.command("backup")
def backup(path: Annotated[Path, typer.Argument(help="the backup file to write (must not exist)")]) -> None:
    """Copy the database to PATH while the desk runs (keys are not in it: back them up separately)."""
    settings = Settings.from_env()
    path = path.resolve()
    if path.exists():
        typer.echo(f"error: {path} exists; choose a new file name", err=True)
        raise typer.Exit(2)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _private_tmp(path)
    try:
        if settings.is_sqlite:
            source = sqlite3.connect(_sqlite_path(settings))
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            done = subprocess.run([_tool("pg_dump"), "--format=custom", "--inserts", "--no-owner", "--no-privileges",
                                   f"--file={tmp}", f"--dbname={_libpq_url(settings)}"],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                typer.echo(f"error: pg_dump failed: {done.stderr.strip()[-400:]}", err=True)
                raise typer.Exit(1)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    typer.echo(f"backup written to {path} (mode 600). It holds no keys: back up the key files listed by "
               "docs/security.md separately, and keep them apart from this file.")


# --- restore ------------------------------------------------------------------------------------------------


@dataclass
class RestoreCheck:
    size: int = 0
    problems: list[str] = field(default_factory=list)
    lost: list[dict[str, Any]] = field(default_factory=list)
    put_back: int = 0


def check_backup(connection: Connection, settings: Settings, accept_loss: bool) -> RestoreCheck:
    """Check a restored (not yet committed) database against the ledger; put back the handed-out checkpoints
    its log agrees with. Returns the problems that must stop the restore."""
    from sanctuary.audit.keys import key_id, load_public_key
    from sanctuary.audit.ledger import CheckpointLedger
    from sanctuary.audit.tables import audit_checkpoints, audit_head
    from sanctuary.audit.verify import verify_log

    result = RestoreCheck()
    if not inspect(connection).has_table("audit_head"):
        result.problems.append("the backup holds no audit log: not a backup of this desk's database")
        return result
    public = load_public_key(settings.public_key_path)
    session = Session(bind=connection)
    result.size = int(session.scalar(select(audit_head.c.size)) or 0)
    handed_out = CheckpointLedger(settings.ledger_path).read().live()
    within = [cp for cp in handed_out if int(cp["size"]) <= result.size]
    result.lost = [cp for cp in handed_out if int(cp["size"]) > result.size]
    labelled = [{**cp, "label": f"handed-out checkpoint of size {cp['size']} (ledger)"} for cp in within]
    report = verify_log(session, {key_id(public): public}, labelled)
    result.problems += [f"the backup's audit log: {p}" for p in report.problems]
    if result.lost and not accept_loss:
        largest = max(int(cp["size"]) for cp in result.lost)
        result.problems.append(
            f"checkpoints up to size {largest} were handed out after this backup (its log has {result.size} "
            f"entries): restoring it loses {largest - result.size} entries outsiders were shown. Use a newer "
            "backup, or --accept-loss to restore anyway and record the loss in the ledger"
        )
    if result.problems:
        return result
    stored = {str(s) for s in session.scalars(select(audit_checkpoints.c.signature))}
    for cp in within:
        if str(cp["signature"]) not in stored:
            session.execute(insert(audit_checkpoints).values(**_checkpoint_row(cp)))
            result.put_back += 1
    session.flush()
    return result


def _checkpoint_row(cp: Mapping[str, Any]) -> dict[str, Any]:
    return {"size": int(cp["size"]), "root_hash": cp["root_hash"], "ts": cp["timestamp"], "origin": cp["origin"],
            "key_id": cp["key_id"], "signature": cp["signature"], "note": cp["note"]}


def _report(check: RestoreCheck) -> None:
    if check.problems:
        typer.echo("REFUSED: the backup was not restored; the database is unchanged.", err=True)
        for problem in check.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1)


@db_app.command("restore")
def restore(
    path: Annotated[Path, typer.Argument(help="a file written by `sanctuary db backup`")],
    accept_loss: Annotated[bool, typer.Option("--accept-loss", help="restore a backup older than checkpoints "
                                              "handed out since, and record the loss in the ledger")] = False,
) -> None:
    """Replace the database with a backup (stop the desk first), after checking its audit log."""
    from sanctuary.audit.ledger import CheckpointLedger

    settings = Settings.from_env()
    if not path.is_file():
        typer.echo(f"error: {path}: no such backup file", err=True)
        raise typer.Exit(2)
    check = _restore_sqlite(settings, path, accept_loss) if settings.is_sqlite else _restore_pg(settings, path,
                                                                                                 accept_loss)
    if check.lost:
        CheckpointLedger(settings.ledger_path).record_restore(check.size, check.lost, "sanctuary db restore "
                                                                                      "--accept-loss")
    typer.echo(f"restored {path}: audit log of {check.size} entries verified against the ledger"
               + (f"; {check.put_back} handed-out checkpoints put back" if check.put_back else "")
               + (f"; {len(check.lost)} handed-out checkpoints lost (recorded in the ledger)" if check.lost else ""))


def _restore_sqlite(settings: Settings, path: Path, accept_loss: bool) -> RestoreCheck:
    live = _sqlite_path(settings)
    live.parent.mkdir(parents=True, exist_ok=True)
    work = _private_tmp(live)
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(work)
        try:
            source.backup(target)
        except sqlite3.DatabaseError as exc:
            typer.echo(f"error: {path} is not an SQLite backup ({exc})", err=True)
            raise typer.Exit(2) from exc
        finally:
            target.close()
            source.close()
        engine = create_engine(f"sqlite:///{work}")
        try:
            with engine.begin() as connection:
                check = check_backup(connection, settings, accept_loss)
                _report(check)
        finally:
            engine.dispose()
        source = sqlite3.connect(work)
        target = sqlite3.connect(live, timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    finally:
        work.unlink(missing_ok=True)
    return check


def _restore_pg(settings: Settings, path: Path, accept_loss: bool) -> RestoreCheck:
    """pg_restore writes the SQL; it runs in one transaction with the checks, committed only if they pass."""
    done = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-",
                           str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        typer.echo(f"error: pg_restore cannot read {path}: {done.stderr.strip()[-400:]}", err=True)
        raise typer.Exit(2)
    # The script is plain SQL (the dump holds INSERTs, no COPY) apart from psql's \restrict guard lines.
    lines = done.stdout.splitlines()
    meta = [line for line in lines if line.startswith("\\") and not line.startswith(("\\restrict ", "\\unrestrict "))]
    if meta:
        typer.echo(f"error: {path}: unexpected psql command {meta[0][:40]!r}; write backups with `sanctuary db backup`",
                   err=True)
        raise typer.Exit(2)
    script = "\n".join(line for line in lines if not line.startswith("\\"))
    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(script)
            connection.exec_driver_sql("RESET search_path")
            check = check_backup(connection, settings, accept_loss)
            if check.problems:
                connection.rollback()
                _report(check)
            connection.commit()
    finally:
        engine.dispose()
    return check


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
