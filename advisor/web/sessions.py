"""How the chat page authenticates when ``ADVISOR_API_KEYS`` is set: a signed, short-lived session cookie.

Gradio's own routes (``/gradio_api/queue/join``, ``/queue/data``, uploads, the like handler, the
page and its assets) know nothing of our API keys, so with keys set ``SessionGuard`` stands in
front of everything the app does not serve itself: a request there needs a valid key (as on
``/api``) or a valid session cookie. A browser without one is sent to ``/session``, a form that
takes one of the keys and sets the cookie: ``<expiry>.<HMAC-SHA256>``, HttpOnly, SameSite=Strict,
Secure over HTTPS, valid ``ADVISOR_SESSION_MINUTES``. Its secret is ``ADVISOR_SESSION_SECRET``, or
derived from the keys, so every worker with the same keys accepts it and changing the keys ends
every session. Nothing is stored on the server. ``ADVISOR_UI=false`` drops the page altogether.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import logging
import time
from collections.abc import Callable

from fastapi import FastAPI, Request
from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from advisor.settings import Settings
from advisor.web.errors import error_response
from advisor.web.keys import KeyCheck

log = logging.getLogger(__name__)

COOKIE = "advisor_session"
LOGIN_PATH = "/session"
FORM = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Career Advisor: sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 28em; margin: 4em auto; padding: 0 1em">
<h1>Career Advisor</h1><p>This advisor needs an API key.</p>{note}
<form method="post" action="/session"><label>API key <input type="password" name="key" autocomplete="current-password"
required autofocus></label> <button type="submit">Sign in</button></form></body></html>"""


class SessionSigner:
    """Issues and checks ``<expiry>.<signature>`` tokens; no server state."""

    def __init__(self, secret: bytes, minutes: int, clock: Callable[[], float] = time.time) -> None:
        self.secret = secret
        self.seconds = minutes * 60
        self.clock = clock

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionSigner:
        secret = settings.session_secret.get_secret_value().encode()
        if not secret:  # derived from the keys: the same on every worker, void once they change
            keys = sorted(k.get_secret_value().encode() for k in settings.api_keys)
            secret = hashlib.sha256(b"advisor-session\0" + b"\0".join(keys)).digest()
        return cls(secret, settings.session_minutes)

    def _sign(self, expiry: str) -> str:
        return hmac.new(self.secret, expiry.encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        expiry = str(int(self.clock()) + self.seconds)
        return f"{expiry}.{self._sign(expiry)}"

    def valid(self, token: str) -> bool:
        expiry, _, signature = token.partition(".")
        return (expiry.isdigit() and hmac.compare_digest(signature, self._sign(expiry))
                and int(expiry) > self.clock())


def session_routes(app: FastAPI, keys: KeyCheck, signer: SessionSigner) -> None:
    """``GET /session``: the sign-in form; ``POST /session`` with a valid key: the cookie, then the chat."""

    def form(note: str = "", status: int = 200) -> HTMLResponse:
        return HTMLResponse(FORM.format(note=f"<p role='alert'>{html.escape(note)}</p>" if note else ""),
                            status_code=status, headers={"Cache-Control": "no-store"})

    @app.get(LOGIN_PATH, include_in_schema=False)
    async def sign_in_form() -> HTMLResponse:
        return form()

    @app.post(LOGIN_PATH, include_in_schema=False)
    async def sign_in(request: Request) -> Response:
        given = str((await request.form()).get("key", ""))
        if keys.valid_key(Headers({"x-api-key": given})) is None:
            log.info("a sign-in with a wrong key")
            return form("That is not one of the advisor's keys.", status=401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, signer.issue(), max_age=signer.seconds, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
        return response


class SessionGuard:
    """ASGI middleware: with keys set, every path but ``open_paths`` needs a valid key or session cookie."""

    def __init__(self, app: ASGIApp, keys: KeyCheck, signer: SessionSigner,
                 open_paths: tuple[str, ...], open_prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.keys = keys
        self.signer = signer
        self.open_paths = open_paths  # our own routes, each with its own key check (or none needed)
        self.open_prefixes = open_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = Headers(scope=scope)
        if scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
            response: Response = RedirectResponse(LOGIN_PATH, status_code=303)
        else:
            response = error_response(401, "Sign in at /session, or send an API key as X-API-Key or "
                                           "Authorization: Bearer.", "unauthorized")
        await response(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        path = scope["path"]
        if not self.keys.required or path in self.open_paths or path.startswith(self.open_prefixes):
            return True
        token = HTTPConnection(scope).cookies.get(COOKIE)
        return (token is not None and self.signer.valid(token)) or self.keys.valid_key(Headers(scope=scope)) is not None
