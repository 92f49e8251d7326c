"""``sanctuary evidence build | list | export``. pandas and pyfixest are imported inside ``build`` only."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer
from rich.console import Console

evidence = typer.Typer(help="Do sanctuary policies work? Open data recomputed beside the published studies.",
                       no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(evidence, name="evidence")


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _db(db: Path | None) -> Path:
    from sanctuary.atlas import store as atlas_store

    return db or atlas_store.default_path()


@evidence.command("build")
def build_cmd(
    db: Path = typer.Option(None, "--db", help="Atlas database to add the evidence to (default "
                            "$SANCTUARY_DATA_DIR/atlas.db; built first if missing)."),
) -> None:
    """Load the outcome data into the atlas database and run every analysis."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    try:
        from sanctuary.evidence import build as build_mod
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        _fail(f"{exc.name} is not installed: pip install 'sanctuary-city[evidence]'")
    path = _db(db)
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task(f"evidence: {build_mod.STEPS[0]}", total=len(build_mod.STEPS))

        def tick(step: str) -> None:
            nxt = build_mod.STEPS.index(step) + 1
            label = build_mod.STEPS[nxt] if nxt < len(build_mod.STEPS) else "done"
            bar.update(task, advance=1, description=f"evidence: {label}")

        result = build_mod.build(path, progress=tick)
    q = result.quality
    flagged = sum(1 for e in result.estimates if e.flags)
    console.print(f"[green]built[/green] evidence in {path}: {len(result.estimates)} estimates ({flagged} "
                  f"flagged); FBI county rows {q.rows}, matched {q.matched}, unmatched {len(q.unmatched)}.")


def _estimates(db: Path | None) -> list[dict[str, object]]:
    from sanctuary.atlas import store as atlas_store
    from sanctuary.evidence import store

    path = _db(db)
    try:
        conn = atlas_store.connect(path)
        store.require(conn, path)
    except (atlas_store.AtlasMissing, store.EvidenceMissing) as exc:
        _fail(str(exc))
    rows = [dict(r) for r in conn.execute("SELECT * FROM evidence_estimates ORDER BY rowid")]
    conn.close()
    return rows


@evidence.command("list")
def list_cmd(
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line, per estimate."),
    db: Path = typer.Option(None, "--db", help="Atlas database (default $SANCTUARY_DATA_DIR/atlas.db)."),
) -> None:
    """Every estimate: what it asks, the number, its interval, the guardrails that fired, the studies beside it."""
    from sanctuary.evidence.results import Estimate

    rows = [Estimate.from_row(r) for r in _estimates(db)]
    if as_json:
        for e in rows:
            sys.stdout.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table(title="Evidence")
    for col in ("id", "estimate", "95% interval", "treated", "flags"):
        table.add_column(col, overflow="fold")
    for e in rows:
        table.add_row(e.id, "—" if e.estimate is None else f"{e.estimate:.3f}",
                      "—" if e.ci is None else f"[{e.ci[0]:.3f}, {e.ci[1]:.3f}]", str(e.treated_units),
                      ", ".join(e.flags))
    Console().print(table)


@evidence.command("export")
def export_cmd(
    out: Path = typer.Option(None, "--out", help="CSV file (default standard output)."),
    db: Path = typer.Option(None, "--db", help="Atlas database (default $SANCTUARY_DATA_DIR/atlas.db)."),
) -> None:
    """Every estimate as CSV, with the command that reproduces it."""
    from sanctuary.evidence.results import CSV_COLUMNS

    rows = _estimates(db)
    fh = out.open("w", newline="", encoding="utf-8") if out else sys.stdout
    w = csv.DictWriter(fh, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    if out:
        fh.close()
