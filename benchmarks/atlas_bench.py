"""Atlas benchmark: one contract request decided for every jurisdiction in the atlas, in-process.

    .venv/bin/python benchmarks/atlas_bench.py [--db PATH] [--repeat N]

Builds the atlas into a temporary directory unless --db names a built one, then times
``sanctuary.atlas.scenario.run`` (``sanctuary.decide_many`` over ~3,300 requests) for each preset, after one
warm-up run (the engine compiles its rule library on first use). Prints one line per preset: jurisdictions,
best and median wall time, decisions per second.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sanctuary.atlas import build, scenario, store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            path = Path(tmp) / "atlas.db"
            start = time.perf_counter()
            build.build(path)
            print(f"build: {time.perf_counter() - start:.2f} s")
        conn = store.connect(path)
        places = scenario.places(conn)
        for name, preset in scenario.PRESETS.items():
            scenario.run(preset["request"], places)  # warm-up
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                scenario.run(preset["request"], places)
                times.append(time.perf_counter() - start)
            best = min(times)
            print(f"{name}: {len(places)} jurisdictions, best {best * 1000:.0f} ms, "
                  f"median {statistics.median(times) * 1000:.0f} ms, {len(places) / best:,.0f} decisions/s")
        conn.close()


if __name__ == "__main__":
    main()
