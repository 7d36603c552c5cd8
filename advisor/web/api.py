"""The JSON API: chat (whole or streamed as Server-Sent Events), sections, feedback, health.

Every error is ``{"error": {"message", "type"}}`` with its status: 400 bad input, 401 missing
key (only when ``ADVISOR_API_KEYS`` is set), 404 unknown, 413 too large and 429 over the rate
limit (both from middlewares), 503 with Retry-After when the model queue is full.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response, StreamingResponse

from advisor.errors import AdvisorError
from advisor.settings import Settings
from advisor.types import Profile, StreamEvent, Turn, final_answer
from advisor.web.errors import WebError, advisor_error_response, classify, error_response
from advisor.web.feedback import Feedback, FeedbackStore
from advisor.web.keys import KeyCheck, api_key_check
from advisor.web.service import SECTION_ID, AdvisorService
from advisor.web.streaming import SSE_HEADERS, EventPump, open_stream, replay, sse

log = logging.getLogger(__name__)

POST_ONLY = {"chat", "chat/stream", "feedback"}
PUBLIC_MODEL_FIELDS = ("provider", "model", "ready", "loaded", "in_flight", "warming_up")


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str
    history: list[Turn] = Field(default_factory=list, max_length=40)
    profile: Profile | None = None


def section_json(section: dict) -> dict:
    return {
        "section_id": section["section_id"], "doc": section["doc_id"], "title": section["title"],
        "heading_path": section["heading"], "role": section["role"], "source": section["source"],
        "file": section.get("file"), "line_start": section.get("line_start"),
        "line_end": section.get("line_end"), "text": section["text"],
    }


def api_router(service: AdvisorService, feedback: FeedbackStore, settings: Settings) -> APIRouter:
    router = APIRouter(dependencies=[Depends(api_key_check(settings))])

    async def start(body: ChatRequest, request: Request, whole: bool):
        return await open_stream(lambda: service.stream(body.message, body.history, body.profile), request, whole)

    @router.post("/api/chat")
    async def chat(body: ChatRequest, request: Request) -> Response:
        opened = await start(body, request, whole=True)
        return opened if isinstance(opened, Response) else JSONResponse(final_answer(opened[1]).public_json())

    @router.post("/api/chat/stream")
    async def chat_stream(body: ChatRequest, request: Request) -> Response:
        opened = await start(body, request, whole=False)
        if isinstance(opened, Response):
            return opened
        return StreamingResponse(sse_body(*opened), media_type="text/event-stream", headers=SSE_HEADERS)

    @router.get("/api/sections/{section_id:path}")
    async def section(section_id: str) -> dict:
        if not SECTION_ID.match(section_id):
            raise WebError(400, f"{section_id[:80]!r} is not a section id (like 'doc#heading/sub-heading').",
                           "invalid_request")
        found = await run_in_threadpool(service.section, section_id)
        if found is None:
            raise WebError(404, f"No section {section_id!r} in the index.", "not_found")
        return section_json(found)

    @router.post("/api/feedback", status_code=201)
    async def add_feedback(body: Feedback) -> dict:
        row_id = await run_in_threadpool(feedback.add, body)
        return {"id": row_id, "stored": True}

    @router.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                      include_in_schema=False)
    async def unknown(rest: str, request: Request) -> None:
        if rest in POST_ONLY:
            raise WebError(405, f"Use POST for /api/{rest}.", "method_not_allowed")
        raise WebError(404, f"No API route {request.method} /api/{rest[:80]}.", "not_found")

    return router


async def sse_body(pump: EventPump, first: list[StreamEvent]):
    """``sources``?, ``token``…, ``citations``, ``done`` — or an ``error`` event if it fails mid-way."""
    try:
        async for event in replay(pump, first):
            yield sse(event.type, event.payload())
    except AdvisorError as err:
        status, type_ = classify(err)
        yield sse("error", {"message": str(err), "type": type_, "status": status})
    except Exception:
        log.exception("the answer stream failed")
        yield sse("error", {"message": "The answer failed; please try again.", "type": "internal_error",
                            "status": 500})
    finally:
        pump.stop()


def public_health(body: dict) -> dict:
    """What ``/healthz`` tells a caller without a valid key: states and counts, no file paths, URLs
    or error text (those would map the server for an attacker; the log has them)."""
    out = {k: body[k] for k in ("status", "version")}
    if "index" in body:
        out["index"] = {"sections": body["index"]["sections"]}
    if "model" in body:
        model = body["model"]
        out["model"] = {k: model[k] for k in PUBLIC_MODEL_FIELDS if k in model}
        out["model"]["warm_up_failed"] = model.get("warm_up_error") is not None
    return out


def health_route(app: FastAPI, service: AdvisorService, keys: KeyCheck) -> None:
    """``/healthz``: the whole report to a caller with one of the API keys, ``public_health`` to others
    (everyone, when no keys are set)."""
    @app.get("/healthz")
    async def healthz(request: Request) -> JSONResponse:
        status, body = await run_in_threadpool(service.health)
        detailed = keys.required and keys.valid_key(request.headers) is not None
        return JSONResponse(body if detailed else public_health(body), status_code=status)


def validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "The request is not valid."
    first = errors[0]
    if first.get("type") == "json_invalid":
        return "The request body is not valid JSON."
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    if first.get("type") == "missing" and where == "body":
        return "The request needs a JSON body."
    if where == "body":
        return "The request body must be a JSON object (Content-Type: application/json)."
    return f"{where}: {first.get('msg', 'invalid value')}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(400, validation_message(exc), "invalid_request")

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(AdvisorError)
    async def advisor_error(request: Request, exc: AdvisorError) -> JSONResponse:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return advisor_error_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        type_ = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, str(exc.detail), type_, headers=exc.headers)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "Something went wrong on our side; please try again.", "internal_error")
