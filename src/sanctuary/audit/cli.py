"""``sanctuary audit verify`` and ``sanctuary audit checkpoint``.

Both read the desk's settings (``SANCTUARY_DATABASE_URL``, ``SANCTUARY_DATA_DIR``, default ``./var`` with
SQLite at ``./var/sanctuary.db``); ``--database-url`` and ``--data-dir`` override them. The signing key is the
data dir's ``audit-signing-key.pem``; ``verify`` needs only the public key (``--public-key``, or the data dir's
``audit-signing-key.pub``) and never creates a key.

``verify`` exits 0 when the log checks out, 1 when any entry was changed, removed, reordered or inserted (the
first bad index is printed first), and 2 when the log cannot be read at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from sanctuary.audit.keys import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, load_or_create_signing_key, load_public_key
from sanctuary.audit.log import AuditLog
from sanctuary.settings import Settings

audit_app = typer.Typer(name="audit", help="The tamper-evident audit log.", no_args_is_help=True)

DatabaseUrl = Annotated[
    str | None, typer.Option("--database-url", help="default: $SANCTUARY_DATABASE_URL or SQLite in the data dir")
]
DataDir = Annotated[Path | None, typer.Option("--data-dir", help="default: $SANCTUARY_DATA_DIR or ./var")]


def _settings(database_url: str | None, data_dir: Path | None) -> Settings:
    env = Settings.from_env()
    if data_dir is None and database_url is None:
        return env
    return Settings.for_data_dir(data_dir or env.data_dir, database_url or (None if data_dir else env.database_url))


def _verifying_log(data_dir: Path, public_key: Path | None) -> AuditLog:
    """A log that trusts the given public key, else the data dir's key; never creates a key to verify with."""
    private_path, public_path = data_dir / PRIVATE_KEY_FILE, data_dir / PUBLIC_KEY_FILE
    if public_key is None and private_path.exists():
        return AuditLog(load_or_create_signing_key(data_dir))
    trusted = public_key or public_path
    if not trusted.exists():
        typer.echo(f"no audit key to verify with: {private_path} and {public_path} are missing", err=True)
        raise typer.Exit(2)
    try:
        key = load_public_key(trusted)
    except ValueError as exc:
        typer.echo(f"--public-key {trusted}: {exc}", err=True)
        raise typer.Exit(2) from exc
    # Checkpoints are only checked against trusted keys; the throw-away signing key never signs anything here.
    return AuditLog(Ed25519PrivateKey.generate(), trusted_keys=[key])


@contextmanager
def _open(
    database_url: str | None, data_dir: Path | None, public_key: Path | None = None, verify_only: bool = False
) -> Iterator[tuple[Session, AuditLog]]:
    from sanctuary.db.session import create_null_pool_engine

    settings = _settings(database_url, data_dir)
    engine = create_null_pool_engine(settings)
    try:
        if not inspect(engine).has_table("audit_head"):
            typer.echo(
                f"no audit log in {settings.database_url}: the database has not been migrated "
                "(`sanctuary serve` migrates on first run)",
                err=True,
            )
            raise typer.Exit(2)
        if verify_only:
            log = _verifying_log(settings.data_dir, public_key)
        else:
            log = AuditLog(load_or_create_signing_key(settings.data_dir))
        with Session(engine) as session:
            yield session, log
    finally:
        engine.dispose()


def _load_external(paths: list[Path]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            typer.echo(f"--checkpoint {path}: cannot read a checkpoint JSON ({exc})", err=True)
            raise typer.Exit(2) from exc
        if not isinstance(data, dict):
            typer.echo(f"--checkpoint {path}: not a checkpoint object", err=True)
            raise typer.Exit(2)
        out.append(data)
    return out


@audit_app.command("verify")
def verify_command(
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
    checkpoint: Annotated[
        list[Path] | None,
        typer.Option("--checkpoint", help="a checkpoint JSON kept elsewhere (repeatable); the log must match it"),
    ] = None,
    public_key: Annotated[
        Path | None, typer.Option("--public-key", help="the log's public key (default: the data dir's key)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Recompute every entry, subtree and signed checkpoint; exit 1 naming the first bad index."""
    external = _load_external(checkpoint or [])
    with _open(database_url, data_dir, public_key, verify_only=True) as (session, log):
        report = log.verify(session, external)
    if as_json:
        typer.echo(json.dumps(report.__dict__, indent=2))
    elif report.ok:
        typer.echo(f"ok: {report.size} entries, {report.checkpoints_checked} signed checkpoints verified")
    else:
        first = report.first_bad_index
        typer.echo(f"TAMPERED: first bad index {first if first is not None else 'unknown'}", err=True)
        for problem in report.problems:
            typer.echo(f"  {problem}", err=True)
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("checkpoint")
def checkpoint_command(database_url: DatabaseUrl = None, data_dir: DataDir = None) -> None:
    """Sign the current tree head, store it, and print it as JSON."""
    with _open(database_url, data_dir) as (session, log):
        result = log.checkpoint(session)
        session.commit()
    typer.echo(json.dumps(result, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
