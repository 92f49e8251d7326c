"""Runtime settings, read from the environment once and passed explicitly to whatever needs them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = "./var"


@dataclass(frozen=True)
class Settings:
    """Where the desk keeps its data and how it talks to its database.

    ``SANCTUARY_DATA_DIR`` (default ``./var``) holds the SQLite database, the document master key, the
    audit signing key and the desk's secret. ``SANCTUARY_DATABASE_URL`` selects another database
    (``postgresql+psycopg://...``); the default is ``sqlite:///<data dir>/sanctuary.db``.
    """

    data_dir: Path
    database_url: str
    timezone: str = "UTC"
    default_jurisdiction: str = ""
    default_agency_kind: str = ""
    session_hours: int = 8
    grant_max_hours: int = 72
    throttle_window_seconds: int = 900
    # Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed (addresses or CIDR
    # networks, from SANCTUARY_TRUSTED_PROXIES, comma-separated). Empty: forwarded headers are ignored and
    # the client is the connection's peer.
    trusted_proxies: tuple[str, ...] = ()
    # The public transparency page's threshold: counts from 1 to k-1 are withheld (SANCTUARY_TRANSPARENCY_K).
    transparency_k: int = 5

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("SANCTUARY_DATA_DIR") or DEFAULT_DATA_DIR).resolve()
        url = env.get("SANCTUARY_DATABASE_URL") or sqlite_url(data_dir)
        return cls(
            data_dir=data_dir,
            database_url=url,
            timezone=env.get("SANCTUARY_TIMEZONE") or "UTC",
            default_jurisdiction=env.get("SANCTUARY_JURISDICTION") or "",
            default_agency_kind=env.get("SANCTUARY_AGENCY_KIND") or "",
            trusted_proxies=parse_proxies(env.get("SANCTUARY_TRUSTED_PROXIES") or ""),
            transparency_k=parse_k(env.get("SANCTUARY_TRANSPARENCY_K") or "5"),
        )

    @classmethod
    def for_data_dir(cls, data_dir: Path, database_url: str | None = None) -> Settings:
        data_dir = data_dir.resolve()
        return cls(data_dir=data_dir, database_url=database_url or sqlite_url(data_dir))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self.data_dir


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'sanctuary.db'}"


def parse_proxies(value: str) -> tuple[str, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> ``("127.0.0.1", "10.0.0.0/8")``; a malformed entry is an error naming it."""
    import ipaddress

    proxies = tuple(part.strip() for part in value.split(",") if part.strip())
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as exc:
            raise ValueError(f"SANCTUARY_TRUSTED_PROXIES: {proxy!r} is not an IP address or network") from exc
    return proxies


def parse_k(value: str) -> int:
    """``SANCTUARY_TRANSPARENCY_K``: a whole number from 2 to 1000 (1 would publish every count)."""
    try:
        k = int(value.strip())
    except ValueError:
        k = 0
    if not 2 <= k <= 1000:
        raise ValueError(f"SANCTUARY_TRANSPARENCY_K: {value!r} is not a whole number from 2 to 1000")
    return k
