"""What the issue-8 safeguards cost: the key inventory's start-up check, handing out a checkpoint (sign, commit,
ledger append with fsync) against reusing a fresh one, the public checkpoint endpoint, a witness round, and the
password rule (zxcvbn).

Usage: ``.venv/bin/python benchmarks/security_bench.py [--n 200] [--json]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from sanctuary import keystore
from sanctuary.audit.keys import load_public_key
from sanctuary.audit.witness import witness
from sanctuary.db.migrate import upgrade
from sanctuary.desk.context import DeskContext
from sanctuary.desk.passwords import password_problem
from sanctuary.settings import Settings
from sanctuary.web.app import create_app


def timed(fn: Callable[[], Any], n: int) -> dict[str, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 3), "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.for_data_dir(Path(tmp) / "data")
        upgrade(settings)
        ctx = DeskContext.build(settings)
        results["key inventory check (start-up)"] = timed(lambda: keystore.prepare(settings, ctx.engine), args.n)

        def grow_and_hand_out() -> None:
            with ctx.sessions() as session:
                ctx.audit.append(session, "request.viewed", {"request_id": 1, "user_id": 1})
                session.commit()
                ctx.audit.hand_out(session)  # type: ignore[attr-defined]

        results["append + hand out a new checkpoint (sign, commit, ledger fsync)"] = timed(grow_and_hand_out, args.n)

        def reuse() -> None:
            with ctx.sessions() as session:
                ctx.audit.hand_out(session)  # type: ignore[attr-defined]

        results["hand out the current checkpoint again"] = timed(reuse, args.n)
        with TestClient(create_app(settings, ctx)) as client:
            results["GET /audit/checkpoint (fresh one reused)"] = timed(lambda: client.get("/audit/checkpoint"), args.n)
            key = Ed25519PrivateKey.generate()
            state = Path(tmp) / "witness.json"
            log_key = load_public_key(settings.public_key_path)

            def fetch(url: str) -> bytes:
                return client.get(url.removeprefix("http://desk")).content

            def round_() -> None:
                grow_and_hand_out()
                witness("http://desk/audit/checkpoint", state, key, "bench.example", log_key, fetch=fetch)

            results["witness round (log grew: consistency proof, co-sign, save)"] = timed(round_, max(args.n // 4, 10))
        ctx.close()
    for label, password in (("common", "password123"), ("passphrase", "plum orchard bicycle lantern"),
                            ("30 chars", "correct horse battery staple 1")):
        results[f"password rule, {label}"] = timed(lambda p=password: password_problem(p, "clerk1"), args.n)  # type: ignore[misc]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'measurement':70} {'p50 ms':>9} {'p99 ms':>9}")
    for label, row in results.items():
        print(f"{label:70} {row['p50_ms']:9.3f} {row['p99_ms']:9.3f}")


if __name__ == "__main__":
    main()
