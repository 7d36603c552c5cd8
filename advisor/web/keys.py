"""The API key check every route that reaches the advisor or its data depends on.

With ``ADVISOR_API_KEYS`` set, a request needs one of them as ``X-API-Key`` or
``Authorization: Bearer``; with none set, the app is open (a local install).
"""

from __future__ import annotations

import hmac

from fastapi import Request

from advisor.settings import Settings
from advisor.web.errors import WebError


def api_key_check(settings: Settings):
    """A dependency that requires one of ``settings.api_keys`` when any are set."""
    keys = [k.get_secret_value().encode() for k in settings.api_keys]

    async def check(request: Request) -> None:
        if not keys:
            return
        auth = request.headers.get("authorization", "")
        given = request.headers.get("x-api-key") or (auth[7:] if auth.lower().startswith("bearer ") else "")
        if not any(hmac.compare_digest(given.encode(), k) for k in keys):
            raise WebError(401, "An API key is required: send it as X-API-Key or Authorization: Bearer.",
                           "unauthorized")

    return check
