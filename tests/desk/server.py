"""Run ``sanctuary`` commands and ``sanctuary serve`` as real subprocesses on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CLI = [sys.executable, "-c", "from sanctuary.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env_for(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SANCTUARY_")}
    env["SANCTUARY_DATA_DIR"] = str(data_dir)
    if database_url:
        env["SANCTUARY_DATABASE_URL"] = database_url
    return env


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120,
                          check=False)


def create_account(env: dict[str, str], username: str, role: str, password: str) -> str:
    """Create a user and an API token through the CLI; returns the token (the command's last line)."""
    made = cli(env, "users", "create", "--username", username, "--role", role, "--password-stdin",
               stdin=password + "\n")
    assert made.returncode == 0, made.stderr
    token = cli(env, "tokens", "create", "--username", username)
    assert token.returncode == 0, token.stderr
    return token.stdout.strip().splitlines()[-1]


@contextmanager
def served(env: dict[str, str], port: int, *extra: str) -> Iterator[subprocess.Popen[str]]:
    """``sanctuary serve`` on 127.0.0.1:port; waits until /healthz answers; stopped (TERM, then KILL) after."""
    process = subprocess.Popen([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), *extra], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_healthy(port, process)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def wait_healthy(port: int, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}: {output}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not become healthy")
