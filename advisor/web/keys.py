"""The API key check every route that reaches the advisor or its data depends on.

With ``ADVISOR_API_KEYS`` set, a request needs one of them as ``X-API-Key`` or
``Authorization: Bearer``; with none set, the app is open (a local install).
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request
from starlette.datastructures import Headers

from advisor.settings import Settings
from advisor.web.errors import WebError


class KeyCheck:
    """Which key, if any, a request carries: the one test the routes, the middlewares and the UI share."""

    def __init__(self, settings: Settings) -> None:
        self.keys = [k.get_secret_value().encode() for k in settings.api_keys]

    @property
    def required(self) -> bool:
        return bool(self.keys)

    def valid_key(self, headers: Headers) -> bytes | None:
        """The configured key the request presents; None without one (or with a wrong one)."""
        auth = headers.get("authorization", "")
        given = (headers.get("x-api-key") or (auth[7:] if auth.lower().startswith("bearer ") else "")).encode()
        return next((k for k in self.keys if hmac.compare_digest(given, k)), None)

    def key_id(self, headers: Headers) -> str | None:
        """A name for the request's valid key that does not reveal it (for per-client limits)."""
        key = self.valid_key(headers)
        return None if key is None else "key:" + hashlib.sha256(key).hexdigest()[:16]


def api_key_check(settings: Settings):
    """A dependency that requires one of ``settings.api_keys`` when any are set."""
    check = KeyCheck(settings)

    async def dependency(request: Request) -> None:
        if check.required and check.valid_key(request.headers) is None:
            raise WebError(401, "An API key is required: send it as X-API-Key or Authorization: Bearer.",
                           "unauthorized")

    return dependency
