"""Loading and matching on a small hand-written Table 10 fixture; the data-quality counts checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctuary.evidence import adjacency, compare, load, match

FIXTURE_2012 = (
    'ALABAMA - Metropolitan Counties,Autauga,33,0,2,4,27,375,120,215,40,\n'
    ',De Kalb2,15,0,1,1,13,78,26,46,6,\n'
    ',Jefferson,642,9,57,227,349,\n'
    '"ALABAMA - Nonmetropolitan Counties",Narnia,1,0,0,0,1,2,1,1,0,\n'
    'MARYLAND - Metropolitan Counties,Baltimore County Police Department,"4,321",20,100,"1,200","3,001",'
    '"20,000",4000,"14,000",2000,50\n'
    ',Baltimore,10,0,0,5,5,100,50,40,10,\n'
    ',Baltimore,10,0,0,5,5,100,50,40,10,\n'
    ',"Tulare4, 5",1,0,0,0,1,1,1,0,0,\n'
)
FIXTURE_2014 = 'ALABAMA\ue83aMetropolitan Counties,Autauga,68,2,8,,6,52,414,170,199,45,\n'
NAMES = [("01001", "Alabama", "Autauga County"), ("01049", "Alabama", "DeKalb County"),
         ("01073", "Alabama", "Jefferson County"), ("24005", "Maryland", "Baltimore County"),
         ("24510", "Maryland", "Baltimore city")]


def _rows(tmp_path: Path) -> list[load.AgencyRow]:
    (tmp_path / "2012.csv").write_text(FIXTURE_2012, encoding="utf-8")
    (tmp_path / "2014.csv").write_text(FIXTURE_2014, encoding="utf-8")
    return [*load.parse_table10(tmp_path / "2012.csv", 2012), *load.parse_table10(tmp_path / "2014.csv", 2014)]


def test_parsing(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    assert len(rows) == 9
    assert rows[1].name == "De Kalb" and rows[1].footnotes == (2,)
    assert rows[2].counts["property"] is None and not rows[2].complete  # truncated row: missing, never zero
    assert rows[3].state == "ALABAMA" and rows[3].metro == "nonmetropolitan"
    assert rows[4].counts["violent"] == 4321 and rows[4].counts["property"] == 20000
    assert rows[7].state == "MARYLAND" and rows[7].name == "Tulare" and rows[7].footnotes == (4, 5)
    assert rows[-1].year == 2014 and rows[-1].counts["rape"] == 8 and rows[-1].counts["robbery"] == 6


def test_quality_report_counts(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    index = match.CountyIndex.build(NAMES)
    matched, report = match.match_rows(rows, index)
    # By hand: 9 rows (8 in 2012, 1 in 2014); Narnia and Tulare (not a Maryland county) unmatched; the second
    # Baltimore sheriff row is a duplicate; the county police and the sheriff of Baltimore County are two
    # agencies of 24005.
    assert report.rows == 9
    assert len(report.unmatched) == 2
    assert {m.row.name for m in report.unmatched} == {"Narnia", "Tulare"}
    assert report.duplicates == 1
    assert report.matched == 6 == len(matched)
    assert report.footnoted == 2
    assert report.incomplete == 1
    assert [m.fips for m in matched] == ["01001", "01049", "01073", "24005", "24005", "01001"]
    assert report.by_year == {2012: (8, 5), 2014: (1, 1)}
    items = dict((k, n) for k, n, _ in report.items())
    assert items["unmatched: no county of that name in the state"] == 2
    assert items["year 2012: rows / matched"] == 8 and items["duplicate agency-years"] == 1


def test_malformed_header_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "2010.csv"
    bad.write_text("Nowhere,Autauga,1,0,0,0,1,2,1,1,0,\n", encoding="utf-8")
    with pytest.raises(load.DataError, match=r"2010.csv:1: 'Nowhere'"):
        list(load.parse_table10(bad, 2010))


def test_normalise() -> None:
    assert match.normalise("St. Clair") == match.normalise("Saint Clair County")
    assert match.normalise("De Kalb") == match.normalise("DeKalb County")
    assert match.normalise("Prince George's") == match.normalise("Prince George's County")


def test_adjacency_from_shared_arcs() -> None:
    topo = {"objects": {"counties": {"geometries": [
        {"id": "A", "type": "Polygon", "arcs": [[0, 1]]},
        {"id": "B", "type": "Polygon", "arcs": [[~1, 2]]},
        {"id": "C", "type": "MultiPolygon", "arcs": [[[3]], [[~2, 4]]]}]}}}
    edges = adjacency.pairs(topo)
    assert edges == {("A", "B"), ("B", "C")}
    assert adjacency.neighbours(edges)["B"] == {"A", "C"}


def test_compare_overlap() -> None:
    c = compare.compare("manning-burkhardt", (-20.0, 5.0), "")
    assert c.overlaps is True and "17.9" in c.figure
    assert compare.compare("manning-burkhardt", (-5.0, 5.0), "").overlaps is False
    assert compare.compare("hausman-crime", (-1.0, 1.0), "").overlaps is None
    assert compare.compare("hausman-deportations", None, "x").note.startswith("Not recomputed here")
    assert compare.compare("arellano-bover-biasi-total", (0.038, 0.1), "").overlaps is True
