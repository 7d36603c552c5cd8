"""With API keys set, the chat page's backend (Gradio's routes) needs a key or a signed session
cookie too; a keyless script gets 401 on every route that reaches the advisor."""

from __future__ import annotations

import httpx
import pytest
from pydantic import SecretStr

from advisor.web.sessions import COOKIE, SessionSigner
from tests.web.conftest import serve, web_settings

KEY = "s3cret-key"
SALARY = "What do mid-level engineers make?"
# every Gradio route that runs an event (the chat, the like handler), uploads, or describes the app
GRADIO_CALLS = [
    ("POST", "/gradio_api/queue/join", {"json": {"data": [SALARY], "fn_index": 0, "session_hash": "abc"}}),
    ("GET", "/gradio_api/queue/data?session_hash=abc", {}),
    ("POST", "/gradio_api/upload", {"files": {"files": ("a.txt", b"a", "text/plain")}}),
    ("POST", "/gradio_api/run/predict", {"json": {"data": []}}),
    ("POST", "/gradio_api/call/respond", {"json": {"data": []}}),
    ("GET", "/gradio_api/info", {}),
    ("GET", "/config", {}),
    ("GET", "/", {}),
]


class Clock:
    now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_signed_tokens_expire_and_cannot_be_forged():
    clock = Clock()
    signer = SessionSigner(b"secret", minutes=60, clock=clock)
    token = signer.issue()
    assert signer.valid(token)
    expiry, _, signature = token.partition(".")
    assert not signer.valid(f"{int(expiry) + 10_000}.{signature}")  # a later expiry, the old signature
    assert not SessionSigner(b"other", minutes=60, clock=clock).valid(token)
    assert not signer.valid("") and not signer.valid("123") and not signer.valid("x.y")
    clock.now += 3601
    assert not signer.valid(token)


@pytest.fixture(scope="module")
def keyed(indexed_settings):
    settings = web_settings(indexed_settings, warm_up=False, api_keys=[SecretStr(KEY)])
    with serve(settings) as live:
        yield live


@pytest.mark.parametrize("method, path, kwargs", GRADIO_CALLS)
def test_a_keyless_script_gets_401_from_the_chat_backend(keyed, method, path, kwargs):
    with httpx.Client(base_url=keyed.url, timeout=60) as c:
        response = c.request(method, path, **kwargs)
        assert response.status_code == 401, (path, response.status_code, response.text[:200])
        assert response.json()["error"]["type"] == "unauthorized"
        assert c.post("/api/chat", json={"message": SALARY}).status_code == 401  # as before
    with httpx.Client(base_url=keyed.url, timeout=60, cookies={COOKIE: "99999999999.deadbeef"}) as forged:
        assert forged.request(method, path, **kwargs).status_code == 401


def test_the_page_sends_a_browser_to_sign_in_and_the_cookie_opens_it(keyed):
    with httpx.Client(base_url=keyed.url, timeout=60) as c:
        page = c.get("/", headers={"Accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"] == "/session"
        assert 'name="key"' in c.get("/session").text
        wrong = c.post("/session", data={"key": "wrong"})
        assert wrong.status_code == 401 and COOKIE not in wrong.cookies
        signed = c.post("/session", data={"key": KEY})
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        cookie = signed.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=3600" in cookie
        assert c.get("/config").status_code == 200  # the client now sends the cookie
        assert c.get("/", headers={"Accept": "text/html"}).status_code == 200
    with httpx.Client(base_url=keyed.url, timeout=60, headers={"X-API-Key": KEY}) as scripted:
        assert scripted.get("/config").status_code == 200  # a key works here as on /api


def test_the_page_can_be_switched_off(indexed_settings):
    settings = web_settings(indexed_settings, warm_up=False, ui=False)
    with serve(settings) as live, httpx.Client(base_url=live.url, timeout=60) as c:
        for method, path, kwargs in GRADIO_CALLS:
            assert c.request(method, path, **kwargs).status_code == 404, path
        assert c.post("/api/chat", json={"message": SALARY}).status_code == 200
