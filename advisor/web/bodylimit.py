"""Refuse request bodies over a size limit with 413, before a handler reads them.

Limits go by path prefix, first match wins, and the factory gives every path one: the JSON API
and everything else get ``max_request_bytes``; Gradio's own API and ``/v1``, which carry the
whole conversation on every turn, get a larger one. A declared ``Content-Length``
over the limit is refused at once; a chunked body is read up to the limit (it is small) and
refused as soon as it goes over, then replayed to the app.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.web.errors import error_response


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: dict[str, int]) -> None:
        self.app = app
        self.limits = limits  # path prefix → bytes

    def limit_for(self, path: str) -> int | None:
        return next((n for prefix, n in self.limits.items() if path.startswith(prefix)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        bodyless = scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS")
        limit = None if bodyless else self.limit_for(scope["path"])
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._too_large(limit, scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                await self._too_large(limit, scope, receive, send)
                return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"The request body is over the limit of {limit} bytes.",
                                  "request_too_large", headers={"Connection": "close"})
        await response(scope, receive, send)
