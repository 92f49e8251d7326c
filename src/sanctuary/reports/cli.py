"""``sanctuary report NAME --period P --format csv|json|html|pdf`` for every law in
:mod:`sanctuary.reports.laws` (``illinois`` also takes ``--year`` and ``--format text``), ``sanctuary report
verify FILE``, and ``sanctuary report custody-outcome`` (records bail, release or transfer for a detainer).

Reads the desk's database (``SANCTUARY_DATABASE_URL`` / ``SANCTUARY_DATA_DIR``, or ``--database-url`` /
``--data-dir``). Each run is an export, so it is recorded in the audit log as ``report.exported`` with the
SHA-256 of what was printed and the log size the report was computed at.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from sanctuary.settings import Settings

report_app = typer.Typer(name="report", help="Statutory reports built from the desk's records.", no_args_is_help=True)

FORMAT_NAMES = ("csv", "json", "text", "html", "pdf")
FORMATS = ("csv", "json", "html", "pdf")


def _fail(exc: ValueError) -> typer.Exit:
    field, _, message = str(exc).partition(": ")
    typer.echo(f"--{field.replace('_', '-')}: {message}", err=True)
    return typer.Exit(2)


def _engine_for(settings: Settings) -> Any:
    from sanctuary.db.session import create_null_pool_engine

    engine = create_null_pool_engine(settings)
    if not inspect(engine).has_table("report_custody_outcomes") or not inspect(engine).has_table("audit_entries"):
        engine.dispose()
        typer.echo(f"{settings.database_url} has not been migrated (`sanctuary serve` migrates)", err=True)
        raise typer.Exit(2)
    return engine


def _period_text(spec_period: Any, year: int | None, period: str | None,
                 zone_of_today: Callable[[], str] = lambda: "UTC") -> str:
    """--period as given; else --year (annual reports); else the period that contains today (counts to date),
    today being the date in ``zone_of_today()`` (asked only then: it reads the database)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sanctuary.reports.spec import current_period, period_for_year

    if period is not None:
        return period
    if year is not None:
        return period_for_year(spec_period, year).label
    try:
        today = datetime.now(ZoneInfo(zone_of_today())).date()
    except (KeyError, ValueError):
        today = datetime.now().date()
    return current_period(spec_period, today).label


def export_report(
    settings: Settings,
    name: str,
    period_text: str,
    output_format: str,
    *,
    language: str = "en",
    jurisdiction: str | None = None,
    agency_kind: str | None = None,
    prove_from: int | None = None,
) -> tuple[str | bytes, int]:
    """Build one report from the database ``settings`` names, log the export, return it and its first count."""
    from sanctuary.audit.setup import build_audit_log, make_signer
    from sanctuary.reports.export import render_report

    engine = _engine_for(settings)
    try:
        log = build_audit_log(settings, engine)  # the key inventory is checked first: no key made by mistake
        with Session(engine) as session:
            made = render_report(session, log, make_signer(settings), name, period_text, output_format,
                                 language=language, jurisdiction=jurisdiction, agency_kind=agency_kind,
                                 prove_from=prove_from, timezone=_agency_timezone(session, settings))
            session.commit()
    finally:
        engine.dispose()
    return made.content, made.first_count


def _agency_timezone(session: Session, settings: Settings) -> str:
    """The time zone set in the desk's agency profile (the settings' ``SANCTUARY_TIMEZONE`` until one is saved):
    the reports show dates, and count "today", in the same zone as the desk's pages."""
    from sanctuary.desk import agency

    return agency.load(session, settings.timezone).timezone


def _today_zone(settings: Settings) -> str:
    engine = _engine_for(settings)
    try:
        with Session(engine) as session:
            return _agency_timezone(session, settings)
    finally:
        engine.dispose()


def _write(out: str | bytes, output: Path | None) -> None:
    if output is not None:
        output.write_bytes(out.encode() if isinstance(out, str) else out)
        typer.echo(f"wrote {output}", err=True)
    elif isinstance(out, bytes):
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        typer.echo(out, nl=False)


@report_app.command("illinois")
def illinois_command(
    year: Annotated[int | None, typer.Option("--year", help="the reporting year, e.g. 2026")] = None,
    period: Annotated[str | None, typer.Option("--period", help="the reporting year, e.g. 2026")] = None,
    output_format: Annotated[str, typer.Option("--format", help="csv, json, text, html or pdf")] = "text",
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", help="the agency's jurisdiction id (default: every us/il one)")
    ] = None,
    agency_kind: Annotated[str | None, typer.Option("--agency-kind", help="e.g. jail, police")] = None,
    lang: Annotated[str, typer.Option("--lang", help="en, es or fr (headings of html and pdf)")] = "en",
    prove_from: Annotated[int | None, typer.Option("--prove-from", help="add a consistency proof from this "
                                                   "earlier log size (the last one filed with the collector)")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="write here instead of stdout")] = None,
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
) -> None:
    """The Illinois TRUST Act annual report to the Attorney General (5 ILCS 805/25)."""
    from sanctuary.reports import illinois

    if output_format not in FORMAT_NAMES:
        typer.echo(f"--format: one of {', '.join(FORMAT_NAMES)}", err=True)
        raise typer.Exit(2)
    try:
        if year is not None:
            illinois._check_scope(year, jurisdiction)
        text = _period_text("year", year, period, lambda: _today_zone(_settings(database_url, data_dir)))
        if not text.isdigit():
            raise ValueError(f"period: a year such as 2026, not {text!r}")
        illinois._check_scope(int(text), jurisdiction)
        out, _ = export_report(_settings(database_url, data_dir), "illinois", text, output_format, language=lang,
                               jurisdiction=jurisdiction, agency_kind=agency_kind, prove_from=prove_from)
    except ValueError as exc:
        raise _fail(exc) from exc
    _write(out, output)


def _law_command(name: str) -> Any:
    from sanctuary.reports.laws import REPORTS

    spec = REPORTS[name]

    def command(
        period: Annotated[str | None, typer.Option("--period", help="2026, FY2026, 2026-H1, 2026-Q1 or 2026-03")]
        = None,
        year: Annotated[int | None, typer.Option("--year", help="for annual reports: the year")] = None,
        output_format: Annotated[str, typer.Option("--format", help="csv, json, html or pdf")] = "json",
        jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="default: the law's own")]
        = None,
        lang: Annotated[str, typer.Option("--lang", help="en, es or fr (headings of html and pdf)")] = "en",
        prove_from: Annotated[int | None, typer.Option("--prove-from", help="add a consistency proof from this "
                                                       "earlier log size")] = None,
        output: Annotated[Path | None, typer.Option("--output", help="write here instead of stdout")] = None,
        database_url: Annotated[str | None, typer.Option("--database-url")] = None,
        data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
    ) -> None:
        if output_format not in FORMATS:
            typer.echo(f"--format: one of {', '.join(FORMATS)}", err=True)
            raise typer.Exit(2)
        try:
            text = _period_text(spec.period, year, period, lambda: _today_zone(_settings(database_url, data_dir)))
            out, _ = export_report(_settings(database_url, data_dir), name, text, output_format, language=lang,
                                   jurisdiction=jurisdiction, prove_from=prove_from)
        except ValueError as exc:
            raise _fail(exc) from exc
        _write(out, output)

    command.__doc__ = f"{spec.title} ({spec.citation})."
    return command


@report_app.command("verify")
def verify_command(
    file: Annotated[Path, typer.Argument(help="a report file (json, html or csv) written by `sanctuary report`")],
    public_key: Annotated[Path | None, typer.Option("--public-key", help="check signatures with this public key "
                                                    "(audit-signing-key.pub) instead of the data dir's key: "
                                                    "for a copy of the log without its private key")] = None,
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
) -> None:
    """Recompute a report from the log at its checkpoint; exit 1 naming the first count that differs."""
    from sanctuary.audit.log import AuditLog
    from sanctuary.audit.setup import build_audit_log
    from sanctuary.reports import document as documents

    try:
        doc = documents.load_document(file.read_text(encoding="utf-8"), str(file))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        typer.echo(f"{file}: cannot read a report: {exc}", err=True)
        raise typer.Exit(2) from exc
    settings = _settings(database_url, data_dir)
    engine = _engine_for(settings)
    try:
        with Session(engine) as session:
            if public_key is not None:
                from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

                from sanctuary.audit.keys import load_public_key

                try:
                    trusted = load_public_key(public_key)
                except (OSError, ValueError) as exc:
                    typer.echo(f"--public-key: {exc}", err=True)
                    raise typer.Exit(2) from exc
                # A throw-away key to build the reader; only the given public key is trusted.
                log = AuditLog(Ed25519PrivateKey.generate(), trusted_keys=[trusted])
                log.trusted_keys = {k: v for k, v in log.trusted_keys.items() if v is trusted}
            else:
                log = build_audit_log(settings, engine)
            try:
                result = documents.verify(session, log, doc)
            except ValueError as exc:
                typer.echo(f"{file}: {exc}", err=True)
                raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    if not result.ok:
        typer.echo(f"FAILED: {result.problems[0]}")
        for problem in result.problems[1:]:
            typer.echo(f"  also: {problem}")
        raise typer.Exit(1)
    typer.echo(f"ok: {doc.get('report')} {(doc.get('period') or {}).get('label')}: " + "; ".join(result.checked))


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
    from sanctuary.reports.laws import REPORTS

    for name in REPORTS:
        if name != "illinois" and name not in _registered:
            report_app.command(name)(_law_command(name))
            _registered.add(name)
    app.add_typer(report_app, name="report")


_registered: set[str] = set()
