"""``sanctuary collector``: register agencies, receive their signed report files, list who has not filed, and
publish the statewide roll-up. Uses the same database settings as the desk (``SANCTUARY_DATABASE_URL`` /
``SANCTUARY_DATA_DIR`` or ``--database-url`` / ``--data-dir``), migrated to the head on first use."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from sanctuary.settings import Settings

collector_app = typer.Typer(name="collector", help="Receive and roll up agencies' statutory reports.",
                            no_args_is_help=True)

DatabaseUrl = Annotated[str | None, typer.Option("--database-url")]
DataDir = Annotated[Path | None, typer.Option("--data-dir")]


def _settings(database_url: str | None, data_dir: Path | None) -> Settings:
    env = Settings.from_env()
    if data_dir is None and database_url is None:
        return env
    return Settings.for_data_dir(data_dir or env.data_dir, database_url or (None if data_dir else env.database_url))


def _session(database_url: str | None, data_dir: Path | None) -> Session:
    from sanctuary.db.migrate import upgrade
    from sanctuary.db.session import create_null_pool_engine

    settings = _settings(database_url, data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    upgrade(settings)
    return Session(create_null_pool_engine(settings))


def _bad(exc: ValueError) -> typer.Exit:
    field, _, message = str(exc).partition(": ")
    typer.echo(f"--{field.replace('_', '-')}: {message}", err=True)
    return typer.Exit(2)


@collector_app.command("agency-add")
def agency_add(
    agency_id: Annotated[str, typer.Option("--id", help="a short id, e.g. il-cook-county-sheriff")],
    name: Annotated[str, typer.Option("--name", help="the agency's name")],
    jurisdiction: Annotated[str, typer.Option("--jurisdiction", help="e.g. us/il/cook-county")],
    public_key: Annotated[Path, typer.Option("--public-key", help="the agency's audit-signing-key.pub")],
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """Register an agency and the Ed25519 key its desk signs reports and checkpoints with."""
    from sanctuary.collector import service

    with _session(database_url, data_dir) as session:
        try:
            service.register_agency(session, agency_id, name, jurisdiction,
                                    service.public_key_from_text(public_key.read_text()))
        except ValueError as exc:
            raise _bad(exc) from exc
        session.commit()
    typer.echo(f"registered {agency_id}")


@collector_app.command("receive")
def receive(
    files: Annotated[list[Path], typer.Argument(help="report files (json) written by `sanctuary report`")],
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """Check and store report files; each is accepted or refused on its own. Exit 1 if any was refused."""
    from sanctuary.collector import service

    refused = 0
    with _session(database_url, data_dir) as session:
        for path in files:
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(document, dict):
                    raise service.FilingRejected("not a report object")
                with session.begin():
                    accepted = service.receive(session, document)
            except (OSError, json.JSONDecodeError, service.FilingRejected) as exc:
                refused += 1
                typer.echo(f"REFUSED {path}: {exc}")
                continue
            typer.echo(f"accepted {path}: {accepted.agency_id} {accepted.report} {accepted.period} "
                       f"(log size {accepted.log_size})")
    if refused:
        raise typer.Exit(1)


@collector_app.command("last-checkpoint")
def last_checkpoint(
    agency_id: Annotated[str, typer.Option("--agency", help="the agency id")],
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """The log size an agency must prove its next filing extends (give it to `report ... --prove-from`)."""
    from sanctuary.collector import service

    with _session(database_url, data_dir) as session:
        found = service.last_checkpoint(session, agency_id)
    typer.echo("none" if found is None else f"{found[0]} {found[1]}")


@collector_app.command("missing")
def missing(
    report: Annotated[str, typer.Option("--report", help="e.g. illinois")],
    period: Annotated[str, typer.Option("--period", help="e.g. 2026")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD (default today)")] = None,
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """Agencies that have not filed the report for the period (JSON), and whether the deadline has passed."""
    from sanctuary.collector import service

    try:
        when = date.fromisoformat(as_of) if as_of else date.today()
        with _session(database_url, data_dir) as session:
            result = service.missing(session, report, period, when)
    except ValueError as exc:
        raise _bad(exc) from exc
    typer.echo(json.dumps(result, indent=2))


@collector_app.command("rollup")
def rollup(
    report: Annotated[str, typer.Option("--report", help="e.g. illinois")],
    period: Annotated[str, typer.Option("--period", help="e.g. 2026")],
    output_format: Annotated[str, typer.Option("--format", help="json or csv")] = "json",
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """The statewide roll-up: each agency's latest accepted filing for the period, summed."""
    from sanctuary.collector import service

    if output_format not in ("json", "csv"):
        typer.echo("--format: json or csv", err=True)
        raise typer.Exit(2)
    try:
        with _session(database_url, data_dir) as session:
            result = service.rollup(session, report, period)
    except ValueError as exc:
        raise _bad(exc) from exc
    if output_format == "json":
        typer.echo(json.dumps(result, indent=2))
        return
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "label", "citation", "count"])
    for c in result["counts"]:
        writer.writerow([c["name"], c["label"], c["citation"], c["count"]])
    writer.writerow(["agencies_filed", "", "", result["agencies_filed"]])
    typer.echo(out.getvalue(), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(collector_app, name="collector")
