"""Small-count protection for the public tables: threshold ``k`` with complementary (secondary) suppression.

The public page publishes several two-way tables that share their columns (the outcomes): each table's cells,
each table's row totals, the column totals (the same numbers in every table, so published once and shared) and
the grand total. Together these are a system of linear equations an attacker can solve:

* for each table and row ``i``:      sum_j cell[i][j] = row_total[i]
* for each table and column ``j``:   sum_i cell[i][j] = column_total[j]
* for each table:                    sum_i row_total[i] = grand_total
* once:                              sum_j column_total[j] = grand_total

Method:

1. **Primary suppression**: every published number (cell, row total, column total, grand total) with
   ``0 < count < k`` is withheld. Zeros are published (they say nothing happened, about nobody).
2. **Secondary (complementary) suppression**: while some withheld number can still be computed from the
   published ones, withhold one more number next to it (sharing an equation), choosing the smallest non-zero
   one that makes it incomputable. A withheld number ``x`` can be computed exactly when the column of ``x`` in
   the equations restricted to the withheld numbers is not a linear combination of the others' columns,
   i.e. when, in the reduced row echelon form of the equations restricted to the withheld numbers, its pivot row
   holds no free variable.
3. Then every secondary suppression that is not needed is published again (margins and large
   numbers first), in one pass: each is published again if, at that point, nothing withheld becomes computable.
4. Only non-zero numbers are ever withheld, so every withheld number can move by at least one in both
   directions while every number stays non-negative: for a single table the withheld cells then lie on cycles
   (up +1, down -1 around the cycle) and the feasible interval of each is at least ``[x-1, x+1]``.

Termination: each round withholds one more number; withholding every non-zero number is always safe (each
non-zero cell lies on the cycle cell -> its row total -> the grand total -> its column total in every table),
so the loop ends there at worst.

Limits (also in docs/transparency.md): the attacker's interval around a small count can be narrow (the method
guarantees that no withheld count is determined, not a protection interval of width ``k``); tables published on
another day differ by the requests logged in between (differencing); the fact that a number is withheld says
that it, or a neighbour, is small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

DEFAULT_K = 5

# A published number's place: ("cell", t, i, j), ("row", t, i), ("col", j) or ("grand",).
Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Table:
    """One two-way table of counts (no margins): ``cells[i][j]`` for row ``i`` and column ``j``."""

    name: str
    rows: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.rows):
            raise ValueError(f"table {self.name}: {len(self.rows)} row names for {len(self.cells)} rows")
        for i, row in enumerate(self.cells):
            for j, value in enumerate(row):
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"table {self.name}: cell [{i}][{j}] is {value!r}, not a count")


@dataclass(frozen=True)
class Published:
    """A number as published: ``count`` is None when it is withheld."""

    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None

    def to_json(self) -> dict[str, int | bool | None]:
        return {"count": self.count, "suppressed": self.count is None}


@dataclass(frozen=True)
class ProtectedTable:
    name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Published, ...], ...]
    row_totals: tuple[Published, ...]
    column_totals: tuple[Published, ...]
    grand_total: Published


@dataclass(frozen=True)
class Protection:
    """The result: every table protected, the withheld places, and how many were primary (kept internal: the
    public output never says which withheld numbers were small)."""

    tables: tuple[ProtectedTable, ...]
    suppressed: frozenset[Key]
    primary: frozenset[Key]
    k: int


def check_k(k: int) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k: a whole number of at least 1 (the smallest count published), not {k!r}")
    return k


class _System:
    """The published numbers of linked tables as variables, and the equations between them."""

    def __init__(self, tables: Sequence[Table], n_columns: int) -> None:
        self.values: dict[Key, int] = {}
        self.equations: list[dict[Key, int]] = []
        column_totals = [0] * n_columns
        grand = 0
        for t, table in enumerate(tables):
            table_total = 0
            for i, row in enumerate(table.cells):
                if len(row) != n_columns:
                    raise ValueError(f"table {table.name}: row {i} has {len(row)} cells, want {n_columns}")
                equation: dict[Key, int] = {("row", t, i): -1}
                for j, value in enumerate(row):
                    self.values[("cell", t, i, j)] = value
                    equation[("cell", t, i, j)] = 1
                self.values[("row", t, i)] = sum(row)
                table_total += sum(row)
                self.equations.append(equation)
            for j in range(n_columns):
                col_sum = sum(row[j] for row in table.cells)
                if t == 0:
                    column_totals[j] = col_sum
                elif col_sum != column_totals[j]:
                    raise ValueError(f"table {table.name}: column {j} sums to {col_sum}, but the first table's "
                                     f"to {column_totals[j]}: linked tables must count the same requests")
                equation = {("cell", t, i, j): 1 for i in range(len(table.cells))}
                equation[("col", j)] = -1
                self.equations.append(equation)
            equation = {("row", t, i): 1 for i in range(len(table.cells))}
            equation[("grand",)] = -1
            self.equations.append(equation)
            grand = table_total
        for j in range(n_columns):
            self.values[("col", j)] = column_totals[j]
        self.values[("grand",)] = grand
        equation = {("col", j): 1 for j in range(n_columns)}
        equation[("grand",)] = -1
        self.equations.append(equation)
        self.neighbours: dict[Key, set[Key]] = {key: set() for key in self.values}
        for eq in self.equations:
            for key in eq:
                self.neighbours[key].update(eq)
        for key in self.neighbours:
            self.neighbours[key].discard(key)

    def determined(self, suppressed: set[Key]) -> list[Key]:
        """The withheld numbers an attacker can compute exactly from the published ones: those whose value is
        the same in every solution of the equations restricted to the withheld numbers (reduced row echelon
        form: a pivot variable whose row has no free variable; free variables can always move)."""
        order = sorted(suppressed, key=_sort_key)
        if not order:
            return []
        index = {key: n for n, key in enumerate(order)}
        rows = [eq for eq in self.equations if any(key in index for key in eq)]
        matrix = np.zeros((len(rows), len(order)))
        for r, eq in enumerate(rows):
            for key, coefficient in eq.items():
                if key in index:
                    matrix[r, index[key]] = coefficient
        pivots = _rref(matrix)
        free = np.ones(len(order), dtype=bool)
        free[[col for _, col in pivots]] = False
        return [order[col] for row, col in pivots if not np.any(np.abs(matrix[row, free]) > _TOLERANCE)]


_TOLERANCE = 1e-9


def _rref(matrix: NDArray[np.float64]) -> list[tuple[int, int]]:
    """Reduce ``matrix`` in place to reduced row echelon form; returns the (row, column) of each pivot. The
    entries are small integers (0, 1, -1), so partial pivoting in floating point is exact enough."""
    pivots: list[tuple[int, int]] = []
    n_rows, n_cols = matrix.shape
    row = 0
    for col in range(n_cols):
        if row == n_rows:
            break
        best = row + int(np.argmax(np.abs(matrix[row:, col])))
        if abs(matrix[best, col]) <= _TOLERANCE:
            continue
        if best != row:
            matrix[[row, best]] = matrix[[best, row]]
        matrix[row] /= matrix[row, col]
        others = np.abs(matrix[:, col]) > _TOLERANCE
        others[row] = False
        matrix[others] -= np.outer(matrix[others, col], matrix[row])
        matrix[np.abs(matrix) <= _TOLERANCE] = 0.0
        pivots.append((row, col))
        row += 1
    return pivots


def _sort_key(key: Key) -> tuple[str, ...]:
    return tuple(f"{part:08d}" if isinstance(part, int) else part for part in key)


def protect(tables: Sequence[Table], columns: Sequence[str], k: int = DEFAULT_K) -> Protection:
    """Protect linked tables that share ``columns`` (and so their column totals and grand total)."""
    check_k(k)
    if not tables:
        raise ValueError("tables: at least one table to publish")
    system = _System(tables, len(columns))
    values = system.values
    primary = {key for key, value in values.items() if 0 < value < k}
    suppressed = set(primary)
    while True:
        exposed = system.determined(suppressed)
        if not exposed:
            break
        # Protect small (primary) numbers first; each round withholds one more number.
        target = min(exposed, key=lambda key: (key not in primary, values[key], _sort_key(key)))
        # The cheapest neighbour (sharing an equation) that frees it; margins cost more than cells.
        cheap = sorted((key for key in system.neighbours[target] if key not in suppressed and values[key] > 0),
                       key=lambda key: (_COST[str(key[0])], values[key], _sort_key(key)))
        chosen = next((key for key in cheap if target not in system.determined(suppressed | {key})), None)
        if chosen is None:
            # No neighbour frees it alone: among the neighbours of everything exposed, withhold the one that
            # leaves the fewest numbers exposed. Progress is guaranteed (one more withheld number each round)
            # and withholding every non-zero number is safe, so the loop ends.
            frontier = {key for e in exposed for key in system.neighbours[e]
                        if key not in suppressed and values[key] > 0}
            # The grand total is the page's headline: withheld only when nothing else will do.
            frontier = {key for key in frontier if key[0] != "grand"} or frontier
            if not frontier:
                frontier = {key for key in values if key not in suppressed and values[key] > 0}
            if not frontier:  # pragma: no cover - withholding every non-zero number is safe (see above)
                raise RuntimeError("suppression: nothing left to withhold, yet a withheld number is exposed")
            chosen = min(frontier, key=lambda key: (len(system.determined(suppressed | {key})), _COST[str(key[0])],
                                                    values[key], _sort_key(key)))
        suppressed.add(chosen)
    suppressed = _prune(system, suppressed, primary)
    return Protection(_assemble(tables, columns, values, suppressed), frozenset(suppressed),
                      frozenset(primary), k)


# Withholding a margin hides more than a cell: a column total is shared by every table, the grand total most.
_COST = {"cell": 0, "row": 1, "col": 2, "grand": 3}


def _prune(system: _System, suppressed: set[Key], primary: set[Key]) -> set[Key]:
    """Give back the secondary suppressions that are not needed: the greedy rounds may withhold numbers early
    that later choices make redundant. Margins and large numbers are tried first (the most useful to publish).
    Publishing one number may make other *secondary* numbers computable; those are then published too (they
    tell nothing new: they could be computed). The step is kept only if in the end nothing withheld can be
    computed; a primary (small) number that would become computable rejects it. Repeated until nothing
    changes."""
    kept = set(suppressed)
    values = system.values

    def order(key: Key) -> tuple[int, int, tuple[str, ...]]:
        return (-_COST[str(key[0])], -values[key], _sort_key(key))

    changed = True
    while changed:
        changed = False
        for key in sorted(kept - primary, key=order):
            if key not in kept:
                continue
            trial = kept - {key}
            while True:
                exposed = system.determined(trial)
                if not exposed or any(e in primary for e in exposed):
                    break
                trial -= set(exposed)
            if not exposed:
                kept = trial
                changed = True
    return kept


def _assemble(tables: Sequence[Table], columns: Sequence[str], values: dict[Key, int],
              suppressed: set[Key]) -> tuple[ProtectedTable, ...]:
    def pub(key: Key) -> Published:
        return Published(None if key in suppressed else values[key])

    column_totals = tuple(pub(("col", j)) for j in range(len(columns)))
    return tuple(
        ProtectedTable(
            name=table.name,
            rows=table.rows,
            columns=tuple(columns),
            cells=tuple(tuple(pub(("cell", t, i, j)) for j in range(len(columns))) for i in range(len(table.rows))),
            row_totals=tuple(pub(("row", t, i)) for i in range(len(table.rows))),
            column_totals=column_totals,
            grand_total=pub(("grand",)),
        )
        for t, table in enumerate(tables)
    )
