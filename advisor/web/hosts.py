"""Which ``Host`` headers the app answers: the defence against DNS rebinding.

A page on ``attacker.example`` whose name is made to resolve to 127.0.0.1 talks to the app from
the browser as if it were its own origin: the ``Origin`` and the ``Host`` are both
``attacker.example``, so a same-origin test that trusts the Host lets it in. The browser cannot
forge the Host, so checking it against the names we serve closes that door.

Allowed: IP literals (a page whose address is an IP is not rebinding a name), ``localhost``,
``settings.host`` when it is a name, the host of ``settings.public_url``, the hosts of
``settings.allowed_origins`` (``*.example.com`` entries too), and ``settings.allowed_hosts``
(``ADVISOR_ALLOWED_HOSTS``; ``*`` switches the check off). Any other Host gets 400 before the
request reaches a route; a request without a Host header (HTTP/1.0) passes.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from advisor.settings import Settings
from advisor.web.errors import error_response

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("localhost",)


def ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1: an address only this machine can reach."""
    ip = ip_literal(host)
    return host.lower() in LOOPBACK_NAMES if ip is None else ip.is_loopback


def host_name(host_header: str) -> str:
    """The name of a Host header, without its port: ``[::1]:7860`` → ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostPolicy:
    def __init__(self, names: set[str], suffixes: set[str], allow_any: bool = False) -> None:
        self.names = names  # exact names
        self.suffixes = suffixes  # ".example.com" for a "*.example.com" origin
        self.allow_any = allow_any

    @classmethod
    def from_settings(cls, settings: Settings) -> HostPolicy:
        entries = [settings.host, *settings.allowed_hosts, *LOOPBACK_NAMES]
        if settings.public_url:
            entries.append(urlsplit(settings.public_url).hostname or "")
        for origin in settings.allowed_origins:
            if origin.strip() != "*":
                entries.append(host_name(origin.strip().rstrip("/").partition("://")[2]))
        names = {e.lower() for e in entries if e and not e.startswith("*")}
        suffixes = {e.lower()[1:] for e in entries if e.startswith("*.")}
        return cls(names, suffixes, allow_any="*" in settings.allowed_hosts)

    def allows(self, host_header: str) -> bool:
        host = host_name(host_header)
        if self.allow_any or ip_literal(host) is not None or host in self.names:
            return True
        return any(host.endswith(suffix) for suffix in self.suffixes)


class HostGuard:
    """ASGI middleware: a request whose Host the policy does not allow is refused with 400."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        host = Headers(scope=scope).get("host") if scope["type"] in ("http", "websocket") else None
        if host is None or self.policy.allows(host):
            await self.app(scope, receive, send)
            return
        log.info("refused a request for host %r", host[:100])
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        response = error_response(400, f"Host {host[:100]!r} is not served here. Add it to ADVISOR_ALLOWED_HOSTS.",
                                  "host_not_allowed")
        await response(scope, receive, send)
