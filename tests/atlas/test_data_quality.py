"""The atlas database: coverage, joins, sources and reproducibility."""

from __future__ import annotations

import ast
import datetime as dt
import re
import sqlite3
from pathlib import Path

from sanctuary.atlas import build, geo, geography, sources


def _one(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def test_coverage_counts(conn: sqlite3.Connection) -> None:
    assert _one(conn, "SELECT count(*) FROM jurisdictions WHERE level = 'state'") == 51
    assert _one(conn, "SELECT count(*) FROM jurisdictions WHERE level = 'county'") == 3142
    assert _one(conn, "SELECT count(*) FROM jurisdictions WHERE level = 'province'") == 13
    assert _one(conn, "SELECT count(*) FROM jurisdictions WHERE level = 'country'") == 2
    cities = {r[0] for r in conn.execute("SELECT id FROM jurisdictions WHERE level = 'city'")}
    for needed in ("us/ca/san-francisco", "us/il/chicago", "us/ny/new-york-city", "us/tx/houston",
                   "ca/on/toronto", "ca/bc/vancouver", "ca/qc/montreal", "ca/on/hamilton"):
        assert needed in cities


def test_contract_ids(conn: sqlite3.Connection) -> None:
    ids = {r[0] for r in conn.execute("SELECT id FROM jurisdictions")}
    for jid in ("us", "us/tx", "us/tx/travis-county", "us/il/cook-county", "us/ca/san-francisco", "ca/on/toronto",
                "us/dc", "us/nm/dona-ana-county", "us/md/baltimore-city", "us/md/baltimore-county", "ca/nl"):
        assert jid in ids, jid
    bad = [i for i in ids if not re.fullmatch(r"[a-z]{2}(/[a-z0-9][a-z0-9-]*)*", i)]
    assert bad == []


def test_every_county_joined_to_a_state_and_a_boundary(conn: sqlite3.Connection) -> None:
    orphans = conn.execute(
        "SELECT c.id FROM jurisdictions c LEFT JOIN jurisdictions s ON s.id = c.parent_id "
        "WHERE c.level = 'county' AND (s.id IS NULL OR s.level != 'state' OR substr(c.fips, 1, 2) != s.fips)"
    ).fetchall()
    assert orphans == []
    unshaped = conn.execute("SELECT id FROM jurisdictions WHERE level IN ('county', 'state', 'province') "
                            "AND id NOT IN (SELECT jurisdiction FROM shapes)").fetchall()
    assert unshaped == []
    assert _one(conn, "SELECT count(*) FROM shapes WHERE layer = 'county'") == 3142
    assert _one(conn, "SELECT count(DISTINCT fips) FROM jurisdictions WHERE level = 'county'") == 3142


def test_no_duplicate_ids_before_the_database() -> None:
    js = geography.load()
    ids = [j.id for j in js]
    assert len(ids) == len(set(ids))


def test_every_attribute_is_sourced_and_dated(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT a.*, j.id AS jid, s.id AS sid FROM attributes a "
                        "LEFT JOIN jurisdictions j ON j.id = a.jurisdiction LEFT JOIN sources s ON s.id = a.source_id"
                        ).fetchall()
    assert len(rows) > 1000
    for r in rows:
        assert r["jid"] is not None, r["jurisdiction"]
        assert r["sid"] is not None, r["source_id"]
        assert r["source"].strip() and r["instrument"].strip() and r["value"].strip()
        dt.date.fromisoformat(r["as_of"])
        assert r["confidence"] in ("high", "medium", "low")


def test_source_layers_are_complete(conn: sqlite3.Connection) -> None:
    levels = dict(conn.execute(
        "SELECT j.level, count(*) FROM attributes a JOIN jurisdictions j ON j.id = a.jurisdiction "
        "WHERE a.attribute = 'federal_designation' GROUP BY j.level").fetchall())
    assert levels == {"state": 13, "county": 4, "city": 18}
    assert _one(conn, "SELECT count(*) FROM attributes WHERE attribute = 'state_cooperation_law'") == 51
    assert _one(conn, "SELECT count(*) FROM attributes WHERE attribute LIKE 'agreement_287g%' "
                      "AND attribute != 'agreement_287g_pending'") == 832
    assert _one(conn, "SELECT count(*) FROM attributes WHERE attribute = 'agreement_287g_pending'") == 26
    assert _one(conn, "SELECT count(*) FROM attributes WHERE attribute = 'detainer_policy_2014' "
                      "AND history = 1") == 166
    # Travis County's 2014 policy is history, Texas' current law requires cooperation.
    travis = conn.execute("SELECT history FROM attributes WHERE jurisdiction = 'us/tx/travis-county' "
                          "AND attribute = 'detainer_policy_2014'").fetchall()
    assert [r[0] for r in travis] == [1]
    tx = conn.execute("SELECT value FROM attributes WHERE jurisdiction = 'us/tx' "
                      "AND attribute = 'state_cooperation_law'").fetchone()
    assert tx[0] == "requires_cooperation"


def test_rule_library_rows_carry_citations(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT * FROM rules").fetchall()
    assert rows, "the rule library was not loaded"
    for r in rows:
        assert len(r["citation"]) >= 3
        assert r["confidence"] in ("primary", "secondary", "unverified")


def test_city_points_fall_in_their_counties(conn: sqlite3.Connection) -> None:
    topo = geography.load_us_topology()
    arcs = geo.decode_arcs(topo)
    shapes = {g["id"]: g for g in topo["objects"]["counties"]["geometries"]}
    rows = conn.execute("SELECT p.jurisdiction, p.x, p.y, group_concat(c.fips) FROM points p "
                        "JOIN city_counties cc ON cc.city_id = p.jurisdiction "
                        "JOIN jurisdictions c ON c.id = cc.county_id WHERE p.map = 'us' GROUP BY p.jurisdiction"
                        ).fetchall()
    assert len(rows) >= 30
    for jid, x, y, fips_list in rows:
        inside = [f for f in fips_list.split(",") if geo.contains(geo.decode_rings(shapes[f], arcs), (x, y))]
        assert inside, jid


def test_vendored_checksums_match_sources_md() -> None:
    text = (sources.DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\| `([^`]+)` \| `([0-9a-f]{64})` \|", text))
    files = {str(p.relative_to(sources.DATA_DIR)) for p in sources.DATA_DIR.rglob("*")
             if p.is_file() and p.name != "SOURCES.md"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert sources.sha256(sources.DATA_DIR / name) == digest, name


def test_no_gpl_package_is_imported() -> None:
    for path in Path(sources.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name.split(".")[0] != "addfips" for a in node.names), path
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "addfips", path


def test_build_is_reproducible(atlas_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build.build(again)
    a, b = sqlite3.connect(atlas_path), sqlite3.connect(again)
    for table in ("jurisdictions", "attributes", "rules", "scores", "shapes", "points", "sources", "meta"):
        assert a.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() == \
            b.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall(), table
    assert again.with_name("again.metadata.json").exists()


def test_every_us_city_point_lies_in_its_state(conn: sqlite3.Connection) -> None:
    topo = geography.load_us_topology()
    arcs = geo.decode_arcs(topo)
    states = {g["id"]: g for g in topo["objects"]["states"]["geometries"]}
    rows = conn.execute("SELECT p.jurisdiction, p.x, p.y, s.fips FROM points p JOIN jurisdictions c "
                        "ON c.id = p.jurisdiction JOIN jurisdictions s ON s.id = c.parent_id WHERE p.map = 'us'"
                        ).fetchall()
    assert len(rows) > 150

    def near(rings: list[geo.Ring], x: float, y: float) -> bool:
        # Barrier-island towns (Sanibel, Indian Shores) sit just off the 1:10m coastline.
        return geo.contains(rings, (x, y)) or any(abs(px - x) + abs(py - y) < 4 for r in rings for px, py in r)

    misplaced = [jid for jid, x, y, fips in rows if not near(geo.decode_rings(states[fips], arcs), x, y)]
    assert misplaced == []


def test_municipal_287g_agreements_belong_to_their_cities(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT a.jurisdiction, a.detail FROM attributes a JOIN jurisdictions j "
                        "ON j.id = a.jurisdiction WHERE j.level = 'city' AND a.attribute = 'agreement_287g'").fetchall()
    assert len(rows) > 100
    for jid, detail in rows:
        name = conn.execute("SELECT name FROM jurisdictions WHERE id = ?", (jid,)).fetchone()[0]
        assert detail.startswith(f"{name} "), (jid, detail)
