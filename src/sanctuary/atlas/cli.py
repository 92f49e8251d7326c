"""``sanctuary atlas build | export | scenario | map``."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import msgspec
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sanctuary.atlas import build as build_mod
from sanctuary.atlas import scenario as scenario_mod
from sanctuary.atlas import store

atlas = typer.Typer(help="The atlas: who promises what, everywhere, and what each would do with one request.",
                    no_args_is_help=True)
EXPORT_TABLES = ("jurisdictions", "city_counties", "attributes", "rules", "scores", "sources")


def register(app: typer.Typer) -> None:
    app.add_typer(atlas, name="atlas")


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


@atlas.command("build")
def build_cmd(
    out: Path = typer.Option(None, "--out", help="Database path (default $SANCTUARY_DATA_DIR/atlas.db)."),
    date: str | None = typer.Option(None, "--date", help="Date the scores' probe requests use (default: today)."),
) -> None:
    """Build the atlas database from the vendored sources, the rule library and the engine."""
    path = out or store.default_path()
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("atlas: geography", total=len(build_mod.STEPS))

        def tick(step: str) -> None:
            nxt = build_mod.STEPS.index(step) + 1
            label = build_mod.STEPS[nxt] if nxt < len(build_mod.STEPS) else "done"
            bar.update(task, advance=1, description=f"atlas: {label}")

        result = build_mod.build(path, date=date, progress=tick)
    c = result.counts
    console.print(f"[green]built[/green] {path}: {c['state']} states and DC, {c['county']} counties, {c['city']} "
                  f"cities, {c['province']} provinces and territories; {c['attributes']} attributes, "
                  f"{c['rules']} rules, {c['scores']} scores (ruleset {result.ruleset[:12] or 'none'}).")
    console.print(f"Datasette: datasette {path} -m {path.with_name(path.stem + '.metadata.json')}")


def _rows(conn: Any, table: str) -> list[dict[str, Any]]:
    cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    return [dict(r) for r in cur.fetchall()]


@atlas.command("export")
def export_cmd(
    fmt: str = typer.Option("csv", "--format", help="csv (one file per table) or json (one document)."),
    out: Path = typer.Option(None, "--out", help="Directory for csv (default var/atlas-export); file for json "
                             "(default standard output)."),
    db: Path = typer.Option(None, "--db", help="Atlas database (default $SANCTUARY_DATA_DIR/atlas.db)."),
) -> None:
    """Export the atlas tables (without boundaries) as CSV files or one JSON document."""
    if fmt not in ("csv", "json"):
        _fail(f"--format: {fmt!r} is not one of csv, json")
    try:
        conn = store.connect(db)
    except store.AtlasMissing as exc:
        _fail(str(exc))
    data = {t: _rows(conn, t) for t in EXPORT_TABLES}
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
        return
    folder = out or store.default_path().parent / "atlas-export"
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in data.items():
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as fh:
            cols = [d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
            w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    Console(stderr=True).print(f"wrote {len(data)} CSV files to {folder}")


@atlas.command("scenario")
def scenario_cmd(
    request_file: Path = typer.Argument(..., help="A contract request (JSON); agency.jurisdiction is varied."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    only: str = typer.Option("", "--only", help="Comma-separated ids to show (all are decided)."),
    db: Path = typer.Option(None, "--db", help="Atlas database (default $SANCTUARY_DATA_DIR/atlas.db)."),
) -> None:
    """Decide one request for every jurisdiction in the atlas."""
    import sanctuary

    try:
        request = json.loads(request_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        _fail(f"{request_file}: {exc}")
    try:
        conn = store.connect(db)
    except store.AtlasMissing as exc:
        _fail(str(exc))
    try:
        rows = scenario_mod.run(request, scenario_mod.places(conn))
    except scenario_mod.ScenarioError as exc:
        _fail(str(exc))
    except sanctuary.RequestError as exc:
        _fail(f"{exc.field}: {exc.message}")
    wanted = [s.strip() for s in only.split(",") if s.strip()]
    shown = [r for r in rows if r.jurisdiction in wanted] if wanted else rows
    if as_json:
        # msgspec in C: the same bytes as json.dumps(..., ensure_ascii=False, indent=1), whose indented form
        # runs in pure Python (4 MB for every jurisdiction).
        encoded = msgspec.json.format(msgspec.json.encode([r.to_dict() for r in shown]), indent=1)
        sys.stdout.write(encoded.decode() + "\n")
        return
    table = Table(title=f"{request.get('action')} by {request['agency'].get('kind')}: "
                  + ", ".join(f"{k} {v}" for k, v in scenario_mod.summary(rows).items()))
    for col in ("jurisdiction", "name", "outcome", "decided by"):
        table.add_column(col)
    for r in shown:
        by = f"{r.decided_by['jurisdiction']}: {r.decided_by['citation']}" if r.decided_by else "no rule"
        table.add_row(r.jurisdiction, r.name, "no encoded law" if r.coverage == "none" else r.outcome, by)
    Console().print(table)


@atlas.command("map")
def map_cmd(
    out: Path = typer.Argument(..., help="SVG file to write."),
    family: str = typer.Option("detainer_holds", "--family", help="Score family to colour by."),
    country: str = typer.Option("us", "--country", help="us (counties) or ca (provinces and cities)."),
    db: Path = typer.Option(None, "--db", help="Atlas database (default $SANCTUARY_DATA_DIR/atlas.db)."),
) -> None:
    """Write a map coloured by a family score as a standalone SVG file."""
    from sanctuary.atlas import maps

    if family not in maps.FAMILY_KEYS:
        _fail(f"--family: {family!r} is not one of {', '.join(maps.FAMILY_KEYS)}")
    try:
        conn = store.connect(db)
    except store.AtlasMissing as exc:
        _fail(str(exc))
    svg = maps.family_map(conn, country, family)
    out.write_text(svg, encoding="utf-8")
