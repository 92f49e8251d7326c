"""Engine commands: ``decide``, ``explain``, ``jurisdictions`` and ``lint``.

Bad input exits with status 2 and names the field that is wrong and the values it takes.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import typer
import yaml
from rich.console import Console
from rich.table import Table

from sanctuary.engine import Decision, Engine, RequestError
from sanctuary.rules.loader import LibraryError, load_library

console = Console()

LIBRARY_OPTION = typer.Option(None, "--library", help="A rule-library directory (default: the packaged one).",
                              exists=True, file_okay=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


def _engine(library: Path | None) -> Engine:
    try:
        return Engine(load_library(library))
    except LibraryError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        raise _fail(f"the rule library has {len(exc.problems)} problem(s)", 1) from exc


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(f"cannot read {path}: {exc.strerror}") from exc


def _parse_document(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip().startswith(("{", "[")):
            raise _fail(f"{where}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(f"{where}: neither JSON nor YAML: {exc}") from exc


def _decide(engine: Engine, request: Any, where: str, trace: bool = False) -> Decision:
    try:
        return engine.decide(request, trace=trace)
    except RequestError as exc:
        raise _fail(f"{where}: {exc}") from exc


def render(decision: Decision) -> None:
    """A readable account of one decision."""
    colour = {"forbidden": "red", "required": "yellow", "allowed": "green", "undetermined": "magenta"}
    if decision.coverage == "none":  # silence is not permission: never shown as a green ALLOWED
        console.print(f"[bold]NO ENCODED LAW[/] (the agency's discretion, not a permission)  {decision.jurisdiction}")
    else:
        console.print(f"[bold {colour[decision.outcome]}]{decision.outcome.upper()}[/]  {decision.jurisdiction}")
    console.print(decision.explanation, highlight=False, markup=False)
    if decision.decided_by:
        console.print(f"Decided by: {decision.decided_by['citation']} ({decision.decided_by['jurisdiction']}, "
                      f"rule {decision.decided_by['rule']})", highlight=False, markup=False)
    if decision.missing_facts:
        console.print("Missing facts: " + ", ".join(decision.missing_facts), highlight=False, markup=False)
    if decision.basis:
        table = Table("layer", "rule", "effect", "status", "confidence", "citation", title="Basis")
        for b in decision.basis:
            table.add_row(b["jurisdiction"], b["rule"], b["effect"], b["status"], b["confidence"], b["citation"])
        console.print(table)
    if decision.obligations:
        table = Table("duty", "what", "citation", title="Obligations")
        for o in decision.obligations:
            table.add_row(o["kind"], o.get("summary", ""), o["citation"])
        console.print(table)
    for c in decision.conflicts:
        rules = c.get("rules") or [c["rule"]]
        names = ", ".join(r["citation"] for r in rules)
        contested = " [contested in court]" if c.get("contested") else ""
        console.print(f"Conflict: {names}: {c['resolution']}{contested}", highlight=False, markup=False)


def decide(
    file: str = typer.Argument(..., help="A request as JSON or YAML, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print the decision as JSON."),
    batch: bool = typer.Option(False, "--batch", help="FILE is JSON Lines: one request per line, one decision "
                                                      "per line out, same order."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Decide a request (or a batch of requests) through every layer of government."""
    engine = _engine(library)
    text = _read_text(file)
    if batch:
        requests = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                requests.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise _fail(f"{file}:{number}: malformed JSON at column {exc.colno}: {exc.msg}") from exc
        out = sys.stdout
        decisions: list[Decision] = []
        for number, request in requests:  # check every line before printing any decision
            try:
                decisions.append(engine.decide(request))
            except RequestError as exc:
                raise _fail(f"{file}:{number}: {exc}") from exc
        for decision in decisions:
            out.write(decision.to_json() + "\n")
        return
    decision = _decide(engine, _parse_document(text, file), file)
    if as_json:
        sys.stdout.write(decision.to_json(indent=2) + "\n")
    else:
        render(decision)


def explain(
    file: str = typer.Argument(..., help="A request as JSON or YAML, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print the decision with its trace as JSON."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """The full trace: every layer, every rule in scope, whether it applied and what became of it."""
    engine = _engine(library)
    decision = _decide(engine, _parse_document(_read_text(file), file), file, trace=True)
    if as_json:
        sys.stdout.write(decision.to_json(indent=2) + "\n")
        return
    for layer in decision.trace or []:
        policy = "" if layer["has_policy"] else "  (no rule file: no policy of its own)"
        console.print(f"[bold]{layer['name']}[/bold] [dim]{layer['jurisdiction']}[/dim]{policy}")
        for p in layer["preemptions"]:
            state = "VOIDS LOWER RULES" if p["voided_something"] else _applies(p["applies"])
            console.print(f"  preempts {p['rule']}: {state}  — {p['citation']}", highlight=False, markup=False)
        for r in layer["rules"]:
            under = f" (exception to {r['exception_to']})" if r["exception_to"] else ""
            state = r["status"] or _applies(r["applies"])
            console.print(f"  {r['effect']:>7} {r['rule']}{under}: {state}  — {r['citation']}",
                          highlight=False, markup=False)
        if not layer["rules"] and not layer["preemptions"]:
            console.print("  no rule covers this agency kind and action on this date", style="dim")
    console.print()
    render(decision)


def _applies(value: bool | None) -> str:
    return {True: "applies", False: "does not apply", None: "unknown (a fact it needs is missing)"}[value]


def jurisdictions(
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Every encoded jurisdiction with its rule count, confidence mix and instruments."""
    lib = _engine(library).library
    rows: list[dict[str, Any]] = []
    for jid in sorted(lib.files):
        rf = lib.files[jid]
        mix = Counter(r.confidence for r in rf.rules)
        rows.append({
            "id": jid, "name": rf.jurisdiction.name, "level": rf.jurisdiction.level,
            "parent": rf.jurisdiction.parent, "status": rf.jurisdiction.status,
            "rules": len(rf.rules), "preemptions": len(rf.preempts),
            "confidence": {k: mix.get(k, 0) for k in ("primary", "secondary", "unverified")},
            "instruments": [{"id": i.id, "name": i.name, "citation": i.citation, "in_force": i.in_force,
                             "adopted": i.adopted.isoformat() if i.adopted else None,
                             "effective": i.effective.isoformat() if i.effective else None}
                            for i in rf.instruments],
        })
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table("id", "name", "level", "rules", "primary", "secondary", "unverified", "instruments")
    for row in rows:
        c = row["confidence"]
        table.add_row(row["id"], row["name"], row["level"], str(row["rules"]), str(c["primary"]),
                      str(c["secondary"]), str(c["unverified"]), str(len(row["instruments"])))
    console.print(table)


def lint(
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    library: Path | None = LIBRARY_OPTION,
) -> None:
    """Check the whole library: schema, citations, conflicts, unreachable rules, and an exhaustive sweep."""
    from sanctuary.lint import lint_library

    report = lint_library(_engine(library))
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        report.print(console)
    if report.errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(decide)
    app.command()(explain)
    app.command()(jurisdictions)
    app.command()(lint)
