"""The desk's place search (``sanctuary.desk.places``): index build and search time, and the guided classifier's
one engine call per question that may depend on the law (``sanctuary.desk.guide.missing_facts``).

    .venv/bin/python benchmarks/places_bench.py
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from sanctuary.desk import guide, places

QUERIES = ("san francisco", "springfield", "cook county, illinois", "montreal", "toronto, on", "new york", "a",
           "fort", "ontario", "xyzzyville")


def _time(fn: object, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    start = time.perf_counter()
    size = len(places.index().places)
    print(f"index: {size} places built in {time.perf_counter() - start:.2f} s (once per process)")
    for query in QUERIES:
        runs = _time(lambda q=query: places.search(q), 20)
        print(f"search {query!r:26}: median {statistics.median(runs) * 1000:6.1f} ms, "
              f"{len(places.search(query))} results")
    answers = {"jurisdiction": "us/nj/newark", "agency_kind": "jail", "paper": "i247a",
               "signed_by": "immigration_officer", "action": "notify_release", "in_custody": "yes"}
    runs = _time(lambda: guide.missing_facts(answers, date(2026, 3, 1)), 200)
    print(f"guide.missing_facts (classify + decide): median {statistics.median(runs) * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
