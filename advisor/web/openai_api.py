"""The advisor for any chat client: an OpenAI-compatible ``/v1/chat/completions`` and ``/v1/models``.

The wire format is OpenAI's Chat Completions, so the ``openai`` SDK, Open WebUI and the like can
talk to it. ``model`` is ``career-advisor``. The last user message is the question; the user and
assistant turns before it are the history, so follow-ups work as in the chat page. System and
developer messages are dropped: they never change the advisor's rules.

Citations survive any client: the answer text ends with a Markdown "Sources" list numbered like
its ``[n]`` markers, and the response (the final chunk, when streamed) carries the extra fields
``citations`` (as in ``/api/chat``) and ``refused``. A refusal is an ordinary assistant message.
``usage`` is all zeros, since the pipeline counts no tokens: on every whole response, and on a
last chunk with no choices when ``stream_options.include_usage`` is set.

The API key, rate limit, body limit and origin guard are the app's own (``factory``).
``OpenAIErrorShape`` sends every error under ``/v1/``, from a route or a middleware, as
``{"error": {"message", "type", "param", "code"}}``: ``type`` is OpenAI's name for the status
(``invalid_request_error``, ``authentication_error``, ``permission_error``, ``rate_limit_error``,
``server_error``) and ``code`` the name ``/api`` gives the same error (``unauthorized``,
``rate_limited``, ``model_busy``, …) or ``model_not_found``.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.errors import AdvisorError
from advisor.settings import Settings
from advisor.presentation import View
from advisor.types import MAX_TURNS, Answer, StreamEvent, Turn, final_answer
from advisor.web.errors import WebError, classify
from advisor.web.keys import api_key_check
from advisor.web.service import AdvisorService
from advisor.web.streaming import SSE_HEADERS, EventPump, open_stream, replay

log = logging.getLogger(__name__)

MODEL_ID = "career-advisor"
PREFIX = "/v1/"
RATE_LIMITED_PATHS = ("/v1/chat/completions",)
MAX_TURN_CHARS = 8000
SOURCES_HEADING = "\n\n**Sources**\n"
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#!|~@]")
AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|(?<=www)\.")  # "https://", "www." → "https\://", "www\."
ZERO_USAGE = {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}


def error_type(status: int) -> str:
    if status >= 500:
        return "server_error"
    return {401: "authentication_error", 403: "permission_error", 429: "rate_limit_error"}.get(
        status, "invalid_request_error")


def openai_error(status: int, message: str, code: str, param: str | None = None) -> dict:
    return {"error": {"message": message, "type": error_type(status), "param": param, "code": code}}


class RequestError(WebError):
    """A 400 about one field of the request (``param``), already in OpenAI's shape."""

    def __init__(self, message: str, param: str, code: str = "invalid_request") -> None:
        super().__init__(400, message, code)
        self.param = param

    def response(self) -> JSONResponse:
        return JSONResponse(openai_error(400, str(self), self.type, self.param), status_code=400)


# --- the request: what we read of it; sampling options and the like are accepted and ignored
class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    @property
    def text(self) -> str:
        if self.content is None or isinstance(self.content, str):
            return self.content or ""
        return "\n".join(p.text or "" for p in self.content if p.type == "text")

    @property
    def text_only(self) -> bool:
        return not isinstance(self.content, list) or all(p.type == "text" for p in self.content)


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="ignore")

    include_usage: bool | None = None


class CompletionRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool | None = False
    stream_options: StreamOptions | None = None
    n: Literal[1] | None = None


def conversation(messages: list[ChatMessage]) -> tuple[str, list[Turn]]:
    """(question, history): the last user message, and the user/assistant turns before it."""
    last = next((i for i in reversed(range(len(messages))) if messages[i].role == "user"), None)
    if last is None:
        raise RequestError("messages has no user message: the last one is the question to answer.", "messages")
    if not messages[last].text_only:
        raise RequestError("The advisor reads text only: send the question as text.", f"messages[{last}].content")
    history = []
    for m in messages[:last]:
        # our own Sources list is not part of what was said
        text = m.text.partition(SOURCES_HEADING)[0].strip() if m.role == "assistant" else m.text.strip()
        if m.role in ("user", "assistant") and text:
            history.append(Turn(role=m.role, content=text[:MAX_TURN_CHARS]))
    return messages[last].text, history[-2 * MAX_TURNS:]


# --- the response
def markdown_text(text: str) -> str:
    """``text`` as literal Markdown on one line: a guide's heading or quote cannot become a link, an
    image, HTML or emphasis in a client that renders the reply (Open WebUI); bare URLs, ``www.``
    and e-mail addresses are broken up so that no autolink is made of them either."""
    return AUTOLINK.sub(r"\\\g<0>", MARKDOWN_SPECIAL.sub(r"\\\g<0>", " ".join(text.split())))


def sources_markdown(view: View) -> str:
    """``\\n\\n**Sources**\\n1. Heading › Sub — Guide title: “quote”``…, or '' without sources. The
    guide's words are escaped (``markdown_text``); the only link is an official table's own URL."""
    if not view.sources:
        return ""
    return SOURCES_HEADING + "\n".join(
        f"{s.n}. {markdown_text(s.heading)} — {markdown_text(s.origin)}: “{markdown_text(s.quote)}”"
        + (f" ({s.link.href})" if s.link else "") for s in view.sources)


def extras(answer: Answer) -> dict:
    return {"citations": [c.model_dump() for c in answer.citations], "refused": answer.refused}


def completion_json(answer: Answer) -> dict:
    message = {"role": "assistant", "content": answer.answer + sources_markdown(answer.view), "refusal": None}
    return {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()),
            "model": MODEL_ID, "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}],
            "usage": ZERO_USAGE, **extras(answer)}


def model_json(created: int) -> dict:
    return {"id": MODEL_ID, "object": "model", "created": created, "owned_by": "career-advisor"}


def data(payload: object) -> bytes:
    """One Server-Sent Event as OpenAI sends them: a ``data:`` line, no event name."""
    return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()


class Chunks:
    """The ``chat.completion.chunk`` objects of one streamed answer (same id and time)."""

    def __init__(self) -> None:
        self.id, self.created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    def chunk(self, delta: dict, finish_reason: str | None = None, choices: bool = True, **extra: object) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return data({"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": MODEL_ID,
                     "choices": [choice] if choices else [], **extra})


class Trimmed:
    """Token pieces → deltas that add up to ``"".join(pieces).strip()``, the whole answer's text."""

    def __init__(self) -> None:
        self.held, self.started = "", False

    def add(self, piece: str) -> str:
        text = self.held + piece if self.started else piece.lstrip()
        out = text.rstrip()
        self.held = text[len(out):]
        self.started = self.started or bool(out)
        return out


async def chunk_stream(pump: EventPump, first: list[StreamEvent], include_usage: bool) -> AsyncIterator[bytes]:
    """Role, text deltas, the Sources list, a ``stop`` chunk with the extras, [usage], ``[DONE]``.

    A failure mid-way ends the stream with ``data: {"error": …}``, which the SDK raises as ``APIError``.
    """
    chunks, text = Chunks(), Trimmed()
    try:
        yield chunks.chunk({"role": "assistant", "content": ""})
        async for event in replay(pump, first):
            if event.type == "token" and (delta := text.add(event.data)):
                yield chunks.chunk({"content": delta})
            elif isinstance(answer := event.data, Answer):
                if answer.citations:
                    yield chunks.chunk({"content": sources_markdown(answer.view)})
                yield chunks.chunk({}, "stop", **extras(answer))
        if include_usage:
            yield chunks.chunk({}, choices=False, usage=ZERO_USAGE)
        yield b"data: [DONE]\n\n"
    except AdvisorError as err:
        status, code = classify(err)
        yield data(openai_error(status, str(err), code))
    except Exception:
        log.exception("the answer stream failed")
        yield data(openai_error(500, "The answer failed; please try again.", "internal_error"))
    finally:
        pump.stop()


def openai_router(service: AdvisorService, settings: Settings) -> APIRouter:
    router = APIRouter(prefix=PREFIX.rstrip("/"), dependencies=[Depends(api_key_check(settings))])
    created = int(time.time())

    @router.get("/models")
    async def models() -> dict:
        return {"object": "list", "data": [model_json(created)]}

    @router.get("/models/{model_id}")
    async def model(model_id: str) -> dict:
        if model_id != MODEL_ID:
            raise WebError(404, f"No model {model_id[:80]!r} here; the advisor is {MODEL_ID!r}.", "model_not_found")
        return model_json(created)

    @router.post("/chat/completions")
    async def completions(body: CompletionRequest, request: Request) -> Response:
        if body.model != MODEL_ID:
            raise RequestError(f"Unknown model {body.model[:80]!r}: use {MODEL_ID!r}.", "model", "model_not_found")
        question, history = conversation(body.messages)
        opened = await open_stream(lambda: service.stream(question, history, None), request, whole=not body.stream)
        if isinstance(opened, Response):
            return opened
        if body.stream:
            include_usage = bool(body.stream_options and body.stream_options.include_usage)
            return StreamingResponse(chunk_stream(*opened, include_usage), media_type="text/event-stream",
                                     headers=SSE_HEADERS)
        return JSONResponse(completion_json(final_answer(opened[1])))

    @router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def unknown(rest: str, request: Request) -> None:
        if rest in ("chat/completions", "models"):
            method = "POST" if rest == "chat/completions" else "GET"
            raise WebError(405, f"Use {method} for {PREFIX}{rest}.", "method_not_allowed")
        raise WebError(404, f"No route {request.method} {PREFIX}{rest[:80]}: there are "
                            f"POST {PREFIX}chat/completions and GET {PREFIX}models.", "not_found")

    return router


class OpenAIErrorShape:
    """ASGI middleware: an error response under ``/v1/`` gets OpenAI's shape, whichever layer sent it.

    Our ``{"error": {"message", "type"}}`` becomes ``{"error": {"message", "type", "param", "code"}}``
    (our type moves to ``code``); bodies already in that shape, or not ours, pass unchanged, and so
    does every header but Content-Length. It wraps the origin guard, the rate limit and the body limit.
    """

    def __init__(self, app: ASGIApp, prefix: str = PREFIX) -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = b""

        async def reshape(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start" and message["status"] >= 400:
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body += message.get("body", b"")
            if message.get("more_body", False):
                return
            body = reshaped(start["status"], body)
            start["headers"] = list(start.get("headers", []))
            MutableHeaders(scope=start)["content-length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, reshape)


def reshaped(status: int, body: bytes) -> bytes:
    try:
        error = json.loads(body)["error"]
    except (ValueError, KeyError, TypeError):
        return body
    if not isinstance(error, dict) or "param" in error or not isinstance(error.get("message"), str):
        return body
    return json.dumps(openai_error(status, error["message"], str(error.get("type") or "error"))).encode()
