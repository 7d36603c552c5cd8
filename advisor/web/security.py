"""Who may embed or call the app: one origin allowlist for CORS and CSP ``frame-ancestors``.

Allowed: the app's own origin (its Host, which ``HostGuard`` has checked), the origin of
``settings.public_url``, ``settings.allowed_origins`` (``ADVISOR_ALLOWED_ORIGINS``), and
``http://localhost:*`` and ``http://127.0.0.1:*`` only in development: while the app binds a
loopback address, or with ``ADVISOR_LOOPBACK_ORIGINS=true`` (a production app on 0.0.0.0 would
otherwise let any local page, or any program serving one on the user's machine, call it). Entries
are CSP-style origins: ``https://example.com``, ``https://*.example.com``, ``http://host:*``.

``OriginGuard`` wraps the whole app, the mounted Gradio app included:

- a CORS preflight is answered here (Gradio never sees one): allowed → 204, otherwise → 403;
- a request with an ``Origin`` that is not allowed is refused with 403 before it does anything
  when it is not a plain GET, or when it calls an API (``/api/``, Gradio's ``/gradio_api/``):
  a "simple" cross-site POST would otherwise run even though the browser hides the answer;
- every response says ``Vary: Origin`` and loses the ``Access-Control-*`` headers an inner app
  set (Gradio's own CORS middleware allows any origin when the host is not localhost) and gets
  ours only for an allowed origin;
- every response without a CSP gets ``frame-ancestors`` with the same list, so a page on any
  other origin cannot frame ``/embed`` or the chat page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.errors import ConfigError
from advisor.settings import Settings
from advisor.web.errors import error_response
from advisor.web.hosts import is_loopback

log = logging.getLogger(__name__)

LOOPBACK_ORIGINS = ("http://localhost:*", "http://127.0.0.1:*")
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
API_PREFIXES = ("/api/", "/gradio_api/", "/v1/")
SAFE_METHODS = ("GET", "HEAD")
ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = {"content-type", "x-api-key", "authorization", "accept", "last-event-id"}


@dataclass(frozen=True)
class OriginPattern:
    """One allowlist entry: a scheme, a host (``*.`` prefix = any subdomain) and a port (``*`` = any)."""

    scheme: str
    host: str
    port: str | None

    @classmethod
    def parse(cls, text: str) -> OriginPattern:
        raw = text.strip().rstrip("/")
        scheme, sep, rest = raw.partition("://")
        if not sep or scheme.lower() not in DEFAULT_PORTS or not rest or any(c in rest for c in "/?#@"):
            raise ConfigError(f"ADVISOR_ALLOWED_ORIGINS: {text!r} is not an origin like https://example.com, "
                              "https://*.example.com or http://localhost:*")
        host, port = rest, ""
        if rest.startswith("["):  # IPv6 literal
            host, _, tail = rest[1:].partition("]")
            port = tail.removeprefix(":")
        elif ":" in rest:
            host, port = rest.rsplit(":", 1)
        if not host or (port and port != "*" and not port.isdigit()):
            raise ConfigError(f"ADVISOR_ALLOWED_ORIGINS: bad host or port in {text!r}")
        return cls(scheme.lower(), host.lower(), port or None)

    def matches(self, scheme: str, host: str, port: int) -> bool:
        if scheme != self.scheme:
            return False
        if self.host.startswith("*."):
            if not host.endswith(self.host[1:]) or host == self.host[2:]:
                return False
        elif host != self.host:
            return False
        if self.port == "*":
            return True
        return port == (int(self.port) if self.port else DEFAULT_PORTS[scheme])

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + (f":{self.port}" if self.port else "")


def split_origin(origin: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an Origin header, or None for ``null`` and anything malformed."""
    try:
        parts = urlsplit(origin)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if not host or port is None or parts.path not in ("", "/"):
        return None
    return scheme, host, port


def loopback_origins(settings: Settings) -> bool:
    """Local pages may call us: as set, else only while we bind a loopback address (development)."""
    return settings.loopback_origins if settings.loopback_origins is not None else is_loopback(settings.host)


class OriginPolicy:
    def __init__(self, patterns: list[OriginPattern], allow_any: bool = False) -> None:
        self.patterns = patterns
        self.allow_any = allow_any

    @classmethod
    def from_settings(cls, settings: Settings) -> OriginPolicy:
        entries = [*(LOOPBACK_ORIGINS if loopback_origins(settings) else ()), *settings.allowed_origins]
        if settings.public_url:
            parts = urlsplit(settings.public_url)
            entries.append(f"{parts.scheme}://{parts.netloc}")
        allow_any = "*" in entries
        if allow_any:
            log.warning("ADVISOR_ALLOWED_ORIGINS contains '*': any site may embed and call the advisor")
        patterns = []
        for entry in entries:
            if entry != "*" and (p := OriginPattern.parse(entry)) not in patterns:
                patterns.append(p)
        return cls(patterns, allow_any)

    def frame_ancestors(self) -> str:
        return "frame-ancestors " + ("*" if self.allow_any else " ".join(["'self'", *map(str, self.patterns)]))

    def allows(self, origin: str, scope: Scope) -> bool:
        parsed = split_origin(origin)
        if parsed is None:
            return False
        if self.allow_any or same_origin(parsed, scope):
            return True
        return any(p.matches(*parsed) for p in self.patterns)


def same_origin(origin: tuple[str, str, int], scope: Scope) -> bool:
    """The Origin is the app's own: same host and port as the request was sent to."""
    host_header = Headers(scope=scope).get("host", "")
    own = split_origin(f"{scope.get('scheme', 'http')}://{host_header}")
    return own is not None and origin[1:] == own[1:]


class OriginGuard:
    """ASGI middleware applying an ``OriginPolicy`` to every request and response."""

    def __init__(self, app: ASGIApp, policy: OriginPolicy) -> None:
        self.app = app
        self.policy = policy
        self.frame_ancestors = policy.frame_ancestors()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        allowed = origin is not None and self.policy.allows(origin, scope)
        if scope["type"] == "websocket":
            if origin is not None and not allowed:
                log.info("refused a websocket from origin %s", origin)
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return

        method, path = scope["method"], scope["path"]
        if origin is not None and method == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin, allowed, headers)(scope, receive, send)
            return
        if origin is not None and not allowed and (method not in SAFE_METHODS or path.startswith(API_PREFIXES)):
            log.info("refused %s %s from origin %s", method, path, origin)
            await self._refusal(origin)(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._apply(message, origin if allowed else None)
            await send(message)

        await self.app(scope, receive, send_with_policy)

    def _apply(self, message: Message, allowed_origin: str | None) -> None:
        message["headers"] = [(k, v) for k, v in message.get("headers", [])
                              if not k.lower().startswith(b"access-control-")]
        out = MutableHeaders(scope=message)
        out.add_vary_header("Origin")  # with or without one, the CORS headers depend on it: caches must know
        if allowed_origin is not None:
            out["Access-Control-Allow-Origin"] = allowed_origin
            out["Access-Control-Expose-Headers"] = "Retry-After"
        if "content-security-policy" not in out:
            out["Content-Security-Policy"] = self.frame_ancestors
        out.setdefault("X-Content-Type-Options", "nosniff")

    def _preflight(self, origin: str, allowed: bool, headers: Headers) -> Response:
        if not allowed:
            log.info("refused a preflight from origin %s", origin)
            return self._refusal(origin)
        requested = [h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",")]
        return Response(status_code=204, headers={
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": ", ".join(h for h in requested if h in ALLOW_HEADERS),
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        })

    def _refusal(self, origin: str) -> Response:
        response = error_response(403, f"Origin {origin} may not use this advisor. Add it to ADVISOR_ALLOWED_ORIGINS.",
                                  "origin_not_allowed")
        response.headers["Content-Security-Policy"] = self.frame_ancestors
        response.headers["Vary"] = "Origin"
        return response
