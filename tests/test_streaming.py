"""The event pump between the blocking answer generator and async routes, and the stream opener
``/api`` and ``/v1`` share."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
from starlette.responses import Response

from advisor.errors import ProviderBusyError
from advisor.types import Answer, StreamEvent, final_answer
from advisor.web.streaming import ClientGone, EventPump, open_stream, replay, sse
from tests.fakes import run_apart

DONE = StreamEvent(type="done", data=Answer(answer="x", provider="p", model="m"))


def events(*extra: StreamEvent, gate: threading.Event | None = None, closed: list | None = None):
    def make():
        try:
            yield StreamEvent(type="sources", data=[])
            if gate is not None:
                gate.wait(5)
            yield from extra
            yield DONE
        finally:
            if closed is not None:
                closed.append(True)
    return make


class FakeRequest:
    def __init__(self, gone: bool = False) -> None:
        self.gone = gone
        self.url = type("U", (), {"path": "/api/chat"})()

    async def is_disconnected(self) -> bool:
        return self.gone


def test_whole_reads_every_event_and_the_answer_is_the_done_events():
    async def go():
        pump, got = await open_stream(events(StreamEvent(type="token", data="a\n")), FakeRequest(), whole=True)
        return [e.type for e in got], final_answer(got)
    types, answer = run_apart(go())
    assert types == ["sources", "token", "done"] and answer.answer == "x"


def test_streaming_reads_only_up_to_the_first_event_past_sources_then_replays_the_rest():
    async def go():
        pump, first = await open_stream(events(StreamEvent(type="token", data="a\n")), FakeRequest(), whole=False)
        rest = [e.type async for e in replay(pump, first)]
        return [e.type for e in first], rest
    first, rest = run_apart(go())
    assert first == ["sources", "token"] and rest == ["sources", "token", "done"]


def test_the_sources_go_out_at_once_while_the_model_is_still_reading():
    gate = threading.Event()

    async def go():
        pump, first = await open_stream(events(StreamEvent(type="token", data="a\n"), gate=gate), FakeRequest(),
                                        whole=False)
        sent = [e.type for e in first]
        gate.set()  # the model speaks
        return sent, [e.type async for e in replay(pump, first)]
    sent, everything = run_apart(go())
    assert sent == ["sources"] and everything == ["sources", "token", "done"]


def test_an_error_before_the_first_token_reaches_the_caller_so_it_can_pick_the_status():
    def busy():
        yield StreamEvent(type="sources", data=[])
        raise ProviderBusyError(7)

    with pytest.raises(ProviderBusyError):
        run_apart(open_stream(busy, FakeRequest(), whole=False))


def test_a_client_that_left_while_waiting_stops_the_generator():
    gate, closed = threading.Event(), []

    async def go():
        pump = EventPump(events(gate=gate, closed=closed))
        with pytest.raises(ClientGone):
            while await pump.next(FakeRequest(gone=True).is_disconnected, poll=0.05) is not None:
                pass
        gate.set()  # the generator's next step sees the stop and closes
        for _ in range(250):
            if closed:
                return
            await asyncio.sleep(0.02)
    run_apart(go())
    assert closed == [True]


def test_a_client_that_left_gets_499_not_an_answer():
    gate = threading.Event()
    threading.Timer(3, gate.set).start()  # let the pump's thread end after the test
    response = run_apart(open_stream(events(gate=gate), FakeRequest(gone=True), whole=True))
    assert isinstance(response, Response) and response.status_code == 499


def test_sse_is_one_event_with_its_data_as_json_on_one_line():
    frame = sse("token", {"text": "a\nb", "n": 1}).decode()
    name, data, blank, end = frame.split("\n")
    assert name == "event: token" and json.loads(data[len("data: "):]) == {"text": "a\nb", "n": 1}
    assert (blank, end) == ("", "")


def test_the_done_event_carries_the_answer_and_sends_its_public_json():
    assert DONE.payload() == DONE.data.public_json() and "view" in DONE.payload()
    assert StreamEvent(type="token", data="a").payload() == "a"
    with pytest.raises(RuntimeError, match="without a 'done' event"):
        final_answer([StreamEvent(type="token", data="a")])
