"""The application factory: ``create_app(settings) -> FastAPI``."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sanctuary.atlas import web as atlas_web
from sanctuary.audit import api as audit_api
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError, ruleset_digest
from sanctuary.desk.lifecycle import AgainstLawError, RoleRefused, TransitionError, allowed_actions
from sanctuary.settings import Settings
from sanctuary.web import api, guide_pages, pages, profile
from sanctuary.web.auth import LoginRequired, require_roles
from sanctuary.web.deps import db_session, get_audit_log, get_ctx
from sanctuary.web.security import SecurityHeaders
from sanctuary.web.templating import STATIC_DIR, templates


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": _field_of(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    first = errors[0] if errors else {"field": "", "message": "invalid input"}
    return JSONResponse(status_code=422, content={"error": "invalid_input", "field": first["field"],
                                                  "message": first["message"], "errors": errors})


async def _desk_input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DeskInputError)
    return JSONResponse(status_code=422, content=exc.to_dict())


def _refusal(request: Request, status: int, body: dict[str, Any]) -> Response:
    if _wants_html(request):
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": body["message"],
                                                                  "user": None}, status_code=status)
    return JSONResponse(status_code=status, content=body)


async def _transition_error(request: Request, exc: Exception) -> Response:
    """A move the request's life does not allow (sanctuary.desk.lifecycle): 409, saying what is possible."""
    assert isinstance(exc, TransitionError)
    return _refusal(request, 409, {"error": "conflict", "status": exc.status, "action": exc.action,
                                   "message": exc.message, "allowed_actions": list(allowed_actions(exc.status))})


async def _against_law_error(request: Request, exc: Exception) -> Response:
    """A final decision against the law without counsel (403) or without a written reason (422)."""
    assert isinstance(exc, AgainstLawError)
    status = 403 if exc.forbidden_role else 422
    return _refusal(request, status, {"error": "against_law", "field": exc.field, "message": exc.message})


async def _permission_error(request: Request, exc: Exception) -> Response:
    return _refusal(request, 403, {"error": "forbidden", "message": str(exc)})


async def _login_required(request: Request, exc: Exception) -> Response:
    return RedirectResponse(url="/login", status_code=303)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _wants_html(request):
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": exc.detail,
                                                                  "user": None}, status_code=exc.status_code)
    return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail},
                        headers=getattr(exc, "headers", None))


def _include_routers(app: FastAPI) -> None:
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(profile.api)
    app.include_router(profile.pages)
    app.include_router(guide_pages.router)
    app.include_router(audit_api.build_router(require_roles, db_session, get_audit_log))
    app.include_router(atlas_web.router)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` and ``sanctuary serve --workers N``: settings from the environment."""
    app = create_app(Settings.from_env())
    settle_heap()
    return app


def settle_heap() -> None:
    """For a server process, once everything long-lived is loaded (rule library, app, routes): load the engine,
    collect, and move what survives out of the garbage collector's sight (``gc.freeze``). Otherwise every
    full collection walks those objects again; under load that cost ~0.1 ms per request."""
    ruleset_digest()
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None, ctx: DeskContext | None = None) -> FastAPI:
    """Build the desk. The database must already be migrated (``sanctuary serve`` does that first)."""
    settings = settings or Settings.from_env()
    desk = ctx or DeskContext.build(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        ruleset_digest()  # load the rule library now, not on the first request (decisions run on the loop)
        yield
        if ctx is None:
            desk.close()

    app = FastAPI(
        title="Sanctuary request desk",
        version="0.1.0",
        description="Log, classify and decide requests from immigration authorities; every event is audited.",
        lifespan=lifespan,
        docs_url=None,  # served below from the app's own copy of Swagger UI (no CDN)
        redoc_url=None,
    )
    app.state.desk = desk
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DeskInputError, _desk_input_error)
    app.add_exception_handler(TransitionError, _transition_error)
    app.add_exception_handler(AgainstLawError, _against_law_error)
    app.add_exception_handler(RoleRefused, _permission_error)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", tags=["health"], summary="Liveness and database check")
    def healthz(request: Request) -> dict[str, Any]:
        from sqlalchemy import text

        with get_ctx(request).engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok"}

    @app.get("/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """The API documentation: Swagger UI served from the app itself (static/swagger-ui, Apache-2.0)."""
        return templates.TemplateResponse(request, "api_docs.html", {"openapi_url": app.openapi_url})

    _include_routers(app)
    return app
