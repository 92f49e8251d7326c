"""The atlas database: plain SQLite tables with primary keys (Datasette opens it as is)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT NOT NULL, version TEXT NOT NULL,
    licence TEXT NOT NULL, as_of TEXT NOT NULL, files TEXT NOT NULL, sha256 TEXT NOT NULL, note TEXT NOT NULL);
CREATE TABLE jurisdictions (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, level TEXT NOT NULL,
    parent_id TEXT REFERENCES jurisdictions(id), region TEXT NOT NULL, fips TEXT UNIQUE, population INTEGER,
    population_year INTEGER, lat REAL, lon REAL, engine_id TEXT NOT NULL, in_sources TEXT NOT NULL);
CREATE TABLE city_counties (
    city_id TEXT NOT NULL REFERENCES jurisdictions(id), county_id TEXT NOT NULL REFERENCES jurisdictions(id),
    PRIMARY KEY (city_id, county_id));
CREATE TABLE attributes (
    id INTEGER PRIMARY KEY, jurisdiction TEXT NOT NULL REFERENCES jurisdictions(id), attribute TEXT NOT NULL,
    value TEXT NOT NULL, instrument TEXT NOT NULL, as_of TEXT NOT NULL, source_id TEXT NOT NULL REFERENCES sources(id),
    source TEXT NOT NULL, confidence TEXT NOT NULL, detail TEXT NOT NULL, history INTEGER NOT NULL);
CREATE INDEX attributes_jurisdiction ON attributes (jurisdiction);
CREATE TABLE rules (
    jurisdiction TEXT NOT NULL, rule_id TEXT NOT NULL, effect TEXT NOT NULL, actions TEXT NOT NULL,
    agency_kinds TEXT NOT NULL, instrument TEXT NOT NULL, citation TEXT NOT NULL, confidence TEXT NOT NULL,
    effective_from TEXT NOT NULL, effective_until TEXT NOT NULL, summary TEXT NOT NULL, url TEXT NOT NULL,
    PRIMARY KEY (jurisdiction, rule_id));
CREATE TABLE scores (
    jurisdiction TEXT NOT NULL REFERENCES jurisdictions(id), family TEXT NOT NULL, score INTEGER,
    method TEXT NOT NULL, source TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (jurisdiction, family));
CREATE TABLE shapes (
    jurisdiction TEXT PRIMARY KEY REFERENCES jurisdictions(id), layer TEXT NOT NULL, d TEXT NOT NULL,
    cx REAL NOT NULL, cy REAL NOT NULL);
CREATE TABLE points (
    jurisdiction TEXT PRIMARY KEY REFERENCES jurisdictions(id), map TEXT NOT NULL, x REAL NOT NULL,
    y REAL NOT NULL);
"""


def default_path() -> Path:
    """``$SANCTUARY_ATLAS_DB``, else ``$SANCTUARY_DATA_DIR/atlas.db`` (``./var/atlas.db``)."""
    explicit = os.environ.get("SANCTUARY_ATLAS_DB")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("SANCTUARY_DATA_DIR", "./var")) / "atlas.db"


def create(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.executescript(SCHEMA)
    return conn


def insert(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
    rows = list(rows)
    if not rows:
        return 0
    cols = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])
    return len(rows)


def finish(conn: sqlite3.Connection, path: Path) -> None:
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    path.with_name(path.name + ".tmp").replace(path)


class AtlasMissing(FileNotFoundError):
    """The atlas database has not been built."""


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open a built atlas read-only."""
    p = path or default_path()
    if not p.exists():
        raise AtlasMissing(f"no atlas database at {p}: run `sanctuary atlas build --out {p}` first")
    conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn
