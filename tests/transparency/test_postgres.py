"""The transparency counts on PostgreSQL (the latest-final-decision subquery, months in the agency's zone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desk import pg
from tests.transparency.conftest import CANARIES, make_desk

pytestmark = pytest.mark.postgres


def test_transparency_on_postgres(pg_server: pg.Server, tmp_path: Path) -> None:
    with pg.fresh_database(pg_server) as url:
        gen = make_desk(tmp_path, database_url=url, timezone="America/Chicago",
                        default_jurisdiction="us/il/cook-county")
        desk = next(gen)
        try:
            for n in range(6):
                # 1 February 03:00 UTC is still 31 January in Chicago.
                day = f"2026-01-{n + 5:02d}" if n else "2026-02-01"
                desk.log("detainer", "hold", day, "declined" if n < 5 else None, at="03:00:00")
            data = desk.client.get("/transparency/data.json").json()
            assert data["by_outcome"]["total"] == {"count": 6, "suppressed": False}
            # One pending (under k) and five declined: with the total published, both are withheld.
            assert data["by_outcome"]["cells"]["pending"] == {"count": None, "suppressed": True}
            assert data["by_outcome"]["cells"]["declined"] == {"count": None, "suppressed": True}
            assert data["by_outcome"]["cells"]["complied"] == {"count": 0, "suppressed": False}
            month = data["tables"]["by_month"]["rows"]
            assert [r["key"] for r in month] == ["2026-01"]
            text = desk.client.get("/transparency?lang=es").text + desk.client.get("/transparency/data.csv").text
            assert not any(c in text for c in CANARIES)
        finally:
            gen.close()
