"""What translation costs: loading a catalogue (the .po compiled in memory, as a fresh checkout or the wheel
does) and rendering the atlas pages in English, Spanish and French. Results in benchmarks/README.md.

    .venv/bin/python benchmarks/i18n_bench.py [ATLAS_DB]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sanctuary.atlas import build
from sanctuary.atlas.web import router
from sanctuary.i18n import catalogues


def _median_ms(fn: object, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    for loc in catalogues.LOCALES:
        catalogues.translations.cache_clear()
        t = time.perf_counter()
        catalogues.translations(loc)
        print(f"catalogue {loc}: {(time.perf_counter() - t) * 1000:.1f} ms to load (first use, .po in memory)")
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "atlas.db"
    if not db.exists():
        build.build(db)
    app = FastAPI()
    app.state.atlas_db = str(db)
    app.include_router(router)
    client = TestClient(app)
    for path in ("/atlas/j/us/tx/travis-county", "/atlas/compare?a=us/il/cook-county&b=ca/on/toronto",
                 "/atlas?view=detainer_holds", "/atlas/context"):
        row = []
        for lang in ("en", "es", "fr"):
            sep = "&" if "?" in path else "?"
            url = f"{path}{sep}lang={lang}"
            client.get(url)
            row.append(f"{lang} {_median_ms(lambda u=url: client.get(u), 15):.1f} ms")
        print(f"{path}: " + ", ".join(row))


if __name__ == "__main__":
    main()
