"""Property-based fuzzing of every operation in the app's OpenAPI document with Schemathesis.

Each operation gets valid and invalid inputs generated from its schema (bodies, path and query parameters),
sent with a bearer token of a role that may use it (counsel for the desk and audit routes, an admin for
``/api/v1/users``), against a desk on SQLite that already holds requests to find, and the atlas pages over a
freshly built atlas. The property: never a 5xx, and every 4xx other than 401/403/404/405/409 says which input
was wrong (FastAPI's ``detail`` with a ``loc``, or the desk's ``field``). Bounded: ``FUZZ_EXAMPLES`` examples
per operation and generation mode (``SANCTUARY_FUZZ_EXAMPLES`` raises it for a longer run).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from sanctuary.atlas import build as atlas_build
from sanctuary.db.migrate import upgrade
from sanctuary.desk import accounts
from sanctuary.desk.context import DeskContext
from sanctuary.settings import Settings
from sanctuary.web.app import create_app
from tests.desk.conftest import PASSWORD, detainer_body

pytestmark = pytest.mark.slow

FUZZ_EXAMPLES = int(os.environ.get("SANCTUARY_FUZZ_EXAMPLES", "25"))
# Answers that need no field named: who you are, what you may see, what exists, what the state allows.
NO_FIELD_NEEDED = {401, 403, 404, 405, 409, 413, 429}


class Fuzzed:
    def __init__(self, app: Any, ctx: DeskContext, tokens: dict[str, str]) -> None:
        self.app, self.ctx, self.tokens = app, ctx, tokens


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    data = tmp_path_factory.mktemp("fuzz")
    config = Settings.for_data_dir(data)
    upgrade(config)
    ctx = DeskContext.build(config)
    app = create_app(config, ctx)
    atlas = data / "atlas.db"
    atlas_build.build(atlas)
    app.state.atlas_db = str(atlas)
    tokens: dict[str, str] = {}
    with ctx.sessions() as session:
        for role in ("counsel", "admin", "clerk"):
            user = accounts.create_user(ctx, session, f"fuzz-{role}", role, PASSWORD)
            tokens[role] = accounts.create_token(ctx, session, user)
        session.commit()
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        for _ in range(3):  # requests 1..3 exist, so path ids sometimes find one
            made = client.post("/api/v1/requests", json=detainer_body(),
                               headers={"Authorization": f"Bearer {tokens['clerk']}"})
            assert made.status_code == 201, made.text
    yield Fuzzed(app, ctx, tokens)
    ctx.close()


@pytest.fixture(scope="module")
def api_schema(fuzzed: Fuzzed) -> Any:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed.app)
    return schema


def _names_a_field(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    if isinstance(body.get("field"), str) and body["field"]:
        return True
    detail = body.get("detail")
    if isinstance(detail, str):  # "country: ':' is not one of us, ca"
        name, colon, _ = detail.partition(":")
        return bool(colon) and name.isidentifier()
    if isinstance(detail, dict):
        return _names_a_field(detail)
    if isinstance(detail, list) and detail:
        return all(isinstance(d, dict) and d.get("loc") for d in detail)
    return False


def check_answer(status: int, content_type: str, text: str, where: str, page: bool = False) -> None:
    """No 5xx; a 4xx from the API is JSON naming the field. Pages (``page``) answer people in HTML and are
    checked for the absence of server errors only."""
    assert status < 500, f"{where}: {status} {text[:500]}"
    if 400 <= status < 500 and status not in NO_FIELD_NEEDED and not (page and "html" in content_type):
        assert "json" in content_type, f"{where}: {status} without a JSON error body: {text[:200]}"
        assert _names_a_field(json.loads(text)), f"{where}: {status} names no field: {text[:500]}"


def _operations(api_schema: Any) -> list[Any]:
    return [result.ok() for result in api_schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_server_error_and_every_error_names_its_field(api_schema: Any, fuzzed: Fuzzed,
                                                          mode: GenerationMode) -> None:
    """Schemathesis's strategies driven by Hypothesis directly (its pytest plugin does not run on pytest 9)."""
    failures: list[str] = []
    unfuzzable: list[str] = []
    for operation in _operations(api_schema):
        role = "admin" if operation.path == "/api/v1/users" else "counsel"
        try:
            _fuzz(operation, mode, fuzzed.tokens[role])
        except Unsatisfiable:  # no invalid input exists (an operation without parameters or body)
            assert mode is GenerationMode.NEGATIVE, operation.path
            unfuzzable.append(f"{operation.method.upper()} {operation.path}")
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, "\n".join(failures)
    # Operations without parameters or body, or whose only parameter takes any text (/atlas/j/{jid}), have no
    # invalid input; every operation with a body has one, and is fuzzed with it.
    assert not [op for op in unfuzzable if op.split(" ", 1)[1].startswith("/api/v1/requests")], unfuzzable
    document = fuzzed.app.openapi()
    with_input = {f"{method.upper()} {path}" for path, methods in document["paths"].items()
                  for method, op in methods.items()
                  if op.get("requestBody") or any(p.get("in") == "query" and p.get("required")
                                                  for p in op.get("parameters", []))}
    assert not set(unfuzzable) & with_input, unfuzzable


def _fuzz(operation: Any, mode: GenerationMode, token: str) -> None:
    page = not operation.path.startswith("/api/")

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        content_type = " ".join(response.headers.get("content-type", []))
        check_answer(response.status_code, content_type, response.text,
                     f"{case.method} {case.formatted_path} query={case.query} body={str(case.body)[:300]}", page)

    run()


def test_the_fuzzer_reaches_every_operation(api_schema: Any) -> None:
    """The document lists the desk API, the audit API and the atlas; none is skipped for being unreadable."""
    operations = _operations(api_schema)
    paths = {op.path for op in operations}
    assert {"/api/v1/requests", "/api/v1/requests/{request_id}/final", "/api/v1/users",
            "/api/v1/audit/proofs/inclusion"} <= paths
    assert len(operations) >= 20


def test_helpers_judge_answers() -> None:
    check_answer(422, "application/json", json.dumps({"detail": [{"loc": ["body", "x"], "msg": "bad"}]}), "ok")
    check_answer(422, "application/json", json.dumps({"error": "invalid_input", "field": "request.date"}), "ok")
    check_answer(404, "text/html", "nothing here", "ok")
    check_answer(422, "text/html", "<p>a: unknown place</p>", "ok", page=True)
    check_answer(422, "application/json", json.dumps({"detail": "country: 'x' is not one of us, ca"}), "ok")
    with pytest.raises(AssertionError):
        check_answer(500, "text/plain", "boom", "server error")
    with pytest.raises(AssertionError):
        check_answer(422, "application/json", json.dumps({"detail": "bad input"}), "no field")
    with pytest.raises(AssertionError):
        check_answer(400, "text/plain", "bad", "not JSON")
    with pytest.raises(AssertionError):
        check_answer(422, "text/html", "<p>bad</p>", "an API answering in HTML")
    with pytest.raises(AssertionError):
        check_answer(503, "text/html", "<p>down</p>", "a page's server error", page=True)
