"""The ``sanctuary`` command. Engine commands live here; the desk, audit and atlas add their own groups.

Subcommands are imported lazily: ``sanctuary decide`` imports the engine's module only, not the desk's web
stack, SQLAlchemy and Alembic. :data:`COMMAND_MODULES` maps each top-level command to the module that
registers it; a module on :data:`SUBCOMMAND_MODULES` whose commands are not in the table still works (it is
imported when a name is not found, and by ``--help``), only without the saving.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

# Each module below exposes ``register(app: typer.Typer) -> None`` and adds its commands to ``app``.
SUBCOMMAND_MODULES = (
    "sanctuary.desk.cli",
    "sanctuary.db.cli",
    "sanctuary.keys_cli",
    "sanctuary.engine_cli",
    "sanctuary.audit.cli",
    "sanctuary.reports.cli",
    "sanctuary.collector.cli",
    "sanctuary.atlas.cli",
    "sanctuary.evidence.cli",
    "sanctuary.forms.cli",
    "sanctuary.vault.cli",
)

# Top-level command (or group) name -> the module whose ``register`` adds it. Add a line per new command.
COMMAND_MODULES: dict[str, str] = {
    "decide": "sanctuary.engine_cli",
    "explain": "sanctuary.engine_cli",
    "jurisdictions": "sanctuary.engine_cli",
    "lint": "sanctuary.engine_cli",
    "serve": "sanctuary.desk.cli",
    "users": "sanctuary.desk.cli",
    "tokens": "sanctuary.desk.cli",
    "db": "sanctuary.db.cli",
    "keys": "sanctuary.keys_cli",
    "audit": "sanctuary.audit.cli",
    "report": "sanctuary.reports.cli",
    "collector": "sanctuary.collector.cli",
    "atlas": "sanctuary.atlas.cli",
    "evidence": "sanctuary.evidence.cli",
    "forms": "sanctuary.forms.cli",
    "vault": "sanctuary.vault.cli",
}


def _module_commands(module: str) -> dict[str, Any]:
    """The click commands ``module.register`` adds, built on a scratch Typer app."""
    scratch = typer.Typer()
    importlib.import_module(module).register(scratch)
    scratch.callback()(lambda: None)  # a group even when the module adds a single command
    group = typer.main.get_command(scratch)
    assert isinstance(group, TyperGroup)
    return dict(group.commands)


class LazyGroup(TyperGroup):
    """A Typer group that imports a subcommand's module only when that subcommand is used."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._loaded: set[str] = set()

    def _load(self, module: str) -> None:
        if module in self._loaded:
            return
        self._loaded.add(module)
        for name, command in _module_commands(module).items():
            self.commands.setdefault(name, command)

    def _load_all(self) -> None:
        for module in (*dict.fromkeys(COMMAND_MODULES.values()), *SUBCOMMAND_MODULES):
            self._load(module)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            module = COMMAND_MODULES.get(cmd_name)
            if module is not None:
                self._load(module)
            if cmd_name not in self.commands:
                self._load_all()  # a module not (yet) in the table
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        self._load_all()  # --help lists every command
        order = {name: i for i, name in enumerate(COMMAND_MODULES)}
        return sorted(self.commands, key=lambda name: (order.get(name, len(order)), name))


app = typer.Typer(
    name="sanctuary",
    help="Sanctuary: sanctuary-city law as code, a request desk, an audit log and an atlas.",
    no_args_is_help=True,
    add_completion=False,
    cls=LazyGroup,
)


@app.callback()
def _root() -> None:
    """A group of its own: the subcommands arrive through :class:`LazyGroup`."""


def _register_subcommands() -> None:
    """Register every subcommand on :data:`app` now (tests driving ``app`` through Typer's CliRunner)."""
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(app)


def main() -> None:
    app()
