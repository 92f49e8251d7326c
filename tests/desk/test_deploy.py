"""Issue 8, item 14: the shipped systemd unit is valid and starts commands that exist, with options they accept."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "systemd" / "sanctuary-desk.service"
INSTALLED = "/opt/sanctuary/venv/bin/sanctuary"


def _directives(section: str) -> list[tuple[str, str]]:
    current, out = "", []
    for raw in UNIT.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section:
            key, _, value = line.partition("=")
            out.append((key, value))
    return out


def _app() -> typer.Typer:
    from sanctuary import cli

    cli._register_subcommands()
    return cli.app


@pytest.mark.parametrize("key", ["ExecStartPre", "ExecStart"])
def test_unit_commands_exist_and_their_options_parse(key: str) -> None:
    [command] = [v for k, v in _directives("Service") if k == key]
    argv = shlex.split(command)
    assert argv[0] == INSTALLED
    group: Any = typer.main.get_command(_app())  # typer's own (vendored) click classes
    ctx = group.make_context("sanctuary", argv[1:])
    name, sub, rest = group.resolve_command(ctx, argv[1:])
    assert sub is not None, argv
    if hasattr(sub, "resolve_command"):  # a group such as `db`
        _, sub, rest = sub.resolve_command(sub.make_context(name or "", rest), rest)
        assert sub is not None
    sub.make_context(sub.name or "", rest)  # raises on an unknown option or a bad value


def test_unit_runs_as_its_own_user_with_a_private_state_dir() -> None:
    service = dict(_directives("Service"))
    assert service["User"] == "sanctuary" and service["UMask"] == "0077"
    assert service["StateDirectoryMode"] == "0700" and service["NoNewPrivileges"] == "yes"
    assert "--host 127.0.0.1" in service["ExecStart"]  # behind the TLS proxy, never exposed directly
    assert service["RestartPreventExitStatus"] == "2"  # a key problem is not retried in a loop


def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("systemd-analyze is required in CI (.ci/run installs systemd)")
        pytest.skip("systemd-analyze is not installed here (CI installs it)")
    sanctuary = Path(sys.executable).with_name("sanctuary")
    assert sanctuary.exists()
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text().replace(INSTALLED, str(sanctuary)))
    done = subprocess.run([tool, "verify", str(unit)], capture_output=True, text=True, timeout=60, check=False)
    warnings = [line for line in done.stderr.splitlines() if unit.name in line or "Unknown" in line]
    assert done.returncode == 0 and warnings == [], done.stderr
