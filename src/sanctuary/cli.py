"""The ``sanctuary`` command. Engine commands live here; the desk, audit and atlas add their own groups."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="sanctuary",
    help="Sanctuary: sanctuary-city law as code, a request desk, an audit log and an atlas.",
    no_args_is_help=True,
    add_completion=False,
)

# Each module below exposes ``register(app: typer.Typer) -> None`` and adds its commands to ``app``.
SUBCOMMAND_MODULES = (
    "sanctuary.desk.cli",
    "sanctuary.db.cli",
    "sanctuary.keys_cli",
    "sanctuary.engine_cli",
    "sanctuary.audit.cli",
    "sanctuary.reports.cli",
    "sanctuary.atlas.cli",
    "sanctuary.forms.cli",
    "sanctuary.vault.cli",
)


def _register_subcommands() -> None:
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(app)


def main() -> None:
    _register_subcommands()
    app()
