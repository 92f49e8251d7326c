"""The client's address, believing ``X-Forwarded-For`` only from configured proxies.

``SANCTUARY_TRUSTED_PROXIES`` lists the reverse proxies (addresses or networks) in front of the desk. When the
connection comes from one of them, the client is the right-most address of ``X-Forwarded-For`` that is not
itself a trusted proxy (each proxy appends the address it saw, so addresses left of that were written by the
client and can be anything). From any other peer, or with no proxies configured, the header is ignored and
the client is the connection's peer: a client cannot pick its own address by sending the header.

The address is only ever used under a keyed hash (login throttling); it is never stored or logged.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from functools import lru_cache

from starlette.requests import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request, trusted_proxies: tuple[str, ...]) -> str:
    peer = request.client.host if request.client else "unknown"
    networks = _networks(trusted_proxies)
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop[:64]
    return hops[0][:64] if hops else peer


def is_https(request: Request, trusted_proxies: tuple[str, ...]) -> bool:
    """The request reached the desk over https: directly, or through a trusted proxy that says so."""
    if request.url.scheme == "https":
        return True
    peer = request.client.host if request.client else ""
    networks = _networks(trusted_proxies)
    return bool(networks) and _trusted(peer, networks) and \
        request.headers.get("x-forwarded-proto", "").strip().lower() == "https"
