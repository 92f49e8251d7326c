"""``sanctuary vault``: the records vault from the command line (the records officer's tool).

Settings come from the environment like the desk's (``SANCTUARY_DATA_DIR``, ``SANCTUARY_DATABASE_URL``); the
key store is ``<data dir>/vault-keys.sqlite3`` (``SANCTUARY_VAULT_KEYSTORE``), the key-encryption key
``<data dir>/vault-kek.key``, the kinds ``<data dir>/vault-kinds.yaml`` (``SANCTUARY_VAULT_KINDS``) or the
shipped default. The database must be migrated (``sanctuary db migrate``).

Exit status: 0 done; 1 the record is shredded or not found; 2 bad input (the message names it); 3 a legal hold
blocks the shred (the message names the hold).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import inspect

from sanctuary import keystore
from sanctuary.settings import Settings
from sanctuary.vault.keystore import KeyStoreError
from sanctuary.vault.kinds import KindsError
from sanctuary.vault.scrub import ScrubBusy
from sanctuary.vault.service import Actor, Held, NotFound, Shredded, Vault, VaultError

vault_app = typer.Typer(name="vault", help="The records vault: encrypted records, legal holds, crypto-shredding.",
                        no_args_is_help=True)
hold_app = typer.Typer(name="hold", help="Legal holds: they block every shred of a person until released.",
                       no_args_is_help=True)
keys_app = typer.Typer(name="keys", no_args_is_help=True,
                       help="The key store: its own backup (kept apart from the records' backups), KEK rotation.")
vault_app.add_typer(hold_app, name="hold")
vault_app.add_typer(keys_app, name="keys")

By = Annotated[str | None, typer.Option("--by", help="who acts (default: cli:$USER)")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


@contextmanager
def _vault() -> Iterator[Vault]:
    settings = Settings.from_env()
    try:
        vault = Vault.open(settings)
    except (KindsError, keystore.KeyProblem) as exc:
        raise _fail(str(exc)) from exc
    try:
        if not inspect(vault.engine).has_table("vault_records"):
            raise _fail(f"no vault tables in {settings.database_url}: run `sanctuary db migrate` first")
        yield vault
    except Held as exc:
        raise _fail(exc.message, 3) from exc
    except (Shredded, NotFound) as exc:
        raise _fail(str(exc), 1) from exc
    except VaultError as exc:
        raise _fail(str(exc)) from exc
    except (KeyStoreError, ScrubBusy) as exc:
        raise _fail(str(exc), 1) from exc
    finally:
        vault.close()
        vault.engine.dispose()


@vault_app.command("put")
def put_command(kind: Annotated[str, typer.Option("--kind", help="a declared record kind")],
                subject: Annotated[str, typer.Option("--subject", help="the agency's opaque reference")],
                by: By = None) -> None:
    """Store a record: a JSON object of fields on stdin. Prints the record id on the last line."""
    text = sys.stdin.read()
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(f"stdin: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    with _vault() as vault:
        record_id = vault.put(kind, subject, fields, Actor.cli(by))
    typer.echo(record_id)


@vault_app.command("get")
def get_command(record_id: Annotated[str, typer.Argument(help="the record id")]) -> None:
    """Print a record's fields as JSON (the read is audited)."""
    with _vault() as vault:
        record = vault.get(record_id.strip(), Actor.cli())
    typer.echo(json.dumps(record.fields, ensure_ascii=False, indent=2))


@vault_app.command("shred")
def shred_command(subject: Annotated[str, typer.Option("--subject")],
                  reason: Annotated[str, typer.Option("--reason", help="erasure_request or manual")] = "manual",
                  by: By = None) -> None:
    """Destroy the person's data key: every record and backup copy becomes unreadable. Exit 3 under a hold."""
    with _vault() as vault:
        result = vault.shred(subject, Actor.cli(by), reason)
    typer.echo(f"shredded: {result.keys} key(s) destroyed, {result.records} record(s) now unreadable")
    _scrub_warning(result.scrub_problem)


@vault_app.command("expire")
def expire_command(now: Annotated[str | None, typer.Option("--now", help="ISO time (default: now)")] = None,
                   by: By = None) -> None:
    """Apply retention (run daily): shred people whose records are all past retention, unless held."""
    moment = None
    if now:
        try:
            moment = datetime.fromisoformat(now)
        except ValueError as exc:
            raise _fail(f"--now {now!r}: use an ISO date or time such as 2027-01-31T00:00:00+00:00") from exc
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    with _vault() as vault:
        result = vault.expire(Actor.cli(by), moment)
    typer.echo(f"expired: {result.subjects} person(s) shredded, {result.erased} record(s) erased, "
               f"{len(result.held)} held back")
    for hold in result.held:
        typer.echo(f"  held: {hold}")
    _scrub_warning(result.scrub_problem)


def _scrub_warning(problem: str) -> None:
    if problem:
        sys.stderr.write(f"warning: the shred is final, but the files are not scrubbed yet: {problem}\n")


@vault_app.command("scrub")
def scrub_command() -> None:
    """Checkpoint and truncate the WALs and rebuild the files (done after every shred; retry if busy)."""
    with _vault() as vault:
        vault.scrub()
    typer.echo("scrubbed")


@vault_app.command("backup")
def backup_command(path: Annotated[Path, typer.Argument(help="a new file for the records' backup")],
                   by: By = None) -> None:
    """Back up the records (ciphertext, holds, shreds). No key goes in it: back up the key store apart."""
    with _vault() as vault:
        count = vault.backup(path, Actor.cli(by))
    typer.echo(f"backed up {count} record(s) to {path}")


@vault_app.command("restore")
def restore_command(path: Annotated[Path, typer.Argument(help="a records' backup file")], by: By = None) -> None:
    """Restore the records from a backup. People shredded since stay unreadable."""
    with _vault() as vault:
        count = vault.restore(path, Actor.cli(by))
    typer.echo(f"restored {count} record(s) from {path}")


@hold_app.command("create")
def hold_create(subject: Annotated[str, typer.Option("--subject")],
                reason: Annotated[str, typer.Option("--reason", help="why (court order, litigation, ...)")],
                by: By = None) -> None:
    """Put a legal hold on a person. Prints the hold id."""
    with _vault() as vault:
        hold_id = vault.create_hold(subject, reason, Actor.cli(by))
    typer.echo(hold_id)


@hold_app.command("release")
def hold_release(hold_id: Annotated[str, typer.Argument()], by: By = None) -> None:
    """Release a legal hold."""
    with _vault() as vault:
        vault.release_hold(hold_id.strip(), Actor.cli(by))
    typer.echo(f"released {hold_id.strip()}")


@hold_app.command("list")
def hold_list(subject: Annotated[str, typer.Option("--subject")]) -> None:
    """A person's holds, with reason, who and when."""
    with _vault() as vault:
        holds = vault.holds(subject)
    for h in holds:
        state = f"released {h.released_at.isoformat()} by {h.released_by}" if h.released_at else "ACTIVE"
        typer.echo(f"{h.id}  set {h.created_at.isoformat()} by {h.created_by}  {state}  reason: "
                   f"{h.reason if h.reason is not None else '(unreadable: shredded)'}")


@keys_app.command("backup")
def keys_backup(path: Annotated[Path, typer.Argument(help="a new file, kept apart from the records' backups")]) -> None:
    """Back up the key store (wrapped keys and tombstones; the key-encryption key is not in it)."""
    with _vault() as vault:
        count = vault.keystore.backup(path)
    typer.echo(f"backed up {count} data key(s) to {path}")


@keys_app.command("restore")
def keys_restore(path: Annotated[Path, typer.Argument()]) -> None:
    """Restore keys from a key-store backup; a key shredded since is never brought back."""
    with _vault() as vault:
        count = vault.restore_keys(path)
    typer.echo(f"restored {count.restored} data key(s); {count.shredded} shredded key(s) refused; "
               f"{count.retired} key(s) wrapped by a rotated-away key-encryption key refused")


@keys_app.command("rotate")
def keys_rotate() -> None:
    """Rotate the key-encryption key (stop the desk first). Every older key-store backup becomes unreadable:
    take a new key-store backup and keep a copy of the new vault-kek.key offline."""
    from sanctuary.vault.rotation import rotate_kek

    settings = Settings.from_env()
    with _vault() as vault:
        old, new, count = rotate_kek(settings.data_dir, vault.keystore)
    typer.echo(f"rotated the key-encryption key {old} -> {new}: {count} data key(s) re-wrapped. Back up the key "
               "store and the new vault-kek.key now; older key-store backups can no longer be opened.")


def register(app: typer.Typer) -> None:
    app.add_typer(vault_app, name="vault")
