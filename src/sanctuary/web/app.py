"""The application factory: ``create_app(settings) -> FastAPI``."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from sanctuary.atlas import web as atlas_web
from sanctuary.audit import api as audit_api
from sanctuary.audit import public as audit_public
from sanctuary.collector import web as collector_web
from sanctuary.db.session import RETRY_AFTER_SECONDS, DatabaseBusy
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError, ruleset_digest
from sanctuary.desk.lifecycle import AgainstLawError, RoleRefused, TransitionError, allowed_actions
from sanctuary.evidence import web as evidence_web
from sanctuary.forms import web as forms_web
from sanctuary.reports import web as reports_web
from sanctuary.settings import Settings
from sanctuary.transparency import web as transparency_web
from sanctuary.vault import web as vault_web
from sanctuary.web import account_api, account_pages, api, guide_pages, pages, profile
from sanctuary.web.auth import LoginRequired, require_roles
from sanctuary.web.deps import get_audit_log, read_session
from sanctuary.web.fast_path import FastCreate
from sanctuary.web.limits import BodyLimit, SafeErrors, where
from sanctuary.web.security import SecurityHeaders
from sanctuary.web.templating import STATIC_DIR, templates


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) if p != "" else '""' for p in loc]  # an empty key is named, not lost
    if len(parts) > 1 and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts)  # ("body",) alone: the body as a whole is wrong (e.g. null or a list)


def _error_of(error: dict[str, Any]) -> dict[str, str]:
    if error.get("type") == "json_invalid":  # loc is ("body", <character offset>): the body is what is wrong
        where = [p for p in error.get("loc", ()) if isinstance(p, int)]
        at = f" at character {where[0]}" if where else ""
        return {"field": "body", "message": f"not valid JSON{at}", "type": "json_invalid"}
    return {"field": _field_of(error.get("loc", ())), "message": error.get("msg", ""), "type": error.get("type", "")}


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # Field, message and type only: the submitted value is never echoed (nor logged).
    errors = [_error_of(e) for e in exc.errors()]
    first = errors[0] if errors else {"field": "", "message": "invalid input"}
    if _wants_html(request) or not request.url.path.startswith(("/api/", "/docs", "/openapi")):
        return templates.TemplateResponse(request, "error.html", {
            "status": 422, "user": None,
            "message": f"Check the field “{first['field']}”: {first['message']}"}, status_code=422)
    return JSONResponse(status_code=422, content={"error": "invalid_input", "field": first["field"],
                                                  "message": first["message"], "errors": errors})


async def _desk_input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DeskInputError)
    return JSONResponse(status_code=422, content=exc.to_dict())


busy_log = logging.getLogger("sanctuary.web")
_BUSY_SQLSTATES = {"55P03", "57014", "40P01", "53300"}  # lock timeout, statement timeout, deadlock, too many


def _is_busy(exc: BaseException) -> bool:
    if isinstance(exc, DatabaseBusy | sa_exc.TimeoutError | TimeoutError):
        return True
    if isinstance(exc, sa_exc.OperationalError | sa_exc.DBAPIError):
        orig = exc.orig
        code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        return code in _BUSY_SQLSTATES or "database is locked" in str(orig)
    return False


async def _busy(request: Request, exc: Exception) -> Response:
    """Every bounded wait that ran out: 503 with Retry-After, never a hang or a 500."""
    if not _is_busy(exc):
        raise exc
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""  # an error code, never a message
    busy_log.warning("busy (503): %s %s at %s", type(exc).__name__, code, where(exc))
    message = "The desk is busy; try again in a few seconds."
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if _wants_html(request):
        return templates.TemplateResponse(request, "error.html", {"status": 503, "message": message, "user": None},
                                          status_code=503, headers=headers)
    return JSONResponse(status_code=503, content={"error": "busy", "message": message,
                                                  "retry_after": RETRY_AFTER_SECONDS}, headers=headers)


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


# What FastAPI raises (as a bare 400) when a body cannot be decoded at all, e.g. bytes that are not UTF-8.
_UNPARSABLE_BODY = "There was an error parsing the body"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY and not _wants_html(request):
        return JSONResponse(status_code=400, content={
            "error": "invalid_input", "field": "body",
            "message": "the body could not be read: send a JSON object in UTF-8 (Content-Type: application/json)"})
    if _wants_html(request):
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": exc.detail,
                                                                  "user": None}, status_code=exc.status_code)
    return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail},
                        headers=getattr(exc, "headers", None))


def _include_routers(app: FastAPI) -> None:
    app.include_router(api.router)
    app.include_router(account_api.router)
    app.include_router(pages.router)
    app.include_router(reports_web.router)
    app.include_router(collector_web.router)
    app.include_router(account_pages.router)
    app.include_router(audit_api.build_router(require_roles, read_session, get_audit_log))
    # The public checkpoint signs (one INSERT, autocommit on SQLite's read engine) only when one is due.
    app.include_router(audit_public.build_public_router(read_session, get_audit_log, read_session))
    app.include_router(profile.api)
    app.include_router(profile.pages)
    app.include_router(guide_pages.router)
    app.include_router(atlas_web.router)
    app.include_router(evidence_web.router)
    app.include_router(transparency_web.router)
    app.include_router(forms_web.router)
    app.include_router(vault_web.router)


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


HEALTH_TIMEOUT_SECONDS = 1.5


class DeskApp(FastAPI):
    """The desk's application: FastAPI, with one path answered before the middleware when it can be
    (:class:`sanctuary.web.fast_path.FastCreate`: ``POST /api/v1/requests``, the busiest call; it adds the
    security headers and answers errors as the middleware would)."""

    fast_create: FastCreate | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fast = self.fast_create
        if fast is not None and fast.handles(scope):
            scope["app"] = self
            await fast(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, ctx: DeskContext | None = None) -> FastAPI:
    """Build the desk. The database must already be migrated (``sanctuary serve`` does that first)."""
    settings = settings or Settings.from_env()
    desk = ctx or DeskContext.build(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        ruleset_digest()  # load the rule library now, not on the first request (decisions run on the loop)
        yield
        vault = getattr(app.state, "vault", None)
        if vault is not None:
            vault.close()
        if ctx is None:
            desk.close()

    app = DeskApp(
        title="Sanctuary request desk",
        version="0.1.0",
        description="Log, classify and decide requests from immigration authorities; every event is audited.",
        lifespan=lifespan,
        docs_url=None,  # served below from the app's own copy of Swagger UI (no CDN)
        redoc_url=None,
    )
    app.state.desk = desk
    # POST /api/v1/requests goes first to its fast path (sanctuary.web.fast_path), which passes on to the whole
    # application below everything it does not answer itself.
    app.fast_create = FastCreate(partial(FastAPI.__call__, app), desk_app=app)
    # Outermost last: SafeErrors, then the security headers, then the body limit.
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders, trusted_proxies=desk.settings.trusted_proxies)
    app.add_middleware(SafeErrors)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for busy in (DatabaseBusy, TimeoutError, sa_exc.TimeoutError, sa_exc.OperationalError):
        app.add_exception_handler(busy, _busy)
    app.add_exception_handler(DeskInputError, _desk_input_error)
    app.add_exception_handler(TransitionError, _transition_error)
    app.add_exception_handler(AgainstLawError, _against_law_error)
    app.add_exception_handler(RoleRefused, _permission_error)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    health_threads = anyio.CapacityLimiter(2)  # its own threads: busy handlers never delay the probe

    def database_answers() -> None:
        engine = desk.read_engine or desk.engine  # a read: never the write slot
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    @app.get("/healthz", tags=["health"], summary="Liveness and database check (answers within 2 s)")
    async def healthz() -> Response:
        try:
            with anyio.fail_after(HEALTH_TIMEOUT_SECONDS):
                await anyio.to_thread.run_sync(database_answers, limiter=health_threads, abandon_on_cancel=True)
        except Exception:
            return JSONResponse(status_code=503, content={"status": "busy"},
                                headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        return JSONResponse(content={"status": "ok"})

    @app.get("/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """The API documentation: Swagger UI served from the app itself (static/swagger-ui, Apache-2.0)."""
        return templates.TemplateResponse(request, "api_docs.html", {"openapi_url": app.openapi_url})

    _include_routers(app)
    return app
