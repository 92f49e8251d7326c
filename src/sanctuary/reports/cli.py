"""``sanctuary report illinois --year YYYY [--format csv|json|text|html]`` and ``sanctuary report
custody-outcome`` (records bail, release or transfer for a detainer, which the report needs).

Reads the desk's database (``SANCTUARY_DATABASE_URL`` / ``SANCTUARY_DATA_DIR``, or ``--database-url`` /
``--data-dir``). Each run is an export, so it is recorded in the audit log as ``report.exported`` with the
SHA-256 of what was printed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from sanctuary.settings import Settings

report_app = typer.Typer(name="report", help="Statutory reports built from the desk's records.", no_args_is_help=True)

FORMAT_NAMES = ("csv", "json", "text", "html")


@report_app.command("illinois")
def illinois_command(
    year: Annotated[int, typer.Option("--year", help="the reporting year, e.g. 2026")],
    output_format: Annotated[str, typer.Option("--format", help="csv, json, text or html")] = "text",
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", help="the agency's jurisdiction id (default: every us/il one)")
    ] = None,
    agency_kind: Annotated[str | None, typer.Option("--agency-kind", help="e.g. jail, police")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="write here instead of stdout")] = None,
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
) -> None:
    """The Illinois TRUST Act annual report to the Attorney General (5 ILCS 805/25)."""
    from sanctuary.audit.setup import build_audit_log
    from sanctuary.db.session import create_null_pool_engine
    from sanctuary.reports import illinois

    if output_format not in FORMAT_NAMES:
        typer.echo(f"--format: one of {', '.join(FORMAT_NAMES)}", err=True)
        raise typer.Exit(2)
    env = Settings.from_env()
    settings = (
        env
        if data_dir is None and database_url is None
        else Settings.for_data_dir(data_dir or env.data_dir, database_url or (None if data_dir else env.database_url))
    )
    engine = create_null_pool_engine(settings)
    try:
        if not inspect(engine).has_table("report_custody_outcomes"):
            typer.echo(f"{settings.database_url} has not been migrated (`sanctuary serve` migrates)", err=True)
            raise typer.Exit(2)
        log = build_audit_log(settings, engine)
        with Session(engine) as session:
            try:
                report = illinois.build_report(session, year, jurisdiction, agency_kind, settings.timezone)
            except ValueError as exc:
                field, _, message = str(exc).partition(": ")
                typer.echo(f"--{field.replace('_', '-')}: {message}", err=True)
                raise typer.Exit(2) from exc
            text = (
                json.dumps(illinois.to_json(report), indent=2) + "\n"
                if output_format == "json"
                else illinois.FORMATS[output_format](report)
            )
            log.append(
                session,
                "report.exported",
                {
                    "report": "illinois",
                    "year": year,
                    "format": output_format,
                    "count": len(report.detainers),
                    "export_sha256": hashlib.sha256(text.encode()).hexdigest(),
                },
            )
            session.commit()
    finally:
        engine.dispose()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text)
        typer.echo(f"wrote {output}", err=True)


def _when(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        typer.echo(f"{option}: an ISO-8601 date and time with its offset, e.g. 2026-03-07T14:05:00-06:00", err=True)
        raise typer.Exit(2) from exc
    if parsed.tzinfo is None:
        typer.echo(f"{option}: give the UTC offset, e.g. 2026-03-07T14:05:00-06:00", err=True)
        raise typer.Exit(2)
    return parsed


@report_app.command("custody-outcome")
def custody_outcome_command(
    request_id: Annotated[int, typer.Option("--request-id", help="the desk request (a detainer or civil warrant)")],
    disposition: Annotated[str, typer.Option("--disposition", help="released or transferred")],
    at: Annotated[str, typer.Option("--at", help="when released or transferred (ISO-8601 with offset)")],
    bail_posted_at: Annotated[
        str | None, typer.Option("--bail-posted-at", help="when criminal bail was posted, if it was")
    ] = None,
    receiving_agency: Annotated[
        str | None, typer.Option("--receiving-agency", help="for a transfer: ice, cbp, local_law_enforcement, ...")
    ] = None,
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
) -> None:
    """Record what became of the person in a detainer or civil warrant (for the Illinois report)."""
    from sanctuary.audit.setup import build_audit_log
    from sanctuary.db.session import create_null_pool_engine
    from sanctuary.reports import illinois

    disposition_at = _when(at, "--at")
    bail = _when(bail_posted_at, "--bail-posted-at")
    settings = _settings(database_url, data_dir)
    engine = create_null_pool_engine(settings)
    try:
        audit_log = build_audit_log(settings, engine)
        with Session(engine) as session:
            try:
                illinois.record_custody_outcome(
                    session,
                    request_id,
                    disposition=disposition,
                    disposition_at=disposition_at,
                    bail_posted_at=bail,
                    receiving_agency=receiving_agency,
                    audit_log=audit_log,
                )
            except ValueError as exc:
                field, _, message = str(exc).partition(": ")
                typer.echo(f"--{field.replace('_', '-')}: {message}", err=True)
                raise typer.Exit(2) from exc
            session.commit()
    finally:
        engine.dispose()
    typer.echo(f"recorded: request {request_id} {disposition}")


def _settings(database_url: str | None, data_dir: Path | None) -> Settings:
    env = Settings.from_env()
    if data_dir is None and database_url is None:
        return env
    return Settings.for_data_dir(data_dir or env.data_dir, database_url or (None if data_dir else env.database_url))


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
