"""The Host check against DNS rebinding: unit rules, then the attack on a real server."""

from __future__ import annotations

import httpx
import pytest

from advisor.settings import Settings
from advisor.web.hosts import HostPolicy, host_name

SALARY = "What do mid-level engineers make?"


def policy(**settings) -> HostPolicy:
    return HostPolicy.from_settings(Settings(**settings))


@pytest.mark.parametrize("header, name", [("example.com:7860", "example.com"), ("[::1]:7860", "::1"),
                                          ("::1", "::1"), ("EXAMPLE.com", "example.com")])
def test_host_name(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1:7860", True), ("localhost:7860", True), ("[::1]:7860", True), ("10.0.0.5", True),
    ("advisor.example.com", True),          # ADVISOR_PUBLIC_URL's host
    ("blog.example.org", True),             # from an allowed origin *.example.org
    ("example.org", False),
    ("partner.example.net:8443", True),     # an allowed origin's host
    ("internal.example:7860", True),        # ADVISOR_ALLOWED_HOSTS
    ("rebind.attacker.example:7860", False),
    ("localhost.attacker.example", False),
])
def test_allowed_hosts(host, allowed):
    p = policy(public_url="https://advisor.example.com/chat", allowed_hosts=["internal.example"],
               allowed_origins=["https://*.example.org", "https://partner.example.net:8443"])
    assert p.allows(host) is allowed


def test_bound_name_and_star():
    assert policy(host="advisor.lan").allows("advisor.lan:7860")
    assert policy(allowed_hosts=["*"]).allows("anything.example")


def test_a_rebound_name_cannot_use_the_api(server):
    """A page on attacker.example, its name resolved to 127.0.0.1: same-origin by Host and Origin."""
    attacker = f"rebind.attacker.example:{server.port}"
    headers = {"Host": attacker, "Origin": f"http://{attacker}"}
    with httpx.Client(base_url=server.url, timeout=60) as c:
        for path in ("/api/chat", "/v1/chat/completions", "/gradio_api/queue/join"):
            response = c.post(path, json={"message": SALARY}, headers=headers)
            assert response.status_code == 400, (path, response.text)
            assert "host_not_allowed" in response.text and "access-control-allow-origin" not in response.headers
        assert c.get("/", headers={"Host": attacker}).status_code == 400
        assert c.get("/healthz", headers={"Host": f"localhost:{server.port}"}).status_code == 200
