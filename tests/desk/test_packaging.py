"""Issue 8, item 12: a plain `pip install 'sanctuary-city[postgres]'` runs the desk on PostgreSQL.

CI proves it end to end (.ci/wheel_smoke.sh builds the wheel, installs it without development extras into a
clean venv and runs the desk against PostgreSQL). These checks catch the same mistakes early: a module the
package imports that no runtime dependency provides, a missing `postgres` extra, a CI that skips the step."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "sanctuary"


def _name(requirement: str) -> str:
    return re.split(r"[\[=<>!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]  # type: ignore[no-any-return]


def test_postgres_extra_brings_the_driver() -> None:
    extras = _project()["optional-dependencies"]
    assert isinstance(extras, dict)
    assert [_name(r) for r in extras["postgres"]] == ["psycopg"]
    assert any(r.startswith("psycopg[binary]==") for r in extras["postgres"])  # pinned, with its C build


def _imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [])
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_a_runtime_dependency() -> None:
    project = _project()
    runtime = {_name(r) for r in project["dependencies"]}  # type: ignore[attr-defined]
    postgres = {_name(r) for r in project["optional-dependencies"]["postgres"]}  # type: ignore[index]
    # The `evidence` extra (pandas, pyfixest, scipy) serves only the evidence build, which imports it inside
    # its commands; the web pages read the stored results without it (test below).
    evidence = {_name(r) for r in project["optional-dependencies"]["evidence"]}  # type: ignore[index]
    distributions = importlib.metadata.packages_distributions()
    missing = {}
    for module, where in _imports().items():
        if module in sys.stdlib_module_names or module == "sanctuary":
            continue
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        allowed = runtime | postgres | (evidence if all(w.startswith("src/sanctuary/evidence/") for w in where)
                                        else set())
        if not dists & allowed:
            missing[module] = sorted(where)[:3]
    assert missing == {}, f"imported by the package but not a runtime dependency: {missing}"


def test_ci_runs_the_wheel_smoke_before_the_tests() -> None:
    run = (ROOT / ".ci" / "run").read_text()
    assert run.index(".ci/wheel_smoke.sh") < run.index("make test")
    smoke = (ROOT / ".ci" / "wheel_smoke.sh").read_text()
    assert '"${wheel}[postgres]"' in smoke and "[dev]" not in smoke
    for step in ("db migrate", "users create", "tokens create", "serve", "/api/v1/requests", "audit verify"):
        assert step in smoke, step


def test_the_app_and_cli_start_without_the_evidence_extra() -> None:
    """The evidence extra's heavy modules are imported only by the evidence build, never by the web app."""
    import subprocess

    code = ("import sys, sanctuary.web.app, sanctuary.evidence.web, sanctuary.cli; "
            "bad = [m for m in ('pandas', 'pyfixest', 'scipy') if m in sys.modules]; "
            "sys.exit(f'imported at start-up: {bad}' if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr or done.stdout
