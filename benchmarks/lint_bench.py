"""How long `sanctuary lint` takes, on the packaged library and on a synthetic enlarged one.

The enlarged library is the packaged one plus clones of its state, province and city files under made-up ids
(``us/x01`` ... with their cities), until it holds ``--files`` files (default 110, what the library grows to
when every state, province and territory has a file). Each configuration runs in a fresh process, timed end to
end as a user runs it (``sanctuary lint --library DIR``), with 1 and 2 worker processes.

    .venv/bin/python benchmarks/lint_bench.py [--files 110] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "src" / "sanctuary" / "library"


def enlarge(dest: Path, target: int) -> int:
    shutil.copytree(LIBRARY, dest)
    states = sorted(p for p in LIBRARY.glob("*/*.yaml"))
    n = 0
    count = len(list(dest.rglob("*.yaml")))
    while count < target:
        for state in states:
            if count >= target:
                break
            n += 1
            country, code = state.parent.name, state.stem
            clone = f"x{n:02d}"
            text = state.read_text(encoding="utf-8")
            text = re.sub(rf"\b{country}/{code}\b", f"{country}/{clone}", text)
            (dest / country / f"{clone}.yaml").write_text(text, encoding="utf-8")
            count += 1
            cities = LIBRARY / country / code
            for city in sorted(cities.glob("*.yaml")) if cities.is_dir() else []:
                if count >= target:
                    break
                (dest / country / clone).mkdir(exist_ok=True)
                ctext = re.sub(rf"\b{country}/{code}\b", f"{country}/{clone}", city.read_text(encoding="utf-8"))
                (dest / country / clone / city.name).write_text(ctext, encoding="utf-8")
                count += 1
    return count


def run(library: Path, jobs: int) -> tuple[float, str]:
    env = dict(os.environ, SANCTUARY_LINT_JOBS=str(jobs))
    start = time.perf_counter()
    p = subprocess.run([str(ROOT / ".venv" / "bin" / "sanctuary"), "lint", "--library", str(library)],
                       capture_output=True, text=True, env=env, check=False)
    took = time.perf_counter() - start
    last = " ".join(p.stdout.split()[-30:])
    if p.returncode not in (0, 1):
        sys.exit(f"lint failed: {p.stderr[-500:]}")
    return took, last


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=110)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "library"
        files = enlarge(big, args.files)
        small = len(list(LIBRARY.rglob("*.yaml")))
        print(f"load average {os.getloadavg()[0]:.2f}; nproc {os.cpu_count()}")
        for name, lib, count in (("packaged", LIBRARY, small), ("enlarged", big, files)):
            for jobs in (1, 2):
                times = []
                summary = ""
                for _ in range(args.repeat):
                    took, summary = run(lib, jobs)
                    times.append(took)
                print(f"{name:9} {count:4d} files  jobs={jobs}  {min(times):6.1f} s   {summary}")


if __name__ == "__main__":
    main()
