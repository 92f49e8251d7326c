"""``sanctuary keys``: the key inventory of this deployment (what to back up) and a check that never creates."""

from __future__ import annotations

import importlib

import typer

from sanctuary import keystore
from sanctuary.settings import Settings

keys_app = typer.Typer(name="keys", help="The desk's key files: list them (what to back up), check them.",
                       no_args_is_help=True)


INVENTORY_MODULES = (
    "sanctuary.audit.setup",  # the signing key and the ledger
    "sanctuary.desk.context",  # the document key, the audit HMAC key and the desk secret
    "sanctuary.vault.envelope",  # the vault KEK and subject key
)


def _load_inventory() -> None:
    """Import every module that registers a key (each registers at import)."""
    for name in INVENTORY_MODULES:
        importlib.import_module(name)


@keys_app.command("list")
def list_keys() -> None:
    """Every key file this deployment uses, where it is, and what it is for."""
    _load_inventory()
    settings = Settings.from_env()
    for spec, path in keystore.inventory(settings):
        if spec.applies is not None and not spec.applies(settings):
            continue
        state = "present" if path.exists() else "missing"
        typer.echo(f"{path}\t{state}\t{'secret' if spec.secret else 'not secret'}\t{spec.purpose}")


@keys_app.command("check")
def check_keys() -> None:
    """Check every key against the database as start-up does, without creating any; exit 2 naming each problem."""
    from sanctuary.db.session import create_null_pool_engine

    _load_inventory()
    settings = Settings.from_env()
    engine = create_null_pool_engine(settings)
    try:
        keystore.prepare(settings, engine, create=False)
    except keystore.KeyProblem as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    typer.echo("keys ok")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
