"""``sanctuary forms lint FILE [--jurisdiction ID] [--json]``.

Exit status: 0 when no question asks for or reveals immigration status, 1 when some do (the findings), 2 when
the file or an option is wrong (the message names it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sanctuary.forms.lint import DEFAULT_AGENCY_KIND, LintInputError, lint_bytes
from sanctuary.forms.readers import FormReadError
from sanctuary.vocabulary import AGENCY_KINDS, CONTEXTS

forms_app = typer.Typer(name="forms", help="Check intake forms for questions about immigration status.",
                        no_args_is_help=True)


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(2)


@forms_app.command("lint")
def lint_command(
    file: Annotated[Path, typer.Argument(help="HTML, XLSForm .xlsx, fillable PDF, .docx or text (a question a line)")],
    jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="cite this jurisdiction's rules")] = None,
    agency_kind: Annotated[str, typer.Option("--agency-kind", help="the agency using the form")] = DEFAULT_AGENCY_KIND,
    context: Annotated[str | None, typer.Option("--context", help="force a context (default: from the words)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the findings as JSON")] = False,
) -> None:
    """Report every field that asks for immigration status or citizenship (status) or reveals it (proxy)."""
    if agency_kind not in AGENCY_KINDS:
        raise _fail(f"--agency-kind {agency_kind!r}: use one of {', '.join(AGENCY_KINDS)}")
    if context is not None and context not in CONTEXTS:
        raise _fail(f"--context {context!r}: use one of {', '.join(CONTEXTS)}")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise _fail(f"cannot read {file}: {exc.strerror}") from exc
    try:
        report = lint_bytes(data, file.name, jurisdiction, agency_kind, context)
    except FormReadError as exc:
        raise _fail(str(exc)) from exc
    except LintInputError as exc:
        raise _fail(f"--jurisdiction {jurisdiction}: {exc}") from exc
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for f in report.findings:
            typer.echo(f"{f.field}: {f.category.upper()}: {f.label or '(no label)'}")
            typer.echo(f"    why: {f.reason}")
            if f.rule:
                typer.echo(f"    rule: {f.rule}")
            typer.echo(f"    instead: {f.suggestion}")
        typer.echo(f"{len(report.findings)} finding(s) in {report.fields_checked} field(s) ({report.format})")
    if report.findings:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(forms_app, name="forms")
