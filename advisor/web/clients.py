"""Who a client is, for the per-client limits: its API key when it sends a valid one, else its address.

Addresses are what uvicorn reports (``X-Forwarded-For`` only from proxies uvicorn trusts). An IPv6
client is keyed by its /64: one host is routinely given a whole /64, so keying by the full
address would give it 2**64 buckets. An IPv4-mapped IPv6 address is its IPv4 address.
"""

from __future__ import annotations

import ipaddress

from starlette.datastructures import Headers
from starlette.types import Scope

from advisor.web.keys import KeyCheck

IPV6_PREFIX = 64


def address_key(host: str) -> str:
    """``2001:db8::1`` → ``2001:db8::/64``; IPv4 and names as they are."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_PREFIX), strict=False))
    return str(ip)


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return address_key(client[0]) if client else "unknown"


class ClientIds:
    """``client_id(scope)``: ``key:<digest>`` for a request with a valid API key, else its address key.
    Only a valid key counts: with keys off, made-up keys would otherwise each get fresh limits."""

    def __init__(self, keys: KeyCheck) -> None:
        self.keys = keys

    def __call__(self, scope: Scope) -> str:
        return (self.keys.required and self.keys.key_id(Headers(scope=scope))) or client_address(scope)
