"""The evidence tables, added to the atlas database (one file; Datasette opens both)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

TABLES = ("evidence_estimates", "evidence_events", "evidence_synth", "evidence_quality", "evidence_unmatched",
          "evidence_county_crime", "evidence_state_crime", "evidence_population", "evidence_adoptions",
          "evidence_state_laws", "evidence_npr_check", "evidence_adjacency", "evidence_meta")

SCHEMA = """
CREATE TABLE evidence_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE evidence_estimates (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, outcome TEXT NOT NULL, estimator TEXT NOT NULL, estimate REAL,
    ci_low REAL, ci_high REAL, p_value REAL, treated_units INTEGER NOT NULL, control_units INTEGER NOT NULL,
    observations INTEGER NOT NULL, pre_trend_p REAL, flags TEXT NOT NULL, compare TEXT NOT NULL,
    command TEXT NOT NULL, notes TEXT NOT NULL);
CREATE TABLE evidence_events (
    estimate_id TEXT NOT NULL REFERENCES evidence_estimates(id), k INTEGER NOT NULL, coef REAL NOT NULL,
    low REAL NOT NULL, high REAL NOT NULL, PRIMARY KEY (estimate_id, k));
CREATE TABLE evidence_synth (
    estimate_id TEXT NOT NULL, unit TEXT NOT NULL, year INTEGER NOT NULL, actual REAL, synthetic REAL, gap REAL,
    PRIMARY KEY (estimate_id, unit, year));
CREATE TABLE evidence_quality (item TEXT PRIMARY KEY, count INTEGER NOT NULL, explanation TEXT NOT NULL);
CREATE TABLE evidence_unmatched (
    year INTEGER NOT NULL, state TEXT NOT NULL, agency TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE TABLE evidence_county_crime (
    year INTEGER NOT NULL, state TEXT NOT NULL, metro TEXT NOT NULL, agency TEXT NOT NULL, footnotes TEXT NOT NULL,
    fips TEXT NOT NULL, violent INTEGER, murder INTEGER, rape INTEGER, robbery INTEGER, aggravated_assault INTEGER,
    property INTEGER, burglary INTEGER, larceny INTEGER, motor_vehicle_theft INTEGER, arson INTEGER,
    source_id TEXT NOT NULL);
CREATE INDEX evidence_county_crime_fips ON evidence_county_crime (fips, year);
CREATE TABLE evidence_state_crime (
    state TEXT NOT NULL, year INTEGER NOT NULL, population INTEGER, violent_crime INTEGER, property_crime INTEGER,
    source_id TEXT NOT NULL, PRIMARY KEY (state, year));
CREATE TABLE evidence_population (
    fips TEXT NOT NULL, year INTEGER NOT NULL, population INTEGER NOT NULL, source_id TEXT NOT NULL,
    PRIMARY KEY (fips, year));
CREATE TABLE evidence_adoptions (
    fips TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, enacted TEXT NOT NULL, policy TEXT NOT NULL, how TEXT NOT NULL,
    source_id TEXT NOT NULL);
CREATE TABLE evidence_state_laws (
    state TEXT PRIMARY KEY, state_fips TEXT NOT NULL, instrument TEXT NOT NULL, effective TEXT NOT NULL,
    source_id TEXT NOT NULL);
CREATE TABLE evidence_npr_check (
    fips TEXT PRIMARY KEY, jurisdiction TEXT NOT NULL, listed_year INTEGER NOT NULL, first_decline_year INTEGER,
    declined_total INTEGER NOT NULL, verdict TEXT NOT NULL);
CREATE TABLE evidence_adjacency (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b));
"""


class EvidenceMissing(FileNotFoundError):
    """The evidence tables have not been built."""


def open_copy(atlas: Path) -> tuple[sqlite3.Connection, Path]:
    """A writable copy of the atlas database with fresh evidence tables (replaced into place by ``finish``)."""
    tmp = atlas.with_name(atlas.name + ".evidence.tmp")
    tmp.unlink(missing_ok=True)
    shutil.copyfile(atlas, tmp)
    conn = sqlite3.connect(tmp)
    for t in TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {t}")
    conn.execute("DELETE FROM sources WHERE id IN ('fbi-table10', 'fbi-states', 'npr-detainers', "
                 "'census-pep-2010-2019')")
    conn.executescript(SCHEMA)
    return conn, tmp


def finish(conn: sqlite3.Connection, tmp: Path, atlas: Path) -> None:
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    tmp.replace(atlas)


def has_evidence(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'evidence_estimates'").fetchone()
    return row is not None


def require(conn: sqlite3.Connection, path: Path | None = None) -> None:
    if not has_evidence(conn):
        where = f" --db {path}" if path else ""
        raise EvidenceMissing(f"no evidence tables in the atlas database: run `sanctuary evidence build{where}`")
