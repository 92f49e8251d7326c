"""How long the small-count protection takes on the page's three linked tables.

    .venv/bin/python benchmarks/transparency_bench.py

Synthetic desks (seeded): N requests spread over M months, kinds of paper and actions drawn with a skew like a
jail's (mostly detainers and holds), outcomes mostly declined. For each: the seconds `protect` takes (median of
3 runs), how many numbers were withheld in all and how many of them were under k (primary). The page computes
this at most once a minute per process.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

from sanctuary.transparency.counts import OUTCOME_COLUMNS
from sanctuary.transparency.suppression import Table, protect
from sanctuary.vocabulary import ACTIONS, INSTRUMENT_TYPES

PAPER_WEIGHTS = [5, 40, 20, 5, 2, 3, 8, 4, 6, 1, 1]
ACTION_WEIGHTS = [30, 25, 8, 15, 3, 5, 2, 2, 2, 1, 5, 1]
OUTCOME_WEIGHTS = [60, 8, 3, 5, 10, 14]


def desk(n: int, months: int, seed: int) -> list[Table]:
    rng = random.Random(seed)
    recs = [(rng.choices(range(len(INSTRUMENT_TYPES)), PAPER_WEIGHTS)[0],
             rng.choices(range(len(ACTIONS)), ACTION_WEIGHTS)[0], rng.randrange(months),
             rng.choices(range(len(OUTCOME_COLUMNS)), OUTCOME_WEIGHTS)[0]) for _ in range(n)]
    tables = []
    for name, dim, size in (("by_paper", 0, len(INSTRUMENT_TYPES)), ("by_action", 1, len(ACTIONS)),
                            ("by_month", 2, months)):
        tally = Counter((r[dim], r[3]) for r in recs)
        tables.append(Table(name, tuple(map(str, range(size))),
                            tuple(tuple(tally[(i, j)] for j in range(len(OUTCOME_COLUMNS))) for i in range(size))))
    return tables


def main() -> None:
    print(f"{'requests':>9} {'months':>7} {'seconds':>8} {'withheld':>9} {'primary':>8} {'published':>10}")
    for n, months in ((50, 12), (200, 12), (200, 36), (1000, 36), (1000, 60), (5000, 60), (20000, 60)):
        tables = desk(n, months, seed=n + months)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = protect(tables, OUTCOME_COLUMNS, 5)
            runs.append(time.perf_counter() - start)
        places = sum(len(t.cells) * (len(OUTCOME_COLUMNS) + 1) for t in tables) + len(OUTCOME_COLUMNS) + 1
        print(f"{n:>9} {months:>7} {statistics.median(runs):>8.2f} {len(result.suppressed):>9} "
              f"{len(result.primary):>8} {places - len(result.suppressed):>10}")


if __name__ == "__main__":
    main()
