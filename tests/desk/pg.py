"""A PostgreSQL server for the desk's tests.

``SANCTUARY_TEST_POSTGRES_URL`` (set by ``.ci/run``) names a running server; otherwise the tests start
Debian's PostgreSQL 15 themselves in a temporary directory (as the ``postgres`` OS user when run as root,
since postgres refuses to run as root). Each test gets a fresh database from pytest-postgresql's janitor.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from pytest_postgresql.janitor import DatabaseJanitor

PG_BIN = Path(os.environ.get("SANCTUARY_PG_BIN", "/usr/lib/postgresql/15/bin"))
ENV_URL = "SANCTUARY_TEST_POSTGRES_URL"


class PostgresUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str | None

    def url(self, dbname: str) -> str:
        auth = quote(self.user) + (f":{quote(self.password)}" if self.password else "")
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{dbname}"


def from_env() -> Server | None:
    url = os.environ.get(ENV_URL)
    if not url:
        return None
    parts = urlsplit(url)
    return Server(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "postgres", parts.password)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root and `runuser` is missing")
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextmanager
def local_server() -> Iterator[Server]:
    """Start a throw-away PostgreSQL on 127.0.0.1 and stop it afterwards."""
    if not (PG_BIN / "pg_ctl").exists():
        raise PostgresUnavailable(f"PostgreSQL binaries not found in {PG_BIN}")
    root = Path(tempfile.mkdtemp(prefix="sanctuary-pg-"))
    if os.geteuid() == 0:
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PostgresUnavailable("no `postgres` OS user to run the server as") from exc
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"
    port = _free_port()
    try:
        subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                     "-E", "UTF8", "--no-sync"]), check=True, capture_output=True, timeout=120)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off"
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                                     "-w", "-t", "60", "start"]), check=True, capture_output=True, timeout=90)
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"could not start PostgreSQL: {exc}") from exc
    try:
        yield Server("127.0.0.1", port, "postgres", None)
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=60, check=False)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(server: Server) -> Iterator[str]:
    """A new, empty database on ``server`` (dropped afterwards); yields its SQLAlchemy URL."""
    name = f"desk_{uuid.uuid4().hex[:12]}"
    janitor = DatabaseJanitor(user=server.user, host=server.host, port=server.port, dbname=name,
                              password=server.password)
    janitor.init()
    try:
        yield server.url(name)
    finally:
        janitor.drop()
