"""``POST /api/v1/requests`` without FastAPI's routing and dependency machinery, when everything is in order.

The desk's busiest call spent as much of its CPU time in the framework around it (matching ~20 mounted
routers, the exception and exit-stack middlewares, building a ``Request``, solving the role dependency and the
body parameter, the response class) as in logging and deciding the request. :class:`FastCreate` is the
outermost layer of the application (:class:`sanctuary.web.app.DeskApp` hands it this one path before any
middleware), and answers the call itself only when the outcome is certain to be the 201 the route would give:

* the bearer token is in the desk's token cache (checked like every call: :mod:`sanctuary.desk.token_cache`)
  and its user has a case role;
* the body is JSON (``Content-Type: application/json``) that the route's own body field accepts: parsed to
  the values the route's ``json.loads`` gives, and the same pydantic validation FastAPI runs
  (``APIRoute.body_field``), so the values are the ones the route would get;
* :func:`sanctuary.desk.cases.prepare_request` (deciding; no database, no side effect) does not raise.

* the body is within the API's size limit (declared and received: :data:`sanctuary.web.limits.API_MAX_BYTES`).

Anything else is passed on, untouched, to the whole application, middleware and all (the request's body
replayed to it), whose route answers exactly as before: 401, 403, 422 naming the field, 400, 413. Once the
write is submitted, an error is answered by the application's own exception handlers (a busy database: 503; an
unknown assignee: 422), and an unhandled one as :class:`sanctuary.web.limits.SafeErrors` answers it (a plain
500, logged without its message). Every answer of its own carries the security headers the middleware it
skips would add: the 201's are added by :func:`sanctuary.web.security.with_security_headers` (the function
:class:`sanctuary.web.security.SecurityHeaders` itself uses), an error's by that middleware class. The route
stays registered: it documents the endpoint in the OpenAPI document (``/docs``, Schemathesis) and answers the
calls passed on. The 201 is sent only after the group commit's COMMIT returned
(:func:`sanctuary.web.api.log_prepared`).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import msgspec
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette._utils import is_async_callable
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctuary.desk import access, cases
from sanctuary.desk.context import DeskContext
from sanctuary.desk.passwords import token_hash
from sanctuary.desk.schemas import CreateRequest
from sanctuary.web.limits import API_MAX_BYTES, SafeErrors, log_unhandled
from sanctuary.web.security import SecurityHeaders, needs, with_security_headers

PATH = "/api/v1/requests"
# The body, parsed by msgspec (several times faster than ``json.loads``). A body msgspec refuses that ``json``
# would take (``NaN``, integers past 64 bits, lone surrogates) is passed on to the route, which parses it with
# ``json`` as it always has; for the rest both give the same values (test_fast_path_decodes_as_json_does).
_decode = msgspec.json.Decoder().decode
JSON_TYPES = (b"application/json", b"application/json; charset=utf-8", b"application/json;charset=utf-8")


def _bearer(value: bytes) -> str | None:
    """The token of an ``Authorization: Bearer`` header, read as :func:`sanctuary.web.auth._bearer` reads it."""
    scheme, _, token = value.decode("latin-1").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def created_body(content: dict[str, Any], decision_json: bytes) -> bytes:
    """The 201's body: the JSON :class:`sanctuary.web.responses.CompactJSONResponse` sends for ``content``, with
    its ``decision`` written from the canonical JSON already made for the decision's hash (the same value, its
    keys sorted) instead of being serialized again."""
    head = msgspec.json.encode({key: value for key, value in content.items() if key != "decision"})
    if "decision" not in content:
        return head
    return (head[:-1] + b"," if head != b"{}" else b"{") + b'"decision":' + decision_json + b"}"


def _within_limit(length: bytes | None) -> bool:
    """A declared ``Content-Length`` the API's body limit accepts (none declared: counted as it arrives)."""
    if length is None:
        return True
    try:
        return int(length) <= API_MAX_BYTES
    except ValueError:
        return False


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives the messages already read, then reads on."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


class FastCreate:
    def __init__(self, app: ASGIApp, desk_app: FastAPI) -> None:
        self.app = app
        self.desk_app = desk_app
        self._body_field: Any = None
        self._found = False

    def _field(self) -> Any:
        """The route's body field (``None``: no such route, so every call is passed on)."""
        if not self._found:
            from sanctuary.web import api

            route = next((r for r in api.router.routes if isinstance(r, APIRoute) and r.path == PATH
                          and "POST" in (r.methods or ())), None)
            self._body_field = route.body_field if route is not None else None
            self._found = True
        return self._body_field

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.handles(scope):
            await self.app(scope, receive, send)
            return
        content_type = authorization = length = None
        for name, value in scope["headers"]:
            if name == b"content-type" and content_type is None:
                content_type = value
            elif name == b"authorization" and authorization is None:
                authorization = value
            elif name == b"content-length" and length is None:
                length = value
        ctx: DeskContext | None = getattr(self.desk_app.state, "desk", None)
        token = _bearer(authorization) if authorization is not None else None
        field = self._field()
        user = ctx.tokens.get(token_hash(token)) if ctx is not None and token is not None else None
        if (user is None or user.role not in access.CASE_ROLES or field is None or content_type is None
                or content_type.lower() not in JSON_TYPES or not _within_limit(length)):
            await self.app(scope, receive, send)
            return
        assert ctx is not None
        messages: list[Message] = []
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                await self.app(scope, _replay(messages, receive), send)  # a disconnect: as the route would see it
                return
            chunk = message.get("body", b"")
            chunks.append(chunk)
            received += len(chunk)
            if received > API_MAX_BYTES:  # the body limit of the middleware answers (413), as before
                await self.app(scope, _replay(messages, receive), send)
                return
            if not message.get("more_body", False):
                break
        prepared = self._prepare(ctx, user, b"".join(chunks), field)
        if prepared is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        await self._write(ctx, prepared, scope, _replay(messages, receive), send)

    @staticmethod
    def handles(scope: Scope) -> bool:
        """Whether a call is the one this fast path may answer (``POST /api/v1/requests``)."""
        return bool(scope["type"] == "http" and scope["path"] == PATH and scope["method"] == "POST")

    async def _write(self, ctx: DeskContext, prepared: cases.Prepared, scope: Scope, receive: Receive,
                     send: Send) -> None:
        from sanctuary.web.api import log_prepared

        proxies = ctx.settings.trusted_proxies
        https, no_store = needs(scope, proxies)  # before the write: once it is committed, only sending is left
        try:
            content = await log_prepared(ctx, prepared)
            body = created_body(content, prepared.decision_bytes)
        except Exception as exc:
            # Answered through the two layers of the middleware an error answer needs: the security headers,
            # and a plain 500 for what no handler answers.
            failed = SafeErrors(SecurityHeaders(partial(self._answer_error, exc), proxies))
            try:
                await failed(scope, receive, send)
            finally:
                # exc -> its traceback -> this frame -> failed -> exc: a cycle that would keep ``prepared`` (the
                # person's fields in clear) alive until the cyclic collector runs. Broken here, at once.
                exc.__traceback__ = None
            return
        headers = [(b"content-length", str(len(body)).encode("latin-1")), (b"content-type", b"application/json")]
        try:
            await send({"type": "http.response.start", "status": 201,
                        "headers": with_security_headers(headers, https, no_store)})
            await send({"type": "http.response.body", "body": body})
        except Exception as exc:  # the connection failed us: logged as SafeErrors logs it; nothing more can be sent
            log_unhandled(exc)

    async def _answer_error(self, exc: Exception, scope: Scope, receive: Receive, send: Send) -> None:
        """An error once the write was submitted, answered by the application's handler for it, as from the
        route (none: raised, for :class:`SafeErrors`)."""
        handler = self._handler(exc)
        if handler is None:
            raise exc
        request = Request(scope, receive)
        if is_async_callable(handler):
            response = await handler(request, exc)
        else:
            response = await run_in_threadpool(handler, request, exc)
        await response(scope, receive, send)

    @staticmethod
    def _prepare(ctx: DeskContext, user: Any, raw: bytes, field: Any) -> cases.Prepared | None:
        """The decided request, or None if the route would answer anything but a 201 before writing."""
        if not raw:
            return None
        try:
            value, errors = field.validate(_decode(raw), {}, loc=("body",))
            if errors or not isinstance(value, CreateRequest):
                return None
            return cases.prepare_request(ctx, user, value.request, value.intake)
        except Exception:  # the route runs the same steps again and answers (or raises) as it always has
            return None

    def _handler(self, exc: Exception) -> Any:
        handlers = self.desk_app.exception_handlers
        for cls in type(exc).__mro__:
            if cls in handlers:
                return handlers[cls]
        return None
