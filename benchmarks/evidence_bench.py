"""Wall-clock and CPU time of the whole ``sanctuary evidence build`` (atlas built first, outside the timing).

Usage: ``.venv/bin/python benchmarks/evidence_bench.py [RUNS]``; results are written by hand into
``benchmarks/README.md``.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from sanctuary.atlas import build as atlas_build
from sanctuary.evidence import build


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "atlas.db"
        atlas_build.build(db)
        for i in range(runs):
            before = resource.getrusage(resource.RUSAGE_SELF)
            t0 = time.perf_counter()
            steps: dict[str, float] = {}
            last = [t0]

            def tick(step: str, steps: dict[str, float] = steps, last: list[float] = last) -> None:
                now = time.perf_counter()
                steps[step] = now - last[0]
                last[0] = now

            result = build.build(db, progress=tick)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(f"run {i + 1}: {wall:.1f} s wall, {cpu:.1f} s CPU, {len(result.estimates)} estimates")
            for step, secs in steps.items():
                print(f"  {step}: {secs:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
