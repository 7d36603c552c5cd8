"""Run the advisor's blocking event generator in a thread and read it from async code.

``EventPump`` is what lets ``/api/chat/stream`` look at the first events before it commits to
a status (a full model queue is a 503, not a 200 stream with an error in it), and stop the
generation when the client goes away, also while it is still waiting for the model: the
generator is closed in its own thread, which releases its place in the model queue.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from starlette.requests import Request
from starlette.responses import Response

from advisor.types import StreamEvent

log = logging.getLogger(__name__)

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
# after the sources, how long a stream waits for the model to refuse it (a full queue says so at once)
ADMISSION_GRACE = 0.1

_END = object()


class ClientGone(Exception):
    """The client disconnected while its answer was being prepared."""


class Waiting:
    """No event yet: the generator is still at work (the model is reading its prompt)."""


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class EventPump:
    def __init__(self, make: Callable[[], Iterator[StreamEvent]]) -> None:
        self._make = make
        self._queue: asyncio.Queue = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._stop = threading.Event()
        self._ended = False
        self._thread = threading.Thread(target=self._run, name="advisor-stream", daemon=True)
        self._thread.start()

    def _push(self, item: object) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the event loop is gone (server shutting down)
            self._stop.set()

    def _run(self) -> None:
        events = None
        try:
            events = self._make()
            for event in events:
                if self._stop.is_set():
                    break
                self._push(event)
        except BaseException as exc:  # handed to the reader, which decides the status
            self._push(_Failure(exc))
        finally:
            if events is not None and hasattr(events, "close"):
                events.close()
            self._push(_END)

    async def next(self, client_gone: Callable[[], Awaitable[bool]] | None = None,
                   poll: float = 1.0) -> StreamEvent | None:
        """The next event; None at the end. Re-raises the generator's exception.

        With ``client_gone``, it is asked every ``poll`` seconds while we wait (a queued request can
        wait a long time for the model): if the client has left, the generation is stopped and
        ``ClientGone`` raised.
        """
        while not self._ended:
            try:
                item = await asyncio.wait_for(self._queue.get(), timeout=poll if client_gone else None)
                return self._unwrap(item)
            except asyncio.TimeoutError:
                if client_gone is not None and await client_gone():
                    self.stop()
                    raise ClientGone from None
        return None

    async def next_within(self, seconds: float) -> StreamEvent | None | type[Waiting]:
        """The next event if it comes within ``seconds`` (None at the end), else ``Waiting``."""
        if self._ended:
            return None
        try:
            return self._unwrap(await asyncio.wait_for(self._queue.get(), timeout=seconds))
        except asyncio.TimeoutError:
            return Waiting

    def _unwrap(self, item: object) -> StreamEvent | None:
        if item is _END:
            self._ended = True
            return None
        if isinstance(item, _Failure):
            raise item.error
        return item

    async def __aiter__(self) -> AsyncIterator[StreamEvent]:
        while (event := await self.next()) is not None:
            yield event

    def stop(self) -> None:
        """Ask the generator to stop after its current event (the client has gone)."""
        self._stop.set()


def sse(event: str, data: object) -> bytes:
    """One Server-Sent Event; ``data`` is JSON on a single line."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def open_stream(make: Callable[[], Iterator[StreamEvent]], request: Request,
                      whole: bool) -> tuple[EventPump, list[StreamEvent]] | Response:
    """Start an answer and read enough of it to pick the HTTP status: every event (``whole``), or
    the ``sources`` and whatever follows them within ``ADMISSION_GRACE`` — so the sources reach the
    client at once, while a full model queue (which refuses at once) is still a 503. An
    ``AdvisorError`` (a bad question, a full model queue) propagates to the app's error handler, so
    it is an error status rather than a 200 stream with an error in it. Used by ``/api`` and ``/v1``.
    """
    pump = EventPump(make)
    events: list[StreamEvent] = []
    try:
        while (event := await pump.next(request.is_disconnected)) is not None:
            events.append(event)
            if whole:
                continue
            if event.type == "sources" and (after := await pump.next_within(ADMISSION_GRACE)) not in (Waiting, None):
                events.append(after)
            break
    except ClientGone:
        log.info("client left before its answer was ready; generation stopped (%s)", request.url.path)
        return Response(status_code=499)
    return pump, events


async def replay(pump: EventPump, first: list[StreamEvent]) -> AsyncIterator[StreamEvent]:
    """The events ``open_stream`` read, then the rest as they come."""
    for event in first:
        yield event
    async for event in pump:
        yield event
