"""Security headers on every response; pages and API answers holding case data are never cached.

Served over https (directly, or through a proxy in ``SANCTUARY_TRUSTED_PROXIES`` whose ``X-Forwarded-Proto``
says so: :func:`sanctuary.web.client.is_https`), every answer also carries HSTS: browsers then refuse plain
http to this host for a year.

A plain ASGI middleware (no BaseHTTPMiddleware): it only edits the response's start message.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctuary.web.client import is_https

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
BASE_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
CACHEABLE_PREFIXES = ("/static/", "/atlas")
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def needs(scope: Scope, trusted_proxies: tuple[str, ...] = ()) -> tuple[bool, bool]:
    """What the answer to ``scope`` needs besides :data:`BASE_HEADERS`: ``(hsts, no_store)``."""
    no_store = not str(scope.get("path", "")).startswith(CACHEABLE_PREFIXES)
    https = scope.get("scheme") == "https" or (
        bool(trusted_proxies) and is_https(Request(scope), trusted_proxies))
    return https, no_store


def with_security_headers(headers: list[tuple[bytes, bytes]], https: bool,
                          no_store: bool) -> list[tuple[bytes, bytes]]:
    """``headers`` (a response's own, kept) followed by every security header it does not set itself."""
    present = {name.lower() for name, _ in headers}
    headers.extend(h for h in BASE_HEADERS if h[0] not in present)
    if https and HSTS[0] not in present:
        headers.append(HSTS)
    if no_store and b"cache-control" not in present:
        headers.append((b"cache-control", b"no-store"))
    return headers


class SecurityHeaders:
    def __init__(self, app: ASGIApp, trusted_proxies: tuple[str, ...] = ()) -> None:
        self.app = app
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https, no_store = needs(scope, self.trusted_proxies)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(list(message.get("headers", [])), https, no_store)
            await send(message)

        await self.app(scope, receive, send_with_headers)
