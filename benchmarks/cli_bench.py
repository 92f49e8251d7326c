"""Benchmark: start-up and wall time of ``sanctuary`` commands, with hyperfine (Debian's ``hyperfine``).

Each command runs in a fresh process, as a user types it. ``--src DIR`` runs another checkout's ``src``
(e.g. ``git archive`` of an older commit unpacked into DIR) with this virtual environment, for before/after
figures; ``--cold`` empties the rule-library cache before every run (``SANCTUARY_CACHE_DIR`` is a throw-away
directory either way). The atlas commands need an atlas database: ``--data-dir`` (default: one built into a
temporary directory with ``sanctuary atlas build``).

    .venv/bin/python benchmarks/cli_bench.py [--runs 10] [--src DIR] [--cold] [--data-dir DIR] [--json]

Reported per command: mean, min and max wall time and mean user+system CPU time (the CPU figure moves much
less than the wall figure on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REQUEST = ROOT / "benchmarks" / "fixtures" / "requests" / "sf_hold.json"
SCENARIO = {"date": "2026-11-26", "agency": {"kind": "jail", "jurisdiction": "us"}, "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer",
                           "accompanied_by": ["admin_warrant"]},
            "subject": {"in_custody": True}}


def commands(data_dir: Path, scenario: Path) -> dict[str, list[str]]:
    return {
        "sanctuary --help": ["--help"],
        "sanctuary decide FILE --json": ["decide", str(REQUEST), "--json"],
        "sanctuary decide FILE": ["decide", str(REQUEST)],
        "sanctuary atlas scenario FILE --json": ["atlas", "scenario", str(scenario), "--json",
                                                 "--db", str(data_dir / "atlas.db")],
        "sanctuary jurisdictions": ["jurisdictions"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--src", type=Path, default=None, help="another checkout's src directory")
    parser.add_argument("--cold", action="store_true", help="empty the library cache before each run")
    parser.add_argument("--data-dir", type=Path, default=None, help="a data dir holding atlas.db")
    parser.add_argument("--only", default="", help="comma-separated command labels to run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("hyperfine") is None:
        raise SystemExit("hyperfine is missing: apt-get install -y hyperfine")
    python = str(Path(sys.executable))
    launcher = [python, "-c", "import sys; sys.argv[0] = 'sanctuary'; from sanctuary.cli import main; main()"]
    with tempfile.TemporaryDirectory(prefix="cli-bench-") as tmp:
        work = Path(tmp)
        cache = work / "cache"
        env = {**os.environ, "SANCTUARY_CACHE_DIR": str(cache)}
        env.pop("SANCTUARY_DATA_DIR", None)
        if args.src is not None:
            env["PYTHONPATH"] = str(args.src.resolve())
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = work / "data"
            subprocess.run([*launcher, "atlas", "build", "--out", str(data_dir / "atlas.db")], env=env,
                           check=True, capture_output=True)
        scenario = work / "scenario.json"
        scenario.write_text(json.dumps(SCENARIO))
        wanted = {s.strip() for s in args.only.split(",") if s.strip()}
        results: dict[str, Any] = {}
        for label, argv in commands(data_dir, scenario).items():
            if wanted and label not in wanted:
                continue
            out = work / "hf.json"
            command = shlex.join([*launcher, *argv])
            hf = ["hyperfine", "-N", "--warmup", str(args.warmup), "--runs", str(args.runs), "--export-json",
                  str(out), "--output", "null"]
            if args.cold:
                hf += ["--prepare", f"rm -rf {shlex.quote(str(cache))}"]
                hf.remove("-N")  # --prepare runs through a shell
            subprocess.run([*hf, command], env=env, check=True, capture_output=True)
            r = json.loads(out.read_text())["results"][0]
            results[label] = {"mean_s": round(r["mean"], 3), "min_s": round(r["min"], 3),
                              "max_s": round(r["max"], 3), "cpu_s": round(r["user"] + r["system"], 3)}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'command':44} {'mean':>8} {'min':>8} {'max':>8} {'CPU':>8}")
    for label, r in results.items():
        print(f"{label:44} {r['mean_s']:8.3f} {r['min_s']:8.3f} {r['max_s']:8.3f} {r['cpu_s']:8.3f}")


if __name__ == "__main__":
    main()
