"""Token buckets with a fake clock."""

from __future__ import annotations

from advisor.web.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill_per_client():
    clock = Clock()
    limiter = RateLimiter(per_minute=3, clock=clock)
    assert [limiter.acquire("a") for _ in range(3)] == [None, None, None]
    wait = limiter.acquire("a")
    assert wait is not None and 19 < wait <= 20  # one token every 20 s
    assert limiter.acquire("b") is None  # other clients have their own bucket
    clock.now += 20
    assert limiter.acquire("a") is None and limiter.acquire("a") is not None


def test_refused_requests_do_not_cost_tokens():
    clock = Clock()
    limiter = RateLimiter(per_minute=60, clock=clock)
    for _ in range(60):
        limiter.acquire("a")
    for _ in range(5):
        assert limiter.acquire("a") is not None
    clock.now += 1.0
    assert limiter.acquire("a") is None
