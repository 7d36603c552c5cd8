"""Token buckets with a fake clock."""

from __future__ import annotations

from advisor.web.ratelimit import RateLimiter
from tests.fakes import run_apart


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


def limited_app(per_minute: int):
    """The middleware around an app that answers 200, and what it let through."""
    from advisor.settings import Settings
    from advisor.web.clients import ClientIds
    from advisor.web.keys import KeyCheck
    from advisor.web.ratelimit import RateLimitMiddleware

    async def ok(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    return RateLimitMiddleware(ok, RateLimiter(per_minute), {"/api/wages": "GET"}, ClientIds(KeyCheck(Settings())))


def status_for(app, address: str, method: str = "GET", path: str = "/api/wages") -> int:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "client": (address, 5000), "headers": []}
    run_apart(app(scope, receive, send))
    return sent[0]["status"]


def test_an_ipv6_client_is_one_client_across_its_64():
    app = limited_app(per_minute=2)
    statuses = [status_for(app, f"2001:db8:1:2::{i:x}") for i in range(1, 4)]  # three addresses, one /64
    assert statuses == [200, 200, 429]
    assert status_for(app, "2001:db8:1:3::1") == 200  # the next /64 is another client
    assert status_for(app, "::ffff:10.0.0.1") == 200 and status_for(app, "10.0.0.1") == 200
    assert status_for(app, "10.0.0.1") == 429  # an IPv4-mapped address is its IPv4 address


def test_made_up_keys_do_not_make_new_clients():
    """With no keys configured, an X-API-Key header is no identity: the address is."""
    from advisor.settings import Settings
    from advisor.web.clients import ClientIds
    from advisor.web.keys import KeyCheck

    ids = ClientIds(KeyCheck(Settings()))
    scopes = [{"type": "http", "client": ("10.0.0.9", 1), "headers": [(b"x-api-key", f"k{i}".encode())]}
              for i in range(2)]
    assert ids(scopes[0]) == ids(scopes[1]) == "10.0.0.9"
