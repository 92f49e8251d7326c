"""Small-count protection: for random tables, no published table (cells, margins, grand total) lets a withheld
number be recovered.

Three independent checks of what the attacker can do with the published numbers:

* the line rule: no row or column (with its total) has exactly one withheld number;
* exact linear algebra over the rationals (``fractions``, not the module's own numpy elimination): a withheld
  number is determined iff its unit vector lies in the row space of the equations restricted to the withheld
  numbers; none may be;
* brute force on small tables: every integer completion of the withheld numbers consistent with the published
  ones is enumerated; each withheld number must take at least two values (and, for a single table, its true
  value plus and minus one).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctuary.transparency.suppression import Protection, Table, check_k, protect

Key = tuple[str | int, ...]


def _tables(cells: list[list[int]]) -> list[Table]:
    return [Table("t", tuple(f"r{i}" for i in range(len(cells))), tuple(tuple(r) for r in cells))]


def _columns(n: int) -> list[str]:
    return [f"c{j}" for j in range(n)]


small_table = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 7, 12]), min_size=cols,
                                       max_size=cols), min_size=rows, max_size=rows)))

# Linked tables: records with two row dimensions and one shared column dimension.
records = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 2)), min_size=0, max_size=60)


def _linked(recs: list[tuple[int, int, int]]) -> list[Table]:
    a = Counter((r[0], r[2]) for r in recs)
    b = Counter((r[1], r[2]) for r in recs)
    return [Table("a", tuple(map(str, range(4))), tuple(tuple(a[(i, j)] for j in range(3)) for i in range(4))),
            Table("b", tuple(map(str, range(3))), tuple(tuple(b[(i, j)] for j in range(3)) for i in range(3)))]


# --- an attacker's view, written independently of the module ---------------------------------------------


def published(tables: list[Table], prot: Protection) -> tuple[dict[Key, int], dict[Key, int | None]]:
    """(true values, published values) of every place: ("cell", t, i, j), ("row", t, i), ("col", j), ("grand",)."""
    true: dict[Key, int] = {}
    for t, table in enumerate(tables):
        for i, row in enumerate(table.cells):
            true[("row", t, i)] = sum(row)
            for j, value in enumerate(row):
                true[("cell", t, i, j)] = value
    ncols = len(tables[0].cells[0]) if tables[0].cells else 0
    for j in range(ncols):
        true[("col", j)] = sum(r[j] for r in tables[0].cells)
    true[("grand",)] = sum(sum(r) for r in tables[0].cells)
    shown: dict[Key, int | None] = {}
    for t, pt in enumerate(prot.tables):
        for i, row in enumerate(pt.cells):
            shown[("row", t, i)] = pt.row_totals[i].count
            for j, cell in enumerate(row):
                shown[("cell", t, i, j)] = cell.count
        for j, cell in enumerate(pt.column_totals):
            assert shown.get(("col", j), cell.count) == cell.count, "a shared column total differs between tables"
            shown[("col", j)] = cell.count
        assert shown.get(("grand",), pt.grand_total.count) == pt.grand_total.count
        shown[("grand",)] = pt.grand_total.count
    return true, shown


def equations(tables: list[Table]) -> list[dict[Key, int]]:
    eqs: list[dict[Key, int]] = []
    ncols = len(tables[0].cells[0]) if tables[0].cells else 0
    for t, table in enumerate(tables):
        n = len(table.cells)
        for i in range(n):
            eqs.append({**{("cell", t, i, j): 1 for j in range(ncols)}, ("row", t, i): -1})
        for j in range(ncols):
            eqs.append({**{("cell", t, i, j): 1 for i in range(n)}, ("col", j): -1})
        eqs.append({**{("row", t, i): 1 for i in range(n)}, ("grand",): -1})
    eqs.append({**{("col", j): 1 for j in range(ncols)}, ("grand",): -1})
    return eqs


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [r[:] for r in rows]
    rank, ncols = 0, len(rows[0]) if rows else 0
    for c in range(ncols):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][c] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][c] != 0:
                f = rows[r][c] / rows[rank][c]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def determined_exactly(tables: list[Table], withheld: list[Key]) -> list[Key]:
    """Withheld places whose unit vector is in the row space of A restricted to the withheld columns."""
    if not withheld:
        return []
    matrix = [[Fraction(eq.get(k, 0)) for k in withheld] for eq in equations(tables)]
    base = _rank(matrix)
    out = []
    for n, key in enumerate(withheld):
        unit = [Fraction(1 if m == n else 0) for m in range(len(withheld))]
        if _rank([*matrix, unit]) == base:
            out.append(key)
    return out


def completions(tables: list[Table], shown: dict[Key, int | None], cap: int) -> list[dict[Key, int]]:
    """Every integer table of one table's withheld inner cells in 0..cap consistent with every published number
    (margins follow from the inner cells): a depth-first search, row by row, pruned by the published row
    totals, column totals and grand total."""
    assert len(tables) == 1
    rows, cols = len(tables[0].cells), len(tables[0].cells[0])
    grid = [[shown[("cell", 0, i, j)] for j in range(cols)] for i in range(rows)]
    found: list[dict[Key, int]] = []

    def fits(i: int, j: int, col_sums: list[int]) -> bool:
        c_total = shown[("col", j)]
        return c_total is None or col_sums[j] <= c_total

    def search(i: int, j: int, filled: list[list[int]], col_sums: list[int]) -> None:
        if j == cols:
            r_total = shown[("row", 0, i)]
            if r_total is not None and sum(filled[i]) != r_total:
                return
            grand = shown[("grand",)]
            if grand is not None and sum(map(sum, filled[: i + 1])) > grand:
                return
            if i + 1 < rows:
                search(i + 1, 0, filled, col_sums)
                return
            world: dict[Key, int] = {}
            for r in range(rows):
                world[("row", 0, r)] = sum(filled[r])
                for c in range(cols):
                    world[("cell", 0, r, c)] = filled[r][c]
            for c in range(cols):
                world[("col", c)] = col_sums[c]
            world[("grand",)] = sum(col_sums)
            if all(shown[k] is None or shown[k] == world[k] for k in shown):
                found.append(world)
            return
        known = grid[i][j]
        r_total = shown[("row", 0, i)]
        choices = [known] if known is not None else range(cap + 1)
        for value in choices:
            if r_total is not None and sum(filled[i][:j]) + value > r_total:
                break
            filled[i][j] = value
            col_sums[j] += value
            if fits(i, j, col_sums):
                search(i, j + 1, filled, col_sums)
            col_sums[j] -= value
        filled[i][j] = 0

    search(0, 0, [[0] * cols for _ in range(rows)], [0] * cols)
    return found


# --- properties ------------------------------------------------------------------------------------------


def _check_published(tables: list[Table], k: int) -> tuple[dict[Key, int], dict[Key, int | None]]:
    columns = _columns(len(tables[0].cells[0]))
    prot = protect(tables, columns, k)
    true, shown = published(tables, prot)
    for key, value in shown.items():
        assert value is None or value == true[key], f"{key} published as {value}, true {true[key]}"
        assert not (value is not None and 0 < value < k), f"{key} = {value} published under k={k}"
        if value is None:
            assert true[key] > 0, f"{key} is a zero withheld (only non-zero numbers are withheld)"
    assert prot.primary == {key for key, value in true.items() if 0 < value < k}
    return true, shown


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=small_table, k=st.integers(2, 6))
def test_single_table_line_rule_and_linear_algebra(cells: list[list[int]], k: int) -> None:
    tables = _tables(cells)
    _, shown = _check_published(tables, k)
    rows, cols = len(cells), len(cells[0])
    # The line rule, with every margin: each row (cells + its total), each column (cells + its total), the
    # row-total column (+ grand total), the column-total row (+ grand total).
    lines = [[("cell", 0, i, j) for j in range(cols)] + [("row", 0, i)] for i in range(rows)]
    lines += [[("cell", 0, i, j) for i in range(rows)] + [("col", j)] for j in range(cols)]
    lines += [[("row", 0, i) for i in range(rows)] + [("grand",)], [("col", j) for j in range(cols)] + [("grand",)]]
    for line in lines:
        assert sum(shown[key] is None for key in line) != 1, f"one withheld number alone on the line {line}"
    withheld = [key for key, value in shown.items() if value is None]
    assert determined_exactly(tables, withheld) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recs=records, k=st.integers(2, 6))
def test_linked_tables_share_their_margins_and_hide_nothing_computable(recs: list[tuple[int, int, int]],
                                                                        k: int) -> None:
    tables = _linked(recs)
    _, shown = _check_published(tables, k)
    withheld = [key for key, value in shown.items() if value is None]
    assert determined_exactly(tables, withheld) == []


small_brute = st.integers(1, 3).flatmap(
    lambda rows: st.integers(2, 3).flatmap(
        lambda cols: st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 6]), min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=small_brute)
def test_brute_force_intervals_on_small_tables(cells: list[list[int]]) -> None:
    """Every integer table consistent with what is published: each withheld number takes several values,
    at least its true value minus one and plus one."""
    tables = _tables(cells)
    true, shown = _check_published(tables, 5)
    unknown = [k for k in shown if k[0] == "cell" and shown[k] is None]
    assert len(unknown) <= 9
    cap = max(true.values()) + 2
    worlds = completions(tables, shown, cap)
    assert any(all(w[k] == true[k] for k in true) for w in worlds), "the true table is not among the completions"
    for key, value in shown.items():
        if value is None:
            seen = {w[key] for w in worlds}
            assert {true[key] - 1, true[key], true[key] + 1} <= seen, f"{key}: feasible values {sorted(seen)}"


def test_a_known_case_by_hand() -> None:
    """2 x 2: one small cell forces its whole rectangle; the grand total (20) stays published."""
    tables = _tables([[3, 7], [6, 4]])
    prot = protect(tables, ["a", "b"], 5)
    t = prot.tables[0]
    assert [[c.count for c in row] for row in t.cells] == [[None, None], [None, None]]
    assert [c.count for c in t.row_totals] == [10, 10]
    assert [c.count for c in t.column_totals] == [9, 11]
    assert t.grand_total.count == 20
    # The attacker's interval for the 3: x in [0, 9] from x + y = 10, x + z = 9, etc.
    worlds = completions(tables, published(tables, prot)[1], 20)
    assert sorted({w[("cell", 0, 0, 0)] for w in worlds}) == list(range(10))


def test_large_counts_are_all_published() -> None:
    tables = _tables([[10, 0, 25], [7, 9, 0]])
    prot = protect(tables, ["a", "b", "c"], 5)
    assert not prot.suppressed


def test_a_small_total_is_withheld_with_its_cells() -> None:
    tables = _tables([[2, 0], [30, 40]])
    t = protect(tables, ["a", "b"], 5).tables[0]
    assert t.row_totals[0].count is None and t.cells[0][0].count is None
    assert t.cells[0][1].count == 0  # a zero is published


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match=r"k: a whole number"):
        check_k(0)
    with pytest.raises(ValueError, match=r"cell \[0\]\[1\]"):
        Table("x", ("a",), ((1, -2),))
    with pytest.raises(ValueError, match="linked tables must count the same requests"):
        protect([Table("a", ("r",), ((1, 2),)), Table("b", ("r",), ((2, 2),))], ["x", "y"], 5)
