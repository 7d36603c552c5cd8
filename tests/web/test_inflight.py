"""One client may hold only a few answers open: the next gets 429, other clients still get in."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from advisor.chain import Advisor
from advisor.web.inflight import InFlightLimiter
from tests.fakes import ScriptedProvider
from tests.web.conftest import serve, web_settings

SALARY = "What do mid-level engineers make?"
LINE = "Mid-level (mid-career) Neural Network Engineers in the US earn $100,000 to $150,000 annually. [1]\n"


def test_limiter_counts_per_client():
    limiter = InFlightLimiter(per_client=2)
    assert limiter.enter("a") and limiter.enter("a") and not limiter.enter("a")
    assert limiter.enter("b")
    limiter.leave("a")
    assert limiter.enter("a") and not limiter.enter("a")


def client_from(address: str, base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=60, transport=httpx.HTTPTransport(local_address=address))


def in_thread(fn: Callable[[], httpx.Response], out: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: out.append(fn()))
    thread.start()
    return thread


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_greedy_client_gets_429_and_others_still_get_in(indexed_settings):
    settings = web_settings(indexed_settings, warm_up=False, max_in_flight_per_client=2)
    gate = threading.Event()
    provider = ScriptedProvider(LINE, gate=gate)  # one answer at a time, 8 may wait
    with serve(settings, Advisor(settings, provider=provider)) as live, \
            client_from("127.0.0.1", live.url) as greedy, client_from("127.0.0.2", live.url) as other:
        held: list[httpx.Response] = []
        threads = [in_thread(lambda p=p: greedy.post(p, json={"message": SALARY}), held)
                   for p in ("/api/chat", "/api/chat/stream")]
        try:
            wait_until(lambda: provider.queue.in_flight == 2)
            for path, body in (("/api/chat", {"message": SALARY}), ("/api/chat/stream", {"message": SALARY}),
                               ("/v1/chat/completions", {"model": "career-advisor",
                                                         "messages": [{"role": "user", "content": SALARY}]})):
                refused = greedy.post(path, json=body)
                assert refused.status_code == 429, (path, refused.text)
                assert "too_many_in_flight" in refused.text and refused.headers["retry-after"] == "5"
            others: list[httpx.Response] = []
            threads.append(in_thread(lambda: other.post("/api/chat", json={"message": SALARY}), others))
            wait_until(lambda: provider.queue.in_flight == 3)  # queued behind the greedy one, not refused
        finally:
            gate.set()
            for t in threads:
                t.join(timeout=30)
        assert [r.status_code for r in held + others] == [200, 200, 200]
        # the greedy client's places are free again once its answers are out
        assert greedy.post("/api/chat", json={"message": SALARY}).status_code == 200
