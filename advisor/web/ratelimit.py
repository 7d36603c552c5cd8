"""Per-client token buckets: ``rate_limit_per_minute`` requests a minute, bursts up to the same.

``RateLimiter.acquire(key)`` takes a token or says how long until one is free. The ASGI middleware
applies it to every route that costs work (429 with Retry-After): the chat and ``/v1`` answers,
``GET /api/wages``, ``GET /api/occupations``, feedback, and Gradio's uploads; the chat page's question and like handlers call
it directly. Clients are keyed by ``clients.ClientIds``: a valid API key, else the address (IPv6
by its /64).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from advisor.web.errors import error_response

log = logging.getLogger(__name__)

# route → the method that costs work (others are 405s, or free)
LIMITED_ROUTES = {"/api/chat": "POST", "/api/chat/stream": "POST", "/api/feedback": "POST", "/api/wages": "GET",
                 "/api/occupations": "GET",
                  "/gradio_api/upload": "POST"}
MAX_CLIENTS = 10_000


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, last refill time)
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float | None:
        """Take a token: None if granted, else the seconds until the next token."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                granted = True
            else:
                self._buckets[key] = (tokens, now)
                granted = False
            if len(self._buckets) > MAX_CLIENTS:
                self._forget_full(now)
        return None if granted else (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled completely: they are the same as new ones."""
        full_after = self.capacity / self.rate
        for key in [k for k, (_, last) in self._buckets.items() if now - last >= full_after]:
            del self._buckets[key]


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: RateLimiter, routes: dict[str, str],
                 client_id: Callable[[Scope], str]) -> None:
        self.app = app
        self.limiter = limiter
        self.routes = routes  # path → method
        self.client_id = client_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.routes.get(scope["path"]) == scope["method"]:
            key = self.client_id(scope)
            wait = self.limiter.acquire(key)
            if wait is not None:
                log.info("rate limit: %s must wait %.1f s", key, wait)
                response = error_response(429, f"Too many requests; try again in {max(1, round(wait))} s.",
                                          "rate_limited", retry_after=wait)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
