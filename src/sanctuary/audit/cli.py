"""``sanctuary audit verify | checkpoint | witness | sign``.

``verify`` and ``checkpoint`` read the desk's settings (``SANCTUARY_DATABASE_URL``, ``SANCTUARY_DATA_DIR``,
default ``./var`` with SQLite at ``./var/sanctuary.db``); ``--database-url`` and ``--data-dir`` override them.
The signing key is the data dir's ``audit-signing-key.pem`` (or ``SANCTUARY_AUDIT_SIGNING_KEY``); ``verify``
needs only the public key (``--public-key``, or the configured ``.pub``) and never creates a key. It also
checks the ledger of handed-out checkpoints (``--ledger``, default the configured one) when there is one.

``verify`` exits 0 when the log checks out, 1 when any entry was changed, removed, reordered or inserted, or a
checkpoint handed out earlier is missing or no longer matches (the first bad index is printed first), and 2
when the log cannot be read at all.

``witness URL`` co-signs another desk's checkpoint (:mod:`sanctuary.audit.witness`); ``sign`` is the far end of
``SANCTUARY_AUDIT_SIGN_COMMAND`` on a signing host (:mod:`sanctuary.audit.signer`).
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

from sanctuary import keystore
from sanctuary.audit.keys import load_or_create_key_file, load_public_key
from sanctuary.audit.ledger import CheckpointLedger
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


def _verifying_log(settings: Settings, public_key: Path | None, ledger: Path | None) -> AuditLog:
    """A log that trusts the given public key, else the configured one; never creates a key to verify with."""
    private_path, public_path = settings.signing_key_path, settings.public_key_path
    trusted = public_key or public_path
    if public_key is None and not public_path.exists() and private_path.exists():
        try:
            load_or_create_key_file(private_path, public_path)  # writes the public key back beside it
        except (ValueError, PermissionError) as exc:
            typer.echo(f"{private_path}: {exc}", err=True)
            raise typer.Exit(2) from exc
    if not trusted.exists():
        typer.echo(f"no audit key to verify with: {private_path} and {public_path} are missing", err=True)
        raise typer.Exit(2)
    try:
        key = load_public_key(trusted)
    except ValueError as exc:
        typer.echo(f"--public-key {trusted}: {exc}", err=True)
        raise typer.Exit(2) from exc
    # Checkpoints are only checked against trusted keys; the throw-away signing key never signs anything here.
    return AuditLog(Ed25519PrivateKey.generate(), trusted_keys=[key],
                    ledger=CheckpointLedger(ledger or settings.ledger_path))


@contextmanager
def _open(
    database_url: str | None, data_dir: Path | None, public_key: Path | None = None, verify_only: bool = False,
    ledger: Path | None = None,
) -> Iterator[tuple[Session, AuditLog]]:
    from sanctuary.audit.setup import build_audit_log
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
            log = _verifying_log(settings, public_key, ledger)
        else:
            try:
                log = build_audit_log(settings, engine)
            except keystore.KeyProblem as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(2) from exc
        with Session(engine) as session:
            yield session, log
    finally:
        engine.dispose()


def _from_note(text: str) -> dict[str, Any]:
    """A checkpoint dict from signed-note text (as ``/audit/checkpoint`` serves it and witnesses keep it)."""
    import base64

    from sanctuary.audit.note import parse_body
    from sanctuary.audit.witness import split_note

    body_text, signatures = split_note(text)
    body = parse_body(body_text)
    blob = next((b for name, b in signatures if name == body.origin), None)
    if blob is None:
        raise ValueError("no signature by the log")
    own_line = next(line for line in text.split("\n") if line.startswith(f"\u2014 {body.origin} "))
    return {"origin": body.origin, "size": body.size, "root_hash": body.root.hex(), "timestamp": body.timestamp,
            "note_key_hash": blob[:4].hex(), "signature": base64.b64encode(blob[4:]).decode(),
            "note": text.split("\n\n", 1)[0] + "\n\n" + own_line + "\n"}


def _name_keys(external: list[dict[str, Any]], log: AuditLog) -> None:
    """Checkpoints read from notes carry a 4-byte key hash: name the trusted key it belongs to."""
    from sanctuary.audit.note import note_key_hash

    for cp in external:
        if "key_id" not in cp and "note_key_hash" in cp:
            for kid, public in log.trusted_keys.items():
                if note_key_hash(str(cp["origin"]), public).hex() == cp["note_key_hash"]:
                    cp["key_id"] = kid


def _load_external(paths: list[Path]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        try:
            raw = path.read_text()
            data = json.loads(raw) if raw.lstrip().startswith("{") else _from_note(raw)
        except (OSError, ValueError, RuntimeError) as exc:
            typer.echo(f"--checkpoint {path}: cannot read a checkpoint (JSON or signed note): {exc}", err=True)
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
    ledger: Annotated[
        Path | None, typer.Option("--ledger", help="the ledger of handed-out checkpoints (default: the configured one)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Recompute every entry, subtree and signed checkpoint; exit 1 naming the first bad index."""
    external = _load_external(checkpoint or [])
    with _open(database_url, data_dir, public_key, verify_only=True, ledger=ledger) as (session, log):
        _name_keys(external, log)
        try:
            report = log.verify(session, external)
        except ValueError as exc:
            typer.echo(f"cannot read the ledger: {exc}", err=True)
            raise typer.Exit(2) from exc
        missing_ledger = _ledger_missing(session, log, ledger is not None, _settings(database_url, data_dir))
    if missing_ledger:
        report.ok = False
        report.problems.insert(0, missing_ledger)
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
        if log.ledger is not None:
            log.ledger.record(result)
    typer.echo(json.dumps(result, indent=2))


def _ledger_missing(session: Session, log: AuditLog, given: bool, settings: Settings) -> str | None:
    """The server's own ledger must exist once checkpoints were signed (a copy of the database checked
    elsewhere, with only the public key, has none unless --ledger is given)."""
    from sqlalchemy import func, select

    from sanctuary.audit.tables import audit_checkpoints

    if log.ledger is None or log.ledger.exists():
        return None
    count = session.scalar(select(func.count()).select_from(audit_checkpoints)) or 0
    server_side = given or settings.signing_key_path.exists() or bool(settings.audit_sign_command)
    if count and server_side:
        return (f"the ledger of handed-out checkpoints {log.ledger.path} is missing while {count} checkpoints were "
                "signed: restore it from backup (docs/security.md)")
    return None


@audit_app.command("ledger-init")
def ledger_init_command(database_url: DatabaseUrl = None, data_dir: DataDir = None) -> None:
    """Start the ledger of handed-out checkpoints from the database's checkpoints (once, when upgrading from a
    version without one). The log must verify first; an existing ledger is never replaced."""
    from sqlalchemy import select

    from sanctuary.audit.tables import audit_checkpoints
    from sanctuary.db.session import create_null_pool_engine

    settings = _settings(database_url, data_dir)
    ledger = CheckpointLedger(settings.ledger_path)
    if ledger.exists():
        typer.echo(f"{ledger.path} exists already; it is never replaced", err=True)
        raise typer.Exit(2)
    engine = create_null_pool_engine(settings)
    try:
        log = _verifying_log(settings, None, None)
        with Session(engine) as session:
            report = log.verify(session, use_ledger=False)
            if not report.ok:
                typer.echo("the log does not verify; not starting a ledger from it: " + "; ".join(report.problems),
                           err=True)
                raise typer.Exit(1)
            rows = session.execute(select(audit_checkpoints).order_by(audit_checkpoints.c.id)).all()
            keystore.write_new_secret(ledger.path, b"")
            for row in rows:
                ledger.record(log._checkpoint_dict(row._mapping))
    finally:
        engine.dispose()
    typer.echo(f"ledger started at {ledger.path} with {len(rows)} checkpoints")


@audit_app.command("witness")
def witness_command(
    url: Annotated[str, typer.Argument(help="the desk's public checkpoint URL, e.g. https://desk.example/audit/checkpoint")],
    state: Annotated[Path, typer.Option("--state", help="this witness's state file (the last checkpoint it accepted)")],
    key: Annotated[Path, typer.Option("--key", help="this witness's Ed25519 private key (PEM; made on first use)")],
    name: Annotated[str, typer.Option("--name", help="this witness's name in co-signatures, e.g. witness.example.org")],
    log_key: Annotated[
        Path | None, typer.Option("--log-key", help="the log's public key (PEM); needed on the first run")
    ] = None,
    history: Annotated[
        Path | None, typer.Option("--history", help="append every co-signed checkpoint here (JSON lines)")
    ] = None,
) -> None:
    """Fetch a desk's checkpoint, check it extends the last one seen (consistency proof), co-sign it.

    Prints the co-signed note. Exit 1 (nothing saved) when the log shrank, forked or was rewritten, or the
    signature does not verify; 2 on bad options."""
    from sanctuary.audit.note import check_origin
    from sanctuary.audit.witness import WitnessError, witness

    try:
        check_origin(name)
        signing = load_or_create_key_file(key)
        log_public = load_public_key(log_key) if log_key is not None else None
    except (ValueError, PermissionError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    try:
        result = witness(url, state, signing, name, log_public, history_path=history)
    except WitnessError as exc:
        typer.echo(f"NOT CO-SIGNED: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(result.cosigned_note, nl=False)


@audit_app.command("sign")
def sign_command(
    key: Annotated[Path, typer.Option("--key", help="the log's Ed25519 private key (PEM) on this signing host")],
    state: Annotated[
        Path | None, typer.Option("--state", help="remember the last size and root signed; refuse to go back")
    ] = None,
) -> None:
    """Sign one checkpoint read from standard input; print the base64 signature (for SANCTUARY_AUDIT_SIGN_COMMAND).

    With --state, a smaller tree than the last one signed, or the same size with another root, is refused."""
    import base64
    import sys

    from sanctuary.audit.keys import _load_private
    from sanctuary.audit.note import parse_body
    from sanctuary.audit.witness import WitnessState

    text = sys.stdin.buffer.read(4096).decode("utf-8", errors="replace")
    try:
        body = parse_body(text)
        private = _load_private(key)
    except (ValueError, PermissionError, OSError) as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(2) from exc
    last = WitnessState.load(state) if state is not None else None
    root_b64 = base64.b64encode(body.root).decode()
    if last is not None and (body.size < last.size or (body.size == last.size and root_b64 != last.root)):
        typer.echo(f"refused: size {body.size} does not extend the last signed size {last.size}", err=True)
        raise typer.Exit(1)
    signature = private.sign(text.encode())
    if state is not None:
        import time

        WitnessState(body.origin, "", body.size, root_b64, text, int(time.time())).save(state)
    typer.echo(base64.b64encode(signature).decode())


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
