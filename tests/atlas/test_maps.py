"""SVG maps and the geometry behind them."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest

from sanctuary.atlas import geo, maps

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_us_family_map_is_well_formed_and_titled(conn: sqlite3.Connection) -> None:
    root = _parse(maps.family_map(conn, "us", "detainer_holds"))
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc") is not None
    counties = root.findall(f"./{NS}g[@class='countys']/{NS}path")
    assert len(counties) == 3142
    assert all(p.find(f"{NS}title") is not None for p in counties)
    travis = next(p for p in counties if p.get("data-id") == "us/tx/travis-county")
    score = conn.execute("SELECT score FROM scores WHERE jurisdiction = 'us/tx/travis-county' "
                         "AND family = 'detainer_holds'").fetchone()[0]
    key = "" if score is None else str(score)
    assert travis.get("fill") == maps.SCORE_COLOURS[key][0]
    assert "Travis County, TX" in (travis.findtext(f"{NS}title") or "")
    legend = root.find(f"./{NS}g[@class='legend']")
    assert legend is not None and len(legend.findall(f"{NS}rect")) == len(maps.SCORE_COLOURS)
    cities = root.findall(f".//{NS}circle")
    assert len(cities) >= 30


def test_canada_map_has_provinces_and_city_points(conn: sqlite3.Connection) -> None:
    root = _parse(maps.family_map(conn, "ca", "dont_ask"))
    provinces = root.findall(f"./{NS}g[@class='provinces']/{NS}path")
    assert len(provinces) == 13
    titles = " ".join(c.findtext(f"{NS}title") or "" for c in root.findall(f".//{NS}circle"))
    for city in ("Toronto", "Vancouver", "Montréal", "Hamilton"):
        assert city in titles


def test_outcome_map_colours_by_outcome(conn: sqlite3.Connection) -> None:
    svg = maps.outcome_map(conn, "us", {"us/tx/travis-county": "required", "us/il/cook-county": "forbidden"}, "T")
    root = _parse(svg)
    fills = {p.get("data-id"): p.get("fill") for p in root.iter(f"{NS}path") if p.get("data-id")}
    assert fills["us/tx/travis-county"] == maps.OUTCOME_COLOURS["required"][0]
    assert fills["us/il/cook-county"] == maps.OUTCOME_COLOURS["forbidden"][0]
    assert fills["us/ca/los-angeles-county"] == maps.OUTCOME_COLOURS[""][0]


def test_topojson_decoding_and_point_in_polygon() -> None:
    topo = {"transform": {"scale": [1, 1], "translate": [0, 0]},
            "arcs": [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]]}
    arcs = geo.decode_arcs(topo)
    assert arcs[0] == [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    rings = geo.decode_rings({"type": "Polygon", "arcs": [[0]]}, arcs)
    assert geo.contains(rings, (5, 5)) and not geo.contains(rings, (15, 5))
    reversed_rings = geo.decode_rings({"type": "Polygon", "arcs": [[~0]]}, arcs)
    assert reversed_rings[0] == list(reversed(rings[0]))
    assert geo.path_d(rings).startswith("M0,0 10,0")


@pytest.mark.parametrize(("lon", "lat", "x", "y"), [
    (-95.36327, 29.76328, 510.6, 509.2),   # Houston, in Harris County's shape (see the data tests)
    (-122.41942, 37.77493, 34.8, 261.4),   # San Francisco
])
def test_albers_usa_matches_the_us_atlas_frame(lon: float, lat: float, x: float, y: float) -> None:
    px, py = geo.albers_usa(lon, lat)
    assert px == pytest.approx(x, abs=0.1) and py == pytest.approx(y, abs=0.1)


def test_no_encoded_law_has_its_own_legend_entry_and_fill() -> None:
    """Issue 7: "no encoded law" is a class of its own on every outcome and score map, distinct from "allowed"."""
    from sanctuary.atlas import maps

    assert maps.OUTCOME_COLOURS["no_rule"][0] != maps.OUTCOME_COLOURS["allowed"][0]
    assert maps.OUTCOME_COLOURS["allowed"][1] == "allowed by law"
    assert "no encoded law" in maps.OUTCOME_COLOURS["no_rule"][1]
    assert "no encoded law" in maps.SCORE_COLOURS["no_rule"][1]
