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

    The audit log's signing key may live elsewhere (``docs/security.md``): ``SANCTUARY_AUDIT_SIGNING_KEY`` is
    the path of its private key file; ``SANCTUARY_AUDIT_SIGN_COMMAND`` a command that signs on another host or
    an HSM (then ``SANCTUARY_AUDIT_PUBLIC_KEY`` names its public key). ``SANCTUARY_AUDIT_LEDGER`` is the
    record of every checkpoint handed out (default ``<data dir>/audit-checkpoints.jsonl``).
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
    audit_signing_key: Path | None = None
    audit_sign_command: str = ""
    audit_public_key: Path | None = None
    audit_ledger: Path | None = None
    token_days: int = 90

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
            audit_signing_key=_path(env.get("SANCTUARY_AUDIT_SIGNING_KEY")),
            audit_sign_command=env.get("SANCTUARY_AUDIT_SIGN_COMMAND") or "",
            audit_public_key=_path(env.get("SANCTUARY_AUDIT_PUBLIC_KEY")),
            audit_ledger=_path(env.get("SANCTUARY_AUDIT_LEDGER")),
            token_days=int(env.get("SANCTUARY_TOKEN_DAYS") or 90),
        )

    @classmethod
    def for_data_dir(cls, data_dir: Path, database_url: str | None = None) -> Settings:
        data_dir = data_dir.resolve()
        return cls(data_dir=data_dir, database_url=database_url or sqlite_url(data_dir))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def signing_key_path(self) -> Path:
        """The audit log's Ed25519 private key (PKCS#8 PEM)."""
        return self.audit_signing_key or self.data_dir / "audit-signing-key.pem"

    @property
    def public_key_path(self) -> Path:
        """The audit log's public key, for auditors and witnesses (beside the private key by default)."""
        if self.audit_public_key is not None:
            return self.audit_public_key
        return self.signing_key_path.with_suffix(".pub")

    @property
    def ledger_path(self) -> Path:
        return self.audit_ledger or self.data_dir / "audit-checkpoints.jsonl"

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self.data_dir


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser().resolve() if value else None


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
