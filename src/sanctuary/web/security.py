"""Security headers on every response; pages and API answers holding case data are never cached.

Served over https (directly, or through a proxy in ``SANCTUARY_TRUSTED_PROXIES`` whose ``X-Forwarded-Proto``
says so: :func:`sanctuary.web.client.is_https`), every answer also carries HSTS: browsers then refuse plain
http to this host for a year.

A plain ASGI middleware (no BaseHTTPMiddleware): it only edits the response's start message.
"""

from __future__ import annotations

from collections.abc import Iterable

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


class SecurityHeaders:
    def __init__(self, app: ASGIApp, trusted_proxies: tuple[str, ...] = ()) -> None:
        self.app = app
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, secured(scope, send, self.trusted_proxies))


def with_security_headers(headers: Iterable[tuple[bytes, bytes]], scope: Scope,
                          trusted_proxies: tuple[str, ...]) -> list[tuple[bytes, bytes]]:
    """A response's headers plus the security headers it does not set itself (HSTS over https; ``no-store``
    outside the cacheable prefixes)."""
    found = list(headers)
    present = {name.lower() for name, _ in found}
    found.extend(h for h in BASE_HEADERS if h[0] not in present)
    if HSTS[0] not in present and (scope.get("scheme") == "https" or (
            bool(trusted_proxies) and is_https(Request(scope), trusted_proxies))):
        found.append(HSTS)
    if b"cache-control" not in present and not str(scope.get("path", "")).startswith(CACHEABLE_PREFIXES):
        found.append((b"cache-control", b"no-store"))
    return found


def secured(scope: Scope, send: Send, trusted_proxies: tuple[str, ...]) -> Send:
    """``send``, adding the security headers to the response's start message."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = with_security_headers(message.get("headers", ()), scope, trusted_proxies)
        await send(message)

    return send_with_headers
