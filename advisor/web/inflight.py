"""At most ``max_in_flight_per_client`` answers in flight per client; the next gets 429.

The model serves one answer at a time with a short queue behind it (``ADVISOR_LLM_QUEUE``), so one
client holding five requests open would fill it and every other user would get 503. Counting
open answers per client (``clients.ClientIds``: its key, else its address) keeps its share to a
few. The middleware covers the JSON and OpenAI chat routes (an answer is in flight until its
response, stream included, has been sent); the chat page's handler takes the same limiter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from advisor.web.errors import error_response

log = logging.getLogger(__name__)

RETRY_AFTER = 5  # seconds: about what a short answer takes


class InFlightLimiter:
    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self._open: dict[str, int] = {}
        self._lock = threading.Lock()

    def enter(self, key: str) -> bool:
        """Count one more answer for ``key``; False (and nothing counted) when it has its share open."""
        with self._lock:
            if self._open.get(key, 0) >= self.per_client:
                return False
            self._open[key] = self._open.get(key, 0) + 1
            return True

    def leave(self, key: str) -> None:
        with self._lock:
            left = self._open.get(key, 0) - 1
            if left > 0:
                self._open[key] = left
            else:
                self._open.pop(key, None)

    def message(self) -> str:
        return (f"You already have {self.per_client} question(s) being answered; wait for an answer "
                "before you ask the next.")


class InFlightMiddleware:
    def __init__(self, app: ASGIApp, limiter: InFlightLimiter, paths: tuple[str, ...],
                 client_id: Callable[[Scope], str]) -> None:
        self.app = app
        self.limiter = limiter
        self.paths = paths
        self.client_id = client_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        key = self.client_id(scope)
        if not self.limiter.enter(key):
            log.info("in-flight limit: %s already has %d answers open", key, self.limiter.per_client)
            response = error_response(429, self.limiter.message(), "too_many_in_flight", retry_after=RETRY_AFTER)
            await response(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.limiter.leave(key)
