"""``create_app``: the FastAPI app with the API, the widget, and the Gradio chat page mounted at ``/``.

Nothing here loads a model or opens the index: the shared ``Advisor`` is built on first use, or
by the warm-up thread the app starts when ``settings.warm_up`` is on.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import gradio as gr
from fastapi import FastAPI

from advisor import __version__
from advisor.chain import Advisor
from advisor.settings import Settings
from advisor.web.api import api_router, health_route, install_error_handlers
from advisor.web.bodylimit import BodyLimitMiddleware
from advisor.web.clients import ClientIds
from advisor.web.feedback import FeedbackStore
from advisor.web.hosts import HostGuard, HostPolicy
from advisor.web.inflight import InFlightLimiter, InFlightMiddleware
from advisor.web.keys import KeyCheck
from advisor.web.occupations_api import occupations_router
from advisor.web.openai_api import PREFIX as OPENAI_PREFIX, RATE_LIMITED_PATHS, OpenAIErrorShape, openai_router
from advisor.web.ratelimit import LIMITED_ROUTES, RateLimiter, RateLimitMiddleware
from advisor.web.security import OriginGuard, OriginPolicy
from advisor.web.service import AdvisorService
from advisor.web.sessions import LOGIN_PATH, SessionGuard, SessionSigner, session_routes
from advisor.web.ui import CSS, HEAD, build_ui
from advisor.web.wages_api import wages_router
from advisor.web.widget import widget_routes

log = logging.getLogger(__name__)

GRADIO_MAX_BYTES = 2_000_000  # the chat page sends the whole conversation (as HTML) on every turn
# our own routes: each checks the key itself, or needs none; everything else is Gradio's (SessionGuard)
OPEN_PATHS = ("/healthz", "/widget.js", "/embed", "/embed.js", "/embed.css", LOGIN_PATH)
OPEN_PREFIXES = ("/api/", OPENAI_PREFIX)
ANSWER_PATHS = ("/api/chat", "/api/chat/stream", *RATE_LIMITED_PATHS)  # each holds a place in the model queue


def body_limits(settings: Settings) -> dict[str, int]:
    """Bytes per path prefix, first match wins; every route has one ("/" last). The chat page and /v1
    send whole conversations; the chat page never uploads, so uploads get the small limit."""
    conversation = max(settings.max_request_bytes, GRADIO_MAX_BYTES)
    return {"/api/": settings.max_request_bytes, "/gradio_api/upload": settings.max_request_bytes,
            "/gradio_api/": conversation, OPENAI_PREFIX: conversation, "/": settings.max_request_bytes}


def create_app(settings: Settings, advisor: Advisor | None = None) -> FastAPI:
    policy = OriginPolicy.from_settings(settings)
    service = AdvisorService(settings, advisor)
    feedback = FeedbackStore(settings.feedback_db, settings.feedback_max_rows)
    limiter = RateLimiter(settings.rate_limit_per_minute)
    inflight = InFlightLimiter(settings.max_in_flight_per_client)
    keys = KeyCheck(settings)
    client_id = ClientIds(keys)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            service.start_warm_up()
        yield

    app = FastAPI(title="Career Advisor", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.service, app.state.feedback, app.state.limiter = service, feedback, limiter
    install_error_handlers(app)
    health_route(app, service, keys)
    widget_routes(app, settings, policy)
    app.include_router(wages_router(settings))  # before api_router, whose /api/{rest} catch-all answers 404
    app.include_router(occupations_router(settings))
    app.include_router(api_router(service, feedback, settings))
    app.include_router(openai_router(service, settings))

    signer = SessionSigner.from_settings(settings)
    if settings.ui:
        if keys.required:
            session_routes(app, keys, signer)  # before the mount at "/", which would shadow it
        ui = build_ui(service, feedback, limiter, inflight)
        app = gr.mount_gradio_app(app, ui, path="/", server_name=settings.host, server_port=settings.port,
                                  footer_links=[], css=CSS, head=HEAD, ssr_mode=False, mcp_server=False,
                                  run_history=False, max_file_size=settings.max_request_bytes)
    # added last = runs first: /v1 error shape, host check, origin check, sign-in, rate limit, answers in flight, body size
    app.add_middleware(BodyLimitMiddleware, limits=body_limits(settings))
    app.add_middleware(InFlightMiddleware, limiter=inflight, paths=ANSWER_PATHS, client_id=client_id)
    app.add_middleware(RateLimitMiddleware, limiter=limiter, client_id=client_id,
                       routes={**LIMITED_ROUTES, **dict.fromkeys(RATE_LIMITED_PATHS, "POST")})
    app.add_middleware(SessionGuard, keys=keys, signer=signer, open_paths=OPEN_PATHS, open_prefixes=OPEN_PREFIXES)
    app.add_middleware(OriginGuard, policy=policy)
    app.add_middleware(HostGuard, policy=HostPolicy.from_settings(settings))
    app.add_middleware(OpenAIErrorShape)
    log.info("web app ready: provider %s, allowed origins %s", settings.provider,
             ", ".join(map(str, policy.patterns)))
    return app
