"""Request bodies are bounded before they are read whole, and errors never write input to a log.

:class:`BodyLimit` answers 413 at once when ``Content-Length`` is over the limit, and stops a body sent
without one (chunked) as soon as it passes the limit, before anything has parsed it. Limits: 1 MB for JSON and
plain forms; for multipart forms (uploads) the document limit plus 1 MB for the other fields.

:class:`SafeErrors` is the outermost layer: an exception that no handler answered becomes a plain 500, and
the log gets the exception's type and the code locations it passed through, never its message (which can
quote the input: a database error's parameters, a validation error's value) and never local variables.
"""

from __future__ import annotations

import json
import logging
import traceback

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctuary.desk.documents import MAX_BYTES as DOCUMENT_MAX_BYTES

API_MAX_BYTES = 1024 * 1024
UPLOAD_MAX_BYTES = DOCUMENT_MAX_BYTES + 1024 * 1024
log = logging.getLogger("sanctuary.web")


def limit_for(scope: Scope) -> int:
    headers = dict(scope.get("headers") or [])
    content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
    if content_type.startswith("multipart/form-data") and not str(scope.get("path", "")).startswith("/api/"):
        return UPLOAD_MAX_BYTES
    return API_MAX_BYTES


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


async def _send_413(scope: Scope, send: Send, limit: int) -> None:
    message = f"The request body is larger than {_megabytes(limit)}."
    wants_json = str(scope.get("path", "")).startswith("/api/")
    if wants_json:
        body = json.dumps({"error": "body_too_large", "message": message, "limit_bytes": limit}).encode()
        content_type = b"application/json"
    else:
        body = (f"<!doctype html><html lang=en><title>Too large</title><h1>Too large</h1><p role=alert>{message} "
                f"Documents may be up to {_megabytes(DOCUMENT_MAX_BYTES)}.</p>").encode()
        content_type = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = limit + 1
            if declared > limit:
                await _send_413(scope, send, limit)
                return
        received = 0
        started = refused = False

        async def bounded_receive() -> Message:
            # Over the limit: answer 413 now and tell the app the client is gone (it stops reading; whatever
            # it answers afterwards is dropped).
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not started:
                        await _send_413(scope, send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, tracking_send)
        except ClientDisconnect:
            if not refused:
                raise


def where(exc: BaseException) -> str:
    """Where it happened: the innermost frame and the desk's own frames, innermost first (file:line name)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames[:-1] if "/sanctuary/" in f.filename][-8:]
    return " <- ".join(f"{'/'.join(f.filename.rsplit('/', 2)[-2:])}:{f.lineno} {f.name}"
                       for f in reversed([*ours, *frames[-1:]]))


def log_unhandled(exc: BaseException) -> None:
    """Log an exception no handler answered: its type and where, never its message (it may quote input)."""
    log.error("unhandled %s at %s", type(exc).__name__, where(exc))


class SafeErrors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # everything no handler answered: logged without its message
            log_unhandled(exc)
            if started:
                return
            body = b"Internal error: it has been logged (without what was submitted)."
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
